/**
 * Memory over a long training run: the seed workload (Flatten → Dense 300 relu → Dense 100 relu →
 * Dense 10 softmax, SGD, sparse categorical cross-entropy, accuracy, batch 32, 55,000 train + 5,000
 * validation Fashion-MNIST) for `--epochs` epochs (default 30) in one `model.fit`, recording after
 * every epoch (an `onEpochEnd` callback) `process.memoryUsage()` — rss, heapUsed, external,
 * arrayBuffers — and the peak RSS so far (VmHWM in /proc/self/status).
 *
 *   npx tsx bench/memory.ts [--epochs 30] [--backend native] [--threads 2]
 *
 * Prints a per-epoch table and a verdict: RSS growth from the end of epoch 2 (after the first
 * epoch's one-time allocations) to the end of the last epoch, in MiB and %. TF.js is not loaded.
 */
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import * as keras from "../src/index.js";
import { nativeAvailable, nativeInfo, setNumThreads } from "../src/backends/native/index.js";
import { flag, loadSeedData } from "../examples/train-seed.js";
import { seedSequential } from "../examples/seed-models.js";

const EPOCHS = Number(flag("epochs", "30"));
const BACKEND = flag("backend", "native");
const THREADS = Number(flag("threads", "2"));
const MiB = 1024 * 1024;

/** Peak resident set size so far (VmHWM), in bytes; NaN where /proc is missing. */
function peakRss(): number {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync("/proc/self/status", "utf8"));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

if (BACKEND === "native" && !nativeAvailable()) {
  console.error("The native addon is not built: run `npm run build:native`.");
  process.exit(1);
}
keras.backend.setBackend(BACKEND);
if (BACKEND === "native") setNumThreads(THREADS);
console.log(
  `memory over ${EPOCHS} epochs of the seed workload on "${BACKEND}"` +
    `${BACKEND === "native" ? ` (${THREADS} threads, kernels ${nativeInfo().kernels})` : ""}; ${cpus()[0]?.model?.trim() ?? "?"} (${cpus().length} CPUs), Node ${process.version}`,
);

const data = await loadSeedData();
keras.utils.setRandomSeed(42);
const model = seedSequential();
model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"] });

interface Row {
  epoch: number;
  seconds: number;
  loss: number;
  valAccuracy: number;
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  peak: number;
}
const rows: Row[] = [];
const m0 = process.memoryUsage();
console.log(
  `before fit (data loaded): rss ${(m0.rss / MiB).toFixed(1)} MiB, heapUsed ${(m0.heapUsed / MiB).toFixed(1)}, ` +
    `external ${(m0.external / MiB).toFixed(1)}, arrayBuffers ${(m0.arrayBuffers / MiB).toFixed(1)}, peak ${(peakRss() / MiB).toFixed(1)}`,
);
const col = (s: string | number, w: number) => String(s).padStart(w);
console.log(
  `\n${col("epoch", 5)} ${col("s", 6)} ${col("loss", 7)} ${col("val_acc", 7)} ${col("rss MiB", 8)} ` +
    `${col("heapUsed", 8)} ${col("external", 8)} ${col("arrayBuf", 8)} ${col("peak RSS", 8)}`,
);
let epochStart = performance.now();
const record = new keras.callbacks.LambdaCallback({
  onEpochBegin: () => {
    epochStart = performance.now();
  },
  onEpochEnd: (epoch, logs) => {
    const m = process.memoryUsage();
    const r: Row = {
      epoch: epoch + 1,
      seconds: (performance.now() - epochStart) / 1000,
      loss: logs!["loss"] as number,
      valAccuracy: logs!["val_accuracy"] as number,
      rss: m.rss,
      heapUsed: m.heapUsed,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      peak: peakRss(),
    };
    rows.push(r);
    const mib = (v: number) => col((v / MiB).toFixed(1), 8);
    console.log(
      `${col(r.epoch, 5)} ${col(r.seconds.toFixed(2), 6)} ${col(r.loss.toFixed(4), 7)} ${col(r.valAccuracy.toFixed(4), 7)} ` +
        `${mib(r.rss)} ${mib(r.heapUsed)} ${mib(r.external)} ${mib(r.arrayBuffers)} ${mib(r.peak)}`,
    );
  },
});
await model.fit(data.xTrain, data.yTrain, {
  epochs: EPOCHS,
  batchSize: 32,
  verbose: 0,
  validationData: [data.xValid, data.yValid],
  callbacks: [record],
});

const from = rows[Math.min(1, rows.length - 1)]!;
const to = rows.at(-1)!;
const grow = (k: "rss" | "heapUsed" | "external") =>
  `${((to[k] - from[k]) / MiB).toFixed(1)} MiB (${(((to[k] - from[k]) / from[k]) * 100).toFixed(1)}%)`;
console.log(
  `\nverdict: RSS grew ${grow("rss")} from epoch ${from.epoch} to epoch ${to.epoch} ` +
    `(${(from.rss / MiB).toFixed(1)} → ${(to.rss / MiB).toFixed(1)} MiB); heapUsed ${grow("heapUsed")}, ` +
    `external ${grow("external")}; peak RSS ${(to.peak / MiB).toFixed(1)} MiB`,
);
