/**
 * Probabilistic loss classes: KLDivergence, Poisson, BinaryFocalCrossentropy and
 * CategoricalFocalCrossentropy.
 */
import type { LossArgs } from "./loss.js";
import {
  binaryFocalCrossentropy,
  categoricalFocalCrossentropy,
  klDivergence,
  poisson,
  type BinaryFocalCrossentropyOptions,
  type CategoricalFocalCrossentropyOptions,
} from "./probabilistic-functions.js";
import { BuiltinLoss, splitBuiltinArgs, withDefaultName } from "./wrapper.js";

/**
 * Kullback-Leibler divergence `sum(yTrue * log(yTrue / yPred))` of two distributions.
 * @example
 * ```ts
 * new keras.losses.KLDivergence().apply([[0.5, 0.5]], [[0.25, 0.75]]).item(); // 0.1438...
 * ```
 */
export class KLDivergence extends BuiltinLoss {
  static override className = "KLDivergence";
  constructor(args: LossArgs = {}) {
    super(klDivergence, withDefaultName(args, "kl_divergence"));
  }
}

/**
 * Poisson loss `mean(yPred - yTrue * log(yPred + epsilon))`.
 * @example
 * ```ts
 * new keras.losses.Poisson().apply([[1]], [[1]]).item(); // 0.9999999
 * ```
 */
export class Poisson extends BuiltinLoss {
  static override className = "Poisson";
  constructor(args: LossArgs = {}) {
    super(poisson, withDefaultName(args, "poisson"));
  }
}

/** Arguments of `BinaryFocalCrossentropy`. */
export type BinaryFocalCrossentropyArgs = LossArgs & BinaryFocalCrossentropyOptions;

/**
 * Binary focal cross-entropy (Lin et al., 2017): down-weights well-classified examples by
 * `(1 - p_t)^gamma`, optionally class-balanced by `alpha`.
 * @example
 * ```ts
 * new keras.losses.BinaryFocalCrossentropy({ gamma: 2 }).apply([[0, 1]], [[0.4, 0.6]]).item();
 * ```
 */
export class BinaryFocalCrossentropy extends BuiltinLoss {
  static override className = "BinaryFocalCrossentropy";
  declare readonly applyClassBalancing: boolean;
  declare readonly alpha: number;
  declare readonly gamma: number;
  declare readonly fromLogits: boolean;
  declare readonly labelSmoothing: number;
  declare readonly axis: number;
  constructor(args: BinaryFocalCrossentropyArgs = {}) {
    super(
      binaryFocalCrossentropy,
      ...splitBuiltinArgs(args, "binary_focal_crossentropy", {
        applyClassBalancing: false,
        alpha: 0.25,
        gamma: 2,
        fromLogits: false,
        labelSmoothing: 0,
        axis: -1,
      }),
    );
  }
}

/** Arguments of `CategoricalFocalCrossentropy`. */
export type CategoricalFocalCrossentropyArgs = LossArgs & CategoricalFocalCrossentropyOptions;

/**
 * Categorical focal cross-entropy: cross-entropy weighted by `alpha * (1 - p)^gamma`.
 * @example
 * ```ts
 * new keras.losses.CategoricalFocalCrossentropy().apply([[0, 1, 0]], [[0.1, 0.8, 0.1]]).item();
 * ```
 */
export class CategoricalFocalCrossentropy extends BuiltinLoss {
  static override className = "CategoricalFocalCrossentropy";
  declare readonly alpha: number;
  declare readonly gamma: number;
  declare readonly fromLogits: boolean;
  declare readonly labelSmoothing: number;
  declare readonly axis: number;
  constructor(args: CategoricalFocalCrossentropyArgs = {}) {
    super(
      categoricalFocalCrossentropy,
      ...splitBuiltinArgs(args, "categorical_focal_crossentropy", {
        alpha: 0.25,
        gamma: 2,
        fromLogits: false,
        labelSmoothing: 0,
        axis: -1,
      }),
    );
  }
}
