/**
 * Cross-entropy loss classes: BinaryCrossentropy, CategoricalCrossentropy and
 * SparseCategoricalCrossentropy.
 */
import {
  binaryCrossentropy,
  categoricalCrossentropy,
  sparseCategoricalCrossentropy,
  type BinaryCrossentropyOptions,
  type CategoricalCrossentropyOptions,
  type SparseCategoricalCrossentropyOptions,
} from "./crossentropy-functions.js";
import type { LossArgs } from "./loss.js";
import { BuiltinLoss, splitBuiltinArgs } from "./wrapper.js";

/** Arguments of `BinaryCrossentropy`. */
export type BinaryCrossentropyArgs = LossArgs & BinaryCrossentropyOptions;

/**
 * Binary cross-entropy between labels in [0, 1] and predicted probabilities (or logits).
 * @example
 * ```ts
 * const bce = new keras.losses.BinaryCrossentropy({ fromLogits: true });
 * bce.apply([[0, 1]], [[-2, 3]]).item(); // 0.0877...
 * ```
 */
export class BinaryCrossentropy extends BuiltinLoss {
  static override className = "BinaryCrossentropy";
  declare readonly fromLogits: boolean;
  declare readonly labelSmoothing: number;
  declare readonly axis: number;
  constructor(args: BinaryCrossentropyArgs = {}) {
    super(
      binaryCrossentropy,
      ...splitBuiltinArgs(args, "binary_crossentropy", { fromLogits: false, labelSmoothing: 0, axis: -1 }),
    );
  }
}

/** Arguments of `CategoricalCrossentropy`. */
export type CategoricalCrossentropyArgs = LossArgs & CategoricalCrossentropyOptions;

/**
 * Cross-entropy between one-hot (or soft) labels and predicted class probabilities (or logits).
 * @example
 * ```ts
 * const cce = new keras.losses.CategoricalCrossentropy({ labelSmoothing: 0.1 });
 * cce.apply([[0, 1, 0]], [[0.05, 0.95, 0]]).item();
 * ```
 */
export class CategoricalCrossentropy extends BuiltinLoss {
  static override className = "CategoricalCrossentropy";
  declare readonly fromLogits: boolean;
  declare readonly labelSmoothing: number;
  declare readonly axis: number;
  constructor(args: CategoricalCrossentropyArgs = {}) {
    super(
      categoricalCrossentropy,
      ...splitBuiltinArgs(args, "categorical_crossentropy", {
        fromLogits: false,
        labelSmoothing: 0,
        axis: -1,
      }),
    );
  }
}

/** Arguments of `SparseCategoricalCrossentropy`. */
export type SparseCategoricalCrossentropyArgs = LossArgs & SparseCategoricalCrossentropyOptions;

/**
 * Cross-entropy between integer class labels and predicted class probabilities (or logits).
 * With `ignoreClass`, entries of that label count neither in the loss nor in the average.
 * @example
 * ```ts
 * const scce = new keras.losses.SparseCategoricalCrossentropy();
 * scce.apply([1, 2], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]).item(); // 1.1769...
 * ```
 */
export class SparseCategoricalCrossentropy extends BuiltinLoss {
  static override className = "SparseCategoricalCrossentropy";
  declare readonly fromLogits: boolean;
  declare readonly ignoreClass: number | null;
  declare readonly axis: number;
  constructor(args: SparseCategoricalCrossentropyArgs = {}) {
    super(
      sparseCategoricalCrossentropy,
      ...splitBuiltinArgs(args, "sparse_categorical_crossentropy", {
        fromLogits: false,
        ignoreClass: null as number | null,
        axis: -1,
      }),
    );
  }
}
