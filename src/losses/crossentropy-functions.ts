/**
 * Cross-entropy loss functions (binary, categorical, sparse categorical) with Keras's semantics:
 * probabilities are renormalized along the class axis and clipped to `[epsilon, 1 - epsilon]`;
 * `fromLogits` uses log-softmax / log-sigmoid instead.
 */
import { isInt } from "../core/dtype.js";
import { fusedSparseCrossentropy } from "../ops/fused-crossentropy.js";
import { ShapeError, ValueError } from "../core/errors.js";
import { formatShape, normalizeAxis, type SymbolicShape } from "../core/shape.js";
import type { AnyTensor } from "../core/symbolic.js";
import { Tensor } from "../core/tensor.js";
import { toOpTensor, type TensorLike } from "../ops/convert.js";
import * as ops from "../ops/index.js";
import { EPSILON, prepareInputs, setLossMask } from "./loss.js";

function sameShape(a: SymbolicShape, b: SymbolicShape): boolean {
  return a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
}

function checkSameShape(target: AnyTensor, output: AnyTensor): void {
  if (!sameShape(target.shape, output.shape))
    throw new ShapeError(
      "Arguments `target` and `output` must have the same shape. Received: " +
        `target.shape=${formatShape(target.shape)}, output.shape=${formatShape(output.shape)}`,
      { shapes: [target.shape, output.shape] },
    );
}

/**
 * Log-probabilities along `axis`: `logSoftmax(output)` for logits, else
 * `log(clip(output / sum(output), epsilon, 1 - epsilon))`.
 * @example
 * ```ts
 * logProbabilities(ops.convertToTensor([[1, 3]]), false, -1); // log([[0.25, 0.75]])
 * ```
 */
export function logProbabilities(output: AnyTensor, fromLogits: boolean, axis: number): AnyTensor {
  if (fromLogits) return ops.logSoftmax(output, axis) as AnyTensor;
  const normalized = ops.divide(output, ops.sum(output, axis, true));
  return ops.log(ops.clip(normalized, EPSILON, 1 - EPSILON)) as AnyTensor;
}

/**
 * Elementwise binary cross-entropy of `target` and `output` (same shapes), without any mean
 * (Keras's `ops.binary_crossentropy`).
 * @example
 * ```ts
 * elementwiseBinaryCrossentropy(ops.convertToTensor([1]), ops.convertToTensor([0.5]), false); // [0.693]
 * ```
 */
export function elementwiseBinaryCrossentropy(
  target: AnyTensor,
  output: AnyTensor,
  fromLogits: boolean,
): AnyTensor {
  checkSameShape(target, output);
  if (fromLogits) {
    const pos = ops.multiply(target, ops.logSigmoid(output));
    const neg = ops.multiply(ops.subtract(1, target), ops.logSigmoid(ops.negative(output)));
    return ops.negative(ops.add(pos, neg)) as AnyTensor;
  }
  const p = ops.clip(output, EPSILON, 1 - EPSILON);
  const bce = ops.add(
    ops.multiply(target, ops.log(p)),
    ops.multiply(ops.subtract(1, target), ops.log(ops.subtract(1, p))),
  );
  return ops.negative(bce) as AnyTensor;
}

/** Options of `binaryCrossentropy`. */
export interface BinaryCrossentropyOptions {
  /** Whether `yPred` holds logits rather than probabilities (default false). */
  fromLogits?: boolean;
  /** Squeezes labels towards 0.5: `y * (1 - s) + 0.5 * s` (default 0). */
  labelSmoothing?: number;
  /** Axis of the mean (default -1). */
  axis?: number;
}

/**
 * Binary cross-entropy, averaged over `axis` (default the last).
 * @example
 * ```ts
 * keras.losses.binaryCrossentropy([[0, 1]], [[0.4, 0.6]]).arraySync(); // [0.5108...]
 * ```
 */
export function binaryCrossentropy(
  yTrue: TensorLike,
  yPred: TensorLike,
  { fromLogits = false, labelSmoothing = 0, axis = -1 }: BinaryCrossentropyOptions = {},
): Tensor {
  const [t, yp] = prepareInputs(yTrue, yPred);
  const yt = labelSmoothing ? ops.add(ops.multiply(t, 1 - labelSmoothing), 0.5 * labelSmoothing) : t;
  return ops.mean(elementwiseBinaryCrossentropy(yt as AnyTensor, yp, fromLogits), axis) as Tensor;
}

/** Options of `categoricalCrossentropy`. */
export interface CategoricalCrossentropyOptions {
  /** Whether `yPred` holds logits rather than probabilities (default false). */
  fromLogits?: boolean;
  /** Mixes one-hot labels with the uniform distribution: `y * (1 - s) + s / numClasses`. */
  labelSmoothing?: number;
  /** The class axis (default -1). */
  axis?: number;
}

/**
 * Label smoothing over the last axis, as Keras (the class count is `yTrue`'s last dimension).
 * @example
 * ```ts
 * smoothLabels(ops.convertToTensor([[0, 1]]), 0.2); // [[0.1, 0.9]]
 * ```
 */
export function smoothLabels(yTrue: AnyTensor, labelSmoothing: number): AnyTensor {
  if (!labelSmoothing) return yTrue;
  const numClasses = yTrue.shape[yTrue.shape.length - 1];
  if (numClasses === null || numClasses === undefined)
    throw new ValueError("Label smoothing needs labels with a known last dimension.");
  return ops.add(ops.multiply(yTrue, 1 - labelSmoothing), labelSmoothing / numClasses) as AnyTensor;
}

/**
 * Categorical cross-entropy of one-hot (or soft) labels along `axis`: `-sum(yTrue * log(p))`.
 * @example
 * ```ts
 * keras.losses.categoricalCrossentropy([[0, 1, 0]], [[0.05, 0.95, 0]]).arraySync(); // [0.0513]
 * ```
 */
export function categoricalCrossentropy(
  yTrue: TensorLike,
  yPred: TensorLike,
  { fromLogits = false, labelSmoothing = 0, axis = -1 }: CategoricalCrossentropyOptions = {},
): Tensor {
  const [t, yp] = prepareInputs(yTrue, yPred);
  const yt = smoothLabels(t, labelSmoothing);
  checkSameShape(yt, yp);
  if (yp.shape.length < 1)
    throw new ShapeError("Arguments `target` and `output` must be at least rank 1. Received: scalars.", {
      shapes: [yt.shape, yp.shape],
    });
  const ax = normalizeAxis(axis, yp.shape.length, "categoricalCrossentropy");
  return ops.negative(ops.sum(ops.multiply(yt, logProbabilities(yp, fromLogits, ax)), ax)) as Tensor;
}

/** Options of `sparseCategoricalCrossentropy`. */
export interface SparseCategoricalCrossentropyOptions {
  /** Whether `yPred` holds logits rather than probabilities (default false). */
  fromLogits?: boolean;
  /** A label value to ignore: its entries get loss 0 and are left out of the average. */
  ignoreClass?: number | null;
  /** The class axis of `yPred` (default -1). */
  axis?: number;
}

/** Throws when an eager label lies outside `[0, numClasses)`. */
function checkLabelRange(labels: AnyTensor, numClasses: number): void {
  if (!(labels instanceof Tensor)) return;
  const values = labels.values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v < numClasses)) {
      throw new ValueError(
        `Received a label value of ${v} which is outside the valid range of [0, ${numClasses}). ` +
          `Labels must be class indices in [0, ${numClasses}) for yPred with ${numClasses} classes.`,
        { label: v, numClasses, index: i },
      );
    }
  }
}

/**
 * Cross-entropy of integer class labels against predictions over a class axis. `yTrue` has
 * `yPred`'s shape without the class axis (a trailing axis of size 1 is squeezed).
 * @example
 * ```ts
 * keras.losses.sparseCategoricalCrossentropy([1, 2], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]).arraySync();
 * // [0.0513, 2.3026]
 * ```
 * @throws ValueError when an (eager) label is outside `[0, numClasses)`; ShapeError on mismatched shapes.
 */
export function sparseCategoricalCrossentropy(
  yTrue: TensorLike,
  yPred: TensorLike,
  { fromLogits = false, ignoreClass = null, axis = -1 }: SparseCategoricalCrossentropyOptions = {},
): Tensor {
  let [, yp] = prepareInputs(0, yPred);
  let yt = toOpTensor(yTrue);
  const rank = yp.shape.length;
  if (rank < 1) throw new ShapeError("Argument `output` must be at least rank 1. Received: output.shape=()");
  const ax = normalizeAxis(axis, rank, "sparseCategoricalCrossentropy");
  if (yt.shape.length === rank && yt.shape[ax] === 1) yt = ops.squeeze(yt, ax) as AnyTensor;
  const expected = yp.shape.filter((_, i) => i !== ax);
  if (!sameShape(yt.shape, expected))
    throw new ShapeError(
      "Arguments `target` and `output` must have the same shape up until the class axis: " +
        `target.shape=${formatShape(yt.shape)}, output.shape=${formatShape(yp.shape)}`,
      { shapes: [yt.shape, yp.shape] },
    );
  let valid: AnyTensor | null = null;
  if (ignoreClass !== null && ignoreClass !== undefined) {
    valid = ops.notEqual(yt, ignoreClass) as AnyTensor;
    yt = ops.where(valid, yt, 0) as AnyTensor;
    yp = ops.where(ops.expandDims(valid, ax), yp, 0) as AnyTensor;
  }
  const labels = isInt(yt.dtype) ? yt : (ops.cast(yt, "int32") as AnyTensor);
  const numClasses = yp.shape[ax];
  if (numClasses === null || numClasses === undefined)
    throw new ShapeError("sparseCategoricalCrossentropy needs a known number of classes.");
  checkLabelRange(labels, numClasses);
  if (valid === null && ax === rank - 1 && labels instanceof Tensor && yp instanceof Tensor)
    return fusedSparseCrossentropy(labels, yp, fromLogits);
  const target = ops.oneHot(labels, numClasses, ax, yp.dtype);
  let res = ops.negative(
    ops.sum(ops.multiply(target, logProbabilities(yp, fromLogits, ax)), ax),
  ) as AnyTensor;
  if (valid !== null) {
    res = ops.where(valid, res, 0) as AnyTensor;
    setLossMask(res, valid);
  }
  return res as Tensor;
}
