/**
 * Confusion-matrix bookkeeping shared by the threshold metrics (`TruePositives` ... `AUC`), following
 * Keras 3's `update_confusion_matrix_variables`: labels are cast to bool, a prediction is positive
 * when strictly greater than the threshold, and evenly spaced thresholds take Keras's bucketed path.
 */
import { ValueError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { broadcastTo, cast, convertToTensor, expandDims, type TensorLike } from "../ops/index.js";
import { squeezeOrExpandToSameRank } from "./reduction.js";

/** Keras's stand-in for minus infinity when `topK` filters predictions. */
export const NEG_INF = -1e10;
const EPSILON = 1e-7;

/** The four cells of a binary confusion matrix, each one variable of shape `[numThresholds]`. */
export interface ConfusionVariables {
  tp?: Variable;
  fp?: Variable;
  tn?: Variable;
  fn?: Variable;
}

/** How predictions are compared with the thresholds. */
export interface ConfusionOptions {
  /** Thresholds in `[0, 1]` (AUC adds `-ε` and `1 + ε` at the ends). */
  thresholds: readonly number[];
  /** Whether the thresholds are evenly spaced: Keras then counts by buckets. */
  evenly: boolean;
  /** Only the `topK` largest predictions of each row count as positive. */
  topK?: number | null;
  /** Only this class (last-axis index) is scored. */
  classId?: number | null;
  sampleWeight?: TensorLike | null;
}

/**
 * Validates constructor thresholds and applies the default (Keras's `parse_init_thresholds`).
 *
 * @example
 * ```ts
 * parseThresholds(undefined, 0.5); // [0.5]
 * parseThresholds([0.2, 0.8], 0.5); // [0.2, 0.8]
 * ```
 */
export function parseThresholds(
  thresholds: number | readonly number[] | null | undefined,
  fallback: number,
): number[] {
  if (thresholds === null || thresholds === undefined) return [fallback];
  const list = typeof thresholds === "number" ? [thresholds] : [...thresholds];
  const invalid = list.filter((t) => typeof t !== "number" || !(t >= 0 && t <= 1));
  if (invalid.length > 0) {
    throw new ValueError(`Threshold values must be in [0, 1]. Received: [${invalid.join(", ")}]`, {
      received: invalid,
    });
  }
  return list;
}

/**
 * Whether thresholds equal `i / (n - 1)` for `i = 0..n-1` (n ≥ 3), within numpy's `allclose`.
 *
 * @example
 * ```ts
 * isEvenlyDistributedThresholds([0, 0.5, 1]); // true
 * isEvenlyDistributedThresholds([0.5]); // false
 * ```
 */
export function isEvenlyDistributedThresholds(thresholds: readonly number[]): boolean {
  const n = thresholds.length;
  if (n < 3) return false;
  for (let i = 0; i < n; i++) {
    const even = Math.fround(Math.fround(i) / (n - 1));
    if (!(Math.abs(thresholds[i]! - even) <= EPSILON + 1e-5 * Math.abs(even))) return false;
  }
  return true;
}

/** Row-wise: values outside the `k` largest of the last axis become `NEG_INF`. */
function filterTopK(values: Float64Array, lastDim: number, k: number): Float64Array {
  const out = new Float64Array(values.length).fill(NEG_INF);
  const order = new Array<number>(lastDim);
  for (let row = 0; row < values.length; row += lastDim) {
    for (let j = 0; j < lastDim; j++) order[j] = j;
    order.sort((a, b) => values[row + b]! - values[row + a]! || a - b);
    for (let j = 0; j < Math.min(k, lastDim); j++) out[row + order[j]!] = values[row + order[j]!]!;
  }
  return out;
}

function takeClass(values: Float64Array, lastDim: number, classId: number): Float64Array {
  if (classId < 0 || classId >= lastDim) {
    throw new ValueError(`class_id ${classId} is out of range for ${lastDim} classes.`, { classId, lastDim });
  }
  const out = new Float64Array(values.length / lastDim);
  for (let i = 0; i < out.length; i++) out[i] = values[i * lastDim + classId]!;
  return out;
}

function f32(x: Tensor): Float64Array {
  return Float64Array.from(cast(x, "float32").dataSync());
}

/**
 * Adds one batch's weighted confusion counts, per threshold, to the given variables.
 *
 * @example
 * ```ts
 * const tp = new keras.Variable(keras.ops.zeros([1]), { trainable: false });
 * updateConfusionMatrix({ tp }, keras.tensor([1, 0]), keras.tensor([0.9, 0.8]), { thresholds: [0.5], evenly: false });
 * tp.arraySync(); // [1]
 * ```
 */
export function updateConfusionMatrix(
  variables: ConfusionVariables,
  yTrue: TensorLike,
  yPred: TensorLike,
  options: ConfusionOptions,
): void {
  const [pred, truth] = squeezeOrExpandToSameRank(
    cast(convertToTensor(yPred), "float32"),
    cast(convertToTensor(yTrue), "float32"),
  );
  let weight: Tensor | null = null;
  if (options.sampleWeight !== undefined && options.sampleWeight !== null) {
    const w = expandDims(cast(convertToTensor(options.sampleWeight), "float32"), -1);
    weight = squeezeOrExpandToSameRank(truth, w, false)[1];
  }
  const shape = pred.shape;
  const lastDim = shape.length > 0 ? shape[shape.length - 1]! : 1;
  let p = f32(pred);
  let y = f32(truth);
  let w = weight ? f32(broadcastTo(weight, shape)) : null;
  if (options.topK !== undefined && options.topK !== null) p = filterTopK(p, lastDim, options.topK);
  if (options.classId !== undefined && options.classId !== null) {
    if (shape.length < 2) {
      throw new ValueError(
        `When class_id is provided, y_pred must be a 2D array with shape (num_samples, num_classes), found shape: (${shape.join(", ")})`,
        { shape },
      );
    }
    p = takeClass(p, lastDim, options.classId);
    y = takeClass(y, lastDim, options.classId);
    if (w) w = takeClass(w, lastDim, options.classId);
  }
  if (y.length !== p.length) {
    throw new ValueError(`y_true and y_pred must have the same size, received ${y.length} and ${p.length}.`);
  }
  const th = options.thresholds;
  const tp = new Float64Array(th.length);
  const fp = new Float64Array(th.length);
  let totalTrue = 0;
  let totalFalse = 0;
  if (options.evenly) {
    const withEpsilon = th[0]! < 0 || th[th.length - 1]! > 1;
    const tpBucket = new Float64Array(th.length);
    const fpBucket = new Float64Array(th.length);
    for (let i = 0; i < p.length; i++) {
      const pi = Math.min(Math.max(p[i]!, 0), 1);
      let bucket = Math.ceil(Math.fround(pi * (th.length - 1))) - 1;
      if (withEpsilon) bucket = Math.max(bucket, 0);
      const wi = w ? w[i]! : 1;
      const positive = y[i] !== 0;
      if (positive) totalTrue += wi;
      else totalFalse += wi;
      if (bucket < 0 || bucket >= th.length) continue;
      if (positive) tpBucket[bucket] += wi;
      else fpBucket[bucket] += wi;
    }
    let accTp = 0;
    let accFp = 0;
    for (let j = th.length - 1; j >= 0; j--) {
      tp[j] = accTp += tpBucket[j]!;
      fp[j] = accFp += fpBucket[j]!;
    }
  } else {
    const thresholds = th.map((t) => Math.fround(t));
    for (let i = 0; i < p.length; i++) {
      const wi = w ? w[i]! : 1;
      const positive = y[i] !== 0;
      if (positive) totalTrue += wi;
      else totalFalse += wi;
      for (let j = 0; j < thresholds.length; j++) {
        if (p[i]! > thresholds[j]!) {
          if (positive) tp[j] += wi;
          else fp[j] += wi;
        }
      }
    }
  }
  const add = (v: Variable | undefined, delta: (j: number) => number) => {
    if (!v) return;
    const current = v.dataSync();
    v.assign(Float32Array.from(current, (c, j) => c + delta(j)));
  };
  add(variables.tp, (j) => tp[j]!);
  add(variables.fp, (j) => fp[j]!);
  add(variables.tn, (j) => totalFalse - fp[j]!);
  add(variables.fn, (j) => totalTrue - tp[j]!);
}
