/**
 * The seed workload's cost without the dataset: Flatten → Dense 300 relu → Dense 100 relu → Dense
 * 10 softmax, SGD 0.01, sparse categorical cross-entropy, batch 32, 55,000 training + 5,000
 * validation samples — on uniform random 28×28 inputs and random labels (same shapes, same FLOPs
 * as Fashion-MNIST, so the same time per epoch; the accuracy means nothing). For machines without
 * `dataset-fashion-mnist`, e.g. to time the AVX-512 kernels elsewhere. Prints s/epoch per thread
 * count on the native backend (median of `--reps`).
 *
 *   npx tsx bench/seed-synthetic.ts [--threads 1,2] [--reps 3]
 */
import * as keras from "../src/index.js";
import { nativeInfo, setNumThreads } from "../src/backends/native/index.js";
import { seedSequential } from "../examples/seed-models.js";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const threads = arg("threads", "1,2").split(",").map(Number);
const reps = Number(arg("reps", "3"));

keras.backend.setBackend("native");
keras.utils.setRandomSeed(1);
const x = keras.random.uniform([55000, 28, 28]) as keras.Tensor;
const y = keras.ops.floor(keras.random.uniform([55000], { minval: 0, maxval: 10 })) as keras.Tensor;
const xv = keras.random.uniform([5000, 28, 28]) as keras.Tensor;
const yv = keras.ops.floor(keras.random.uniform([5000], { minval: 0, maxval: 10 })) as keras.Tensor;
console.log(`seed workload on random data; kernels ${nativeInfo().kernels}; ${reps} reps`);
for (const n of threads) {
  setNumThreads(n);
  const times: number[] = [];
  for (let r = 0; r <= reps; r++) {
    keras.utils.setRandomSeed(42);
    const model = seedSequential();
    model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"] });
    const t0 = performance.now();
    await model.fit(x, y, { batchSize: 32, epochs: 1, verbose: 0, validationData: [xv, yv] });
    if (r > 0) times.push((performance.now() - t0) / 1000); // the first fit warms up
  }
  times.sort((a, b) => a - b);
  const spread = `${times[0]!.toFixed(3)}–${times.at(-1)!.toFixed(3)}`;
  console.log(`native ${n}T: ${times[Math.floor(times.length / 2)]!.toFixed(3)} s/epoch (${spread})`);
}
