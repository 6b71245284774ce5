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
  /** An array of the output's size that the backend may write the result into instead of allocating. */
  outInto?: TypedArray;
}

/** Inputs of the fused dense backward pass; `y` (the forward output) is needed for relu. */
export interface DenseGradArgs extends DenseArgs {
  y?: TensorData; // [M, N]
  dy: TensorData; // [M, N]
  /** Which gradients to compute (dx, dKernel, dBias); the others come back null. */
  needed: readonly [boolean, boolean, boolean];
  /** An array of the kernel's size that the backend may write dKernel into instead of allocating. */
  dKernelInto?: TypedArray;
  /** An array of x's size that the backend may write dx into instead of allocating. */
  dxInto?: TypedArray;
}

/** Gradients of the fused dense op. */
export interface DenseGrads {
  dx: TypedArray | null;
  dKernel: TypedArray | null;
  dBias: TypedArray | null;
}

/**
 * One optimizer step over a variable's values, written into the `*Out` arrays, which may be the
 * inputs themselves (an in-place update). Same float dtype everywhere; scalars are plain numbers.
 */
export type OptimizerUpdate =
  | {
      kind: "sgd";
      w: TypedArray;
      g: TypedArray;
      wOut: TypedArray;
      /** Momentum slot and its output; null without momentum. */
      m: TypedArray | null;
      mOut: TypedArray | null;
      lr: number;
      momentum: number;
      nesterov: boolean;
    }
  | {
      kind: "adam";
      w: TypedArray;
      g: TypedArray;
      m: TypedArray;
      v: TypedArray;
      wOut: TypedArray;
      mOut: TypedArray;
      vOut: TypedArray;
      /** `lr·√(1 − β2ᵗ) / (1 − β1ᵗ)`. */
      alpha: number;
      oneMinusBeta1: number;
      oneMinusBeta2: number;
      epsilon: number;
    };

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
  /**
   * `take` along `axis` with int32 `indices` already normalized into range. `into`: an array of
   * `x`'s type and the output's length that the kernel may fill and return instead of a new one
   * (a hint: the result is always the returned array).
   */
  gather(x: TensorData, indices: TensorData, axis: number, outShape: Shape, into?: TypedArray): TypedArray;
  /** Adjoint of gather: zeros of `outShape`, then `updates` summed into the rows `indices` pick on `axis`. */
  scatterAdd(updates: TensorData, indices: TensorData, axis: number, outShape: Shape): TypedArray;
  /** Sorts along the last axis; returns values and int32 source indices. Stable. */
  sort(x: TensorData, descending: boolean): [TypedArray, Int32Array];
  /** Top `k` values along the last axis (descending, ties by lower index) and their indices. */
  topK(x: TensorData, k: number): [TypedArray, Int32Array];

  // ---- fused hot paths of training (same rounding as the ops they replace) ----
  /** `activation(x·kernel + bias)` for 2-D `x`; the result is [M, N]. */
  dense(args: DenseArgs): TypedArray;
  /** Gradients of `dense` with respect to x, kernel and bias (those asked for in `needed`). */
  denseGrad(args: DenseGradArgs): DenseGrads;
  /** Softmax, or log-softmax when `log`, along the last axis. */
  softmax(x: TensorData, log: boolean): TypedArray;
  /** Gradient of `softmax` along the last axis from its output `y` and the output gradient `dy`. */
  softmaxGrad(y: TensorData, dy: TensorData, log: boolean): TypedArray;
  /**
   * Sparse categorical cross-entropy per row of `pred` ([rows, classes]) against int32 `labels`
   * ([rows], already checked to lie in range): from probabilities or from logits.
   */
  sparseCrossentropy(labels: TensorData, pred: TensorData, fromLogits: boolean): TypedArray;
  /** Gradient of `sparseCrossentropy` with respect to `pred`, given the per-row gradient `dy`. */
  sparseCrossentropyGrad(
    labels: TensorData,
    pred: TensorData,
    dy: TensorData,
    fromLogits: boolean,
  ): TypedArray;
  /** One optimizer step in a single pass, written into the given output arrays. */
  optimizerUpdate(update: OptimizerUpdate, dtype: DType): void;
}
