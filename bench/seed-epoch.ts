/**
 * Seconds per epoch of the seed workload — Flatten → Dense 300 relu → Dense 100 relu → Dense 10
 * softmax, SGD, sparse categorical cross-entropy, batch 32, on real Fashion-MNIST (55,000 train +
 * 5,000 validation, verbose 0) — on the native backend with 1 and 2 threads and on the js backend.
 *
 *   npx tsx bench/seed-epoch.ts
 *   npx tsx bench/seed-epoch.ts --js-steps 200
 *
 * Native: one full epoch with validation, timed, after a 50-step warm-up fit (JIT, first-touch
 * allocations). js: one full epoch takes ~50 s, so it times `--js-steps` training steps (default
 * 200) and a full validation pass and extrapolates: steps · 1719 / jsSteps + validation. The
 * result line says so.
 */
import { cpus } from "node:os";
import * as keras from "../src/index.js";
import { nativeAvailable, nativeInfo, setNumThreads } from "../src/backends/native/index.js";
import { flag, loadSeedData } from "../examples/train-seed.js";
import { seedSequential } from "../examples/seed-models.js";

const { ops } = keras;
const BATCH = 32;
const data = await loadSeedData();
const stepsPerEpoch = Math.ceil(data.xTrain.shape[0]! / BATCH);

function freshModel(): keras.Model {
  keras.utils.setRandomSeed(42);
  const model = seedSequential();
  model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"] });
  return model;
}

const head = (x: keras.Tensor, n: number) =>
  ops.slice(x, [0, ...x.shape.slice(1).map(() => 0)], [n, ...x.shape.slice(1)]);

async function timeFit(model: keras.Model, x: keras.Tensor, y: keras.Tensor, validation: boolean) {
  const t0 = performance.now();
  const h = await model.fit(x, y, {
    epochs: 1,
    batchSize: BATCH,
    verbose: 0,
    ...(validation ? { validationData: [data.xValid, data.yValid] as [keras.Tensor, keras.Tensor] } : {}),
  });
  return { seconds: (performance.now() - t0) / 1000, history: h.history };
}

async function nativeEpoch(threads: number): Promise<number> {
  keras.backend.setBackend("native");
  setNumThreads(threads);
  await timeFit(freshModel(), head(data.xTrain, 50 * BATCH), head(data.yTrain, 50 * BATCH), false);
  const { seconds, history } = await timeFit(freshModel(), data.xTrain, data.yTrain, true);
  const last = (k: string) => (history[k] as number[]).at(-1)!.toFixed(4);
  console.log(
    `native ${threads}T: ${seconds.toFixed(2)} s/epoch (loss ${last("loss")}, val_accuracy ${last("val_accuracy")})`,
  );
  return seconds;
}

async function jsEpoch(steps: number): Promise<number> {
  keras.backend.setBackend("js");
  const model = freshModel();
  const { seconds: train } = await timeFit(
    model,
    head(data.xTrain, steps * BATCH),
    head(data.yTrain, steps * BATCH),
    false,
  );
  const t0 = performance.now();
  await model.evaluate(data.xValid, data.yValid, { batchSize: BATCH, verbose: 0 });
  const val = (performance.now() - t0) / 1000;
  const epoch = (train * stepsPerEpoch) / steps + val;
  console.log(
    `js: ${epoch.toFixed(2)} s/epoch, EXTRAPOLATED from ${steps} steps (${train.toFixed(2)} s) × ${stepsPerEpoch}/${steps} + validation ${val.toFixed(2)} s`,
  );
  return epoch;
}

if (!nativeAvailable()) {
  console.error("The native addon is not built: run `npm run build:native`.");
  process.exit(1);
}
const info = nativeInfo();
console.log(
  `seed workload, ${data.xTrain.shape[0]} train + ${data.xValid.shape[0]} val, batch ${BATCH}; ` +
    `${cpus()[0]?.model ?? "?"} (${cpus().length} CPUs), Node ${process.version}, kernels ${info.kernels}`,
);
const n1 = await nativeEpoch(1);
const n2 = await nativeEpoch(2);
const js = await jsEpoch(Number(flag("js-steps", "200")));
keras.backend.setBackend("js");
console.log(
  `ratios: js/native-1T ${(js / n1).toFixed(1)}×, js/native-2T ${(js / n2).toFixed(1)}×, ` +
    `native 1T/2T ${(n1 / n2).toFixed(2)}×; target ≤ 0.40 s/epoch (native 2T is ${(n2 / 0.4).toFixed(1)}× over)`,
);
