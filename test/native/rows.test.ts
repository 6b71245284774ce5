// The native row kernels (softmax / log-softmax and their gradient, sparse categorical
// cross-entropy and its gradient, argmax/argmin) against the reference js kernels and against the
// native op compositions they replace. exp/log are computed natively as the native `unary` computes
// them (the C library in double), so: the softmax and cross-entropy kernels equal the native
// compositions bitwise and the js kernels within a few ulps; argReduce and the probabilities-input
// gradient (no exp/log) equal js bitwise. Rows of length 1, 2, 3, 17 and 1000 with ±Infinity and
// NaN, labels at both ends, clip bounds hit, float32 and float64, 1 vs 2 threads, and the js
// fallbacks (below SMALL, out-of-range labels, other dtypes). Each case checks the native kernel ran.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import type { DType, TypedArray } from "../../src/core/dtype.js";
import type { TensorData } from "../../src/core/tensor.js";
import type { Backend } from "../../src/backends/backend.js";
import { createJsBackend } from "../../src/backends/js/index.js";
import {
  createNativeBackend,
  nativeAvailable,
  setNativeSmallThreshold,
} from "../../src/backends/native/index.js";
import { loadNativeAddon } from "../../src/backends/native/addon.js";
import { skipUnlessNative, values } from "./helpers.js";

const opts = skipUnlessNative();
const js = createJsBackend();
const native = nativeAvailable() ? createNativeBackend() : js;
type Float = "float32" | "float64";
const FLOATS: readonly Float[] = ["float32", "float64"];

// Counts the row-kernel calls that did the work (returned true or nothing).
let nativeRuns = 0;
if (nativeAvailable()) {
  const addon = loadNativeAddon() as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of [
    "softmaxRows",
    "softmaxGradRows",
    "sparseCrossentropy",
    "sparseCrossentropyGrad",
    "argReduce",
  ]) {
    const fn = addon[name]!;
    addon[name] = (...args: unknown[]) => {
      const r = fn(...args);
      if (r !== false) nativeRuns++;
      return r;
    };
  }
}

/** Runs `fn` and asserts whether a native row kernel ran during it. */
function expectNative<R>(want: boolean, what: string, fn: () => R): R {
  const before = nativeRuns;
  const r = fn();
  assert.equal(nativeRuns > before, want, `${what}: native kernel ${want ? "did not run" : "ran"}`);
  return r;
}

/** Distance in units in the last place (0 when both NaN; Infinity for a sign or NaN mismatch). */
function ulps(a: number, b: number, dtype: Float): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (Object.is(a, b)) return 0;
  if (a === b || Math.sign(a) !== Math.sign(b)) return Infinity;
  const key = (x: number) =>
    dtype === "float32"
      ? BigInt(new Int32Array(new Float32Array([Math.abs(x)]).buffer)[0]!)
      : new BigInt64Array(new Float64Array([Math.abs(x)]).buffer)[0]!;
  const d = key(a) - key(b); // in BigInt: float64 keys exceed 2^53
  return Number(d < 0n ? -d : d);
}

/**
 * Asserts `got` equals `want` element by element: bitwise when `maxUlps` is 0, else within
 * `maxUlps` or (when given) `absTol` (float64 results of a log near 1 or of a cancellation carry
 * an ulp of exp as an absolute error).
 */
function assertClose(
  got: TypedArray,
  want: TypedArray,
  dtype: Float,
  maxUlps: number,
  what: string,
  absTol = 0,
) {
  assert.equal(got.constructor, want.constructor, `${what}: array type`);
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    const a = got[i]!;
    const b = want[i]!;
    if (Object.is(a, b)) continue;
    const ok = maxUlps > 0 && (ulps(a, b, dtype) <= maxUlps || Math.abs(a - b) <= absTol);
    if (!ok) assert.fail(`${what}: element ${i} is ${a}, expected ${b} (${ulps(a, b, dtype)} ulps)`);
  }
}

const td = (values: TypedArray, shape: readonly number[], dtype: DType): TensorData => ({
  values,
  shape,
  dtype,
});

/**
 * Rows of `C` values in [-scale, scale) (a scale that is not a power of 2, so that values use
 * their whole mantissa and x − max rounds), then special rows (each at most `rows`): one with −∞
 * entries, one all −∞, one with +∞, one with two +∞, one with a NaN, one of equal values.
 */
function logits(rows: number, C: number, dtype: Float, seed: number, scale = 7.3): TensorData {
  const v = values(rows * C, seed, false, dtype);
  for (let i = 0; i < v.length; i++) v[i] = v[i]! * scale;
  const row = (r: number, f: (j: number) => number | undefined) => {
    if (r >= rows) return;
    for (let j = 0; j < C; j++) {
      const x = f(j);
      if (x !== undefined) v[r * C + j] = x;
    }
  };
  row(0, (j) => (j % 2 === 1 ? -Infinity : undefined));
  row(1, () => -Infinity);
  row(2, (j) => (j === C - 1 ? Infinity : undefined));
  row(3, (j) => (j === 0 || j === C - 1 ? Infinity : undefined));
  row(4, (j) => (j === C >> 1 ? NaN : undefined));
  row(5, () => 0.25);
  return td(v, [rows, C], dtype);
}

/** Probabilities in (0, 1) with clip-bound rows: p_l alone (q = 1), p_l = 0, p_l tiny, a NaN. */
function probs(rows: number, C: number, dtype: Float, seed: number, labels: Int32Array): TensorData {
  const v = values(rows * C, seed, false, dtype);
  for (let i = 0; i < v.length; i++) v[i] = 0.02 + Math.abs(v[i]!) / 2;
  const at = (r: number, j: number) => r * C + j;
  if (rows > 3) {
    for (let j = 0; j < C; j++) v[at(0, j)] = j === labels[0] ? 0.7 : 0; // q = 1: clipped to 1 − ε
    v[at(1, labels[1]!)] = 0; // q = 0: clipped to ε
    v[at(2, labels[2]!)] = 1e-9; // q tiny: clipped to ε
    v[at(3, (labels[3]! + 1) % C)] = NaN;
  }
  return td(v, [rows, C], dtype);
}

/** Labels cycling through 0 and C − 1 first, then the rest. */
function labelsFor(rows: number, C: number): TensorData {
  const l = new Int32Array(rows);
  for (let i = 0; i < rows; i++) l[i] = i % 3 === 0 ? 0 : i % 3 === 1 ? C - 1 : (i * 7) % C;
  return td(l, [rows], "int32");
}

/** Softmax / log-softmax as the op composition it replaces, run on backend `b`. */
function composedSoftmax(b: Backend, x: TensorData, log: boolean): TypedArray {
  const rows = x.shape[0]!;
  const { dtype } = x;
  const col = (v: TypedArray) => td(v, [rows, 1], dtype);
  const m = b.reduce("max", x, [1], dtype);
  const shifted = td(b.binary("sub", x, col(m), x.shape, dtype), x.shape, dtype);
  const e = td(b.unary("exp", shifted, dtype), x.shape, dtype);
  const s = b.reduce("sum", e, [1], dtype);
  if (!log) return b.binary("div", e, col(s), x.shape, dtype);
  return b.binary("sub", shifted, col(b.unary("log", col(s), dtype)), x.shape, dtype);
}

/** The softmax gradient as the op composition: y·(dy − Σ dy·y), or dy − exp(y)·Σ dy. */
function composedSoftmaxGrad(b: Backend, y: TensorData, dy: TensorData, log: boolean): TypedArray {
  const [rows, C] = y.shape as [number, number];
  const { dtype } = y;
  const full = (v: TypedArray) => td(v, [rows, C], dtype);
  const col = (v: TypedArray) => td(v, [rows, 1], dtype);
  if (log) {
    const s = col(b.reduce("sum", dy, [1], dtype));
    const es = full(b.binary("mul", full(b.unary("exp", y, dtype)), s, y.shape, dtype));
    return b.binary("sub", dy, es, y.shape, dtype);
  }
  const s = col(b.reduce("sum", full(b.binary("mul", dy, y, y.shape, dtype)), [1], dtype));
  return b.binary("mul", y, full(b.binary("sub", dy, s, y.shape, dtype)), y.shape, dtype);
}

/** Sparse cross-entropy as the op composition: −log(clip(p / Σp))_l or −log_softmax(z)_l. */
function composedCe(b: Backend, labels: TensorData, p: TensorData, fromLogits: boolean): TypedArray {
  const [rows, C] = p.shape as [number, number];
  const { dtype } = p;
  const scalar = (v: number) => td(dtype === "float32" ? Float32Array.of(v) : Float64Array.of(v), [], dtype);
  let logp: TypedArray;
  if (fromLogits) logp = composedSoftmax(b, p, true);
  else {
    const s = td(b.reduce("sum", p, [1], dtype), [rows, 1], dtype);
    const q = td(b.binary("div", p, s, p.shape, dtype), p.shape, dtype);
    const lo = td(b.binary("maximum", q, scalar(1e-7), p.shape, dtype), p.shape, dtype);
    logp = b.unary(
      "log",
      td(b.binary("minimum", lo, scalar(1 - 1e-7), p.shape, dtype), p.shape, dtype),
      dtype,
    );
  }
  const out = dtype === "float32" ? new Float32Array(rows) : new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = -logp[i * C + labels.values[i]!]!;
  return out;
}

const SIZES: readonly [number, number][] = [
  [40, 1],
  [40, 2],
  [40, 3],
  [40, 17],
  [9, 1000],
];

for (const dtype of FLOATS) {
  // float32: exp/log of V8 and of the C library differ at most in the last bit of a double, which
  // rarely survives rounding to float32; float64 keeps those bits (and a softmax adds a few).
  const tol = dtype === "float32" ? 2 : 4;
  // float64: log Σ and Σ·exp carry exp's last-bit differences as absolute errors of about an ulp
  // of the sum (relative to 1 for log Σ, to Σ|dy| for the gradient).
  const absTol = (scale: number) => (dtype === "float32" ? 0 : 4 * Number.EPSILON * Math.max(1, scale));
  /** max over rows of Σ|v| (the scale of Σ dy in the softmax gradient). */
  const rowAbsSum = (v: TypedArray, C: number) => {
    let most = 0;
    for (let o = 0; o < v.length; o += C) {
      let s = 0;
      for (let j = o; j < o + C; j++) if (Number.isFinite(v[j]!)) s += Math.abs(v[j]!);
      most = Math.max(most, s);
    }
    return most;
  };

  test(
    `softmax / log-softmax (${dtype}): = native composition bitwise, = js within ${tol} ulps`,
    opts,
    () => {
      for (const [rows, C] of SIZES)
        for (const log of [false, true]) {
          const x = logits(rows, C, dtype, rows + C);
          const what = `[${rows}, ${C}] log ${log}`;
          const got = expectNative(true, what, () => native.softmax(x, log));
          assertClose(got, composedSoftmax(native, x, log), dtype, 0, `${what} vs composition`);
          assertClose(got, js.softmax(x, log), dtype, tol, `${what} vs js`, absTol(1));
        }
    },
  );

  test(`softmax gradient (${dtype}): = native composition bitwise, = js within ${tol} ulps`, opts, () => {
    for (const [rows, C] of SIZES)
      for (const log of [false, true]) {
        const x = logits(rows, C, dtype, 3 * rows + C, 2.9);
        const y = td(js.softmax(x, log), x.shape, dtype);
        const dy = logits(rows, C, dtype, rows + 5 * C, 1.7);
        const what = `[${rows}, ${C}] log ${log}`;
        const got = expectNative(true, what, () => native.softmaxGrad(y, dy, log));
        assertClose(got, composedSoftmaxGrad(native, y, dy, log), dtype, 0, `${what} vs composition`);
        const scale = rowAbsSum(dy.values, C);
        assertClose(got, js.softmaxGrad(y, dy, log), dtype, tol, `${what} vs js`, absTol(scale));
      }
  });

  test(`sparse cross-entropy (${dtype}): = native composition bitwise, = js within ${tol} ulps`, opts, () => {
    for (const [rows, C] of SIZES)
      for (const fromLogits of [false, true]) {
        const labels = labelsFor(rows, C);
        const p = fromLogits
          ? logits(rows, C, dtype, rows * C)
          : probs(rows, C, dtype, rows * C, labels.values as Int32Array);
        const what = `[${rows}, ${C}] fromLogits ${fromLogits}`;
        const got = expectNative(true, what, () => native.sparseCrossentropy(labels, p, fromLogits));
        assertClose(got, composedCe(native, labels, p, fromLogits), dtype, 0, `${what} vs composition`);
        assertClose(
          got,
          js.sparseCrossentropy(labels, p, fromLogits),
          dtype,
          tol,
          `${what} vs js`,
          absTol(1),
        );
      }
  });

  test(`sparse cross-entropy gradient (${dtype}): probabilities bitwise, logits close to js`, opts, () => {
    // Logits: g·(softmax − 1) at the label cancels, so an ulp of exp there is an absolute error.
    for (const [rows, C] of SIZES)
      for (const fromLogits of [false, true]) {
        const labels = labelsFor(rows, C);
        const p = fromLogits
          ? logits(rows, C, dtype, rows * C + 1)
          : probs(rows, C, dtype, rows * C + 1, labels.values as Int32Array);
        const dy = values(rows, rows + C, false, dtype);
        dy[rows - 1] = 0;
        const dyT = td(dy, [rows], dtype);
        const what = `[${rows}, ${C}] fromLogits ${fromLogits}`;
        const got = expectNative(true, what, () => native.sparseCrossentropyGrad(labels, p, dyT, fromLogits));
        const want = js.sparseCrossentropyGrad(labels, p, dyT, fromLogits);
        assertClose(got, want, dtype, fromLogits ? tol : 0, what, absTol(1));
        if (!fromLogits && rows > 3 && C > 1)
          for (const r of [0, 1, 2, 3])
            // clipped or NaN rows: zero gradient, every element written
            assert.ok(
              got.slice(r * C, (r + 1) * C).every((v) => Object.is(v, 0)),
              `${what}: row ${r} not zero`,
            );
      }
  });

  test(`argmax / argmin (${dtype}): = js bitwise on every axis, ties, ±0, ±Infinity, NaN`, opts, () => {
    const shapes: number[][] = [
      [40, 1],
      [40, 2],
      [40, 3],
      [40, 17],
      [9, 1000],
      [3, 7, 5],
      [2, 3, 300],
      [4, 600],
    ];
    for (const shape of shapes) {
      const n = shape.reduce((a, b) => a * b, 1);
      const v = values(n, n + shape.length, true, dtype); // small integers: many ties
      const specials = [NaN, Infinity, -Infinity, -0, 0, NaN];
      for (let i = 0; i < n; i += 11) v[i] = specials[(i / 11) % specials.length]!;
      if (n > 40) v.fill(NaN, 20, 23);
      const x = td(v, shape, dtype);
      for (let axis = 0; axis < shape.length; axis++)
        for (const op of ["argmax", "argmin"] as const) {
          const what = `${op} ${JSON.stringify(shape)} axis ${axis}`;
          const got = expectNative(true, what, () => native.argReduce(op, x, axis));
          assertClose(got, js.argReduce(op, x, axis), dtype, 0, what);
        }
    }
  });
}

test("row kernels give bitwise-identical results on 1 and 2 threads", opts, () => {
  const before = keras.backend.getNumThreads();
  const run = () => {
    const out: TypedArray[] = [];
    for (const dtype of FLOATS)
      for (const [rows, C] of [
        [300, 1000],
        [20000, 3],
      ] as const) {
        const x = logits(rows, C, dtype, 77);
        const labels = labelsFor(rows, C);
        const dy = td(values(rows, 5, false, dtype), [rows], dtype);
        for (const flag of [false, true]) {
          out.push(native.softmax(x, flag));
          out.push(native.softmaxGrad(td(out.at(-1)!, x.shape, dtype), x, flag));
          out.push(native.sparseCrossentropy(labels, x, flag));
          out.push(native.sparseCrossentropyGrad(labels, x, dy, flag));
        }
        out.push(native.argReduce("argmax", x, 1), native.argReduce("argmin", x, 0));
      }
    return out;
  };
  try {
    keras.backend.setNumThreads(1);
    const one = expectNative(true, "1 thread", run);
    keras.backend.setNumThreads(2);
    const two = expectNative(true, "2 threads", run);
    one.forEach((a, i) => assertClose(two[i]!, a, "float64", 0, `result ${i} on 2 threads`));
  } finally {
    keras.backend.setNumThreads(before);
  }
});

test(
  "below SMALL (256 for softmax and cross-entropy) and unusual inputs defer to js and give its results",
  opts,
  () => {
    const x = logits(4, 500, "float32", 9); // 2000 elements
    const labels = labelsFor(4, 500);
    const dy = td(values(4, 3, false, "float32"), [4], "float32");
    setNativeSmallThreshold(2048);
    try {
      const same = (what: string, f: (b: Backend) => TypedArray, ran: boolean) =>
        assertClose(
          expectNative(ran, what, () => f(native)),
          f(js),
          "float32",
          ran ? 2 : 0,
          what,
        );
      // Softmax and cross-entropy run natively from 256 elements, the other row ops from SMALL.
      for (const [C, ran] of [
        [63, false], // 252 elements
        [64, true], // 256 elements
      ] as const) {
        const p = logits(4, C, "float32", 9);
        const l = labelsFor(4, C);
        const at = `${4 * C} elements`;
        same(`softmax, ${at}`, (b) => b.softmax(p, false), ran);
        same(`softmaxGrad, ${at}`, (b) => b.softmaxGrad(p, p, true), ran);
        same(`sparseCrossentropy, ${at}`, (b) => b.sparseCrossentropy(l, p, true), ran);
        same(`sparseCrossentropyGrad, ${at}`, (b) => b.sparseCrossentropyGrad(l, p, dy, true), ran);
      }
      same("argReduce below SMALL", (b) => b.argReduce("argmax", x, 1), false);
      const big = logits(4, 512, "float32", 9); // 2048 elements: native
      same("softmax at SMALL", (b) => b.softmax(big, true), true);
      same("argReduce at SMALL", (b) => b.argReduce("argmin", big, 0), true);
    } finally {
      setNativeSmallThreshold(0);
    }
    // An out-of-range label (the front end never passes one): js reads undefined, gives NaN.
    const bad = td(Int32Array.of(0, 500, 2, 3), [4], "int32");
    for (const fromLogits of [false, true]) {
      const fwd = expectNative(false, "bad label", () => native.sparseCrossentropy(bad, x, fromLogits));
      assertClose(fwd, js.sparseCrossentropy(bad, x, fromLogits), "float32", 0, "bad label");
      const grad = expectNative(false, "bad label grad", () =>
        native.sparseCrossentropyGrad(bad, x, dy, fromLogits),
      );
      assertClose(grad, js.sparseCrossentropyGrad(bad, x, dy, fromLogits), "float32", 0, "bad label grad");
    }
    // Labels that are not int32, int inputs, empty inputs: js.
    const fLabels = td(Float32Array.from(labels.values), [4], "float32");
    expectNative(false, "float labels", () => native.sparseCrossentropy(fLabels, x, true));
    const ints = td(
      Int32Array.from(x.values, (v) => (Number.isFinite(v) ? Math.round(v) : 0)),
      [4, 500],
      "int32",
    );
    assert.deepEqual(
      expectNative(false, "int32 argmax", () => native.argReduce("argmax", ints, 1)),
      js.argReduce("argmax", ints, 1),
    );
    const empty = td(new Float32Array(0), [0, 5], "float32");
    assert.equal(expectNative(false, "empty softmax", () => native.softmax(empty, false)).length, 0);
    assert.equal(expectNative(false, "empty argmax", () => native.argReduce("argmax", empty, 1)).length, 0);
  },
);

test("keras ops on the native backend take the row kernels", opts, () => {
  const before = keras.backend.getBackend();
  keras.backend.setBackend("native");
  try {
    const x = new keras.Tensor(logits(64, 40, "float32", 2).values, [64, 40], "float32");
    const y = expectNative(true, "ops.softmax", () => keras.ops.softmax(x, -1));
    assertClose(y.values, js.softmax(x, false), "float32", 2, "ops.softmax");
    const l = new keras.Tensor(labelsFor(64, 40).values, [64], "int32");
    expectNative(true, "ops.argmax", () => keras.ops.argmax(x, -1));
    expectNative(true, "sparse CE loss", () =>
      keras.losses.sparseCategoricalCrossentropy(l, x, { fromLogits: true }),
    );
  } finally {
    keras.backend.setBackend(before);
  }
});
