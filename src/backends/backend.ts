/**
 * The typed backend interface. Backends receive inputs the front end has already validated and
 * output shapes/dtypes it has already inferred: they compute, nothing else. They know nothing of
 * autodiff, layers or user errors. Required primitives first, then optional fused fast paths that
 * the front end composes from primitives when a backend lacks them.
 */
import type { DType, TypedArray } from "../core/dtype.js";
import type { Shape } from "../core/shape.js";
import type { TensorData } from "../core/tensor.js";

/** Elementwise single-input kernels. `param` carries a scalar such as leakyRelu's alpha. */
export type UnaryOp =
  | "neg"
  | "abs"
  | "sign"
  | "square"
  | "sqrt"
  | "rsqrt"
  | "reciprocal"
  | "exp"
  | "expm1"
  | "log"
  | "log1p"
  | "log2"
  | "log10"
  | "sin"
  | "cos"
  | "tan"
  | "asin"
  | "acos"
  | "atan"
  | "sinh"
  | "cosh"
  | "tanh"
  | "asinh"
  | "acosh"
  | "atanh"
  | "floor"
  | "ceil"
  | "round"
  | "trunc"
  | "erf"
  | "erfinv"
  | "relu"
  | "relu6"
  | "leakyRelu"
  | "elu"
  | "selu"
  | "sigmoid"
  | "hardSigmoid"
  | "softplus"
  | "softsign"
  | "silu"
  | "gelu"
  | "geluTanh"
  | "mish"
  | "hardSilu"
  | "logSigmoid"
  | "logicalNot"
  | "isnan"
  | "isinf"
  | "isfinite";

/** Elementwise two-input kernels, with NumPy broadcasting. */
export type BinaryOp =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "floorDiv"
  | "mod"
  | "pow"
  | "maximum"
  | "minimum"
  | "atan2"
  | "squaredDifference"
  | "equal"
  | "notEqual"
  | "less"
  | "lessEqual"
  | "greater"
  | "greaterEqual"
  | "logicalAnd"
  | "logicalOr"
  | "logicalXor";

export type ReduceOp = "sum" | "prod" | "max" | "min" | "any" | "all";

/** Inputs of the fused dense fast path: `activation(x·kernel + bias)`. */
export interface DenseArgs {
  x: TensorData; // [M, K]
  kernel: TensorData; // [K, N]
  bias?: TensorData; // [N]
  activation: "linear" | "relu";
}

/** The reference (`js`) and native backends implement this. */
export interface Backend {
  readonly name: string;

  // ---- elementwise ----
  cast(x: TensorData, dtype: DType): TypedArray;
  unary(op: UnaryOp, x: TensorData, outDtype: DType, param?: number): TypedArray;
  binary(op: BinaryOp, a: TensorData, b: TensorData, outShape: Shape, outDtype: DType): TypedArray;
  /** `cond ? a : b`, broadcasting all three to `outShape`. */
  where(cond: TensorData, a: TensorData, b: TensorData, outShape: Shape, outDtype: DType): TypedArray;

  // ---- reductions ----
  /** Reduces over sorted, unique `axes`; the result has those axes removed. */
  reduce(op: ReduceOp, x: TensorData, axes: readonly number[], outDtype: DType): TypedArray;
  /** Index of the max/min along `axis` (first occurrence); result has the axis removed. */
  argReduce(op: "argmax" | "argmin", x: TensorData, axis: number): Int32Array;
  /** Cumulative sum/product along `axis`. */
  cumulative(
    op: "sum" | "prod",
    x: TensorData,
    axis: number,
    exclusive: boolean,
    reverse: boolean,
  ): TypedArray;

  // ---- linear algebra ----
  /**
   * Batched matrix product. `a` is [...batchA, M, K] (or [..., K, M] when transposeA), `b` is
   * [...batchB, K, N] (or [..., N, K] when transposeB); batch dims broadcast to `outShape`'s.
   */
  matmul(a: TensorData, b: TensorData, transposeA: boolean, transposeB: boolean, outShape: Shape): TypedArray;

  // ---- data movement ----
  transpose(x: TensorData, perm: readonly number[]): TypedArray;
  broadcastTo(x: TensorData, shape: Shape): TypedArray;
  /** Strided slice: `begin`, `size` (output shape) and `strides` (may be negative) per axis. */
  slice(x: TensorData, begin: readonly number[], size: Shape, strides: readonly number[]): TypedArray;
  concat(xs: readonly TensorData[], axis: number, outShape: Shape): TypedArray;
  /** Pads with a constant; `paddings[i]` = [before, after] for axis i. */
  pad(x: TensorData, paddings: readonly (readonly [number, number])[], value: number): TypedArray;
  /** `take` along `axis` with int32 `indices` already normalized into range. */
  gather(x: TensorData, indices: TensorData, axis: number, outShape: Shape): TypedArray;
  /** Adjoint of gather: zeros of `outShape`, then `updates` summed into the rows `indices` pick on `axis`. */
  scatterAdd(updates: TensorData, indices: TensorData, axis: number, outShape: Shape): TypedArray;
  /** Sorts along the last axis; returns values and int32 source indices. Stable. */
  sort(x: TensorData, descending: boolean): [TypedArray, Int32Array];
  /** Top `k` values along the last axis (descending, ties by lower index) and their indices. */
  topK(x: TensorData, k: number): [TypedArray, Int32Array];

  // ---- optional fused fast paths (the front end falls back to compositions) ----
  dense?(args: DenseArgs, outShape: Shape): TypedArray;
}
