/**
 * Crossentropy metrics: `BinaryCrossentropy`, `CategoricalCrossentropy`,
 * `SparseCategoricalCrossentropy`: the means of the loss functions of `keras.losses`, as in Keras 3.
 */
import type { Tensor } from "../core/tensor.js";
import * as losses from "../losses/crossentropy-functions.js";
import type { TensorLike } from "../ops/index.js";
import { BuiltinMeanMetric } from "./builtin-mean-metric.js";
import type { MetricArgs } from "./metric.js";

/**
 * Per-sample binary crossentropy: the mean over `axis` of `-(y·log p + (1-y)·log(1-p))`.
 * @example
 * ```ts
 * keras.metrics.binaryCrossentropy(keras.tensor([[0, 1]]), keras.tensor([[0.4, 0.6]])).arraySync(); // [0.5108]
 * ```
 */
export function binaryCrossentropy(
  yTrue: TensorLike,
  yPred: TensorLike,
  fromLogits = false,
  labelSmoothing = 0,
  axis = -1,
): Tensor {
  return losses.binaryCrossentropy(yTrue, yPred, { fromLogits, labelSmoothing, axis });
}

/**
 * Per-sample categorical crossentropy `-Σ y·log p` over `axis` (predictions renormalized to sum 1).
 * @example
 * ```ts
 * keras.metrics.categoricalCrossentropy(keras.tensor([[0, 1]]), keras.tensor([[0.4, 0.6]])).arraySync(); // [0.5108]
 * ```
 */
export function categoricalCrossentropy(
  yTrue: TensorLike,
  yPred: TensorLike,
  fromLogits = false,
  labelSmoothing = 0,
  axis = -1,
): Tensor {
  return losses.categoricalCrossentropy(yTrue, yPred, { fromLogits, labelSmoothing, axis });
}

/**
 * Per-sample crossentropy of integer labels against class probabilities (or logits).
 * @example
 * ```ts
 * keras.metrics.sparseCategoricalCrossentropy(keras.tensor([1]), keras.tensor([[0.4, 0.6]])).arraySync(); // [0.5108]
 * ```
 */
export function sparseCategoricalCrossentropy(
  yTrue: TensorLike,
  yPred: TensorLike,
  fromLogits = false,
  axis = -1,
): Tensor {
  return losses.sparseCategoricalCrossentropy(yTrue, yPred, { fromLogits, axis });
}

/** Options of {@link BinaryCrossentropy} and {@link CategoricalCrossentropy}. */
export interface CrossentropyArgs extends MetricArgs {
  /** Whether predictions are logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** Moves labels toward the uniform distribution by this amount. Default 0. */
  labelSmoothing?: number;
}

/**
 * The mean binary crossentropy over every sample seen.
 * @example
 * ```ts
 * const m = new keras.metrics.BinaryCrossentropy();
 * m.updateState(keras.tensor([[0, 1], [0, 0]]), keras.tensor([[0.6, 0.4], [0.4, 0.6]]));
 * m.result().item(); // 0.81492424
 * ```
 */
export class BinaryCrossentropy extends BuiltinMeanMetric<{ fromLogits: boolean; labelSmoothing: number }> {
  static override className = "BinaryCrossentropy";
  declare readonly fromLogits: boolean;
  declare readonly labelSmoothing: number;
  constructor(args: CrossentropyArgs = {}) {
    super(args, "binary_crossentropy", { fromLogits: false, labelSmoothing: 0 }, (t, p, o) =>
      binaryCrossentropy(t, p, o.fromLogits, o.labelSmoothing),
    );
  }
}

/** Options of {@link CategoricalCrossentropy}. */
export interface CategoricalCrossentropyArgs extends CrossentropyArgs {
  /** The class axis. Default -1. */
  axis?: number;
}

/**
 * The mean categorical crossentropy (one-hot labels) over every sample seen.
 * @example
 * ```ts
 * const m = new keras.metrics.CategoricalCrossentropy();
 * m.updateState(keras.tensor([[0, 1, 0], [0, 0, 1]]), keras.tensor([[0.05, 0.95, 0], [0.1, 0.8, 0.1]]));
 * m.result().item(); // 1.1769392
 * ```
 */
export class CategoricalCrossentropy extends BuiltinMeanMetric<{
  fromLogits: boolean;
  labelSmoothing: number;
  axis: number;
}> {
  static override className = "CategoricalCrossentropy";
  declare readonly fromLogits: boolean;
  declare readonly labelSmoothing: number;
  declare readonly axis: number;
  constructor(args: CategoricalCrossentropyArgs = {}) {
    super(args, "categorical_crossentropy", { fromLogits: false, labelSmoothing: 0, axis: -1 }, (t, p, o) =>
      categoricalCrossentropy(t, p, o.fromLogits, o.labelSmoothing, o.axis),
    );
  }
}

/** Options of {@link SparseCategoricalCrossentropy}. */
export interface SparseCategoricalCrossentropyArgs extends MetricArgs {
  /** Whether predictions are logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** The class axis. Default -1. */
  axis?: number;
}

/**
 * The mean crossentropy of integer labels over every sample seen.
 * @example
 * ```ts
 * const m = new keras.metrics.SparseCategoricalCrossentropy();
 * m.updateState(keras.tensor([1, 2]), keras.tensor([[0.05, 0.95, 0], [0.1, 0.8, 0.1]]));
 * m.result().item(); // 1.1769392
 * ```
 */
export class SparseCategoricalCrossentropy extends BuiltinMeanMetric<{ fromLogits: boolean; axis: number }> {
  static override className = "SparseCategoricalCrossentropy";
  declare readonly fromLogits: boolean;
  declare readonly axis: number;
  constructor(args: SparseCategoricalCrossentropyArgs = {}) {
    super(args, "sparse_categorical_crossentropy", { fromLogits: false, axis: -1 }, (t, p, o) =>
      sparseCategoricalCrossentropy(t, p, o.fromLogits, o.axis),
    );
  }
}
