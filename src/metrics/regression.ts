/**
 * Regression metrics: `MeanSquaredError`, `MeanAbsoluteError`, `RootMeanSquaredError`.
 */
import type { Tensor } from "../core/tensor.js";
import { abs, cast, convertToTensor, mean, sqrt, square, subtract, type TensorLike } from "../ops/index.js";
import { BuiltinMeanMetric } from "./builtin-mean-metric.js";
import type { MetricArgs } from "./metric.js";
import { Mean, squeezeOrExpandToSameRank } from "./reduction.js";

function alignedPair(yTrue: TensorLike, yPred: TensorLike): [Tensor, Tensor] {
  const p = convertToTensor(yPred);
  return squeezeOrExpandToSameRank(cast(convertToTensor(yTrue), p.dtype), p);
}

/**
 * The mean over the last axis of `(yTrue - yPred)²`.
 * @example
 * ```ts
 * keras.metrics.meanSquaredError(keras.tensor([[0, 1]]), keras.tensor([[1, 1]])).arraySync(); // [0.5]
 * ```
 */
export function meanSquaredError(yTrue: TensorLike, yPred: TensorLike): Tensor {
  const [a, b] = alignedPair(yTrue, yPred);
  return mean(square(subtract(a, b)), -1);
}

/**
 * The mean over the last axis of `|yTrue - yPred|`.
 * @example
 * ```ts
 * keras.metrics.meanAbsoluteError(keras.tensor([[0, 1]]), keras.tensor([[1, 1]])).arraySync(); // [0.5]
 * ```
 */
export function meanAbsoluteError(yTrue: TensorLike, yPred: TensorLike): Tensor {
  const [a, b] = alignedPair(yTrue, yPred);
  return mean(abs(subtract(a, b)), -1);
}

/**
 * The (weighted) mean of the squared error over every sample seen.
 * @example
 * ```ts
 * const m = new keras.metrics.MeanSquaredError();
 * m.updateState(keras.tensor([[0, 1], [0, 0]]), keras.tensor([[1, 1], [0, 0]]));
 * m.result().item(); // 0.25
 * ```
 */
export class MeanSquaredError extends BuiltinMeanMetric {
  static override className = "MeanSquaredError";
  constructor(args: MetricArgs = {}) {
    super(args, "mean_squared_error", {}, meanSquaredError);
  }
}

/**
 * The (weighted) mean of the absolute error over every sample seen.
 * @example
 * ```ts
 * const m = new keras.metrics.MeanAbsoluteError();
 * m.updateState(keras.tensor([[0, 1], [0, 0]]), keras.tensor([[1, 1], [0, 0]]));
 * m.result().item(); // 0.25
 * ```
 */
export class MeanAbsoluteError extends BuiltinMeanMetric {
  static override className = "MeanAbsoluteError";
  constructor(args: MetricArgs = {}) {
    super(args, "mean_absolute_error", {}, meanAbsoluteError);
  }
}

/**
 * The square root of the (weighted) mean squared error over every sample seen.
 * @example
 * ```ts
 * const m = new keras.metrics.RootMeanSquaredError();
 * m.updateState(keras.tensor([[0, 1], [0, 0]]), keras.tensor([[1, 1], [0, 0]]));
 * m.result().item(); // 0.5
 * ```
 */
export class RootMeanSquaredError extends Mean {
  static override className = "RootMeanSquaredError";
  constructor(args: MetricArgs = {}) {
    super({ ...args, name: args.name ?? "root_mean_squared_error" });
  }
  override updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike): void {
    const a = cast(convertToTensor(yTrue), this.dtype);
    const b = cast(convertToTensor(yPred), this.dtype);
    const [t, p] = squeezeOrExpandToSameRank(a, b);
    super.updateState(square(subtract(p, t)), sampleWeight);
  }
  override result(): Tensor {
    return sqrt(super.result());
  }
}
