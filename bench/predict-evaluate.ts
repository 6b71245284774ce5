/**
 * Inference speed on the seed MLP (Flatten → Dense 300 relu → Dense 100 relu → Dense 10 softmax,
 * weights from `keras.utils.setRandomSeed(42)`, untrained): `model.predict` over the 10,000
 * Fashion-MNIST test images and `model.evaluate` on them (sparse categorical cross-entropy +
 * accuracy), batch 32, verbose 0 — keras-ts native 1 and 2 threads, keras-ts js, TF.js wasm, and
 * TF.js cpu with `--tfjs-cpu` (or `--only`), in the same run.
 *
 * Rows: native1, native2, js, tfjs-wasm, tfjs-wasm-batches, tfjs-cpu (`--only a,b` / `--skip a,b`).
 * "tfjs-wasm-batches" times TF.js wasm's forward pass without its `model.predict` batching: the
 * 313 batches are separate tensors made beforehand (untimed), predicted one by one and
 * concatenated. It exists because TF.js wasm's Slice kernel reads the whole 31 MB input out of
 * the wasm heap (`readSync`, a copy) for every 32-image batch `model.predict` slices, which
 * dominates its predict time; `evaluate` batches with gather and is unaffected.
 *
 *   npx tsx bench/predict-evaluate.ts [--reps 5] [--tfjs-cpu]
 *   npx tsx bench/predict-evaluate.ts --only native1,native2,tfjs-wasm
 *
 * TF.js's model gets the very same weights (copied from keras-ts), so its predictions and loss are
 * compared with native's. Each contender is warmed up (one predict and one evaluate on 320
 * images), then timed `--reps` times (default 5), the contenders taking turns within each
 * repetition; TF.js's `dataSync()` of the result is inside the timed region. Printed: median
 * (min–max) seconds and the ratio to native 2T.
 */
import * as tf from "@tensorflow/tfjs";
import * as keras from "../src/index.js";
import { nativeAvailable, nativeInfo, setNumThreads } from "../src/backends/native/index.js";
import { loadSeedData } from "../examples/train-seed.js";
import { seedSequential } from "../examples/seed-models.js";
import {
  flag,
  hasFlag,
  machineLine,
  median,
  seconds,
  selectRows,
  spread,
  tfjsSeedModel,
  toTf,
  useTfjs,
} from "./lib.js";

const { ops } = keras;
const ROWS = ["native1", "native2", "js", "tfjs-wasm", "tfjs-wasm-batches", "tfjs-cpu"] as const;
type Row = (typeof ROWS)[number];
const rows = selectRows(
  ROWS,
  ROWS.filter((r) => r !== "tfjs-cpu" || hasFlag("tfjs-cpu")),
);
const REPS = Number(flag("reps", "5"));
const BATCH = 32;
const LABEL: Record<Row, string> = {
  native1: "keras-ts native 1T",
  native2: "keras-ts native 2T",
  js: "keras-ts js",
  "tfjs-wasm": "tfjs wasm",
  "tfjs-wasm-batches": "tfjs wasm, batches",
  "tfjs-cpu": "tfjs cpu",
};

const data = await loadSeedData();
const { xTest, yTest } = data;
const head = (x: keras.Tensor, n: number) =>
  ops.slice(x, [0, ...x.shape.slice(1).map(() => 0)], [n, ...x.shape.slice(1)]);

function kerasModel(): keras.Model {
  keras.utils.setRandomSeed(42);
  const model = seedSequential();
  model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"] });
  return model;
}

interface Result {
  predict: number;
  evaluate: number;
  probs: Float32Array;
  loss: number;
  accuracy: number;
}

/** One keras-ts contender: switches backend/threads, (lazily) builds its model, times both calls. */
const kModels = new Map<Row, keras.Model>();
async function kerasRep(row: Row, warm: boolean): Promise<Result> {
  keras.backend.setBackend(row === "js" ? "js" : "native");
  if (row !== "js") setNumThreads(row === "native1" ? 1 : 2);
  if (!kModels.has(row)) kModels.set(row, kerasModel());
  const model = kModels.get(row)!;
  const [x, y] = warm ? [head(xTest, 10 * BATCH), head(yTest, 10 * BATCH)] : [xTest, yTest];
  const [p, probs] = await seconds(
    async () => (await model.predict(x, { batchSize: BATCH, verbose: 0 })) as keras.Tensor,
  );
  const [e, ev] = await seconds(() => model.evaluate(x, y, { batchSize: BATCH, verbose: 0 }));
  const [loss, accuracy] = ev as number[];
  return {
    predict: p,
    evaluate: e,
    probs: probs.dataSync() as Float32Array,
    loss: loss!,
    accuracy: accuracy!,
  };
}

/** One TF.js contender, with keras-ts's seed-42 weights. */
let tfX: tf.Tensor | null = null;
let tfY: tf.Tensor | null = null;
let tfBatches: tf.Tensor[] = [];
const tModels = new Map<Row, tf.Sequential>();
async function tfjsRep(row: Row, warm: boolean): Promise<Result> {
  await useTfjs(row === "tfjs-cpu" ? "cpu" : "wasm");
  tf.dispose([tfX!, tfY!, ...tfBatches].filter((t) => t !== null));
  const n = warm ? 10 * BATCH : xTest.shape[0]!;
  tfX = toTf(head(xTest, n));
  tfY = toTf(head(yTest, n));
  // The "batches" row feeds predict pre-split batches (made here, untimed, from host memory).
  const flat = head(xTest, n).dataSync() as Float32Array;
  tfBatches = [];
  if (row === "tfjs-wasm-batches")
    for (let i = 0; i < n; i += BATCH) {
      const b = Math.min(BATCH, n - i);
      tfBatches.push(tf.tensor(flat.slice(i * 784, (i + b) * 784), [b, 28, 28], "float32"));
    }
  const [x, y, batches] = [tfX, tfY, tfBatches];
  if (!tModels.has(row)) {
    keras.backend.setBackend("js");
    const weights = kerasModel().getWeights();
    const model = tfjsSeedModel();
    model.setWeights(weights.map(toTf));
    tModels.set(row, model);
  }
  const model = tModels.get(row)!;
  const [p, probs] = await seconds(() => {
    const out =
      batches.length > 0
        ? tf.tidy(() => tf.concat(batches.map((b) => model.predict(b) as tf.Tensor)))
        : (model.predict(x, { batchSize: BATCH }) as tf.Tensor);
    const v = out.dataSync() as Float32Array;
    out.dispose();
    return v;
  });
  if (batches.length > 0) return { predict: p, evaluate: NaN, probs, loss: NaN, accuracy: NaN };
  const [e, ev] = await seconds(() => {
    const r = model.evaluate(x, y, { batchSize: BATCH }) as tf.Scalar[];
    const v = r.map((t) => t.dataSync()[0]!);
    tf.dispose(r);
    return v;
  });
  return { predict: p, evaluate: e, probs, loss: ev[0]!, accuracy: ev[1]! };
}

const hasNative = nativeAvailable();
const active = rows.filter((r) => hasNative || !r.startsWith("native"));
if (active.length < rows.length)
  console.log("native addon not built (`npm run build:native`): native rows skipped");
console.log(
  `seed MLP inference, ${xTest.shape[0]} test images, batch ${BATCH}, seed-42 weights (untrained); ` +
    `${machineLine()}${hasNative ? `, native kernels ${nativeInfo().kernels}` : ""}; ${REPS} reps`,
);

const results = new Map<Row, Result[]>();
const run = (row: Row, warm: boolean) => (row.startsWith("tfjs") ? tfjsRep(row, warm) : kerasRep(row, warm));
for (const row of active) await run(row, true);
for (let r = 0; r < REPS; r++)
  for (const row of active) {
    const res = await run(row, false);
    if (!results.has(row)) results.set(row, []);
    results.get(row)!.push(res);
  }
tf.dispose([tfX!, tfY!, ...tfBatches].filter((t) => t !== null));
keras.backend.setBackend("js");

const refRow = results.has("native2") ? "native2" : active[0];
const ref = refRow === undefined ? null : results.get(refRow)![0]!;
const med = (row: Row, k: "predict" | "evaluate") => median(results.get(row)!.map((r) => r[k]));
console.log(
  `\n${"row".padEnd(20)} ${"predict s (median, min–max)".padEnd(28)} ${"evaluate s (median, min–max)".padEnd(29)} ` +
    `${`×${refRow ?? ""} p/e`.padEnd(16)} loss      accuracy  max|Δprob| vs ${refRow ?? ""}`,
);
for (const row of active) {
  const v = results.get(row)!;
  const p = v.map((r) => r.predict);
  const e = v.map((r) => r.evaluate);
  let diff = 0;
  for (let i = 0; i < v[0]!.probs.length; i++)
    diff = Math.max(diff, Math.abs(v[0]!.probs[i]! - ref!.probs[i]!));
  const hasEval = e.every((t) => !Number.isNaN(t));
  const ratio =
    `${(median(p) / med(refRow!, "predict")).toFixed(2)}× / ` +
    (hasEval ? `${(median(e) / med(refRow!, "evaluate")).toFixed(2)}×` : "—");
  console.log(
    `${LABEL[row].padEnd(20)} ${`${median(p).toFixed(3)} (${spread(p, 3)})`.padEnd(28)} ` +
      `${hasEval ? `${median(e).toFixed(3)} (${spread(e, 3)})` : "— (predict only)"}`.padEnd(29) +
      ` ${ratio.padEnd(16)} ` +
      `${hasEval ? v[0]!.loss.toFixed(4).padEnd(9) : "—".padEnd(9)} ` +
      `${hasEval ? v[0]!.accuracy.toFixed(4).padEnd(9) : "—".padEnd(9)} ${diff.toExponential(1)}`,
  );
}
console.log("ratios: this row's median ÷ the reference row's (higher = slower); TF.js has the same weights.");
if (results.has("tfjs-wasm-batches"))
  console.log(
    "tfjs wasm, batches: predict on pre-split 32-image tensors + concat (TF.js wasm's Slice kernel copies " +
      "the whole input out of the wasm heap for every batch that model.predict slices).",
  );
console.log("issue #5 quotes TF.js wasm at 0.25 s predict / 0.39 s evaluate on another machine.");
