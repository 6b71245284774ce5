/**
 * GEMM throughput of the native backend (1 and 2 threads) next to the reference js backend and
 * NumPy's matmul (OpenBLAS), float32, on the target shapes.
 *
 *   npx tsx bench/gemm.ts            (or: npm run bench:gemm)
 *   npx tsx bench/gemm.ts --quick    (fewer repetitions)
 *   KERAS_TS_PYTHON=/path/to/python npx tsx bench/gemm.ts   (default /tmp/kenv/bin/python)
 *
 * keras-ts is timed two ways: through `keras.ops.matmul` ("ops": output allocation included, as
 * NumPy's `a @ b` allocates too) and as the bare addon call into a preallocated output ("kern");
 * its contenders take turns within each repetition so background load hits them alike. NumPy runs
 * in a child process (with 1 OpenBLAS thread, then 2) with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
 * removed from its environment, and reports the OpenBLAS core it picked; it runs before and after
 * keras-ts, keeping the better median. Medians, as GFLOP/s = 2·M·N·K / seconds / 1e9.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import * as keras from "../src/index.js";
import { nativeAvailable, nativeInfo, setNumThreads } from "../src/backends/native/index.js";
import { loadNativeAddon } from "../src/backends/native/addon.js";

const { ops } = keras;
const quick = process.argv.includes("--quick");
const SHAPES: [number, number, number][] = [
  [32, 784, 300],
  [256, 784, 300],
  [1024, 1024, 1024],
  [784, 32, 300],
];
const PYTHON = process.env.KERAS_TS_PYTHON ?? "/tmp/kenv/bin/python";

function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s >>> 8) / (1 << 23) - 1;
  }
  return out;
}

/**
 * Median seconds of each case's `run`, the cases taking turns within each repetition; `setup`
 * (choosing the backend and thread count) and one call of `run` go untimed before every timed call.
 */
function timeAll(cases: (readonly [setup: () => void, run: () => unknown])[], budgetMs: number): number[] {
  const once = ([setup, run]: readonly [() => void, () => unknown]) => {
    setup();
    run(); // untimed: warms the caches the previous contender evicted, as NumPy's loop has them warm
    const t0 = performance.now();
    run();
    return performance.now() - t0;
  };
  const first = cases.map((c) => once(c)); // warm-up
  const total = 2 * first.reduce((x, y) => x + y, 0);
  const reps = Math.max(1, Math.min(quick ? 5 : 31, Math.floor(budgetMs / Math.max(total, 1e-3))));
  const times = cases.map(() => [] as number[]);
  for (let r = 0; r < reps; r++) cases.forEach((c, i) => times[i]!.push(once(c)));
  return times.map((t) => t.sort((x, y) => x - y)[t.length >> 1]! / 1e3);
}

const NUMPY_SCRIPT = `
import ctypes, glob, json, os, sys, time
import numpy as np
info = {"numpy": np.__version__}
try:
    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    info["blas"] = blas.get("openblas configuration") or blas.get("name")
except Exception as e:
    info["blas"] = "unknown (%s)" % e
try:
    lib = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*"))
    cdll = ctypes.CDLL(lib[0])
    for name in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename"):
        if hasattr(cdll, name):
            f = getattr(cdll, name); f.restype = ctypes.c_char_p; info["core"] = f().decode(); break
except Exception as e:
    info["core"] = "unknown (%s)" % e
shapes = json.loads(sys.argv[1]); budget = float(sys.argv[2]); out = {}
rng = np.random.default_rng(0)
for M, K, N in shapes:
    a = (rng.random((M, K), dtype=np.float32) * 2 - 1); b = (rng.random((K, N), dtype=np.float32) * 2 - 1)
    t0 = time.perf_counter(); a @ b; first = time.perf_counter() - t0
    reps = max(1, min(31, int(budget / max(first, 1e-6))))
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); a @ b; ts.append(time.perf_counter() - t0)
    ts.sort(); out["%d,%d,%d" % (M, K, N)] = ts[len(ts) // 2]
info["seconds"] = out
print(json.dumps(info))
`;

interface NumpyRun {
  numpy: string;
  blas: string;
  core: string;
  seconds: Record<string, number>;
}

/** NumPy's medians with `threads` OpenBLAS threads, or a reason why there are none. */
function numpy(threads: number): NumpyRun | string {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: String(threads) };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const r = spawnSync(PYTHON, ["-c", NUMPY_SCRIPT, JSON.stringify(SHAPES), quick ? "0.3" : "1.5"], {
    env,
    encoding: "utf8",
  });
  if (r.status !== 0) return `python failed: ${(r.stderr || String(r.error)).trim().split("\n").pop()}`;
  return JSON.parse(r.stdout) as NumpyRun;
}

/** The better (smaller) of two NumPy medians for `key`, if NumPy ran. */
function best(key: string, ...runs: (NumpyRun | string)[]): number | undefined {
  const times = runs.flatMap((r) =>
    typeof r === "string" || r.seconds[key] === undefined ? [] : [r.seconds[key]!],
  );
  return times.length ? Math.min(...times) : undefined;
}

function main(): void {
  if (!nativeAvailable()) {
    console.log("The native addon is not built (node scripts/build-native.mjs); nothing to compare.");
    return;
  }
  const info = nativeInfo();
  const addon = loadNativeAddon();
  console.log(
    `GEMM float32, ${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} CPUs), Node ${process.version}; ` +
      `native kernels: ${info.kernels} (avx2=${info.avx2} fma=${info.fma} avx512f=${info.avx512f})`,
  );
  const np1 = numpy(1);
  const np2 = numpy(2);
  if (typeof np1 === "string") console.log(`NumPy column skipped: ${np1}`);
  else console.log(`NumPy ${np1.numpy}, ${np1.blas}; OpenBLAS core in use: ${np1.core}`);
  console.log(
    "GFLOP/s = 2·M·N·K / median time; higher is better. ops: keras.ops.matmul on the native backend " +
      "(allocates its output); kern: the addon into a preallocated output; x/np: ratio to NumPy.\n",
  );
  const header = [
    "(M,K,N)",
    "js",
    "ops 1T",
    "ops 2T",
    "kern 1T",
    "kern 2T",
    "numpy 1T",
    "numpy 2T",
    "ops/np 1T",
    "kern/np 1T",
    "kern/np 2T",
    "max diff",
  ];
  // Rows are finished once NumPy has run a second time (after ours), keeping its better median.
  const pending: ((np1b: NumpyRun | string, np2b: NumpyRun | string) => string[])[] = [];
  for (const [M, K, N] of SHAPES) {
    const a = new keras.Tensor(values(M * K, 1), [M, K], "float32");
    const b = new keras.Tensor(values(K * N, 2), [K, N], "float32");
    const use = (name: string, threads?: number) => () => {
      keras.backend.setBackend(name);
      if (threads) setNumThreads(threads);
    };
    const run = () => ops.matmul(a, b);
    const out = new Float32Array(M * N);
    const kernel = () =>
      addon.matmul(
        a.values as Float32Array,
        b.values as Float32Array,
        out,
        M,
        N,
        K,
        false,
        false,
        null,
        null,
      );
    const [js, n1, n2, k1, k2] = timeAll(
      [
        [use("js"), run],
        [use("native", 1), run],
        [use("native", 2), run],
        [use("native", 1), kernel],
        [use("native", 2), kernel],
      ] as const,
      quick ? 1500 : 6000,
    ) as [number, number, number, number, number];
    keras.backend.setBackend("js");
    const ref = ops.matmul(a, b).dataSync();
    keras.backend.setBackend("native");
    const got = ops.matmul(a, b).dataSync();
    keras.backend.setBackend("js");
    let diff = 0;
    for (let i = 0; i < ref.length; i++)
      diff = Math.max(diff, Math.abs(got[i]! - ref[i]!) / Math.max(1, Math.abs(ref[i]!)));
    const gf = (s: number) => (2 * M * N * K) / s / 1e9;
    const key = `${M},${K},${N}`;
    pending.push((np1b, np2b) => {
      const p1 = best(key, np1, np1b);
      const p2 = best(key, np2, np2b);
      const fmt = (s: number | undefined) => (s === undefined ? "-" : gf(s).toFixed(1));
      const ratio = (ours: number, theirs: number | undefined) =>
        theirs === undefined ? "-" : `${(theirs / ours).toFixed(2)}`;
      return [
        `(${key})`,
        fmt(js),
        fmt(n1),
        fmt(n2),
        fmt(k1),
        fmt(k2),
        fmt(p1),
        fmt(p2),
        ratio(n1, p1),
        ratio(k1, p1),
        ratio(k2, p2),
        diff.toExponential(1),
      ];
    });
  }
  const np1b = numpy(1);
  const np2b = numpy(2);
  const rows = pending.map((finish) => finish(np1b, np2b));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

main();
