/**
 * The small interfaces `Layer.addWeight` works with. Initializers, regularizers and constraints
 * implement them (see `keras.initializers`, `keras.regularizers`, `keras.constraints`).
 */
import type { DType } from "../core/dtype.js";
import type { Tensor } from "../core/tensor.js";

/**
 * Produces the initial value of a weight.
 *
 * @example
 * ```ts
 * const ones: Initializer = { call: (shape, dtype) => keras.ops.ones(shape, dtype), getConfig: () => ({}) };
 * ```
 */
export interface Initializer {
  call(shape: readonly number[], dtype: DType): Tensor;
  getConfig(): Record<string, unknown>;
}

/**
 * Computes a penalty (a scalar tensor) from a weight; it is added to `layer.losses`.
 *
 * @example
 * ```ts
 * const l2: Regularizer = { call: (w) => keras.ops.multiply(0.01, keras.ops.sum(keras.ops.square(w))), getConfig: () => ({ l2: 0.01 }) };
 * ```
 */
export interface Regularizer {
  call(x: Tensor): Tensor;
  getConfig(): Record<string, unknown>;
}

/**
 * Projects a weight back onto an allowed set after each optimizer update.
 *
 * @example
 * ```ts
 * const nonNeg: Constraint = { call: (w) => keras.ops.maximum(w, 0), getConfig: () => ({}) };
 * ```
 */
export interface Constraint {
  call(w: Tensor): Tensor;
  getConfig(): Record<string, unknown>;
}

/** An initializer given as a plain function of shape and dtype. */
export type InitializerFn = (shape: number[], dtype: DType) => Tensor;
