/**
 * Activation functions (Keras 3's `keras.activations`), each delegating to `keras.ops`. They work
 * on eager and symbolic tensors alike.
 */
import type { AnyTensor } from "../core/symbolic.js";
import * as ops from "../ops/index.js";
import type { OpInput, OpResult } from "../ops/index.js";
import { toOpTensor } from "../ops/convert.js";

/** Options of {@link relu}. */
export interface ReluOptions {
  /** Slope for values below the threshold. Default 0. */
  negativeSlope?: number;
  /** Saturation value (the output is at most this). Default: none. */
  maxValue?: number | null;
  /** Values below it are damped or zeroed. Default 0. */
  threshold?: number;
}

/**
 * Rectified linear unit, with Keras's optional leak, cap and threshold:
 * `x` for `threshold <= x < maxValue`, `maxValue` above, `negativeSlope * (x - threshold)` below.
 * @example
 * ```ts
 * keras.activations.relu(keras.tensor([-10, -5, 0, 5, 10])).arraySync(); // [0, 0, 0, 5, 10]
 * keras.activations.relu(keras.tensor([-10, 5, 10]), { negativeSlope: 0.5, maxValue: 6 }).arraySync(); // [-5, 5, 6]
 * ```
 */
export function relu<T extends OpInput>(x: T, options: ReluOptions = {}): OpResult<T> {
  const negativeSlope = options.negativeSlope ?? 0;
  const maxValue = options.maxValue ?? null;
  const threshold = options.threshold ?? 0;
  const t = toOpTensor(x);
  if (negativeSlope === 0 && maxValue === null && threshold === 0) return ops.relu(t) as OpResult<T>;
  let negativePart: AnyTensor | null = null;
  if (negativeSlope !== 0) {
    if (maxValue === null && threshold === 0) return ops.leakyRelu(t, negativeSlope) as OpResult<T>;
    negativePart =
      threshold !== 0 ? ops.relu(ops.add(ops.negative(t), threshold)) : ops.relu(ops.negative(t));
  }
  let clipMax = maxValue !== null;
  let y: AnyTensor;
  if (threshold !== 0) {
    y = ops.where(ops.greater(t, threshold), t, 0);
  } else if (maxValue === 6) {
    y = ops.relu6(t);
    clipMax = false;
  } else {
    y = ops.relu(t);
  }
  if (clipMax) y = ops.clip(y, 0, maxValue!);
  if (negativePart !== null) y = ops.subtract(y, ops.multiply(negativePart, negativeSlope));
  return y as OpResult<T>;
}

/** `min(max(x, 0), 6)`. @example `keras.activations.relu6(keras.tensor([-1, 3, 9])) // [0, 3, 6]` */
export function relu6<T extends OpInput>(x: T): OpResult<T> {
  return ops.relu6(x);
}

/**
 * Leaky ReLU: `x` if `x >= 0` else `negativeSlope * x` (default slope 0.2, as Keras).
 * @example `keras.activations.leakyRelu(keras.tensor([-1, 2])) // [-0.2, 2]`
 */
export function leakyRelu<T extends OpInput>(x: T, negativeSlope = 0.2): OpResult<T> {
  return ops.leakyRelu(x, negativeSlope);
}

/** Exponential linear unit: `x` if `x > 0` else `alpha * (exp(x) - 1)`. @example `keras.activations.elu(x, 1)` */
export function elu<T extends OpInput>(x: T, alpha = 1): OpResult<T> {
  return ops.elu(x, alpha);
}

/** Scaled ELU (self-normalizing; pair with "lecun_normal"). @example `keras.activations.selu(x)` */
export function selu<T extends OpInput>(x: T): OpResult<T> {
  return ops.selu(x);
}

/**
 * Gaussian error linear unit, `x * Φ(x)`; exact by default (Keras's activation default), the tanh
 * approximation with `approximate = true`.
 * @example `keras.activations.gelu(keras.tensor([0, 1])) // [0, 0.8413]`
 */
export function gelu<T extends OpInput>(x: T, approximate = false): OpResult<T> {
  return ops.gelu(x, approximate);
}

/** `1 / (1 + exp(-x))`. @example `keras.activations.sigmoid(keras.tensor([0])) // [0.5]` */
export function sigmoid<T extends OpInput>(x: T): OpResult<T> {
  return ops.sigmoid(x);
}

/** Piecewise-linear sigmoid: `clip(x / 6 + 0.5, 0, 1)`. @example `keras.activations.hardSigmoid(keras.tensor([0])) // [0.5]` */
export function hardSigmoid<T extends OpInput>(x: T): OpResult<T> {
  return ops.hardSigmoid(x);
}

/** Hyperbolic tangent. @example `keras.activations.tanh(keras.tensor([0])) // [0]` */
export function tanh<T extends OpInput>(x: T): OpResult<T> {
  return ops.tanh(x);
}

/** `log(1 + exp(x))`. @example `keras.activations.softplus(keras.tensor([0])) // [0.6931]` */
export function softplus<T extends OpInput>(x: T): OpResult<T> {
  return ops.softplus(x);
}

/** `x / (1 + |x|)`. @example `keras.activations.softsign(keras.tensor([1])) // [0.5]` */
export function softsign<T extends OpInput>(x: T): OpResult<T> {
  return ops.softsign(x);
}

/** SiLU (swish): `x * sigmoid(x)`. @example `keras.activations.silu(keras.tensor([0])) // [0]` */
export function silu<T extends OpInput>(x: T): OpResult<T> {
  return ops.silu(x);
}

/** Alias of {@link silu}. @example `keras.activations.swish(x)` */
export const swish = silu;

/** Mish: `x * tanh(softplus(x))`. @example `keras.activations.mish(keras.tensor([0])) // [0]` */
export function mish<T extends OpInput>(x: T): OpResult<T> {
  return ops.mish(x);
}

/** `exp(x)`. @example `keras.activations.exponential(keras.tensor([0])) // [1]` */
export function exponential<T extends OpInput>(x: T): OpResult<T> {
  return ops.exp(x);
}

/** The identity (no activation). @example `keras.activations.linear(x) === x // for tensors` */
export function linear<T extends OpInput>(x: T): OpResult<T> {
  return toOpTensor(x) as OpResult<T>;
}

/**
 * Softmax over `axis` (default -1): `exp(x) / sum(exp(x))`.
 * @example `keras.activations.softmax(keras.tensor([[1, 1]])) // [[0.5, 0.5]]`
 */
export function softmax<T extends OpInput>(x: T, axis = -1): OpResult<T> {
  return ops.softmax(x, axis);
}

/**
 * Log of softmax over `axis` (default -1), computed stably.
 * @example `keras.activations.logSoftmax(keras.tensor([[0, 0]])) // [[-0.6931, -0.6931]]`
 */
export function logSoftmax<T extends OpInput>(x: T, axis = -1): OpResult<T> {
  return ops.logSoftmax(x, axis);
}
