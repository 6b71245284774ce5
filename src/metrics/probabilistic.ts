/**
 * Crossentropy metrics: `BinaryCrossentropy`, `CategoricalCrossentropy`,
 * `SparseCategoricalCrossentropy`, computed with `keras.ops` as Keras 3's loss functions (predictions
 * clipped to `[ε, 1 - ε]` with ε = 1e-7, or log-softmax / log-sigmoid for logits).
 */
import { ShapeError } from "../core/errors.js";
import { formatShape } from "../core/shape.js";
import type { Tensor } from "../core/tensor.js";
import {
  add,
  cast,
  clip,
  convertToTensor,
  divide,
  log,
  logSigmoid,
  logSoftmax,
  mean,
  multiply,
  negative,
  oneHot,
  squeeze,
  subtract,
  sum,
  type TensorLike,
} from "../ops/index.js";
import { BuiltinMeanMetric } from "./builtin-mean-metric.js";
import type { MetricArgs } from "./metric.js";

const EPSILON = 1e-7;

function sameShape(a: Tensor, b: Tensor, op: string): void {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new ShapeError(
      `${op}: \`yTrue\` and \`yPred\` must have the same shape, received ${formatShape(a.shape)} and ${formatShape(b.shape)}.`,
      { op, shapes: [a.shape, b.shape] },
    );
  }
}

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
  const p = convertToTensor(yPred);
  let y = cast(convertToTensor(yTrue), p.dtype);
  sameShape(y, p, "binaryCrossentropy");
  if (labelSmoothing) y = add(multiply(y, 1 - labelSmoothing), 0.5 * labelSmoothing);
  const notY = subtract(1, y);
  let perElement: Tensor;
  if (fromLogits) {
    perElement = negative(add(multiply(y, logSigmoid(p)), multiply(notY, logSigmoid(negative(p)))));
  } else {
    const q = clip(p, EPSILON, 1 - EPSILON);
    perElement = negative(add(multiply(y, log(q)), multiply(notY, log(subtract(1, q)))));
  }
  return mean(perElement, axis);
}

function logProbabilities(p: Tensor, fromLogits: boolean, axis: number): Tensor {
  if (fromLogits) return logSoftmax(p, axis);
  const normalized = divide(p, sum(p, axis, true));
  return log(clip(normalized, EPSILON, 1 - EPSILON));
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
  const p = convertToTensor(yPred);
  let y = cast(convertToTensor(yTrue), p.dtype);
  sameShape(y, p, "categoricalCrossentropy");
  if (labelSmoothing) {
    const numClasses = y.shape[y.rank - 1]!;
    y = add(multiply(y, 1 - labelSmoothing), labelSmoothing / numClasses);
  }
  return negative(sum(multiply(y, logProbabilities(p, fromLogits, axis)), axis));
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
  const p = convertToTensor(yPred);
  let labels = cast(convertToTensor(yTrue), "int32");
  if (labels.rank === p.rank && labels.shape[labels.rank - 1] === 1) labels = squeeze(labels, -1);
  if (labels.rank !== p.rank - 1 || labels.shape.some((d, i) => d !== p.shape[i])) {
    throw new ShapeError(
      `sparseCategoricalCrossentropy: \`yTrue\` must have the shape of \`yPred\` without its class axis, received ${formatShape(labels.shape)} and ${formatShape(p.shape)}.`,
      { op: "sparseCategoricalCrossentropy", shapes: [labels.shape, p.shape] },
    );
  }
  const numClasses = p.shape[axis < 0 ? p.rank + axis : axis]!;
  const target = oneHot(labels, numClasses, axis, p.dtype);
  return negative(sum(multiply(target, logProbabilities(p, fromLogits, axis)), axis));
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
