/**
 * Accuracy metrics: the per-sample functions (`accuracy`, `binaryAccuracy`, ...) and the metric
 * classes that track their mean, as Keras 3's `keras/src/metrics/accuracy_metrics.py`.
 */
import { FLOATX, allocArray, isFloat } from "../core/dtype.js";
import { Tensor } from "../core/tensor.js";
import {
  argmax,
  cast,
  convertToTensor,
  equal,
  expandDims,
  greater,
  isnan,
  lessEqual,
  reshape,
  squeeze,
  sum,
  takeAlongAxis,
  where,
  type TensorLike,
} from "../ops/index.js";
import { BuiltinMeanMetric } from "./builtin-mean-metric.js";
import type { MetricArgs } from "./metric.js";
import { squeezeOrExpandToSameRank } from "./reduction.js";

function t(x: TensorLike): Tensor {
  return convertToTensor(x);
}

/**
 * 1 where `yTrue` equals `yPred` exactly, else 0.
 * @example
 * ```ts
 * keras.metrics.accuracy(keras.tensor([1, 2]), keras.tensor([1, 3])).arraySync(); // [1, 0]
 * ```
 */
export function accuracy(yTrue: TensorLike, yPred: TensorLike): Tensor {
  const p = t(yPred);
  const [a, b] = squeezeOrExpandToSameRank(cast(t(yTrue), p.dtype), p);
  return cast(equal(a, b), FLOATX);
}

/**
 * 1 where `yPred > threshold` agrees with the binary label `yTrue`, else 0.
 * @example
 * ```ts
 * keras.metrics.binaryAccuracy(keras.tensor([1, 0]), keras.tensor([0.7, 0.6])).arraySync(); // [1, 0]
 * ```
 */
export function binaryAccuracy(yTrue: TensorLike, yPred: TensorLike, threshold = 0.5): Tensor {
  const [a, b] = squeezeOrExpandToSameRank(t(yTrue), t(yPred));
  const predicted = cast(greater(b, threshold), a.dtype);
  return cast(equal(a, predicted), FLOATX);
}

/**
 * 1 where the arg-max of the one-hot `yTrue` equals the arg-max of `yPred`, else 0.
 * @example
 * ```ts
 * keras.metrics.categoricalAccuracy(keras.tensor([[0, 1]]), keras.tensor([[0.3, 0.7]])).arraySync(); // [1]
 * ```
 */
export function categoricalAccuracy(yTrue: TensorLike, yPred: TensorLike): Tensor {
  const p = t(yPred);
  let labels = cast(argmax(t(yTrue), -1), p.dtype);
  const originalShape = labels.shape;
  const reshapeMatches = labels.rank === p.rank;
  if (reshapeMatches) labels = squeeze(labels, -1);
  const predicted = cast(argmax(p, -1), labels.dtype);
  const matches = cast(equal(labels, predicted), FLOATX);
  return reshapeMatches ? reshape(matches, originalShape) : matches;
}

/**
 * The common case of `sparseCategoricalAccuracy` in one pass, with the same result as its op chain
 * (labels rounded to `yPred`'s dtype, first arg-max, a NaN wins): labels with `yPred`'s shape less
 * its last axis, float predictions. Undefined for other layouts (the chain handles those).
 */
function sparseAccuracyRows(yTrue: TensorLike, p: Tensor): Tensor | undefined {
  if (!(yTrue instanceof Tensor) || !isFloat(p.dtype) || p.rank < 1 || yTrue.rank !== p.rank - 1) return;
  if (yTrue.shape.some((d, i) => d !== p.shape[i])) return;
  const C = p.shape[p.rank - 1]!;
  const rows = yTrue.size;
  if (C === 0) return;
  const round = p.dtype === "float32" ? Math.fround : (v: number) => v;
  const out = allocArray("float32", rows);
  const pv = p.values;
  for (let r = 0, o = 0; r < rows; r++, o += C) {
    let best = pv[o]!;
    let at = 0;
    if (!Number.isNaN(best))
      for (let k = 1; k < C; k++) {
        const v = pv[o + k]!;
        if (v > best || Number.isNaN(v)) {
          best = v;
          at = k;
          if (Number.isNaN(v)) break;
        }
      }
    out[r] = round(Number(yTrue.values[r])) === at ? 1 : 0;
  }
  return new Tensor(out, yTrue.shape, FLOATX);
}

/**
 * 1 where the integer label `yTrue` equals the arg-max of `yPred`, else 0.
 * @example
 * ```ts
 * keras.metrics.sparseCategoricalAccuracy(keras.tensor([1, 0]), keras.tensor([[0.3, 0.7], [0.6, 0.4]])).arraySync(); // [1, 1]
 * ```
 */
export function sparseCategoricalAccuracy(yTrue: TensorLike, yPred: TensorLike): Tensor {
  const p = t(yPred);
  const fast = sparseAccuracyRows(yTrue, p);
  if (fast) return fast;
  let labels = cast(t(yTrue), p.dtype);
  const originalShape = labels.shape;
  const reshapeMatches = labels.rank === p.rank && labels.shape[labels.rank - 1] === 1;
  if (reshapeMatches) labels = squeeze(labels, -1);
  const predicted = cast(argmax(p, -1), labels.dtype);
  let matches = cast(equal(labels, predicted), FLOATX);
  if (reshapeMatches) matches = reshape(matches, originalShape);
  if (matches.rank > 1 && matches.shape[matches.rank - 1] === 1) matches = squeeze(matches, -1);
  return matches;
}

/**
 * Whether each target index is among the `k` largest predictions of its row (ties count in its
 * favour: its rank is 1 + the number of strictly larger predictions), as `keras.ops.in_top_k`.
 * @example
 * ```ts
 * keras.metrics.inTopK(keras.tensor([2], "int32"), keras.tensor([[0.1, 0.5, 0.4]]), 2).arraySync(); // [true]
 * ```
 */
export function inTopK(targets: TensorLike, predictions: TensorLike, k: number): Tensor {
  const p = t(predictions);
  const idx = cast(t(targets), "int32");
  let atLabel = takeAlongAxis(p, expandDims(idx, -1), -1);
  atLabel = where(isnan(atLabel), -Infinity, atLabel) as Tensor;
  const larger = sum(cast(greater(p, atLabel), "int32"), -1);
  return lessEqual(larger, k - 1);
}

function flattenForTopK(p: Tensor, labels: Tensor): [Tensor, Tensor, readonly number[] | null] {
  const pred = p.rank > 2 ? reshape(p, [-1, p.shape[p.rank - 1]!]) : p;
  if (labels.rank > 1) return [pred, reshape(labels, [-1]), labels.shape];
  return [pred, labels, null];
}

/**
 * 1 where the arg-max of the one-hot `yTrue` is among the top `k` predictions, else 0.
 * @example
 * ```ts
 * keras.metrics.topKCategoricalAccuracy(keras.tensor([[0, 0, 1]]), keras.tensor([[0.5, 0.3, 0.2]]), 2).arraySync(); // [0]
 * ```
 */
export function topKCategoricalAccuracy(yTrue: TensorLike, yPred: TensorLike, k = 5): Tensor {
  const p = t(yPred);
  const [pred, labels, shape] = flattenForTopK(p, argmax(cast(t(yTrue), p.dtype), -1));
  const matches = cast(inTopK(labels, pred, k), FLOATX);
  return shape ? reshape(matches, shape) : matches;
}

/**
 * 1 where the integer label `yTrue` is among the top `k` predictions, else 0.
 * @example
 * ```ts
 * keras.metrics.sparseTopKCategoricalAccuracy(keras.tensor([0]), keras.tensor([[0.5, 0.3, 0.2]]), 1).arraySync(); // [1]
 * ```
 */
export function sparseTopKCategoricalAccuracy(yTrue: TensorLike, yPred: TensorLike, k = 5): Tensor {
  const [pred, labels, shape] = flattenForTopK(t(yPred), cast(t(yTrue), "int32"));
  const matches = cast(inTopK(labels, pred, k), FLOATX);
  return shape ? reshape(matches, shape) : matches;
}

/**
 * How often predictions equal labels exactly.
 * @example
 * ```ts
 * const m = new keras.metrics.Accuracy();
 * m.updateState(keras.tensor([1, 2, 3, 4]), keras.tensor([0, 2, 3, 4]));
 * m.result().item(); // 0.75
 * ```
 */
export class Accuracy extends BuiltinMeanMetric {
  static override className = "Accuracy";
  constructor(args: MetricArgs = {}) {
    super(args, "accuracy", {}, accuracy);
  }
}

/** Options of {@link BinaryAccuracy}. */
export interface BinaryAccuracyArgs extends MetricArgs {
  /** A prediction above it counts as class 1. Default 0.5. */
  threshold?: number;
}

/**
 * How often thresholded predictions match binary labels.
 * @example
 * ```ts
 * const m = new keras.metrics.BinaryAccuracy();
 * m.updateState(keras.tensor([[1], [1], [0], [0]]), keras.tensor([[0.98], [1], [0], [0.6]]));
 * m.result().item(); // 0.75
 * ```
 */
export class BinaryAccuracy extends BuiltinMeanMetric<{ threshold: number }> {
  static override className = "BinaryAccuracy";
  declare readonly threshold: number;
  constructor(args: BinaryAccuracyArgs = {}) {
    super(args, "binary_accuracy", { threshold: 0.5 }, (t, p, o) => binaryAccuracy(t, p, o.threshold));
  }
}

/**
 * How often the arg-max of predictions matches the one-hot labels.
 * @example
 * ```ts
 * const m = new keras.metrics.CategoricalAccuracy();
 * m.updateState(keras.tensor([[0, 0, 1], [0, 1, 0]]), keras.tensor([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]));
 * m.result().item(); // 0.5
 * ```
 */
export class CategoricalAccuracy extends BuiltinMeanMetric {
  static override className = "CategoricalAccuracy";
  constructor(args: MetricArgs = {}) {
    super(args, "categorical_accuracy", {}, categoricalAccuracy);
  }
}

/**
 * How often the arg-max of predictions matches integer labels.
 * @example
 * ```ts
 * const m = new keras.metrics.SparseCategoricalAccuracy();
 * m.updateState(keras.tensor([[2], [1]]), keras.tensor([[0.1, 0.6, 0.3], [0.05, 0.95, 0]]));
 * m.result().item(); // 0.5
 * ```
 */
export class SparseCategoricalAccuracy extends BuiltinMeanMetric {
  static override className = "SparseCategoricalAccuracy";
  constructor(args: MetricArgs = {}) {
    super(args, "sparse_categorical_accuracy", {}, sparseCategoricalAccuracy);
  }
}

/** Options of {@link TopKCategoricalAccuracy} and {@link SparseTopKCategoricalAccuracy}. */
export interface TopKArgs extends MetricArgs {
  /** How many of the largest predictions count as a hit. Default 5. */
  k?: number;
}

/**
 * How often the one-hot target is among the top `k` predictions.
 * @example
 * ```ts
 * const m = new keras.metrics.TopKCategoricalAccuracy({ k: 1 });
 * m.updateState(keras.tensor([[0, 0, 1], [0, 1, 0]]), keras.tensor([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]));
 * m.result().item(); // 0.5
 * ```
 */
export class TopKCategoricalAccuracy extends BuiltinMeanMetric<{ k: number }> {
  static override className = "TopKCategoricalAccuracy";
  declare readonly k: number;
  constructor(args: TopKArgs = {}) {
    super(args, "top_k_categorical_accuracy", { k: 5 }, (t, p, o) => topKCategoricalAccuracy(t, p, o.k));
  }
}

/**
 * How often the integer target is among the top `k` predictions.
 * @example
 * ```ts
 * const m = new keras.metrics.SparseTopKCategoricalAccuracy({ k: 1 });
 * m.updateState(keras.tensor([2, 1]), keras.tensor([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]));
 * m.result().item(); // 0.5
 * ```
 */
export class SparseTopKCategoricalAccuracy extends BuiltinMeanMetric<{ k: number }> {
  static override className = "SparseTopKCategoricalAccuracy";
  declare readonly k: number;
  constructor(args: TopKArgs = {}) {
    super(args, "sparse_top_k_categorical_accuracy", { k: 5 }, (t, p, o) =>
      sparseTopKCategoricalAccuracy(t, p, o.k),
    );
  }
}
