/**
 * Which accuracy the string "accuracy" (or "acc") means in `compile({ metrics: ["accuracy"] })`.
 *
 * Keras 3 (`trainers/compile_utils.py`, `get_metric`) decides from the shapes of the first batch:
 * binary when `yPred`'s last axis is 1, sparse categorical when `yTrue` has lower rank than `yPred`
 * (or a last axis of 1 against a wider `yPred`), categorical otherwise. `accuracyForShapes` is that
 * rule; `resolveAccuracy` decides before any data is seen, from the loss name, and falls back on the
 * model's output shape for other losses.
 */
import { BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy } from "./accuracy.js";

/** One of the three accuracies "accuracy" can stand for. */
export type ResolvedAccuracy = BinaryAccuracy | CategoricalAccuracy | SparseCategoricalAccuracy;

/**
 * Keras 3's rule: picks the accuracy from the shapes of `yTrue` and `yPred`. The metric keeps the
 * name it was asked for (`"accuracy"` or `"acc"`).
 *
 * @example
 * ```ts
 * keras.metrics.accuracyForShapes([32], [32, 10]);     // SparseCategoricalAccuracy, name "accuracy"
 * keras.metrics.accuracyForShapes([32, 10], [32, 10]); // CategoricalAccuracy
 * keras.metrics.accuracyForShapes([32, 1], [32, 1]);   // BinaryAccuracy
 * ```
 */
export function accuracyForShapes(
  yTrueShape: readonly (number | null)[],
  yPredShape: readonly (number | null)[],
  name = "accuracy",
): ResolvedAccuracy {
  const trueLast = yTrueShape[yTrueShape.length - 1];
  const predLast = yPredShape[yPredShape.length - 1];
  const isBinary = predLast === 1;
  const isSparse = yTrueShape.length < yPredShape.length || (trueLast === 1 && (predLast ?? 0) > 1);
  if (isBinary) return new BinaryAccuracy({ name });
  if (isSparse) return new SparseCategoricalAccuracy({ name });
  return new CategoricalAccuracy({ name });
}

function lossKey(name: string): string {
  return name.replace(/_/g, "").toLowerCase();
}

/**
 * Picks the accuracy from the loss: binary for binary crossentropy (and focal / hinge variants),
 * sparse categorical for sparse categorical crossentropy, categorical for categorical crossentropy.
 * For any other loss, a model output whose last axis is 1 gives binary, anything else categorical.
 *
 * @example
 * ```ts
 * keras.metrics.resolveAccuracy("sparse_categorical_crossentropy").name; // "accuracy"
 * keras.metrics.resolveAccuracy("binaryCrossentropy");                   // a BinaryAccuracy
 * keras.metrics.resolveAccuracy("mse", [null, 1]);                       // a BinaryAccuracy
 * ```
 */
export function resolveAccuracy(
  lossName: string,
  outputShape?: readonly (number | null)[],
  name = "accuracy",
): ResolvedAccuracy {
  const loss = lossKey(lossName);
  if (["binarycrossentropy", "bce", "binaryfocalcrossentropy", "hinge", "squaredhinge"].includes(loss)) {
    return new BinaryAccuracy({ name });
  }
  if (loss === "sparsecategoricalcrossentropy") return new SparseCategoricalAccuracy({ name });
  if (["categoricalcrossentropy", "categoricalfocalcrossentropy", "categoricalhinge"].includes(loss)) {
    return new CategoricalAccuracy({ name });
  }
  if (outputShape && outputShape[outputShape.length - 1] === 1) return new BinaryAccuracy({ name });
  return new CategoricalAccuracy({ name });
}
