// Every unary and binary op of the native backend against the reference js kernels, called on the
// backends directly: every op × input dtype (float32, float64, int32, uint8, bool) × broadcast
// layout (same shape, scalar, row, column, N-D on both sides, rank 8, rank 9), with special values
// mixed in (±0, ±Infinity, NaN, huge, subnormal, negative for log/sqrt, halves for round, ints at
// the ±2^31 edges and 0 for division). Each case also checks that the addon ran it.
//
// float32, integer and bool results must equal js bitwise. float64 results of ops built on C
// library functions (exp, log, sin, pow, ...) may differ from V8's in the last bits: they are
// checked against the bounds documented in native/src/elementwise.h (`F64_TOL` below).
import { test } from "node:test";
import assert from "node:assert/strict";
import { allocArray, type DType, type TypedArray } from "../../src/core/dtype.js";
import type { TensorData } from "../../src/core/tensor.js";
import type { Backend, BinaryOp, UnaryOp } from "../../src/backends/backend.js";
import { createJsBackend } from "../../src/backends/js/index.js";
import { createNativeBackend, setNativeSmallThreshold } from "../../src/backends/native/index.js";
import { loadNativeAddon, type NativeAddon } from "../../src/backends/native/addon.js";
import {
  BOOL_BINARY,
  BOOL_UNARY,
  NATIVE_BINARY as BINARY_OPS,
  NATIVE_UNARY as UNARY_OPS,
} from "../../src/backends/native/op-codes.js";
import { skipUnlessNative } from "./helpers.js";

const opts = skipUnlessNative();
const js = createJsBackend();
let nativeBackend: Backend | undefined;
const native = () => (nativeBackend ??= createNativeBackend());

/** Counts the addon calls `fn` makes to `name`. */
function callsTo(name: "unary" | "binary" | "reduce", fn: () => void): number {
  const addon = loadNativeAddon() as NativeAddon & Record<string, unknown>;
  const original = addon[name] as (...args: unknown[]) => unknown;
  let calls = 0;
  addon[name] = (...args: unknown[]) => {
    calls++;
    return original.apply(addon, args);
  };
  try {
    fn();
  } finally {
    addon[name] = original;
  }
  return calls;
}

/** A deterministic generator of floats in [0, 1). */
function rng(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// prettier-ignore
const FLOAT_SPECIALS = [
  0, -0, 1, -1, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3, -3, 6, 7, -7, 0.1, Math.PI, -Math.PI / 2, 1e-7,
  1 - 2 ** -24, -1 + 2 ** -24, 1 + 2 ** -23, Infinity, -Infinity, NaN, 1e-30, 1e-40, 1e-45, 3e38, -3e38,
  1e300, -1e300, 5e-324, 88.5, -88.5, 89.5, 709, -710, 800, -800, 2 ** 52 + 0.5, 4503599627370497,
  2 ** 31, -(2 ** 31) - 0.5,
];
// prettier-ignore
const INT_SPECIALS = [
  0, 1, -1, 2, -2, 3, -3, 6, 7, -7, 46340, 46341, -46341, 65535, 65536, 2 ** 30, 2147483647, -2147483648,
  -2147483647, 255, 256, -256, 31, 32,
];

/** `n` values of `dtype` with the special values first, then a mix of magnitudes. */
function data(dtype: DType, n: number, seed: number): TypedArray {
  const r = rng(seed);
  const out = allocArray(dtype, n);
  if (dtype === "bool") {
    for (let i = 0; i < n; i++) out[i] = r() < 0.5 ? 1 : 0;
    return out;
  }
  if (dtype === "uint8") {
    for (let i = 0; i < n; i++)
      out[i] = i < 256 ? (i * 7 + seed) & 255 : r() < 0.3 ? (r() * 4) | 0 : (r() * 256) | 0;
    return out;
  }
  const specials = dtype === "int32" ? INT_SPECIALS : FLOAT_SPECIALS;
  for (let i = 0; i < n; i++) {
    const k = i % 5;
    if (i < specials.length) out[i] = specials[(i + seed) % specials.length]!;
    else if (dtype === "int32")
      out[i] =
        k === 0
          ? (r() * 2 ** 32) | 0
          : k === 1
            ? specials[(r() * specials.length) | 0]!
            : Math.round((r() * 2 - 1) * 20);
    else if (k === 0) out[i] = (r() * 2 - 1) * 8;
    else if (k === 1) out[i] = (r() * 2 - 1) * 2 ** (r() * 60 - 30);
    else if (k === 2) out[i] = (r() * 2 - 1) * 1.05;
    else if (k === 3) out[i] = Math.round((r() * 2 - 1) * 16) / 2;
    else out[i] = specials[(r() * specials.length) | 0]!;
  }
  return out;
}

const td = (values: TypedArray, shape: readonly number[], dtype: DType): TensorData => ({
  values,
  shape,
  dtype,
});

const show = (x: number) => (Object.is(x, -0) ? "-0" : String(x));

/** Exact distance in float64 ulps between two finite doubles of the same sign. */
function ulps64(a: number, b: number): number {
  const key = (x: number) => new BigInt64Array(new Float64Array([Math.abs(x)]).buffer)[0]!;
  const d = key(a) - key(b);
  return Number(d < 0n ? -d : d);
}

/**
 * float64 tolerances of the ops built on C library functions, from native/src/elementwise.h:
 * [ulps of the result, an absolute error in units of 2^-52·max(1, |x|, |result|)] (the second
 * where the formula amplifies a last-bit difference: geluTanh for x ≲ −3, erfinv near ±1, silu
 * and mish where exp(x) is subnormal).
 */
const F64_TOL: Partial<Record<UnaryOp | BinaryOp, [number, number]>> = {
  exp: [1, 0],
  expm1: [1, 0],
  log: [1, 0],
  log1p: [1, 0],
  log2: [1, 0],
  log10: [2, 0],
  sin: [1, 0],
  cos: [1, 0],
  tan: [1, 0],
  asin: [1, 0],
  acos: [1, 0],
  atan: [1, 0],
  sinh: [3, 0],
  cosh: [3, 0],
  tanh: [3, 0],
  asinh: [1, 0],
  acosh: [1, 0],
  atanh: [1, 0],
  erf: [2, 2],
  erfinv: [4, 8192],
  elu: [2, 0],
  selu: [3, 0],
  sigmoid: [2, 0],
  softplus: [2, 0],
  silu: [2, 2],
  gelu: [2, 2],
  geluTanh: [4, 2],
  mish: [4, 2],
  logSigmoid: [2, 0],
  pow: [1, 0],
  atan2: [1, 0],
};

/** The double `k` ulps away from `d` (k may be negative), stepping through ±0 like the number line. */
function stepUlps(d: number, k: number): number {
  const bits = new BigInt64Array(new Float64Array([d]).buffer)[0]!;
  const line = bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits; // monotone in d
  const next = line + BigInt(k);
  const out = next < 0n ? -next | -0x8000000000000000n : next;
  return new Float64Array(new BigInt64Array([out]).buffer)[0]!;
}

/**
 * Asserts native equals js: bitwise, or within `tol` for float64 (see `F64_TOL`). For an integer
 * output of an op with a tolerance, `ref` holds js's double results before their conversion: an
 * element may then differ from js where a double within the tolerance converts to it (exp(40)
 * is above 2^53, so an ulp of it changes the stored uint8).
 */
function assertMatches(
  got: TypedArray,
  want: TypedArray,
  what: string,
  tol?: [number, number],
  x?: TypedArray,
  ref?: TypedArray,
): void {
  assert.equal(got.constructor, want.constructor, `${what}: array type`);
  assert.equal(got.length, want.length, `${what}: length`);
  const store =
    got instanceof Int32Array || got instanceof Uint8Array
      ? new (got.constructor as Int32ArrayConstructor)(1)
      : undefined;
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (Object.is(g, w) || (Number.isNaN(g) && Number.isNaN(w))) continue;
    if (store && tol && ref) {
      let near = false;
      for (let k = -tol[0]; k <= tol[0] && !near; k++) {
        store[0] = stepUlps(ref[i]!, k);
        near = store[0] === g;
      }
      if (near) continue;
    }
    if (
      tol &&
      !store &&
      Number.isFinite(g) &&
      Number.isFinite(w) &&
      (Math.sign(g) === Math.sign(w) || g === 0 || w === 0)
    ) {
      const scale = Math.max(1, Math.abs(x?.[i] ?? 0), Math.abs(w));
      if (Math.sign(g) === Math.sign(w) && ulps64(g, w) <= tol[0]) continue;
      if (Math.abs(g - w) <= tol[1] * 2 ** -52 * scale) continue;
    }
    assert.fail(
      `${what} [${i}]${x ? ` x=${show(x[i]!)}` : ""}: native ${show(g)} vs js ${show(w)}` +
        (Number.isFinite(g) && Number.isFinite(w) ? ` (${ulps64(g, w)} ulps)` : ""),
    );
  }
}

const DTYPES: DType[] = ["float32", "float64", "int32", "uint8", "bool"];

test("setup: small threshold 0 (every size runs natively)", opts, () => {
  setNativeSmallThreshold(0);
});

for (const dtype of DTYPES) {
  test(`unary: every op on ${dtype} equals js`, opts, () => {
    const n = isFloatDType(dtype) ? 1 << 15 : 4096;
    const x = td(data(dtype, n, 1), [n], dtype);
    // erfinv, acosh, atanh... see more of their domain on a dedicated sweep of (-1.2, 1.2) and (0.5, 12).
    const near1 = allocArray(dtype, n);
    if (isFloatDType(dtype)) {
      const r = rng(2);
      for (let i = 0; i < n; i++) near1[i] = i % 2 ? (r() * 2 - 1) * 1.2 : 0.5 + r() * 12;
    }
    for (const op of UNARY_OPS) {
      const out: DType = BOOL_UNARY.has(op) ? "bool" : dtype;
      const params = op === "leakyRelu" ? [0.1, 0.2] : op === "elu" ? [1, 0.3] : [0];
      for (const p of params) {
        for (const input of isFloatDType(dtype) ? [x, td(near1, [n], dtype)] : [x]) {
          let got: TypedArray | undefined;
          const calls = callsTo("unary", () => (got = native().unary(op, input, out, p)));
          assert.equal(calls, 1, `${op} ${dtype}: ran natively`);
          const what = `${op}(${p}) ${dtype}→${out}`;
          const want = js.unary(op, input, out, p);
          if (dtype === "float64") assertMatches(got!, want, what, F64_TOL[op], input.values);
          else if (isFloatDType(dtype) || !F64_TOL[op]) assertMatches(got!, want, what);
          else {
            const wide = td(Float64Array.from(input.values), [n], "float64");
            assertMatches(got!, want, what, F64_TOL[op], undefined, js.unary(op, wide, "float64", p));
          }
        }
      }
    }
  });
}

function isFloatDType(d: DType): d is "float32" | "float64" {
  return d === "float32" || d === "float64";
}

test(
  "unary float32: transcendental ops bitwise on 2^18 more points each (wide and narrow ranges)",
  opts,
  () => {
    const n = 1 << 18;
    const v = new Float32Array(n);
    const bits = new Uint32Array(v.buffer);
    const r = rng(3);
    for (let i = 0; i < n; i++) {
      if (i % 3 === 0)
        bits[i] = (r() * 2 ** 32) >>> 0; // any bit pattern
      else v[i] = (r() * 2 - 1) * 2 ** (r() * 12 - 6);
    }
    const x = td(v, [n], "float32");
    for (const op of UNARY_OPS) {
      const out: DType = BOOL_UNARY.has(op) ? "bool" : "float32";
      assertMatches(native().unary(op, x, out, 0.1), js.unary(op, x, out, 0.1), `${op} float32 sweep`);
    }
  },
);

/** Broadcast layouts [a shape, b shape]: the 2-D ones, N-D on one or both sides, rank 8 and 9. */
// prettier-ignore
const LAYOUTS: [number[], number[]][] = [
  [[4, 5, 6], [4, 5, 6]], [[4, 5, 6], []], [[], [4, 5, 6]], [[4, 5, 6], [6]], [[4, 5, 6], [4, 5, 1]],
  [[4, 5, 6], [1, 5, 6]], [[4, 5, 6], [4, 1, 1]], [[4, 5, 6], [5, 1]], [[4, 5, 6], [4, 1, 6]],
  [[4, 1, 6], [1, 5, 1]], [[1, 5, 1], [4, 1, 6]], [[3, 1, 4, 1], [1, 5, 1, 6]],
  [[2, 1, 3, 1, 2, 1, 3, 2], [1, 2, 1, 3, 1, 2, 3, 1]], // rank 8
  [[2, 1, 2, 1, 2, 1, 2, 1, 2], [1, 2, 1, 2, 1, 2, 1, 2, 1]], // rank 9 after merging: js runs
  [[1, 1, 7], [3, 1, 1]], [[0, 5], [5]],
];

function broadcastShape(a: number[], b: number[]): number[] {
  const r = Math.max(a.length, b.length);
  return Array.from({ length: r }, (_, i) => {
    const x = a[i - (r - a.length)] ?? 1;
    const y = b[i - (r - b.length)] ?? 1;
    return x === 1 ? y : x;
  });
}

/** Operands for pow on integers: results below 2^53, where every double is exact (see elementwise.h). */
function powData(dtype: DType, n: number, seed: number, exponent: boolean): TypedArray {
  const r = rng(seed);
  const out = allocArray(dtype, n);
  const signed = dtype === "int32";
  for (let i = 0; i < n; i++)
    out[i] = exponent
      ? ((r() * 17) | 0) - (signed ? 2 : 0)
      : ((r() * (signed ? 19 : 10)) | 0) - (signed ? 9 : 0);
  return out;
}

for (const dtype of DTYPES) {
  test(`binary: every op on ${dtype} equals js for every broadcast layout`, opts, () => {
    let seed = 10;
    for (const [as, bs] of LAYOUTS) {
      const outShape = broadcastShape(as, bs);
      const size = (s: number[]) => s.reduce((p, d) => p * d, 1);
      const a = td(data(dtype, size(as), seed++), as, dtype);
      const b = td(data(dtype, size(bs), seed++), bs, dtype);
      const rank9 = as.length === 9;
      for (const op of BINARY_OPS) {
        const isIntPow = op === "pow" && !isFloatDType(dtype);
        const [x, y] = isIntPow
          ? [
              td(powData(dtype, size(as), seed, false), as, dtype),
              td(powData(dtype, size(bs), seed + 1, true), bs, dtype),
            ]
          : [a, b];
        const outs: DType[] = BOOL_BINARY.has(op) ? ["bool"] : dtype === "bool" ? ["bool", "int32"] : [dtype];
        for (const out of outs) {
          // a bool input with an int32 output is no native layout (mixed array types): js runs
          const mixed = out === "int32" && dtype === "bool";
          let got: TypedArray | undefined;
          const calls = callsTo("binary", () => (got = native().binary(op, x, y, outShape, out)));
          const what = `${op} ${dtype} [${as}]∘[${bs}]→${out}`;
          assert.equal(calls, rank9 || mixed || size(outShape) === 0 ? 0 : 1, `${what}: ran natively`);
          const tol = dtype === "float64" ? F64_TOL[op] : undefined;
          assertMatches(got!, js.binary(op, x, y, outShape, out), what, tol);
        }
      }
    }
  });
}

test(
  "binary: integer semantics at the edges (int32 wrap, division and mod by zero, floor rules)",
  opts,
  () => {
    const edges = [0, 1, -1, 2, -2, 3, -3, 7, -7, 2147483647, -2147483648, 46341, -46341, 65536];
    const n = edges.length;
    const a = new Int32Array(n * n);
    const b = new Int32Array(n * n);
    edges.forEach((u, i) => edges.forEach((v, j) => ((a[i * n + j] = u), (b[i * n + j] = v))));
    const ta = td(a, [n * n], "int32");
    const tb = td(b, [n * n], "int32");
    for (const op of BINARY_OPS) {
      const out: DType = BOOL_BINARY.has(op) ? "bool" : "int32";
      const got = native().binary(op, ta, tb, [n * n], out);
      const want = js.binary(op, ta, tb, [n * n], out);
      if (op !== "pow" && op !== "atan2") assertMatches(got, want, `${op} int32 edges`);
      else {
        // Results above 2^53 (46341^7...) are rounded doubles: an ulp of pow changes the int32.
        const wide = (t: TensorData) => td(Float64Array.from(t.values), t.shape, "float64");
        const ref = js.binary(op, wide(ta), wide(tb), [n * n], "float64");
        assertMatches(got, want, `${op} int32 edges`, F64_TOL[op], undefined, ref);
      }
    }
    // Spot checks of the js rules themselves: floor division and mod by the sign of the divisor.
    const at = (op: BinaryOp, u: number, v: number) =>
      native().binary(
        op,
        td(new Int32Array([u]), [1], "int32"),
        td(new Int32Array([v]), [1], "int32"),
        [1],
        "int32",
      )[0];
    assert.equal(at("floorDiv", -7, 2), -4);
    assert.equal(at("mod", -7, 3), 2);
    assert.equal(at("mod", 7, -3), -2);
    assert.equal(at("floorDiv", 5, 0), 0);
    assert.equal(at("mod", 5, 0), 0);
    assert.equal(at("add", 2147483647, 1), -2147483648);
    assert.equal(at("mul", 65536, 65536), 0);
    assert.equal(at("floorDiv", -2147483648, -1), -2147483648);
  },
);

test("binary: bool outputs of arithmetic ops store `result != 0`, as js", opts, () => {
  const a = td(new Uint8Array([0, 0, 1, 1]), [4], "bool");
  const b = td(new Uint8Array([0, 1, 0, 1]), [4], "bool");
  for (const op of BINARY_OPS) {
    const got = native().binary(op, a, b, [4], "bool");
    assertMatches(got, js.binary(op, a, b, [4], "bool"), `${op} bool`);
  }
  assert.deepEqual([...native().binary("add", a, b, [4], "bool")], [0, 1, 1, 1]);
  assert.deepEqual([...native().binary("div", a, b, [4], "bool")], [1, 0, 1, 1]); // 0/0 is NaN: nonzero
});

test("elementwise: below the SMALL threshold js runs, from it the addon", opts, () => {
  setNativeSmallThreshold(2048);
  try {
    const small = td(data("float32", 2047, 4), [2047], "float32");
    const large = td(data("float32", 2048, 5), [2048], "float32");
    assert.equal(
      callsTo("unary", () => native().unary("sin", small, "float32")),
      0,
    );
    assert.equal(
      callsTo("unary", () => native().unary("sin", large, "float32")),
      1,
    );
    assert.equal(
      callsTo("binary", () => native().binary("pow", small, small, [2047], "float32")),
      0,
    );
    assert.equal(
      callsTo("binary", () => native().binary("pow", large, large, [2048], "float32")),
      1,
    );
  } finally {
    setNativeSmallThreshold(0);
  }
});

test("elementwise: large inputs (several threads) equal js", opts, () => {
  const n = 3 * (1 << 16) + 5;
  const x = td(data("float32", n, 6), [n], "float32");
  for (const op of ["gelu", "sin", "round", "mish"] as const)
    assertMatches(native().unary(op, x, "float32"), js.unary(op, x, "float32"), `${op} large`);
  const a = td(data("float32", 300 * 700, 7), [300, 1, 700], "float32");
  const b = td(data("float32", 300 * 5, 8), [300, 5, 1], "float32");
  for (const op of ["mod", "atan2", "less"] as const) {
    const out: DType = op === "less" ? "bool" : "float32";
    assertMatches(native().binary(op, a, b, [300, 5, 700], out), js.binary(op, a, b, [300, 5, 700], out), op);
  }
});

test("addon: unary, binary and reduce refuse mismatched arrays and plans with named errors", opts, () => {
  const addon = loadNativeAddon();
  const f32 = (n: number) => new Float32Array(n);
  const call =
    (fn: (...a: never[]) => unknown, ...args: unknown[]) =>
    () =>
      (fn as (...a: unknown[]) => unknown).apply(addon, args);
  const plan = (...v: number[]) => new Float64Array(v);
  assert.throws(call(addon.unary, 0, {}, f32(4)), { name: "TypeError", message: "x must be a TypedArray" });
  assert.throws(call(addon.unary, 0, f32(4), new Float64Array(4)), {
    name: "TypeError",
    message: "unary: out must have the input's type",
  });
  assert.throws(call(addon.unary, 49, f32(4), f32(4)), {
    name: "TypeError",
    message: "unary: this op writes a Uint8Array",
  });
  assert.throws(call(addon.unary, 50, f32(4), f32(4)), { name: "RangeError", message: "unknown op code" });
  assert.throws(call(addon.unary, 0, f32(3), f32(4)), {
    name: "RangeError",
    message: "x is shorter than out",
  });
  assert.throws(call(addon.binary, 0, 0, f32(4), new Float64Array(4), f32(4), plan(1, 4, 1, 1)), {
    name: "TypeError",
    message: "a and b must have the same type",
  });
  assert.throws(call(addon.binary, 11, 0, f32(4), f32(4), f32(4), plan(1, 4, 1, 1)), {
    name: "TypeError",
    message: "binary: this op writes a Uint8Array",
  });
  assert.throws(call(addon.binary, 0, 1, f32(4), f32(4), f32(4), plan(1, 4, 1, 1)), {
    name: "RangeError",
    message: "float outputs take mode 0",
  });
  assert.throws(call(addon.binary, 0, 0, f32(4), f32(3), f32(4), plan(1, 4, 1, 1)), {
    name: "RangeError",
    message: "operand too short for the plan",
  });
  assert.throws(call(addon.binary, 0, 0, f32(4), f32(4), f32(4), plan(1, 4, 1)), {
    name: "RangeError",
    message: "the plan's length does not match its rank",
  });
  assert.throws(call(addon.binary, 0, 0, f32(4), f32(4), f32(4), plan(9, ...Array(27).fill(1))), {
    name: "RangeError",
    message: "the plan's rank must be an integer in [0, 8]",
  });
  assert.throws(call(addon.binary, 0, 0, f32(4), f32(4), f32(4), plan(1, 4, -1, 1)), {
    name: "RangeError",
    message: "plan strides must be non-negative int32s",
  });
  assert.throws(call(addon.reduce, 0, f32(6), f32(2), plan(2, 2, 3, 1, 0, 7)), {
    name: "RangeError",
    message: "the plan's length does not match its rank",
  });
  assert.throws(call(addon.reduce, 0, f32(6), f32(3), plan(2, 2, 3, 1, 0)), {
    name: "RangeError",
    message: "lengths do not match the plan",
  });
  assert.throws(call(addon.reduce, 0, f32(6), f32(2), plan(2, 2, 3, 1, 2)), {
    name: "RangeError",
    message: "plan axis flags must be 0 or 1",
  });
  // What the checks let through works: [2, 3] summed over its last axis.
  const out = f32(2);
  addon.reduce(0, new Float32Array([1, 2, 3, 4, 5, 6]), out, plan(2, 2, 3, 1, 0));
  assert.deepEqual([...out], [6, 15]);
});
