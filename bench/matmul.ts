/**
 * Matmul throughput of keras-ts's reference (pure TypeScript) backend next to TensorFlow.js's cpu
 * backend and a naive triple loop, measured in the same run on the same float32 data.
 *
 *   npx tsx bench/matmul.ts            (or: npm run bench:matmul)
 *   npx tsx bench/matmul.ts --quick    (fewer repetitions)
 *
 * Each case is warmed up, then timed several times, the three contenders taking turns within each
 * repetition; the table shows the median in GFLOPS (2·M·N·K / seconds / 1e9) and the speed-ups of
 * keras-ts over tfjs and over the naive loop. TF.js's time includes dataSync().
 */
import { cpus } from "node:os";
import * as tf from "@tensorflow/tfjs";
import * as keras from "../src/index.js";

const { ops } = keras;
const quick = process.argv.includes("--quick");

/** Deterministic values in [-1, 1), so every run multiplies the same matrices. */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s >>> 8) / (1 << 23) - 1;
  }
  return out;
}

/** The textbook i-j-k loop, as the reference backend had before the blocked kernel. */
function naive(a: Float32Array, b: Float32Array, M: number, K: number, N: number): Float32Array {
  const c = new Float32Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += a[i * K + k]! * b[k * N + j]!;
      c[i * N + j] = s;
    }
  }
  return c;
}

/**
 * Median milliseconds of each function. The functions take turns within every repetition, so
 * background load hits all of them alike; repetitions adapt so that slow cases stay short.
 */
function timeAll(fns: (() => void)[], budgetMs: number): number[] {
  const first = fns.map((fn) => {
    const t0 = performance.now();
    fn(); // warm-up
    return performance.now() - t0;
  });
  const total = first.reduce((x, y) => x + y, 0);
  const reps = Math.max(1, Math.min(quick ? 3 : 9, Math.floor(budgetMs / Math.max(total, 1e-3))));
  if (reps > 1) fns.forEach((fn) => fn()); // a second warm-up when the case is cheap enough
  const times = fns.map(() => [] as number[]);
  for (let r = 0; r < reps; r++) {
    fns.forEach((fn, i) => {
      const s = performance.now();
      fn();
      times[i]!.push(performance.now() - s);
    });
  }
  return times.map((t) => t.sort((x, y) => x - y)[t.length >> 1]!);
}

function maxRelDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - y[i]!) / Math.max(1, Math.abs(y[i]!)));
  return m;
}

async function main(): Promise<void> {
  await tf.setBackend("cpu");
  await tf.ready();
  const cases: [number, number, number][] = [
    [32, 784, 300],
    [256, 784, 300],
    [1024, 1024, 1024],
  ];
  console.log(
    `matmul float32, ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, tfjs ${tf.version.tfjs} (cpu)`,
  );
  console.log("GFLOPS = 2·M·N·K / median time; higher is better.\n");
  const header = [
    "shape",
    "keras-ts js",
    "tfjs cpu",
    "naive loop",
    "keras-ts/tfjs",
    "keras-ts/naive",
    "max rel diff",
  ];
  const rows: string[][] = [];
  for (const [M, K, N] of cases) {
    const av = values(M * K, 1);
    const bv = values(K * N, 2);
    const a = new keras.Tensor(av, [M, K], "float32");
    const b = new keras.Tensor(bv, [K, N], "float32");
    const ta = tf.tensor2d(av, [M, K]);
    const tb = tf.tensor2d(bv, [K, N]);
    const [ours, theirs, slow] = timeAll(
      [
        () => ops.matmul(a, b),
        () => {
          const c = tf.matMul(ta, tb);
          c.dataSync();
          c.dispose();
        },
        () => naive(av, bv, M, K, N),
      ],
      quick ? 1500 : 6000,
    ) as [number, number, number];
    const ref = tf.matMul(ta, tb);
    const diff = maxRelDiff(ops.matmul(a, b).values, ref.dataSync());
    ref.dispose();
    ta.dispose();
    tb.dispose();
    const gflops = (ms: number) => (2 * M * N * K) / (ms * 1e6);
    rows.push([
      `(${M}x${K})·(${K}x${N})`,
      gflops(ours).toFixed(2),
      gflops(theirs).toFixed(2),
      gflops(slow).toFixed(2),
      `${(theirs / ours).toFixed(2)}x`,
      `${(slow / ours).toFixed(2)}x`,
      diff.toExponential(1),
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

await main();
