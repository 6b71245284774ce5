/**
 * Probabilistic loss functions beyond plain cross-entropy: Kullback-Leibler divergence, Poisson,
 * and the binary and categorical focal cross-entropies (Keras's formulas and epsilon).
 */
import type { AnyTensor } from "../core/symbolic.js";
import type { Tensor } from "../core/tensor.js";
import type { TensorLike } from "../ops/convert.js";
import * as ops from "../ops/index.js";
import { elementwiseBinaryCrossentropy, smoothLabels } from "./crossentropy-functions.js";
import { EPSILON, prepareInputs } from "./loss.js";

/**
 * `sum(yTrue * log(yTrue / yPred), axis=-1)`, with both clipped to `[epsilon, 1]`.
 * @example
 * ```ts
 * keras.losses.klDivergence([[0.5, 0.5]], [[0.25, 0.75]]).arraySync(); // [0.1438...]
 * ```
 */
export function klDivergence(yTrue: TensorLike, yPred: TensorLike): Tensor {
  const [t, p] = prepareInputs(yTrue, yPred);
  const yt = ops.clip(t, EPSILON, 1);
  const yp = ops.clip(p, EPSILON, 1);
  return ops.sum(ops.multiply(yt, ops.log(ops.divide(yt, yp))), -1) as Tensor;
}

/**
 * `mean(yPred - yTrue * log(yPred + epsilon), axis=-1)`.
 * @example
 * ```ts
 * keras.losses.poisson([[1]], [[1]]).arraySync(); // [0.9999999]
 * ```
 */
export function poisson(yTrue: TensorLike, yPred: TensorLike): Tensor {
  const [yt, yp] = prepareInputs(yTrue, yPred);
  return ops.mean(ops.subtract(yp, ops.multiply(yt, ops.log(ops.add(yp, EPSILON)))), -1) as Tensor;
}

/** Options of `binaryFocalCrossentropy`. */
export interface BinaryFocalCrossentropyOptions {
  /** Weight positives by `alpha` and negatives by `1 - alpha` (default false). */
  applyClassBalancing?: boolean;
  /** Class-balancing weight (default 0.25). */
  alpha?: number;
  /** Focusing exponent of `(1 - p_t)` (default 2). */
  gamma?: number;
  /** Whether `yPred` holds logits (default false). */
  fromLogits?: boolean;
  /** Squeezes labels towards 0.5 (default 0). */
  labelSmoothing?: number;
  /** Axis of the mean (default -1). */
  axis?: number;
}

/**
 * Binary focal cross-entropy: `(1 - p_t)^gamma * bce`, optionally class-balanced, averaged over
 * `axis`, where `p_t = y * p + (1 - y) * (1 - p)`.
 * @example
 * ```ts
 * keras.losses.binaryFocalCrossentropy([[0, 1]], [[0.4, 0.6]]).arraySync(); // [0.0817...]
 * ```
 */
export function binaryFocalCrossentropy(
  yTrue: TensorLike,
  yPred: TensorLike,
  {
    applyClassBalancing = false,
    alpha = 0.25,
    gamma = 2,
    fromLogits = false,
    labelSmoothing = 0,
    axis = -1,
  }: BinaryFocalCrossentropyOptions = {},
): Tensor {
  let [yt, yp] = prepareInputs(yTrue, yPred);
  if (labelSmoothing) yt = ops.add(ops.multiply(yt, 1 - labelSmoothing), 0.5 * labelSmoothing) as AnyTensor;
  if (fromLogits) yp = ops.sigmoid(yp) as AnyTensor;
  const bce = elementwiseBinaryCrossentropy(yt, yp, false);
  const notYt = ops.subtract(1, yt);
  const pT = ops.add(ops.multiply(yt, yp), ops.multiply(notYt, ops.subtract(1, yp)));
  let focal = ops.multiply(ops.power(ops.subtract(1, pT), gamma), bce) as AnyTensor;
  if (applyClassBalancing) {
    const weight = ops.add(ops.multiply(yt, alpha), ops.multiply(notYt, 1 - alpha));
    focal = ops.multiply(weight, focal) as AnyTensor;
  }
  return ops.mean(focal, axis) as Tensor;
}

/** Options of `categoricalFocalCrossentropy`. */
export interface CategoricalFocalCrossentropyOptions {
  /** Weighting factor (default 0.25). */
  alpha?: number;
  /** Focusing exponent of `(1 - p)` (default 2). */
  gamma?: number;
  /** Whether `yPred` holds logits (default false). */
  fromLogits?: boolean;
  /** Mixes labels with the uniform distribution (default 0). */
  labelSmoothing?: number;
  /** The class axis (default -1). */
  axis?: number;
}

/**
 * Categorical focal cross-entropy: `sum(alpha * (1 - p)^gamma * -yTrue * log(p))` over `axis`,
 * with `p` renormalized and clipped to `[epsilon, 1 - epsilon]`.
 * @example
 * ```ts
 * keras.losses.categoricalFocalCrossentropy([[0, 1, 0]], [[0.1, 0.8, 0.1]]).arraySync(); // [0.00223...]
 * ```
 */
export function categoricalFocalCrossentropy(
  yTrue: TensorLike,
  yPred: TensorLike,
  {
    alpha = 0.25,
    gamma = 2,
    fromLogits = false,
    labelSmoothing = 0,
    axis = -1,
  }: CategoricalFocalCrossentropyOptions = {},
): Tensor {
  const [t, p] = prepareInputs(yTrue, yPred);
  const yt = smoothLabels(t, labelSmoothing);
  const probs = fromLogits ? ops.softmax(p, axis) : p;
  const output = ops.clip(ops.divide(probs, ops.sum(probs, axis, true)), EPSILON, 1 - EPSILON);
  const cce = ops.multiply(ops.negative(yt), ops.log(output));
  const weighting = ops.multiply(ops.power(ops.subtract(1, output), gamma), alpha);
  return ops.sum(ops.multiply(weighting, cce), axis) as Tensor;
}
