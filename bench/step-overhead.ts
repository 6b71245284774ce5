/**
 * Framework overhead per training step on a tiny model — Dense 8 relu → Dense 2 softmax on 8
 * features, batch 32, SGD, sparse categorical cross-entropy — where the arithmetic is negligible
 * (~2 kFLOP per step), so the time per step is the front end: layer calls, op dispatch, the tape,
 * the optimizer and the metrics. keras-ts (native, js) and TF.js (cpu, and wasm single-threaded with
 * its .wasm loaded from node_modules) in the same run.
 *
 *   npx tsx bench/step-overhead.ts [--steps 2000] [--reps 5]
 */
import * as tf from "@tensorflow/tfjs";
import * as keras from "../src/index.js";
import { nativeAvailable } from "../src/backends/native/index.js";
import { flag } from "../examples/train-seed.js";
import { useTfjs } from "./lib.js";

const STEPS = Number(flag("steps", "2000"));
const REPS = Number(flag("reps", "5"));
const BATCH = 32;

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

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const spread = (v: number[]) => `${Math.min(...v).toFixed(1)}–${Math.max(...v).toFixed(1)}`;

async function kerasTs(backendName: string): Promise<number[]> {
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
  await model.fit(xt, yt, { batchSize: BATCH, epochs: 1, verbose: 0 }); // warm-up
  const times: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    await model.fit(xt, yt, { batchSize: BATCH, epochs: 1, verbose: 0 });
    times.push(((performance.now() - t0) * 1000) / STEPS);
  }
  return times;
}

async function tfjs(backend: "cpu" | "wasm"): Promise<number[]> {
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
  await model.fit(xt, yt, { batchSize: BATCH, epochs: 1, verbose: 0 });
  const times: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    await model.fit(xt, yt, { batchSize: BATCH, epochs: 1, verbose: 0 });
    times.push(((performance.now() - t0) * 1000) / STEPS);
  }
  tf.dispose([xt, yt]);
  model.dispose();
  return times;
}

console.log(
  `tiny model 8→8→2, batch ${BATCH}, ${STEPS} steps per fit, ${REPS} timed fits; µs per step (median, min–max)`,
);
const rows: [string, number[]][] = [];
if (nativeAvailable()) rows.push(["keras-ts native", await kerasTs("native")]);
rows.push(["keras-ts js", await kerasTs("js")]);
rows.push(["tfjs wasm", await tfjs("wasm")]);
rows.push(["tfjs cpu", await tfjs("cpu")]);
keras.backend.setBackend("js");
const cpuMedian = median(rows.at(-1)![1]);
const wasmMedian = median(rows.at(-2)![1]);
for (const [name, t] of rows)
  console.log(
    `${name.padEnd(16)} ${median(t).toFixed(1).padStart(8)} µs  (${spread(t)})  ` +
      `tfjs-cpu/this ${(cpuMedian / median(t)).toFixed(1)}×  tfjs-wasm/this ${(wasmMedian / median(t)).toFixed(1)}×`,
  );
console.log("target: ≤ 50 µs per step");
