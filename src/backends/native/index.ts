/**
 * The native backend: the C++ kernel library in native/ (packed, cache-blocked GEMM with AVX-512,
 * AVX2+FMA and portable micro-kernels chosen at run time, a persistent thread pool) reached through
 * an N-API addon that works on the tensors' TypedArrays in place, without copies.
 *
 * Every op of the `Backend` interface runs natively; below `SMALL` elements (matmul and the
 * fused dense ops excepted) and for anything unusual (an index or a read out of range, an identity
 * transpose, mismatched array types, more than 8 merged axes, topK's k beyond the row, empty
 * outputs) the reference `js` kernels run instead, and raise the errors.
 * - `matmul`, the fused `dense`/`denseGrad` and optimizer updates: float32/float64 (variables under
 *   `SMALL` elements update in js).
 * - Elementwise and reductions, float32/float64/int32/uint8/bool: `unary` (all of `UnaryOp`),
 *   `binary` (all of `BinaryOp`, any NumPy broadcast merging into at most 8 strided axes, the js
 *   kernel's integer rules: int32 products wrap, integer division and mod by zero give 0) and
 *   `reduce` (all ops, any axis set, accumulated in double in the js order).
 * - Rows: `softmax`/`softmaxGrad` (last axis), `sparseCrossentropy`/`sparseCrossentropyGrad`
 *   (int32 labels), `argReduce`, `sort` and `topK` (last axis; NaN greatest, −0 ties +0, ties by
 *   lower index), `cumulative` (sum/prod, exclusive, reverse; double accumulator).
 * - Data movement, any dtype: `transpose`, `broadcastTo`, `slice` (negative strides too),
 *   `concat`, `pad`, `gather` and `scatterAdd` (int32 indices; each element sums its updates in
 *   the js order), `where` (any condition dtype, broadcasts of rank ≤ 8), `cast`.
 *
 * Results equal the js kernels bitwise, with one exception: float64 results (and integer
 * conversions of doubles above 2^53) of ops built on C library functions — exp, expm1, log,
 * log1p, log2, log10, the trigonometric and hyperbolic functions and their inverses, pow, atan2,
 * and the ops built on them (sigmoid, softplus, silu, gelu, mish, elu, selu, erfinv, ...) — which
 * call glibc's double functions where js calls V8's: at most 1 ulp for most, 2 for log10, 3 for
 * sinh/cosh/tanh on a 2^20-point sweep (glibc 2.36, Node 20); native/src/elementwise.h has the
 * table. float32 results are computed in double and rounded once, as js does: bitwise equal to js
 * on 2^24 inputs per op. The softmax and cross-entropy row kernels compute exp/log as the native
 * `unary` does, so they equal the native op compositions they replace bitwise.
 *
 * Results are bitwise identical for any thread count: work is split across threads by output
 * tiles or whole rows, and every output element is summed in the same order whichever thread
 * computes it.
 */
import { allocArray, isFloat, type DType, type TypedArray } from "../../core/dtype.js";
import { sizeOf, stridesOf, type Shape } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";
import { BackendError } from "../../core/errors.js";
import type { Backend, BinaryOp, ReduceOp, UnaryOp } from "../backend.js";
import { createJsBackend } from "../js/index.js";
import { planMatmul } from "../js/matmul.js";
import { broadcastStrides } from "../js/strided.js";
import { loadNativeAddon, type CpuFeatures, type NativeAddon } from "./addon.js";

export { nativeAvailable } from "./addon.js";
export type { CpuFeatures } from "./addon.js";

/** Op codes: the order of the enums in native/src/elementwise.h (that of the unions in backend.ts). */
const NATIVE_UNARY: readonly UnaryOp[] = [
  "neg",
  "abs",
  "sign",
  "square",
  "sqrt",
  "rsqrt",
  "reciprocal",
  "exp",
  "expm1",
  "log",
  "log1p",
  "log2",
  "log10",
  "sin",
  "cos",
  "tan",
  "asin",
  "acos",
  "atan",
  "sinh",
  "cosh",
  "tanh",
  "asinh",
  "acosh",
  "atanh",
  "floor",
  "ceil",
  "round",
  "trunc",
  "erf",
  "erfinv",
  "relu",
  "relu6",
  "leakyRelu",
  "elu",
  "selu",
  "sigmoid",
  "hardSigmoid",
  "softplus",
  "softsign",
  "silu",
  "gelu",
  "geluTanh",
  "mish",
  "hardSilu",
  "logSigmoid",
  "logicalNot",
  "isnan",
  "isinf",
  "isfinite",
];
const NATIVE_BINARY: readonly BinaryOp[] = [
  "add",
  "sub",
  "mul",
  "div",
  "floorDiv",
  "mod",
  "pow",
  "maximum",
  "minimum",
  "atan2",
  "squaredDifference",
  "equal",
  "notEqual",
  "less",
  "lessEqual",
  "greater",
  "greaterEqual",
  "logicalAnd",
  "logicalOr",
  "logicalXor",
];
const NATIVE_REDUCE: readonly ReduceOp[] = ["sum", "max", "min", "prod", "any", "all"];
/** The unary ops with a bool output (the last four of NATIVE_UNARY). */
const BOOL_UNARY: ReadonlySet<UnaryOp> = new Set(NATIVE_UNARY.slice(-4));
/** The binary ops with a bool output: comparisons and logical ops (NATIVE_BINARY from "equal"). */
const BOOL_BINARY: ReadonlySet<BinaryOp> = new Set(NATIVE_BINARY.slice(NATIVE_BINARY.indexOf("equal")));
/** The arithmetic ops: with a bool output, the js kernel stores whether the result is nonzero. */
const ARITHMETIC: ReadonlySet<BinaryOp> = new Set<BinaryOp>([
  "add",
  "sub",
  "mul",
  "div",
  "floorDiv",
  "mod",
  "pow",
  "squaredDifference",
]);
/**
 * Below this many output elements the elementwise kernels run in js: crossing into C++ and
 * describing the broadcast costs more than the loop itself (results are the same either way).
 */
let SMALL = 2048;

/**
 * @internal Sets the size below which elementwise kernels run in js (tests set 0 to exercise the
 * native kernels on small inputs).
 */
export function setNativeSmallThreshold(elements: number): void {
  SMALL = elements;
}

const UNARY_CODE = new Map(NATIVE_UNARY.map((op, i) => [op, i]));
const BINARY_CODE = new Map(NATIVE_BINARY.map((op, i) => [op, i]));
const REDUCE_CODE = new Map(NATIVE_REDUCE.map((op, i) => [op, i]));

type FloatArray = Float32Array | Float64Array;
const isFloatArray = (v: TypedArray): v is FloatArray =>
  v instanceof Float32Array || v instanceof Float64Array;

/** Node's Buffer, when present: the source of uninitialized output memory. */
const NodeBuffer = (globalThis as { Buffer?: { allocUnsafeSlow(bytes: number): Uint8Array } }).Buffer;
let poisonOutputs = false;

/**
 * @internal Fills every uninitialized output with NaN before the kernel runs (tests turn it on, so
 * that a kernel that leaves an element unwritten fails instead of reading stale memory).
 */
export function setNativePoisonOutputs(on: boolean): void {
  poisonOutputs = on;
}

/**
 * An output array the kernel overwrites completely. Large float outputs skip the zero fill that
 * `new Float32Array(n)` does (a 1 MB weight gradient per step would otherwise pay for it).
 */
function allocOutput(dtype: DType, n: number): TypedArray {
  if (n < 1024 || !NodeBuffer || (dtype !== "float32" && dtype !== "float64")) return allocArray(dtype, n);
  const bytes = NodeBuffer.allocUnsafeSlow(n * (dtype === "float32" ? 4 : 8));
  const out =
    dtype === "float32"
      ? new Float32Array(bytes.buffer, bytes.byteOffset, n)
      : new Float64Array(bytes.buffer, bytes.byteOffset, n);
  if (poisonOutputs) out.fill(NaN);
  return out;
}

/**
 * Collapses the broadcast of `shapes` to `outShape` into at most two loop dimensions. Returns
 * [M, N, ...per operand (si, sj)] in elements, or undefined when more dimensions are needed.
 */
function collapse2(outShape: Shape, shapes: readonly Shape[]): number[] | undefined {
  const strides = shapes.map((s) => broadcastStrides(s, outShape));
  const dims: number[] = [];
  const st: number[][] = shapes.map(() => []);
  for (let d = 0; d < outShape.length; d++) {
    const n = outShape[d]!;
    if (n === 1) continue;
    const k = dims.length - 1;
    // Merge into the previous dimension when every operand is contiguous across the pair.
    if (k >= 0 && strides.every((s, o) => st[o]![k] === s[d]! * n)) {
      dims[k]! *= n;
      strides.forEach((s, o) => (st[o]![k] = s[d]!));
    } else {
      dims.push(n);
      strides.forEach((s, o) => st[o]!.push(s[d]!));
    }
  }
  while (dims.length < 2) {
    dims.unshift(1);
    st.forEach((s) => s.unshift(0));
  }
  if (dims.length > 2) return undefined;
  return [dims[0]!, dims[1]!, ...st.flatMap((s) => [s[0]!, s[1]!])];
}

/** Highest rank of the elementwise and reduction plans (`kMaxElemRank` in native/src/elementwise.h). */
const MAX_ELEM_RANK = 8;
/** One reusable plan array per rank for `addon.binary` and for `addon.reduce` (lengths must match). */
const BINARY_PLANS = Array.from({ length: MAX_ELEM_RANK + 1 }, (_, r) => new Float64Array(1 + 3 * r));
const REDUCE_PLANS = Array.from({ length: MAX_ELEM_RANK + 1 }, (_, r) => new Float64Array(1 + 2 * r));

/** The array types the elementwise kernels read and write (bool is a Uint8Array). */
const isElemArray = (v: TypedArray): boolean =>
  v instanceof Float32Array ||
  v instanceof Float64Array ||
  v instanceof Int32Array ||
  v instanceof Uint8Array;

/**
 * The broadcast of `a` and `b` to `outShape` as an `addon.binary` plan: size-1 axes dropped and
 * neighbouring axes merged where both operands are contiguous across them; undefined when more
 * than `MAX_ELEM_RANK` axes remain (then js runs).
 */
function broadcastPlan(outShape: Shape, aShape: Shape, bShape: Shape): Float64Array | undefined {
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const n: number[] = [];
  const as: number[] = [];
  const bs: number[] = [];
  for (let d = 0; d < outShape.length; d++) {
    const m = outShape[d]!;
    if (m === 1) continue;
    const k = n.length - 1;
    if (k >= 0 && as[k] === sa[d]! * m && bs[k] === sb[d]! * m) {
      n[k]! *= m;
      as[k] = sa[d]!;
      bs[k] = sb[d]!;
    } else {
      n.push(m);
      as.push(sa[d]!);
      bs.push(sb[d]!);
    }
  }
  const r = n.length;
  if (r > MAX_ELEM_RANK) return undefined;
  const plan = BINARY_PLANS[r]!;
  plan[0] = r;
  for (let k = 0; k < r; k++) {
    plan[1 + k] = n[k]!;
    plan[1 + r + k] = as[k]!;
    plan[1 + 2 * r + k] = bs[k]!;
  }
  return plan;
}

/**
 * Reducing `shape` over `axes` as an `addon.reduce` plan: size-1 axes dropped and neighbouring
 * axes that are both kept or both reduced merged; undefined when more than `MAX_ELEM_RANK` remain.
 */
function reducePlan(shape: Shape, axes: readonly number[]): Float64Array | undefined {
  const n: number[] = [];
  const kept: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    const m = shape[d]!;
    if (m === 1) continue;
    const keep = axes.includes(d) ? 0 : 1;
    const k = n.length - 1;
    if (k >= 0 && kept[k] === keep) n[k]! *= m;
    else {
      n.push(m);
      kept.push(keep);
    }
  }
  const r = n.length;
  if (r > MAX_ELEM_RANK) return undefined;
  const plan = REDUCE_PLANS[r]!;
  plan[0] = r;
  for (let k = 0; k < r; k++) {
    plan[1 + k] = n[k]!;
    plan[1 + r + k] = kept[k]!;
  }
  return plan;
}

/** Highest rank `addon.copyStrided` takes (`kMaxCopyRank` in native/src/movement.h). */
const MAX_COPY_RANK = 8;
/** One reusable plan array per rank for `addon.copyStrided` (its length must match the rank). */
const PLANS = Array.from({ length: MAX_COPY_RANK + 1 }, (_, r) => new Float64Array(3 + 3 * r));

/**
 * `dst[dstBase + Σ i·ds] = src[srcBase + Σ i·ss]` over the index space `n` on the addon; false,
 * with nothing written, when that reads or writes out of range (the caller then runs js).
 */
function copyStrided(
  addon: NativeAddon,
  src: TypedArray,
  dst: TypedArray,
  srcBase: number,
  dstBase: number,
  n: readonly number[],
  ss: readonly number[],
  ds: readonly number[],
): boolean {
  const r = n.length;
  if (r > MAX_COPY_RANK || !(srcBase >= 0)) return false;
  const plan = PLANS[r]!;
  plan[0] = r;
  plan[1] = srcBase;
  plan[2] = dstBase;
  for (let k = 0; k < r; k++) {
    plan[3 + k] = n[k]!;
    plan[3 + r + k] = ss[k]!;
    plan[3 + 2 * r + k] = ds[k]!;
  }
  return addon.copyStrided(src, dst, plan);
}

/** `into` when it is an array of `like`'s type and `n` elements (a caller's reusable output), else undefined. */
function fits(into: TypedArray | undefined, like: TypedArray, n: number): FloatArray | undefined {
  return into?.length === n && into.constructor === like.constructor ? (into as FloatArray) : undefined;
}

/** An output for a copy of `x`'s elements: the same array type, or undefined (then js runs). */
function copyOutput(x: TensorData, n: number): TypedArray | undefined {
  const out = allocOutput(x.dtype, n);
  return out.constructor === x.values.constructor ? out : undefined;
}

/** [outer, n, inner] sizes of `shape` around `axis` (n undefined when the axis does not exist). */
function around(shape: Shape, axis: number): [number, number | undefined, number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis], sizeOf(shape.slice(axis + 1))];
}

/**
 * Constant padding on the addon: every border element is written once from a one-element source
 * (zero strides), then the interior is copied in. False when a copy is refused (then js runs).
 */
function nativePad(
  addon: NativeAddon,
  x: TensorData,
  out: TypedArray,
  paddings: readonly (readonly [number, number])[],
  outShape: Shape,
  value: number,
): boolean {
  const r = outShape.length;
  const os = stridesOf(outShape);
  const fill = allocArray(x.dtype, 1);
  fill[0] = value === 0 ? 0 : value; // js leaves zeros (+0) when value is ±0, and fills otherwise
  const zeros = new Array<number>(r).fill(0);
  // The border, axis by axis: axes before k inside the interior, axis k before or after it, the rest whole.
  let base = 0;
  for (let k = 0; k < r; k++) {
    const [before, after] = paddings[k]!;
    const n = outShape.map((d, j) => (j < k ? x.shape[j]! : d));
    for (const [start, len] of [
      [0, before],
      [before + x.shape[k]!, after],
    ] as const) {
      n[k] = len;
      if (sizeOf(n) > 0 && !copyStrided(addon, fill, out, 0, base + start * os[k]!, n, zeros, os))
        return false;
    }
    base += before * os[k]!;
  }
  return sizeOf(x.shape) === 0 || copyStrided(addon, x.values, out, 0, base, x.shape, stridesOf(x.shape), os);
}

/** Batched matmul on the addon; same contract as `Backend.matmul`. */
function nativeMatmul(
  addon: NativeAddon,
  a: TensorData,
  b: TensorData,
  transposeA: boolean,
  transposeB: boolean,
  outShape: Shape,
): TypedArray {
  const out = allocOutput(a.dtype, sizeOf(outShape)) as Float32Array | Float64Array;
  if (out.length === 0) return out;
  const av = a.values as Float32Array | Float64Array;
  const bv = b.values as Float32Array | Float64Array;
  const { M, N, K, batches, single, aOffsets, bOffsets } = planMatmul(a, b, transposeA, outShape);
  if (single) addon.matmul(av, bv, out, batches * M, N, K, transposeA, transposeB, null, null);
  else addon.matmul(av, bv, out, M, N, K, transposeA, transposeB, aOffsets, bOffsets);
  return out;
}

/**
 * Creates the native backend object (registered as `"native"`, the default backend when the addon loads).
 * @throws BackendError when the addon was not built or cannot load here.
 * @example
 * ```ts
 * keras.backend.setBackend("native"); // throws BackendError if the addon is missing
 * keras.ops.matmul(x, w);             // runs on the native GEMM
 * ```
 */
export function createNativeBackend(): Backend {
  const addon = loadNativeAddon();
  const js = createJsBackend();
  const floatOf = (dtype: DType, ...xs: TensorData[]) =>
    isFloat(dtype) && xs.every((x) => x.dtype === dtype && isFloatArray(x.values));
  /** floatOf, with every array of `dtype`'s own type (the row kernels write an output of that type). */
  const floatRowsOf = (dtype: DType, ...xs: TensorData[]) =>
    floatOf(dtype, ...xs) &&
    xs.every((x) => x.values instanceof (dtype === "float32" ? Float32Array : Float64Array));
  /** [rows, C] of `x` viewed over its last axis, or undefined when the row kernels should not run. */
  const lastAxisRows = (x: TensorData): [number, number] | undefined => {
    const n = x.values.length;
    const C = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1]!;
    return n < SMALL || n === 0 || n % C !== 0 || !floatRowsOf(x.dtype, x) ? undefined : [n / C, C];
  };
  /** [rows, C] of a cross-entropy's `pred` against int32 `labels`, or undefined (then js runs). */
  const ceRows = (labels: TensorData, pred: TensorData): [number, number] | undefined => {
    const rows = labels.values.length;
    const n = pred.values.length;
    const ok = labels.values instanceof Int32Array && rows > 0 && n >= SMALL && n > 0 && n % rows === 0;
    return ok && floatRowsOf(pred.dtype, pred) ? [rows, n / rows] : undefined;
  };
  return {
    ...js,
    name: "native",
    unary: (op, x, outDtype, param) => {
      const xv = x.values;
      const n = xv.length;
      if (n < SMALL || !isElemArray(xv)) return js.unary(op, x, outDtype, param);
      const out = allocOutput(outDtype, n);
      // Bool ops write a Uint8Array, the others an array of x's type (what the addon takes).
      if (BOOL_UNARY.has(op) ? !(out instanceof Uint8Array) : out.constructor !== xv.constructor)
        return js.unary(op, x, outDtype, param);
      if (n > 0) addon.unary(UNARY_CODE.get(op)!, xv, out, param ?? 0);
      return out;
    },
    binary: (op, a, b, outShape, outDtype) => {
      const av = a.values;
      const size = sizeOf(outShape);
      if (size < SMALL || !isElemArray(av) || b.values.constructor !== av.constructor)
        return js.binary(op, a, b, outShape, outDtype);
      const plan = broadcastPlan(outShape, a.shape, b.shape);
      const out = allocOutput(outDtype, size);
      // Comparisons and logical ops write a Uint8Array, the others an array of the operands' type.
      if (!plan || (BOOL_BINARY.has(op) ? !(out instanceof Uint8Array) : out.constructor !== av.constructor))
        return js.binary(op, a, b, outShape, outDtype);
      // The js kernel's variant for the output dtype (see `intVariant` in js/binary.ts).
      const mode =
        outDtype === "bool" && ARITHMETIC.has(op) ? 2 : outDtype === "int32" || outDtype === "uint8" ? 1 : 0;
      if (size > 0) addon.binary(BINARY_CODE.get(op)!, mode, av, b.values, out, plan);
      return out;
    },
    reduce: (op, x, axes, outDtype) => {
      const xv = x.values;
      const plan = xv.length < SMALL || !isElemArray(xv) ? undefined : reducePlan(x.shape, axes);
      if (!plan || xv.length !== sizeOf(x.shape)) return js.reduce(op, x, axes, outDtype);
      const out = allocOutput(outDtype, sizeOf(x.shape.filter((_d, i) => !axes.includes(i))));
      if (out.length > 0) addon.reduce(REDUCE_CODE.get(op)!, xv, out, plan);
      return out;
    },
    where: (cond, a, b, outShape, outDtype) => {
      const size = sizeOf(outShape);
      if (size < SMALL || size === 0) return js.where(cond, a, b, outShape, outDtype);
      const v = collapse2(outShape, [cond.shape, a.shape, b.shape]);
      if (v && cond.values instanceof Uint8Array && floatOf(outDtype, a, b)) {
        const out = allocOutput(outDtype, size) as FloatArray;
        addon.where(
          cond.values,
          a.values as FloatArray,
          b.values as FloatArray,
          out,
          v[0]!,
          v[1]!,
          v[2]!,
          v[3]!,
          v[4]!,
          v[5]!,
          v[6]!,
          v[7]!,
        );
        return out;
      }
      // Any other broadcast (rank ≤ 8) or dtype: an N-D walk that moves a's and b's bits.
      const out = allocOutput(outDtype, size);
      const xs = [cond, a, b];
      const odd = (x: TensorData, i: number) =>
        (i > 0 && x.values.constructor !== out.constructor) ||
        x.shape.length > outShape.length ||
        x.values.length < sizeOf(x.shape);
      if (outShape.length > MAX_COPY_RANK || xs.some(odd)) return js.where(cond, a, b, outShape, outDtype);
      const plan = [outShape.length, ...outShape, ...xs.flatMap((x) => broadcastStrides(x.shape, outShape))];
      addon.whereStrided(cond.values, a.values, b.values, out, new Float64Array(plan));
      return out;
    },
    dense: (args) => {
      const { x, kernel, bias } = args;
      if (!floatOf(x.dtype, x, kernel, ...(bias ? [bias] : []))) return js.dense(args);
      const [M, K] = x.shape as [number, number];
      const N = kernel.shape[1]!;
      const out = (fits(args.outInto, x.values, M * N) ?? allocOutput(x.dtype, M * N)) as FloatArray;
      if (out.length > 0) {
        const bv = (bias?.values ?? null) as FloatArray | null;
        addon.denseForward(
          x.values as FloatArray,
          kernel.values as FloatArray,
          bv,
          out,
          M,
          K,
          N,
          args.activation === "relu",
        );
      }
      return out;
    },
    denseGrad: (args) => {
      const { x, kernel, dy, y, needed } = args;
      const relu = args.activation === "relu";
      if (!floatOf(x.dtype, x, kernel, dy, ...(relu ? [y!] : []))) return js.denseGrad(args);
      const [M, K] = x.shape as [number, number];
      const N = kernel.shape[1]!;
      const alloc = (want: boolean, n: number) => (want ? (allocOutput(x.dtype, n) as FloatArray) : null);
      const dx = (needed[0] && fits(args.dxInto, x.values, M * K)) || alloc(needed[0], M * K);
      const dKernel = (needed[1] && fits(args.dKernelInto, x.values, K * N)) || alloc(needed[1], K * N);
      const dBias = alloc(needed[2], N);
      if (M * N > 0)
        addon.denseBackward(
          x.values as FloatArray,
          kernel.values as FloatArray,
          relu ? (y!.values as FloatArray) : null,
          dy.values as FloatArray,
          dx,
          dKernel,
          dBias,
          M,
          K,
          N,
          relu,
        );
      else return js.denseGrad(args);
      return { dx, dKernel, dBias };
    },
    optimizerUpdate: (u, dtype) => {
      if (!isFloat(dtype) || !isFloatArray(u.w) || u.w.length < SMALL) return js.optimizerUpdate(u, dtype);
      if (u.kind === "sgd") {
        const f = (v: TypedArray | null) => v as FloatArray | null;
        addon.sgdUpdate(f(u.w)!, f(u.g)!, f(u.wOut)!, f(u.m), f(u.mOut), u.lr, u.momentum, u.nesterov);
      } else {
        const f = (v: TypedArray) => v as FloatArray;
        addon.adamUpdate(
          f(u.w),
          f(u.g),
          f(u.m),
          f(u.v),
          f(u.wOut),
          f(u.mOut),
          f(u.vOut),
          u.alpha,
          u.oneMinusBeta1,
          u.oneMinusBeta2,
          u.epsilon,
        );
      }
    },
    cast: (x, dtype) => {
      const n = x.values.length;
      const same = x.values instanceof (dtype === "float32" ? Float32Array : Float64Array);
      if (n < SMALL || !isFloat(dtype) || same) return js.cast(x, dtype);
      const out = allocOutput(dtype, n) as FloatArray;
      addon.cast(x.values, out);
      return out;
    },
    transpose: (x, perm) => {
      const outShape = perm.map((p) => x.shape[p]!);
      const n = sizeOf(outShape);
      if (n < SMALL || perm.length > MAX_COPY_RANK || perm.every((p, i) => p === i))
        return js.transpose(x, perm); // the identity is one TypedArray.set
      const out = copyOutput(x, n);
      const inStrides = stridesOf(x.shape);
      const ss = perm.map((p) => inStrides[p]!);
      return out && copyStrided(addon, x.values, out, 0, 0, outShape, ss, stridesOf(outShape))
        ? out
        : js.transpose(x, perm);
    },
    broadcastTo: (x, shape) => {
      const n = sizeOf(shape);
      if (n < SMALL) return js.broadcastTo(x, shape);
      const out = copyOutput(x, n);
      const ss = broadcastStrides(x.shape, shape);
      return out && copyStrided(addon, x.values, out, 0, 0, shape, ss, stridesOf(shape))
        ? out
        : js.broadcastTo(x, shape);
    },
    slice: (x, begin, size, strides) => {
      const n = sizeOf(size);
      if (n < SMALL || n === 0) return js.slice(x, begin, size, strides);
      const out = copyOutput(x, n);
      const inStrides = stridesOf(x.shape);
      let base = 0;
      for (let i = 0; i < inStrides.length; i++) base += begin[i]! * inStrides[i]!;
      const ss = inStrides.map((s, i) => s * strides[i]!);
      return out && copyStrided(addon, x.values, out, base, 0, size, ss, stridesOf(size))
        ? out
        : js.slice(x, begin, size, strides);
    },
    concat: (xs, axis, outShape) => {
      const n = sizeOf(outShape);
      const out = n < SMALL || xs.length === 0 ? undefined : copyOutput(xs[0]!, n);
      const outer = sizeOf(outShape.slice(0, axis));
      const inner = sizeOf(outShape.slice(axis + 1));
      const rowLen = outShape[axis]! * inner;
      const odd = (x: TensorData) =>
        x.values.constructor !== out!.constructor || x.values.length < outer * x.shape[axis]! * inner;
      if (!out || xs.some(odd)) return js.concat(xs, axis, outShape);
      // Pieces this small are copied here: a call into the addon costs ~0.3 µs.
      const tiny = Math.min(SMALL, 256);
      let start = 0;
      for (const x of xs) {
        const block = x.shape[axis]! * inner;
        const xv = x.values;
        if (outer * block < tiny) {
          for (let o = 0; o < outer; o++)
            for (let k = 0; k < block; k++) out[o * rowLen + start + k] = xv[o * block + k]!;
        } else if (!copyStrided(addon, xv, out, 0, start, [outer, block], [block, 1], [rowLen, 1])) {
          return js.concat(xs, axis, outShape);
        }
        start += block;
      }
      return out;
    },
    gather: (x, indices, axis, outShape) => {
      const n = sizeOf(outShape);
      const idx = indices.values;
      const out = n < SMALL || !(idx instanceof Int32Array) ? undefined : copyOutput(x, n);
      const outer = sizeOf(x.shape.slice(0, axis));
      const rows = x.shape[axis]!;
      const inner = sizeOf(x.shape.slice(axis + 1));
      if (!out || outer * idx.length * inner !== n || x.values.length < outer * rows * inner)
        return js.gather(x, indices, axis, outShape);
      return addon.gather(x.values, idx as Int32Array, out, outer, rows, inner)
        ? out
        : js.gather(x, indices, axis, outShape);
    },
    cumulative: (op, x, axis, exclusive, reverse) => {
      const len = x.values.length;
      const [outer, n, inner] = around(x.shape, axis);
      const out =
        len < SMALL || len === 0 || n === undefined || outer * n * inner !== len
          ? undefined
          : copyOutput(x, len);
      if (!out) return js.cumulative(op, x, axis, exclusive, reverse);
      addon.cumulative(x.values, out, outer, n!, inner, op === "prod", exclusive, reverse);
      return out;
    },
    pad: (x, paddings, value) => {
      const r = x.shape.length;
      const ok =
        paddings.length === r &&
        paddings.every(([b, a]) => Number.isInteger(b) && Number.isInteger(a) && b >= 0 && a >= 0);
      const outShape = ok ? x.shape.map((d, i) => d + paddings[i]![0] + paddings[i]![1]) : [];
      const n = sizeOf(outShape);
      const out = !ok || n < SMALL || r > MAX_COPY_RANK ? undefined : copyOutput(x, n);
      return out && nativePad(addon, x, out, paddings, outShape, value) ? out : js.pad(x, paddings, value);
    },
    scatterAdd: (updates, indices, axis, outShape) => {
      const size = sizeOf(outShape);
      const idx = indices.values;
      const [outer, n, inner] = around(outShape, axis);
      const out =
        size < SMALL ||
        n === undefined ||
        !(idx instanceof Int32Array) ||
        updates.values.length < outer * idx.length * inner
          ? undefined
          : copyOutput(updates, size);
      return out && addon.scatterAdd(updates.values, idx as Int32Array, out, outer, n!, inner)
        ? out
        : js.scatterAdd(updates, indices, axis, outShape);
    },
    sort: (x, descending) => {
      const size = x.values.length;
      const n = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1]!;
      const vals = size < SMALL || n === 0 || size % n !== 0 ? undefined : copyOutput(x, size);
      if (!vals) return js.sort(x, descending);
      const idx = new Int32Array(size);
      if (poisonOutputs) idx.fill(-1);
      addon.sortRows(x.values, vals, idx, size / n, n, descending);
      return [vals, idx];
    },
    topK: (x, k) => {
      // Gated on the input's size: a small k still scans every element.
      const size = x.values.length;
      const n = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1]!;
      const ok = size >= SMALL && n > 0 && size % n === 0 && Number.isInteger(k) && k >= 0 && k <= n;
      const rows = size / n;
      const vals = ok ? copyOutput(x, rows * k) : undefined;
      if (!vals) return js.topK(x, k);
      const idx = new Int32Array(rows * k);
      if (poisonOutputs) idx.fill(-1);
      addon.topK(x.values, vals, idx, rows, n, k);
      return [vals, idx];
    },
    argReduce: (op, x, axis) => {
      const n = x.shape[axis]!;
      const outer = sizeOf(x.shape.slice(0, axis));
      const inner = sizeOf(x.shape.slice(axis + 1));
      const len = x.values.length;
      if (len < SMALL || len === 0 || !(n > 0) || outer * n * inner !== len || !floatRowsOf(x.dtype, x))
        return js.argReduce(op, x, axis);
      const out = new Int32Array(outer * inner);
      if (poisonOutputs) out.fill(-1);
      addon.argReduce(op === "argmin", x.values as FloatArray, out, outer, n, inner);
      return out;
    },
    softmax: (x, log) => {
      const rc = lastAxisRows(x);
      if (!rc) return js.softmax(x, log);
      const out = allocOutput(x.dtype, x.values.length) as FloatArray;
      addon.softmaxRows(x.values as FloatArray, out, rc[0], rc[1], log);
      return out;
    },
    softmaxGrad: (y, dy, log) => {
      const rc = lastAxisRows(y);
      if (!rc || dy.values.length !== y.values.length || !floatRowsOf(y.dtype, dy))
        return js.softmaxGrad(y, dy, log);
      const out = allocOutput(y.dtype, y.values.length) as FloatArray;
      addon.softmaxGradRows(y.values as FloatArray, dy.values as FloatArray, out, rc[0], rc[1], log);
      return out;
    },
    sparseCrossentropy: (labels, pred, fromLogits) => {
      const rc = ceRows(labels, pred);
      if (!rc) return js.sparseCrossentropy(labels, pred, fromLogits);
      const out = allocOutput(pred.dtype, rc[0]) as FloatArray;
      const l = labels.values as Int32Array;
      return addon.sparseCrossentropy(l, pred.values as FloatArray, out, rc[0], rc[1], fromLogits)
        ? out
        : js.sparseCrossentropy(labels, pred, fromLogits);
    },
    sparseCrossentropyGrad: (labels, pred, dy, fromLogits) => {
      const rc = ceRows(labels, pred);
      if (!rc || dy.values.length < rc[0] || !floatRowsOf(pred.dtype, dy))
        return js.sparseCrossentropyGrad(labels, pred, dy, fromLogits);
      const out = allocOutput(pred.dtype, pred.values.length) as FloatArray;
      const l = labels.values as Int32Array;
      const p = pred.values as FloatArray;
      return addon.sparseCrossentropyGrad(l, p, dy.values as FloatArray, out, rc[0], rc[1], fromLogits)
        ? out
        : js.sparseCrossentropyGrad(labels, pred, dy, fromLogits);
    },
    matmul: (a, b, transposeA, transposeB, outShape) =>
      isFloat(a.dtype) && a.dtype === b.dtype
        ? nativeMatmul(addon, a, b, transposeA, transposeB, outShape)
        : js.matmul(a, b, transposeA, transposeB, outShape),
  };
}

/**
 * Sets how many threads the native kernels use (the calling thread included). The default is the
 * number of CPUs the process may run on, or `KERAS_TS_NUM_THREADS` when set. Results do not depend
 * on it.
 * @throws BackendError when the addon is missing or `n` is not an integer in [1, 1024].
 * @example
 * ```ts
 * setNumThreads(1); // single-threaded native kernels
 * ```
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 1024) {
    throw new BackendError(`setNumThreads expects an integer in [1, 1024], received ${n}.`);
  }
  loadNativeAddon().setNumThreads(n);
}

/**
 * Number of threads the native kernels use.
 * @example
 * ```ts
 * getNumThreads(); // 2 on a 2-core machine
 * ```
 */
export function getNumThreads(): number {
  return loadNativeAddon().getNumThreads();
}

/**
 * The CPU features the addon detected and the kernel family it runs ("avx512", "avx2", "scalar").
 * @example
 * ```ts
 * nativeInfo().kernels; // "avx2"
 * ```
 */
export function nativeInfo(): CpuFeatures & { threads: number } {
  const addon = loadNativeAddon();
  return { ...addon.cpuFeatures(), threads: addon.getNumThreads() };
}
