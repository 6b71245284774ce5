/**
 * Gradient clipping as Keras's optimizers do it: per tensor by norm or value, or by global norm.
 */
import type { Tensor } from "../core/tensor.js";
import {
  add,
  clip,
  divide,
  greater,
  maximum,
  minimum,
  multiply,
  onesLike,
  sqrt,
  square,
  stack,
  subtract,
  sum,
  where,
} from "../ops/index.js";

/**
 * Rescales `values` so that its L2 norm is at most `clipnorm` (`values * clipnorm / max(norm,
 * clipnorm)`); an all-zero tensor stays zero.
 *
 * @example
 * ```ts
 * clipByNorm(keras.tensor([3, 4]), 1).arraySync(); // [0.6, 0.8]
 * ```
 */
export function clipByNorm(values: Tensor, clipnorm: number): Tensor {
  const axes = values.shape.map((_, i) => i);
  const l2sum = sum(square(values), axes, true);
  const positive = greater(l2sum, 0);
  const safe = where(positive, l2sum, onesLike(l2sum));
  const l2norm = where(positive, sqrt(safe), l2sum);
  return divide(multiply(values, clipnorm), maximum(l2norm, clipnorm));
}

/**
 * The L2 norm of all tensors together (null entries skipped).
 *
 * @example
 * ```ts
 * globalNorm([keras.tensor([3]), keras.tensor([4])]).item(); // 5
 * ```
 */
export function globalNorm(values: readonly (Tensor | null)[]): Tensor {
  const squared = values.filter((v): v is Tensor => v !== null).map((v) => sum(square(v)));
  return sqrt(sum(stack(squared)));
}

/**
 * Scales every tensor by `clipNorm / max(globalNorm, clipNorm)`, so their global norm is at most
 * `clipNorm` (a non-finite norm makes the result NaN, as in Keras).
 *
 * @example
 * ```ts
 * clipByGlobalNorm([keras.tensor([3]), keras.tensor([4])], 1).map((t) => t!.item()); // [0.6, 0.8]
 * ```
 */
export function clipByGlobalNorm(values: readonly (Tensor | null)[], clipNorm: number): (Tensor | null)[] {
  const norm = globalNorm(values);
  const scaleForFinite = multiply(clipNorm, minimum(divide(1.0, norm), 1.0 / clipNorm));
  const scale = add(scaleForFinite, subtract(norm, norm));
  return values.map((v) => (v === null ? null : multiply(v, scale)));
}

/**
 * Clips every element into `[-clipvalue, clipvalue]`.
 *
 * @example
 * ```ts
 * clipByValue(keras.tensor([-2, 0.5, 3]), 1).arraySync(); // [-1, 0.5, 1]
 * ```
 */
export function clipByValue(values: Tensor, clipvalue: number): Tensor {
  return clip(values, -clipvalue, clipvalue);
}
