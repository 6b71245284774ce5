/**
 * Framework overhead per training step on a tiny model — Dense 8 relu → Dense 2 softmax on 8
 * features, batch 32, SGD, sparse categorical cross-entropy, accuracy — where the arithmetic is
 * negligible (~2 kFLOP per step), so the time per step is the front end: layer calls, op dispatch,
 * the tape, the optimizer and the metrics. keras-ts (native, js) and TF.js (cpu, and wasm
 * single-threaded with its .wasm loaded from node_modules) in the same run.
 *
 * keras-ts is measured as users run it: the compiled package in dist/ (`npm run build`; `npm ci`
 * builds it). `--src` measures the TypeScript sources through tsx instead, whose esbuild transform
 * wraps every closure in a naming helper (~15–25% slower per step).
 *
 * Each step's time comes from an onBatchEnd timestamp, so besides the mean of whole fits the script
 * prints per-step percentiles, and a fixed-work probe shows how much this machine's speed wanders
 * during the run (shared VMs swing 1.5–2× over seconds).
 *
 *   npx tsx bench/step-overhead.ts [--steps 2000] [--reps 5] [--src]
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs";
import { useTfjs } from "./tfjs-backends.js";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const STEPS = Number(arg("steps", "2000"));
const REPS = Number(arg("reps", "5"));
const FROM_SRC = process.argv.includes("--src");
const BATCH = 32;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Newest modification time of the files under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) t = Math.max(t, statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs);
  return t;
}

async function loadKeras(): Promise<typeof import("../src/index.js")> {
  if (FROM_SRC) return import("../src/index.js");
  const dist = path.join(root, "dist", "index.js");
  let built = 0;
  try {
    built = statSync(dist).mtimeMs;
  } catch {
    /* not built */
  }
  if (built < newest(path.join(root, "src"))) {
    console.error("dist/ is missing or older than src/: run `npm run build` first (or pass --src).");
    process.exit(2);
  }
  return import(dist);
}
const keras = await loadKeras();

function data(n: number): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(n * 8);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 8; j++) x[i * 8 + j] = Math.sin(i * 8 + j);
    y[i] = x[i * 8]! > 0 ? 1 : 0;
  }
  return { x, y };
}
const { x, y } = data(STEPS * BATCH);

const sorted = (v: readonly number[]) => [...v].sort((a, b) => a - b);
const pct = (v: readonly number[], p: number) => sorted(v)[Math.min(v.length - 1, Math.floor(p * v.length))]!;

/** Per-step times (µs) from batch-end timestamps, and the mean µs/step of each timed fit. */
interface Timing {
  steps: number[];
  fits: number[];
}

/** Records the gap between consecutive batch ends (the first batch of a fit has no predecessor). */
function stepClock(): { onBatchEnd: () => void; onEpochBegin: () => void; steps: number[] } {
  let last = 0;
  const steps: number[] = [];
  return {
    steps,
    onEpochBegin: () => void (last = 0),
    onBatchEnd: () => {
      const t = performance.now();
      if (last) steps.push((t - last) * 1000);
      last = t;
    },
  };
}

/** One untimed warm-up fit, then `REPS` timed fits: their µs per step and the clock's per-step times. */
async function timeFits(fit: () => Promise<unknown>, steps: number[]): Promise<Timing> {
  await fit();
  steps.length = 0;
  const fits: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    await fit();
    fits.push(((performance.now() - t0) * 1000) / STEPS);
  }
  return { steps, fits };
}

async function kerasTs(backendName: string): Promise<Timing> {
  keras.backend.setBackend(backendName);
  keras.utils.setRandomSeed(1);
  const model = new keras.Sequential([
    keras.Input({ shape: [8] }),
    new keras.layers.Dense(8, { activation: "relu" }),
    new keras.layers.Dense(2, { activation: "softmax" }),
  ]);
  model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"] });
  const xt = new keras.Tensor(x, [STEPS * BATCH, 8], "float32");
  const yt = new keras.Tensor(y, [STEPS * BATCH], "float32");
  const clock = stepClock();
  class Clock extends keras.callbacks.Callback {
    override onEpochBegin() {
      clock.onEpochBegin();
    }
    override onBatchEnd() {
      clock.onBatchEnd();
    }
  }
  const options = { batchSize: BATCH, epochs: 1, verbose: 0, callbacks: [new Clock()] };
  return timeFits(() => model.fit(xt, yt, options), clock.steps);
}

async function tfjs(backend: "cpu" | "wasm"): Promise<Timing> {
  await useTfjs(backend);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [8], units: 8, activation: "relu" }),
      tf.layers.dense({ units: 2, activation: "softmax" }),
    ],
  });
  model.compile({ optimizer: "sgd", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  const xt = tf.tensor2d(x, [STEPS * BATCH, 8]);
  const yt = tf.tensor1d(y);
  const clock = stepClock();
  const callbacks = {
    onEpochBegin: async () => clock.onEpochBegin(),
    onBatchEnd: async () => clock.onBatchEnd(),
  };
  const options = { batchSize: BATCH, epochs: 1, verbose: 0 as const, callbacks };
  const timing = await timeFits(() => model.fit(xt, yt, options), clock.steps);
  tf.dispose([xt, yt]);
  model.dispose();
  return timing;
}

/** A fixed ~100 µs of arithmetic, timed many times: how much this machine's speed wanders. */
function noiseProbe(): number[] {
  const a = new Float64Array(4096).map((_, i) => Math.sin(i));
  let s = 0;
  const work = () => {
    for (let r = 0; r < 3; r++) for (let i = 0; i < a.length; i++) s += a[i]! * a[(i * 7) & 4095]!;
  };
  for (let i = 0; i < 500; i++) work();
  const t: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const t0 = performance.now();
    work();
    t.push((performance.now() - t0) * 1000);
  }
  if (s === 0.5) console.log(""); // keep the work observable
  return t;
}

console.log(
  `tiny model 8→8→2, batch ${BATCH}, ${STEPS} steps per fit, ${REPS} timed fits; keras-ts from ` +
    `${FROM_SRC ? "src/ through tsx" : "dist/ (compiled)"}`,
);
const before = noiseProbe();
const rows: [string, Timing][] = [];
try {
  rows.push(["keras-ts native", await kerasTs("native")]);
} catch (e) {
  console.log(`keras-ts native: unavailable (${(e as Error).message})`);
}
rows.push(["keras-ts js", await kerasTs("js")]);
rows.push(["tfjs wasm", await tfjs("wasm")]);
rows.push(["tfjs cpu", await tfjs("cpu")]);
const after = noiseProbe();

const f1 = (v: number) => v.toFixed(1).padStart(7);
const wasmMean = pct(rows.find(([n]) => n === "tfjs wasm")![1].fits, 0.5);
console.log("µs per step: mean of whole fits (median fit, min–max) | per-step p10 p50 p90 | tfjs-wasm/this");
for (const [name, { steps, fits }] of rows) {
  const m = pct(fits, 0.5);
  console.log(
    `${name.padEnd(16)} ${f1(m)} (${Math.min(...fits).toFixed(1)}–${Math.max(...fits).toFixed(1)}) | ` +
      `${f1(pct(steps, 0.1))} ${f1(pct(steps, 0.5))} ${f1(pct(steps, 0.9))} | ${(wasmMean / m).toFixed(1)}×`,
  );
}
const probe = [...before, ...after];
console.log(
  `machine noise (fixed work, µs): p10 ${pct(probe, 0.1).toFixed(1)} p50 ${pct(probe, 0.5).toFixed(1)} ` +
    `p90 ${pct(probe, 0.9).toFixed(1)} (p50/p10 ${(pct(probe, 0.5) / pct(probe, 0.1)).toFixed(2)})`,
);
console.log("target: ≤ 50 µs per step");
