/**
 * Regression loss classes: MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
 * MeanSquaredLogarithmicError, CosineSimilarity, Huber and LogCosh.
 */
import type { LossArgs } from "./loss.js";
import {
  cosineSimilarity,
  huber,
  logCosh,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  meanSquaredLogarithmicError,
  type CosineSimilarityOptions,
  type HuberOptions,
} from "./regression-functions.js";
import { BuiltinLoss, splitBuiltinArgs, withDefaultName } from "./wrapper.js";

/**
 * Mean of squares of errors between labels and predictions.
 * @example
 * ```ts
 * new keras.losses.MeanSquaredError().apply([[0, 1], [0, 0]], [[1, 1], [1, 0]]).item(); // 0.5
 * ```
 */
export class MeanSquaredError extends BuiltinLoss {
  static override className = "MeanSquaredError";
  constructor(args: LossArgs = {}) {
    super(meanSquaredError, withDefaultName(args, "mean_squared_error"));
  }
}

/**
 * Mean of absolute errors between labels and predictions.
 * @example
 * ```ts
 * new keras.losses.MeanAbsoluteError().apply([[0, 1], [0, 0]], [[1, 1], [1, 0]]).item(); // 0.5
 * ```
 */
export class MeanAbsoluteError extends BuiltinLoss {
  static override className = "MeanAbsoluteError";
  constructor(args: LossArgs = {}) {
    super(meanAbsoluteError, withDefaultName(args, "mean_absolute_error"));
  }
}

/**
 * Mean absolute percentage error: `100 * mean(|yTrue - yPred| / max(|yTrue|, epsilon))`.
 * @example
 * ```ts
 * new keras.losses.MeanAbsolutePercentageError().apply([[2, 4]], [[1, 4]]).item(); // 25
 * ```
 */
export class MeanAbsolutePercentageError extends BuiltinLoss {
  static override className = "MeanAbsolutePercentageError";
  constructor(args: LossArgs = {}) {
    super(meanAbsolutePercentageError, withDefaultName(args, "mean_absolute_percentage_error"));
  }
}

/**
 * Mean squared error between `log(yTrue + 1)` and `log(yPred + 1)` (both floored at epsilon).
 * @example
 * ```ts
 * new keras.losses.MeanSquaredLogarithmicError().apply([[0]], [[Math.E - 1]]).item(); // 0.9999998 (≈ 1)
 * ```
 */
export class MeanSquaredLogarithmicError extends BuiltinLoss {
  static override className = "MeanSquaredLogarithmicError";
  constructor(args: LossArgs = {}) {
    super(meanSquaredLogarithmicError, withDefaultName(args, "mean_squared_logarithmic_error"));
  }
}

/** Arguments of `CosineSimilarity`. */
export type CosineSimilarityArgs = LossArgs & CosineSimilarityOptions;

/**
 * Negated cosine similarity along `axis` (default -1): -1 for identical directions.
 * @example
 * ```ts
 * new keras.losses.CosineSimilarity().apply([[0, 1], [1, 1]], [[1, 0], [1, 1]]).item(); // -0.5
 * ```
 */
export class CosineSimilarity extends BuiltinLoss {
  static override className = "CosineSimilarity";
  declare readonly axis: number;
  constructor(args: CosineSimilarityArgs = {}) {
    super(cosineSimilarity, ...splitBuiltinArgs(args, "cosine_similarity", { axis: -1 }));
  }
}

/** Arguments of `Huber`. */
export type HuberArgs = LossArgs & HuberOptions;

/**
 * Huber loss: quadratic for errors up to `delta` (default 1), linear beyond.
 * @example
 * ```ts
 * new keras.losses.Huber().apply([[0, 0]], [[0.5, 3]]).item(); // 1.3125
 * ```
 */
export class Huber extends BuiltinLoss {
  static override className = "Huber";
  declare readonly delta: number;
  constructor(args: HuberArgs = {}) {
    super(huber, ...splitBuiltinArgs(args, "huber_loss", { delta: 1 }));
  }
}

/**
 * Logarithm of the hyperbolic cosine of the prediction error.
 * @example
 * ```ts
 * new keras.losses.LogCosh().apply([[0]], [[1]]).item(); // 0.43378...
 * ```
 */
export class LogCosh extends BuiltinLoss {
  static override className = "LogCosh";
  constructor(args: LossArgs = {}) {
    super(logCosh, withDefaultName(args, "log_cosh"));
  }
}
