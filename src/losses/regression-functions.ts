/**
 * Regression loss functions, each returning per-sample values (the mean or sum over the last axis):
 * mean squared / absolute / absolute-percentage / squared-logarithmic error, cosine similarity,
 * Huber and log-cosh, with Keras's formulas and epsilon.
 */
import type { AnyTensor } from "../core/symbolic.js";
import type { Tensor } from "../core/tensor.js";
import type { TensorLike } from "../ops/convert.js";
import * as ops from "../ops/index.js";
import { EPSILON, prepareInputs, squeezeOrExpandToSameRank } from "./loss.js";

function aligned(yTrue: TensorLike, yPred: TensorLike): [AnyTensor, AnyTensor] {
  const [yt, yp] = prepareInputs(yTrue, yPred);
  return squeezeOrExpandToSameRank(yt, yp);
}

/**
 * `mean(square(yTrue - yPred), axis=-1)`.
 * @example
 * ```ts
 * keras.losses.meanSquaredError([[0, 1]], [[1, 1]]).arraySync(); // [0.5]
 * ```
 */
export function meanSquaredError(yTrue: TensorLike, yPred: TensorLike): Tensor {
  const [yt, yp] = aligned(yTrue, yPred);
  return ops.mean(ops.square(ops.subtract(yt, yp)), -1) as Tensor;
}

/**
 * `mean(abs(yTrue - yPred), axis=-1)`.
 * @example
 * ```ts
 * keras.losses.meanAbsoluteError([[0, 1]], [[1, 1]]).arraySync(); // [0.5]
 * ```
 */
export function meanAbsoluteError(yTrue: TensorLike, yPred: TensorLike): Tensor {
  const [yt, yp] = aligned(yTrue, yPred);
  return ops.mean(ops.abs(ops.subtract(yt, yp)), -1) as Tensor;
}

/**
 * `100 * mean(abs((yTrue - yPred) / maximum(abs(yTrue), epsilon)), axis=-1)`.
 * @example
 * ```ts
 * keras.losses.meanAbsolutePercentageError([[2, 4]], [[1, 4]]).arraySync(); // [25]
 * ```
 */
export function meanAbsolutePercentageError(yTrue: TensorLike, yPred: TensorLike): Tensor {
  const [yt, yp] = aligned(yTrue, yPred);
  const diff = ops.abs(ops.divide(ops.subtract(yt, yp), ops.maximum(ops.abs(yt), EPSILON)));
  return ops.multiply(ops.mean(diff, -1), 100) as Tensor;
}

/**
 * `mean(square(log(max(yPred, eps) + 1) - log(max(yTrue, eps) + 1)), axis=-1)`.
 * @example
 * ```ts
 * keras.losses.meanSquaredLogarithmicError([[0]], [[Math.E - 1]]).arraySync(); // [0.9999998] (≈ 1)
 * ```
 */
export function meanSquaredLogarithmicError(yTrue: TensorLike, yPred: TensorLike): Tensor {
  const [yt, yp] = aligned(yTrue, yPred);
  const first = ops.log(ops.add(ops.maximum(yp, EPSILON), 1));
  const second = ops.log(ops.add(ops.maximum(yt, EPSILON), 1));
  return ops.mean(ops.square(ops.subtract(first, second)), -1) as Tensor;
}

/** L2 normalization along `axis`: `x * min(rsqrt(sum(x²)), 1 / epsilon)` (Keras's `ops.normalize`). */
function l2Normalize(x: AnyTensor, axis: number): AnyTensor {
  const invNorm = ops.minimum(ops.rsqrt(ops.sum(ops.square(x), axis, true)), 1 / EPSILON);
  return ops.multiply(x, invNorm) as AnyTensor;
}

/** Options of `cosineSimilarity`. */
export interface CosineSimilarityOptions {
  /** Axis along which the similarity is computed (default -1). */
  axis?: number;
}

/**
 * The negated cosine similarity along `axis`: `-sum(l2Normalize(yTrue) * l2Normalize(yPred))`;
 * -1 means identical directions, 0 orthogonal ones.
 * @example
 * ```ts
 * keras.losses.cosineSimilarity([[0, 1], [1, 1]], [[1, 0], [1, 1]]).arraySync(); // [0, -1]
 * ```
 */
export function cosineSimilarity(
  yTrue: TensorLike,
  yPred: TensorLike,
  { axis = -1 }: CosineSimilarityOptions = {},
): Tensor {
  const [yt, yp] = aligned(yTrue, yPred);
  return ops.negative(ops.sum(ops.multiply(l2Normalize(yt, axis), l2Normalize(yp, axis)), axis)) as Tensor;
}

/** Options of `huber`. */
export interface HuberOptions {
  /** Error size where the loss turns from quadratic to linear (default 1). */
  delta?: number;
}

/**
 * Huber loss, averaged over the last axis: `0.5 * e²` where `|e| <= delta`, else
 * `delta * |e| - 0.5 * delta²`, with `e = yPred - yTrue`.
 * @example
 * ```ts
 * keras.losses.huber([[0, 0]], [[0.5, 3]]).arraySync(); // [1.3125]
 * ```
 */
export function huber(yTrue: TensorLike, yPred: TensorLike, { delta = 1 }: HuberOptions = {}): Tensor {
  const [yt, yp] = aligned(yTrue, yPred);
  const error = ops.subtract(yp, yt);
  const absError = ops.abs(error);
  const quadratic = ops.multiply(ops.square(error), 0.5);
  const linear = ops.subtract(ops.multiply(absError, delta), 0.5 * delta * delta);
  return ops.mean(ops.where(ops.lessEqual(absError, delta), quadratic, linear), -1) as Tensor;
}

/**
 * `mean(log(cosh(yPred - yTrue)), axis=-1)`, computed stably as `x + softplus(-2x) - log(2)`.
 * @example
 * ```ts
 * keras.losses.logCosh([[0]], [[1]]).arraySync(); // [0.43378...]
 * ```
 */
export function logCosh(yTrue: TensorLike, yPred: TensorLike): Tensor {
  const [yt, yp] = aligned(yTrue, yPred);
  const x = ops.subtract(yp, yt);
  const value = ops.subtract(ops.add(x, ops.softplus(ops.multiply(x, -2))), Math.LN2);
  return ops.mean(value, -1) as Tensor;
}
