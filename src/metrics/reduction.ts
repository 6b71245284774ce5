/**
 * Reduction metrics: `Sum`, `Mean` and `MeanMetricWrapper` (the mean of a per-sample function).
 */
import { allocArray, isFloat, type DType } from "../core/dtype.js";
import { isRecording } from "../autodiff/tape.js";
import { Tensor } from "../core/tensor.js";
import {
  broadcastTo,
  cast,
  convertToTensor,
  divide,
  expandDims,
  mean,
  multiply,
  notEqual,
  squeeze,
  sum,
  where,
  type TensorLike,
} from "../ops/index.js";
import { Metric, type MetricArgs, type MetricConfig } from "./metric.js";

/**
 * Squeezes or expands the last axis of one of two tensors whose ranks differ by exactly one, as
 * Keras's `squeeze_or_expand_to_same_rank`.
 *
 * @example
 * ```ts
 * const [a, b] = squeezeOrExpandToSameRank(keras.ops.zeros([4, 1]), keras.ops.zeros([4]));
 * a.shape; // [4, 1]
 * b.shape; // [4, 1]
 * ```
 */
export function squeezeOrExpandToSameRank(x1: Tensor, x2: Tensor, expandRank1 = true): [Tensor, Tensor] {
  const r1 = x1.rank;
  const r2 = x2.rank;
  if (r1 === r2) return [x1, x2];
  if (r1 === r2 + 1 && x1.shape[r1 - 1] === 1) {
    if (r2 === 1 && expandRank1) x2 = expandDims(x2, -1);
    else x1 = squeeze(x1, -1);
  }
  if (r2 === r1 + 1 && x2.shape[r2 - 1] === 1) {
    if (r1 === 1 && expandRank1) x1 = expandDims(x1, -1);
    else x2 = squeeze(x2, -1);
  }
  return [x1, x2];
}

/** `0 / 0 → 0` division (Keras's `divide_no_nan`), elementwise. */
export function divideNoNan(a: TensorLike, b: TensorLike): Tensor {
  const den = convertToTensor(b);
  if (
    den.size === 1 &&
    a instanceof Tensor &&
    a.size === 1 &&
    den.dtype === a.dtype &&
    isFloat(a.dtype) &&
    !isRecording()
  ) {
    // Scalar metric results (every step's logs): the same rounding as the ops, without them.
    const q = den.values[0] === 0 ? 0 : a.values[0]! / den.values[0]!;
    const out = allocArray(a.dtype, 1);
    out[0] = q;
    return new Tensor(out, a.shape.length >= den.shape.length ? a.shape : den.shape, a.dtype);
  }
  const nonZero = notEqual(den, 0);
  return where(nonZero, divide(a, where(nonZero, den, 1)), 0) as Tensor;
}

function scalarOf(value: number, dtype: DType): Tensor {
  const out = allocArray(dtype, 1);
  out[0] = value;
  return new Tensor(out, [], dtype);
}

function trailingAxes(from: number, to: number): number[] {
  const axes: number[] = [];
  for (let i = from; i < to; i++) axes.push(i);
  return axes;
}

type ReduceFn = (x: Tensor, axis: number[]) => Tensor;

/**
 * Keras's `reduce_to_samplewise_values`: weights the values, then reduces every axis after the
 * first with `reduceFn` (the sample weights are reduced the same way).
 *
 * @example
 * ```ts
 * const [v, w] = reduceToSamplewiseValues(keras.tensor([[1, 3], [5, 7]]), keras.tensor([1, 0]), "mean", "float32");
 * v.arraySync(); // [2, 0]
 * ```
 */
export function reduceToSamplewiseValues(
  values: TensorLike,
  sampleWeight: TensorLike | undefined,
  reduce: "sum" | "mean",
  dtype: DType,
): [Tensor, Tensor | undefined] {
  const reduceFn: ReduceFn = reduce === "sum" ? (x, a) => sum(x, a) : (x, a) => mean(x, a);
  let v = cast(convertToTensor(values), dtype);
  let w: Tensor | undefined;
  if (sampleWeight !== undefined && sampleWeight !== null) {
    w = convertToTensor(sampleWeight, dtype);
    [v, w] = squeezeOrExpandToSameRank(v, w);
    const wRank = w.rank;
    if (v.rank > wRank) v = reduceFn(v, trailingAxes(wRank, v.rank));
    w = broadcastTo(w, v.shape);
    v = multiply(v, w);
    if (wRank > 1) w = reduceFn(w, trailingAxes(1, wRank));
  }
  if (v.rank > 1) v = reduceFn(v, trailingAxes(1, v.rank));
  return [v, w];
}

/**
 * The (weighted) sum of the values seen so far.
 *
 * @example
 * ```ts
 * const m = new keras.metrics.Sum();
 * m.updateState(keras.tensor([1, 3, 5, 7]), keras.tensor([1, 1, 0, 0]));
 * m.result().item(); // 4
 * ```
 */
export class Sum extends Metric {
  static override className = "Sum";
  private readonly total;

  constructor(args: MetricArgs = {}) {
    super({ ...args, name: args.name ?? "sum" });
    this.total = this.addVariable([], "total");
  }

  updateState(values: TensorLike, sampleWeight?: TensorLike): void {
    const [v] = reduceToSamplewiseValues(values, sampleWeight, "sum", this.dtype);
    this.assignAdd(this.total, sum(v));
  }

  result(): Tensor {
    return this.total.value;
  }
}

/**
 * The (weighted) mean of the values seen so far: `total / count`, where `count` is the number of
 * samples or the sum of the sample weights.
 *
 * @example
 * ```ts
 * const m = new keras.metrics.Mean();
 * m.updateState(keras.tensor([1, 3, 5, 7]), keras.tensor([1, 1, 0, 0]));
 * m.result().item(); // 2
 * ```
 */
export class Mean extends Metric {
  static override className = "Mean";
  protected readonly total;
  protected readonly count;

  constructor(args: MetricArgs = {}) {
    super({ ...args, name: args.name ?? "mean" });
    this.total = this.addVariable([], "total");
    this.count = this.addVariable([], "count");
  }

  updateState(values: TensorLike, sampleWeight?: TensorLike): void {
    if (this.updateInPlace(values, sampleWeight)) return;
    const [v, w] = reduceToSamplewiseValues(values, sampleWeight, "mean", this.dtype);
    this.assignAdd(this.total, sum(v));
    const n = w !== undefined ? sum(w) : v.rank >= 1 ? v.shape[0]! : 1;
    this.assignAdd(this.count, n);
  }

  result(): Tensor {
    return divideNoNan(this.total.value, this.count.value);
  }

  /**
   * The per-step cases of fit (a batch of per-sample values without weights; a scalar loss
   * weighted by the batch size) in plain arithmetic, rounded as the op path rounds (Σ in double,
   * then each addition in the metric's dtype). Returns false for every other case.
   */
  private updateInPlace(values: TensorLike, sampleWeight?: TensorLike): boolean {
    if (!(values instanceof Tensor) || values.dtype !== this.dtype || !isFloat(this.dtype) || isRecording())
      return false;
    let weight: number;
    if (sampleWeight === undefined || sampleWeight === null) {
      if (values.rank > 1) return false;
      weight = values.rank === 1 ? values.shape[0]! : 1;
    } else if (values.rank === 0 && typeof sampleWeight === "number") weight = sampleWeight;
    else return false;
    const round = this.dtype === "float32" ? Math.fround : (x: number) => x;
    let batchTotal = 0;
    if (sampleWeight === undefined || sampleWeight === null)
      for (let i = 0; i < values.size; i++) batchTotal += values.values[i]!;
    else batchTotal = values.values[0]! * round(weight);
    const total = round(this.total.value.values[0]! + round(batchTotal));
    const count = round(this.count.value.values[0]! + round(weight));
    this.total.assign(scalarOf(total, this.dtype));
    this.count.assign(scalarOf(count, this.dtype));
    return true;
  }
}

/** A per-sample metric function: returns one value per sample (or per sample and position). */
export type MetricFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

/** Options of {@link MeanMetricWrapper}. */
export interface MeanMetricWrapperArgs extends MetricArgs {
  /** The per-sample function whose mean is tracked. */
  fn: MetricFn;
}

/**
 * Tracks the mean of a per-sample function `fn(yTrue, yPred)` over every sample seen.
 *
 * @example
 * ```ts
 * const m = new keras.metrics.MeanMetricWrapper({
 *   fn: (t, p) => keras.ops.square(keras.ops.subtract(t, p)),
 *   name: "sq_err",
 * });
 * m.updateState(keras.tensor([0, 1]), keras.tensor([1, 1]));
 * m.result().item(); // 0.5
 * ```
 */
export class MeanMetricWrapper extends Mean {
  static override className = "MeanMetricWrapper";
  /** The wrapped per-sample function. */
  readonly fn: MetricFn;

  constructor(args: MeanMetricWrapperArgs) {
    super(args);
    this.fn = args.fn;
  }

  override updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike): void {
    const values = this.fn(toTensor(yTrue), toTensor(yPred));
    super.updateState(values, sampleWeight);
  }

  /** `{ name, dtype, fn }`: the function itself travels in the config (it is not JSON). */
  override getConfig(): MetricConfig {
    return { ...super.getConfig(), fn: this.fn };
  }
}

function toTensor(x: TensorLike): Tensor {
  return x instanceof Tensor ? x : convertToTensor(x);
}
