/**
 * Seconds per epoch of the seed workload — Flatten → Dense 300 relu → Dense 100 relu → Dense 10
 * softmax, SGD lr 0.01, sparse categorical cross-entropy, accuracy, batch 32, shuffled, on real
 * Fashion-MNIST (55,000 train + 5,000 validation, /255, verbose 0) — for keras-ts (native 1 and 2
 * threads, js), TF.js (wasm, cpu) and a hand-written NumPy loop, all in the same run.
 *
 *   npx tsx bench/seed-epoch.ts
 *   npx tsx bench/seed-epoch.ts --only native1,native2,tfjs-wasm --reps 5
 *   npx tsx bench/seed-epoch.ts --skip tfjs-cpu --js-steps 100 --check-steps 200
 *
 * Rows: native1, native2, js, tfjs-wasm, tfjs-cpu, numpy (`--only a,b` / `--skip a,b`).
 * Every row is measured `--reps` times (default 3) and printed as median (min–max); the rows take
 * turns within each repetition, so background load hits them alike.
 * - native1/native2: one full epoch with validation per repetition (`model.fit`, epochs 1), after a
 *   50-step warm-up fit; each thread count trains its own model, both from the same seed.
 * - js, tfjs-cpu, and tfjs-wasm when `--tfjs-wasm-steps` > 0: EXTRAPOLATED — N training steps
 *   (`--js-steps` 200, `--tfjs-cpu-steps` 200, `--tfjs-wasm-steps` 0 = full epoch) timed,
 *   × 1719/N, plus one full validation pass (`evaluate`, batch 32) timed. The line says so.
 * - numpy: `bench/numpy_seed_epoch.py` in a child process (OPENBLAS_NUM_THREADS=1, OPENBLAS_CORETYPE
 *   and OPENBLAS_L2_SIZE removed), `--reps` epochs; the interpreter is $KERAS_TS_PYTHON (default
 *   /tmp/kenv/bin/python), skipped with a note when it or NumPy is missing.
 * Accuracy-curve check (`--check-steps` K, default 200; 0 = off): the native (2 threads) and js
 * backends each train a fresh model from seed 42 for K steps; the running loss/accuracy after every
 * K/4 steps must agree within 1e-4.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs";
import * as keras from "../src/index.js";
import { nativeAvailable, nativeInfo, setNumThreads } from "../src/backends/native/index.js";
import { loadSeedData } from "../examples/train-seed.js";
import { seedSequential } from "../examples/seed-models.js";
import {
  flag,
  machineLine,
  median,
  seconds,
  selectRows,
  spread,
  tfHead,
  tfjsSeedModel,
  toTf,
  useTfjs,
} from "./lib.js";

const { ops } = keras;
const ROWS = ["native1", "native2", "js", "tfjs-wasm", "tfjs-cpu", "numpy"] as const;
type Row = (typeof ROWS)[number];
const rows = selectRows(ROWS);
const REPS = Number(flag("reps", "3"));
const JS_STEPS = Number(flag("js-steps", "200"));
const TFJS_CPU_STEPS = Number(flag("tfjs-cpu-steps", "200"));
const TFJS_WASM_STEPS = Number(flag("tfjs-wasm-steps", "0"));
const CHECK_STEPS = Number(flag("check-steps", "200"));
const PYTHON = process.env.KERAS_TS_PYTHON ?? "/tmp/kenv/bin/python";
const BATCH = 32;
const TARGET = 0.4;

const data = await loadSeedData();
const nTrain = data.xTrain.shape[0]!;
const stepsPerEpoch = Math.ceil(nTrain / BATCH);

function freshModel(): keras.Model {
  keras.utils.setRandomSeed(42);
  const model = seedSequential();
  model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"] });
  return model;
}

const head = (x: keras.Tensor, n: number) =>
  ops.slice(x, [0, ...x.shape.slice(1).map(() => 0)], [n, ...x.shape.slice(1)]);

/** One repetition's figure: seconds per epoch, and the line's detail. */
interface Sample {
  seconds: number;
  note: string;
}
const samples = new Map<Row, Sample[]>();
const extrapolated = new Map<Row, string>();
const fmt = (v: number) => (v < 10 ? v.toFixed(3) : v.toFixed(2));
const last = (h: Record<string, unknown>, k: string) =>
  (h[k] as number[] | undefined)?.at(-1)?.toFixed(4) ?? "?";

// ---- keras-ts native -------------------------------------------------------------------------
const nativeModels = new Map<number, keras.Model>();
async function nativeRep(threads: number): Promise<Sample> {
  keras.backend.setBackend("native");
  setNumThreads(threads);
  let model = nativeModels.get(threads);
  if (model === undefined) {
    const warm = freshModel();
    await warm.fit(head(data.xTrain, 50 * BATCH), head(data.yTrain, 50 * BATCH), {
      batchSize: BATCH,
      verbose: 0,
    });
    model = freshModel();
    nativeModels.set(threads, model);
  }
  const m = model;
  const [s, h] = await seconds(() =>
    m.fit(data.xTrain, data.yTrain, {
      epochs: 1,
      batchSize: BATCH,
      verbose: 0,
      validationData: [data.xValid, data.yValid],
    }),
  );
  return {
    seconds: s,
    note: `loss ${last(h.history, "loss")}, val_accuracy ${last(h.history, "val_accuracy")}`,
  };
}

// ---- keras-ts js (extrapolated) ----------------------------------------------------------------
async function jsRep(steps: number): Promise<Sample> {
  keras.backend.setBackend("js");
  const model = freshModel();
  const [train, h] = await seconds(() =>
    model.fit(head(data.xTrain, steps * BATCH), head(data.yTrain, steps * BATCH), {
      batchSize: BATCH,
      verbose: 0,
    }),
  );
  const [val] = await seconds(() =>
    model.evaluate(data.xValid, data.yValid, { batchSize: BATCH, verbose: 0 }),
  );
  const epoch = (train * stepsPerEpoch) / steps + val;
  extrapolated.set(
    "js",
    `EXTRAPOLATED from ${steps} steps × ${stepsPerEpoch}/${steps} + one validation pass`,
  );
  return {
    seconds: epoch,
    note: `${steps} steps ${train.toFixed(2)} s + validation ${val.toFixed(2)} s; loss ${last(h.history, "loss")}`,
  };
}

// ---- TF.js -------------------------------------------------------------------------------------
let tfData: { xTrain: tf.Tensor; yTrain: tf.Tensor; xValid: tf.Tensor; yValid: tf.Tensor } | null = null;
const tfWarm = new Set<string>();
async function tfjsRep(backend: "cpu" | "wasm", steps: number): Promise<Sample> {
  await useTfjs(backend);
  tfData?.xTrain.dispose();
  tfData?.yTrain.dispose();
  tfData?.xValid.dispose();
  tfData?.yValid.dispose();
  tfData = {
    xTrain: toTf(data.xTrain),
    yTrain: toTf(data.yTrain),
    xValid: toTf(data.xValid),
    yValid: toTf(data.yValid),
  };
  const d = tfData;
  if (!tfWarm.has(backend)) {
    const warm = tfjsSeedModel();
    const [xw, yw] = [tfHead(d.xTrain, 20 * BATCH), tfHead(d.yTrain, 20 * BATCH)];
    await warm.fit(xw, yw, { batchSize: BATCH, epochs: 1, verbose: 0, shuffle: true });
    tf.dispose([xw, yw]);
    warm.dispose();
    tfWarm.add(backend);
  }
  const model = tfjsSeedModel();
  const row: Row = backend === "cpu" ? "tfjs-cpu" : "tfjs-wasm";
  let result: Sample;
  if (steps <= 0 || steps >= stepsPerEpoch) {
    const [s, h] = await seconds(() =>
      model.fit(d.xTrain, d.yTrain, {
        batchSize: BATCH,
        epochs: 1,
        verbose: 0,
        shuffle: true,
        validationData: [d.xValid, d.yValid],
      }),
    );
    const hist = h.history as Record<string, number[]>;
    result = { seconds: s, note: `loss ${last(hist, "loss")}, val_accuracy ${last(hist, "val_acc")}` };
  } else {
    const [x, y] = [tfHead(d.xTrain, steps * BATCH), tfHead(d.yTrain, steps * BATCH)];
    const [train, h] = await seconds(() =>
      model.fit(x, y, { batchSize: BATCH, epochs: 1, verbose: 0, shuffle: true }),
    );
    tf.dispose([x, y]);
    const [val] = await seconds(() => {
      const r = model.evaluate(d.xValid, d.yValid, { batchSize: BATCH }) as tf.Scalar[];
      r.forEach((t) => t.dataSync());
      tf.dispose(r);
    });
    extrapolated.set(
      row,
      `EXTRAPOLATED from ${steps} steps × ${stepsPerEpoch}/${steps} + one validation pass`,
    );
    result = {
      seconds: (train * stepsPerEpoch) / steps + val,
      note: `${steps} steps ${train.toFixed(2)} s + validation ${val.toFixed(2)} s; loss ${last(h.history as Record<string, number[]>, "loss")}`,
    };
  }
  model.dispose();
  return result;
}

// ---- NumPy -------------------------------------------------------------------------------------
function numpyRows(epochs: number): { version: string; epochs: Sample[] } | string {
  if (!existsSync(PYTHON)) return `${PYTHON} not found (set KERAS_TS_PYTHON)`;
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: "1" };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const script = fileURLToPath(new URL("./numpy_seed_epoch.py", import.meta.url));
  const r = spawnSync(PYTHON, [script, "--epochs", String(epochs)], { env, encoding: "utf8" });
  if (r.status !== 0) return `python failed: ${(r.stderr || String(r.error)).trim().split("\n").pop()}`;
  const out = JSON.parse(r.stdout) as {
    numpy: string;
    epochs: { seconds: number; loss: number; val_accuracy: number }[];
  };
  return {
    version: out.numpy,
    epochs: out.epochs.map((e) => ({
      seconds: e.seconds,
      note: `loss ${e.loss.toFixed(4)}, val_accuracy ${e.val_accuracy.toFixed(4)}`,
    })),
  };
}

// ---- accuracy-curve check ----------------------------------------------------------------------
async function curve(
  backend: "native" | "js",
  steps: number,
): Promise<{ points: { step: number; loss: number; acc: number }[]; seconds: number; backend: string }> {
  keras.backend.setBackend(backend);
  if (backend === "native") setNumThreads(2);
  const model = freshModel();
  const every = Math.max(1, Math.floor(steps / 4));
  const points: { step: number; loss: number; acc: number }[] = [];
  const record = new keras.callbacks.LambdaCallback({
    onTrainBatchEnd: (batch, logs) => {
      if ((batch + 1) % every === 0 || batch + 1 === steps)
        points.push({ step: batch + 1, loss: logs!["loss"] as number, acc: logs!["accuracy"] as number });
    },
  });
  const [s] = await seconds(() =>
    model.fit(head(data.xTrain, steps * BATCH), head(data.yTrain, steps * BATCH), {
      batchSize: BATCH,
      verbose: 0,
      callbacks: [record],
    }),
  );
  return { points, seconds: s, backend: keras.backend.getBackend() };
}

// ---- run ---------------------------------------------------------------------------------------
const hasNative = nativeAvailable();
if (!hasNative && (rows.includes("native1") || rows.includes("native2")))
  console.log("native addon not built (`npm run build:native`): native rows skipped");
console.log(
  `seed workload, ${nTrain} train + ${data.xValid.shape[0]} val, batch ${BATCH}, ${stepsPerEpoch} steps/epoch; ` +
    `${machineLine()}${hasNative ? `, native kernels ${nativeInfo().kernels}` : ""}; ${REPS} reps`,
);

let numpyNote = "";
if (rows.includes("numpy")) {
  const np = numpyRows(REPS);
  if (typeof np === "string") numpyNote = `numpy: skipped (${np})`;
  else {
    samples.set("numpy", np.epochs);
    numpyNote = `numpy ${np.version}, OpenBLAS 1 thread, ${REPS} consecutive epochs (run before the others)`;
  }
}
for (let r = 0; r < REPS; r++) {
  for (const row of rows) {
    let s: Sample | null = null;
    if (row === "native1" && hasNative) s = await nativeRep(1);
    else if (row === "native2" && hasNative) s = await nativeRep(2);
    else if (row === "js") s = await jsRep(JS_STEPS);
    else if (row === "tfjs-wasm") s = await tfjsRep("wasm", TFJS_WASM_STEPS);
    else if (row === "tfjs-cpu") s = await tfjsRep("cpu", TFJS_CPU_STEPS);
    if (s === null) continue;
    if (!samples.has(row)) samples.set(row, []);
    samples.get(row)!.push(s);
  }
}
tf.dispose(tfData === null ? [] : Object.values(tfData));
keras.backend.setBackend("js");

const LABEL: Record<Row, string> = {
  native1: "keras-ts native 1T",
  native2: "keras-ts native 2T",
  js: "keras-ts js",
  "tfjs-wasm": "tfjs wasm",
  "tfjs-cpu": "tfjs cpu",
  numpy: "numpy loop 1T",
};
const ref = samples.has("native2") ? median(samples.get("native2")!.map((s) => s.seconds)) : null;
console.log("\nrow                   s/epoch (median, min–max over reps)   ×native-2T  detail (first rep)");
for (const row of ROWS) {
  const v = samples.get(row);
  if (v === undefined) continue;
  const t = v.map((s) => s.seconds);
  const m = median(t);
  const ratio = ref === null ? "" : `${(m / ref).toFixed(2)}×`;
  console.log(
    `${LABEL[row].padEnd(20)} ${fmt(m).padStart(8)} s  (${spread(t)})`.padEnd(59) +
      ratio.padStart(10) +
      `  ${v[0]!.note}${extrapolated.has(row) ? `; ${extrapolated.get(row)}` : ""}`,
  );
}
if (numpyNote) console.log(numpyNote);
if (ref !== null)
  console.log(
    `ratios are this row's median ÷ native 2T's (higher = slower than native 2T); target ≤ ${TARGET} s/epoch: native 2T is ${(ref / TARGET).toFixed(1)}× over`,
  );

if (CHECK_STEPS > 0 && hasNative) {
  const ca = await curve("native", CHECK_STEPS);
  const cb = await curve("js", CHECK_STEPS);
  const [a, b] = [ca.points, cb.points];
  keras.backend.setBackend("js");
  let worst = 0;
  console.log(
    `\naccuracy-curve check: seed 42, ${CHECK_STEPS} steps, running loss / accuracy; ` +
      `"${ca.backend}" 2T (${ca.seconds.toFixed(2)} s) vs "${cb.backend}" (${cb.seconds.toFixed(2)} s)`,
  );
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const q = b[i]!;
    const d = Math.max(Math.abs(p.loss - q.loss), Math.abs(p.acc - q.acc));
    worst = Math.max(worst, d);
    console.log(
      `  step ${String(p.step).padStart(4)}: native loss ${p.loss.toFixed(8)} acc ${p.acc.toFixed(6)} | ` +
        `js loss ${q.loss.toFixed(8)} acc ${q.acc.toFixed(6)} | max diff ${d.toExponential(1)}`,
    );
  }
  console.log(`  ${worst <= 1e-4 ? "PASS" : "FAIL"}: max |diff| ${worst.toExponential(1)} (tolerance 1e-4)`);
}
