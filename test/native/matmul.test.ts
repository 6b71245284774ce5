// The native matmul against the reference backend's, on awkward shapes, transposes, batch
// broadcasting and every kernel family this CPU can run; and bitwise identical results for any
// thread count.
import { test } from "node:test";
import { spawnSync } from "node:child_process";
import assert from "node:assert/strict";
import type { TensorData } from "../../src/core/tensor.js";
import type { TypedArray } from "../../src/core/dtype.js";
import { createJsBackend } from "../../src/backends/js/index.js";
import {
  createNativeBackend,
  getNumThreads,
  nativeInfo,
  setNumThreads,
} from "../../src/backends/native/index.js";
import { loadNativeAddon } from "../../src/backends/native/addon.js";
import { BackendError } from "../../src/core/errors.js";
import { skipUnlessNative, values } from "./helpers.js";

const opts = skipUnlessNative();
const js = createJsBackend();

type F = "float32" | "float64";
const t = (v: TypedArray, shape: number[], dtype: TensorData["dtype"]): TensorData => ({
  values: v,
  shape,
  dtype,
});

/** Operand shapes of op(A)·op(B) with batch dims, given the logical M, K, N. */
function operands(M: number, K: number, N: number, ta: boolean, tb: boolean, ba: number[], bb: number[]) {
  return { a: [...ba, ...(ta ? [K, M] : [M, K])], b: [...bb, ...(tb ? [N, K] : [K, N])] };
}

function outShape(ba: number[], bb: number[], M: number, N: number): number[] {
  const r = Math.max(ba.length, bb.length);
  const pa = [...new Array<number>(r - ba.length).fill(1), ...ba];
  const pb = [...new Array<number>(r - bb.length).fill(1), ...bb];
  return [...pa.map((d, i) => Math.max(d, pb[i]!)), M, N];
}

const size = (s: number[]) => s.reduce((x, y) => x * y, 1);
const abs = (v: TypedArray) => v.map((x) => Math.abs(x)) as TypedArray;

/** Checks native against js: exactly for integer data, else within 1e-5 of Σ|a||b| (float32). */
function check(
  M: number,
  K: number,
  N: number,
  ta: boolean,
  tb: boolean,
  opt: { ba?: number[]; bb?: number[]; ints?: boolean; dtype?: F } = {},
) {
  const { ba = [], bb = [], ints = false, dtype = "float32" } = opt;
  const native = createNativeBackend();
  const s = operands(M, K, N, ta, tb, ba, bb);
  const a = t(values(size(s.a), M * 31 + K, ints, dtype), s.a, dtype);
  const b = t(values(size(s.b), N * 17 + K + 1, ints, dtype), s.b, dtype);
  const os = outShape(ba, bb, M, N);
  const got = native.matmul(a, b, ta, tb, os);
  const want = js.matmul(a, b, ta, tb, os);
  const what = `(${M},${K},${N}) tA=${ta} tB=${tb} batch ${JSON.stringify([ba, bb])} ${dtype}`;
  assert.equal(got.constructor, want.constructor, what);
  assert.equal(got.length, want.length, what);
  if (ints) {
    for (let i = 0; i < got.length; i++)
      if (got[i] !== want[i]) assert.fail(`${what}: [${i}] ${got[i]} !== ${want[i]}`);
    return;
  }
  const scale = js.matmul(t(abs(a.values), s.a, dtype), t(abs(b.values), s.b, dtype), ta, tb, os);
  const tol = dtype === "float32" ? 1e-5 : 1e-13;
  for (let i = 0; i < got.length; i++) {
    if (!(Math.abs(got[i]! - want[i]!) <= tol * (scale[i]! + 1e-30)))
      assert.fail(`${what}: [${i}] ${got[i]} vs ${want[i]} (scale ${scale[i]})`);
  }
}

const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 7, 1],
  [1, 300, 257],
  [257, 300, 1],
  [3, 5, 7],
  [6, 16, 16],
  [12, 32, 32],
  [13, 17, 19],
  [31, 64, 33],
  [97, 101, 103],
  [37, 613, 29], // several depth blocks
  [23, 1100, 37],
  [257, 1, 3],
  [150, 40, 530],
];
const FLAGS: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

/** Runs `fn` once per kernel family this CPU can run ("avx512", "avx2", "scalar"). */
function forEachKernels(fn: (name: string) => void): void {
  const addon = loadNativeAddon();
  try {
    for (const name of ["avx512", "avx2", "scalar"]) if (addon.setKernels(name)) fn(name);
  } finally {
    addon.setKernels("auto");
  }
}

test("native matmul matches js on odd shapes and every transpose, float32 and float64", opts, () => {
  forEachKernels(() => {
    for (const [M, K, N] of SHAPES)
      for (const [ta, tb] of FLAGS) {
        check(M, K, N, ta, tb);
        check(M, K, N, ta, tb, { dtype: "float64" });
      }
  });
});

test("native matmul is exact on small-integer inputs", opts, () => {
  forEachKernels(() => {
    for (const [M, K, N] of SHAPES) for (const [ta, tb] of FLAGS) check(M, K, N, ta, tb, { ints: true });
  });
});

test("batch dimensions broadcast like NumPy", opts, () => {
  const cases: [number[], number[]][] = [
    [[4], []], // folds into one GEMM
    [[], [4]], // A shared
    [[2, 1], [3]],
    [[1], [3]],
    [
      [2, 3],
      [2, 3],
    ],
    [
      [5, 1, 2],
      [1, 4, 1],
    ],
  ];
  for (const [ba, bb] of cases)
    for (const [ta, tb] of FLAGS) {
      check(5, 7, 3, ta, tb, { ba, bb });
      check(19, 33, 21, ta, tb, { ba, bb, ints: true });
    }
});

test("results are bitwise identical for 1, 2 and 3 threads", opts, () => {
  const before = getNumThreads();
  const native = createNativeBackend();
  const cases: [number, number, number, boolean, boolean, number[]][] = [
    [300, 517, 211, false, false, []],
    [64, 1000, 64, true, false, []],
    [32, 784, 300, false, true, []],
    [784, 32, 300, true, true, []],
    [9, 70, 11, false, false, [40]], // many small products: split by batch
    [120, 90, 100, false, true, [3]],
  ];
  try {
    forEachKernels((kernels) => {
      for (const [M, K, N, ta, tb, batch] of cases) {
        const s = operands(M, K, N, ta, tb, batch, batch);
        const a = t(values(size(s.a), 3), s.a, "float32");
        const b = t(values(size(s.b), 4), s.b, "float32");
        const os = outShape(batch, batch, M, N);
        const results = [1, 2, 3].map((n) => {
          setNumThreads(n);
          return native.matmul(a, b, ta, tb, os);
        });
        for (const r of results.slice(1)) {
          const what = `${kernels} (${M},${K},${N}) tA=${ta} tB=${tb}`;
          assert.ok(Buffer.from(r.buffer).equals(Buffer.from(results[0]!.buffer)), what);
        }
      }
    });
  } finally {
    setNumThreads(before);
  }
});

test("int32 matmul and mixed inputs fall back to the reference kernels", opts, () => {
  const native = createNativeBackend();
  const a = t(Int32Array.from([1, 2, 3, 4, 5, 6]), [2, 3], "int32");
  const b = t(Int32Array.from([1, 0, 0, 1, 1, 1]), [3, 2], "int32");
  assert.deepEqual([...native.matmul(a, b, false, false, [2, 2])], [4, 5, 10, 11]);
});

test("thread count and CPU information; bad arguments are errors", opts, () => {
  const info = nativeInfo();
  assert.ok(["avx512", "avx2", "scalar"].includes(info.kernels));
  assert.equal(info.threads, getNumThreads());
  assert.throws(() => setNumThreads(0), BackendError);
  assert.throws(() => setNumThreads(1.5), BackendError);
  const addon = loadNativeAddon();
  const f = new Float32Array(6);
  assert.throws(() => addon.matmul(f, f, new Float32Array(4), 2, 2, 4, false, false, null, null), RangeError);
  assert.throws(() => addon.matmul(f, f, new Float32Array(5), 2, 2, 3, false, false, null, null), RangeError);
  const offsets = Float64Array.from([0, 3]);
  assert.throws(
    () => addon.matmul(f, f, new Float32Array(8), 2, 2, 3, false, false, offsets, null),
    RangeError,
  );
  assert.throws(() => addon.matmul(f, new Float64Array(6), f, 1, 1, 1, false, false, null, null), TypeError);
  assert.equal(addon.setKernels("no-such-kernels"), false);
});

test(
  "KERAS_TS_NUM_THREADS and KERAS_TS_NATIVE_KERNELS set the starting thread count and kernels",
  opts,
  () => {
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        'import { nativeInfo } from "./src/backends/native/index.ts"; console.log(JSON.stringify(nativeInfo()));',
      ],
      {
        encoding: "utf8",
        env: { ...process.env, KERAS_TS_NUM_THREADS: "3", KERAS_TS_NATIVE_KERNELS: "scalar" },
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const info = JSON.parse(r.stdout.trim().split("\n").pop()!) as { threads: number; kernels: string };
    assert.equal(info.threads, 3);
    assert.equal(info.kernels, "scalar");
  },
);
