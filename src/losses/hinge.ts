/**
 * Hinge loss classes: Hinge, SquaredHinge and CategoricalHinge.
 */
import { categoricalHinge, hinge, squaredHinge } from "./hinge-functions.js";
import type { LossArgs } from "./loss.js";
import { BuiltinLoss, withDefaultName } from "./wrapper.js";

/**
 * Hinge loss `max(1 - yTrue * yPred, 0)`, labels in {-1, 1} (or {0, 1}, converted).
 * @example
 * ```ts
 * new keras.losses.Hinge().apply([[1, 0]], [[0.5, -2]]).item(); // 0.25
 * ```
 */
export class Hinge extends BuiltinLoss {
  static override className = "Hinge";
  constructor(args: LossArgs = {}) {
    super(hinge, withDefaultName(args, "hinge"));
  }
}

/**
 * Squared hinge loss `max(1 - yTrue * yPred, 0)²`.
 * @example
 * ```ts
 * new keras.losses.SquaredHinge().apply([[1, 0]], [[0.5, -2]]).item(); // 0.125
 * ```
 */
export class SquaredHinge extends BuiltinLoss {
  static override className = "SquaredHinge";
  constructor(args: LossArgs = {}) {
    super(squaredHinge, withDefaultName(args, "squared_hinge"));
  }
}

/**
 * Categorical hinge loss `max(neg - pos + 1, 0)` for one-hot labels.
 * @example
 * ```ts
 * new keras.losses.CategoricalHinge().apply([[0, 1]], [[0.3, 0.8]]).item(); // 0.5
 * ```
 */
export class CategoricalHinge extends BuiltinLoss {
  static override className = "CategoricalHinge";
  constructor(args: LossArgs = {}) {
    super(categoricalHinge, withDefaultName(args, "categorical_hinge"));
  }
}
