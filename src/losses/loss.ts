/**
 * The `Loss` base class and Keras's reduction machinery: `apply(yTrue, yPred, sampleWeight)` casts
 * both inputs to the loss dtype, calls `call` for per-sample values, applies sample weights and any
 * mask the values carry, and reduces ("sum_over_batch_size" by default), exactly as Keras's
 * `Loss.__call__` / `reduce_weighted_values`.
 */
import { FLOATX, checkDType, isFloat, type DType } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import { sizeOf } from "../core/shape.js";
import type { AnyTensor } from "../core/symbolic.js";
import type { Tensor } from "../core/tensor.js";
import { toSnakeCase } from "../engine/naming.js";
import { toOpTensor, type OpInput, type TensorLike } from "../ops/convert.js";
import * as ops from "../ops/index.js";

/**
 * Keras's `backend.epsilon()`: the fuzz factor that keeps logs and divisions finite.
 * @example `keras.losses.EPSILON // 1e-7`
 */
export const EPSILON = 1e-7;

/**
 * How `Loss.apply` turns per-sample values into the result: `"sum_over_batch_size"` and `"mean"`
 * (sum / number of values), `"sum"`, `"mean_with_sample_weight"` (sum / sum of the sample weights),
 * or `"none"` / `null` (no reduction).
 */
export type Reduction = "sum_over_batch_size" | "sum" | "mean" | "mean_with_sample_weight" | "none" | null;

const REDUCTIONS: readonly Reduction[] = [
  "sum_over_batch_size",
  "sum",
  "mean",
  "mean_with_sample_weight",
  "none",
  null,
];

/**
 * Checks a reduction name, with Keras's error message for an unknown one.
 * @example
 * ```ts
 * standardizeReduction("sum"); // "sum"
 * standardizeReduction(undefined); // "sum_over_batch_size"
 * ```
 */
export function standardizeReduction(reduction: unknown): Reduction {
  if (reduction === undefined) return "sum_over_batch_size";
  if ((REDUCTIONS as readonly unknown[]).includes(reduction)) return reduction as Reduction;
  throw new ValueError(
    "Invalid value for argument `reduction`. Expected one of " +
      `"sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none", null. ` +
      `Received: reduction=${JSON.stringify(reduction)}`,
    { reduction },
  );
}

/** Constructor arguments shared by every loss. */
export interface LossArgs {
  /** Name of the loss (defaults to the snake_case name Keras gives the class). */
  name?: string;
  /** Reduction applied by `apply` (default `"sum_over_batch_size"`). */
  reduction?: Reduction;
  /** Dtype of the computation; inputs are cast to it (default float32). */
  dtype?: DType;
}

/** Plain-data configuration of a loss (camelCase keys). */
export type LossConfig = Record<string, unknown>;

const masks = new WeakMap<object, AnyTensor>();

/**
 * Attaches a mask to per-sample loss values (Keras's `set_keras_mask`): `apply` then weights only
 * the valid entries, averaging over them under "sum_over_batch_size" and "mean".
 * @example
 * ```ts
 * setLossMask(values, keras.ops.notEqual(labels, -1));
 * ```
 */
export function setLossMask(values: AnyTensor, mask: AnyTensor): void {
  masks.set(values, mask);
}

/**
 * The mask attached to loss values by `setLossMask`, if any.
 * @example
 * ```ts
 * getLossMask(values); // a bool tensor, or undefined
 * ```
 */
export function getLossMask(values: AnyTensor): AnyTensor | undefined {
  return masks.get(values);
}

/**
 * Squeezes or expands the last axis of one tensor when the ranks differ by exactly one and that
 * axis has size 1 (Keras's `squeeze_or_expand_to_same_rank`).
 * @example
 * ```ts
 * const [a, b] = squeezeOrExpandToSameRank(ops.zeros([4]), ops.zeros([4, 1]));
 * a.shape; // [4, 1]
 * ```
 */
export function squeezeOrExpandToSameRank<A extends AnyTensor, B extends AnyTensor>(
  x1: A,
  x2: B,
  expandRank1 = true,
): [A, B] {
  const r1 = x1.shape.length;
  const r2 = x2.shape.length;
  if (r1 === r2) return [x1, x2];
  let a: AnyTensor = x1;
  let b: AnyTensor = x2;
  if (r1 === r2 + 1 && x1.shape[r1 - 1] === 1) {
    if (r2 === 1 && expandRank1) b = ops.expandDims(b, -1);
    else a = ops.squeeze(a, -1);
  }
  if (r2 === r1 + 1 && x2.shape[r2 - 1] === 1) {
    if (r1 === 1 && expandRank1) a = ops.expandDims(a, -1);
    else b = ops.squeeze(b, -1);
  }
  return [a as A, b as B];
}

/** `x / y`, or 0 where `y` is 0 (the gradient stays finite there). */
function divideNoNan(x: AnyTensor, y: AnyTensor | number): AnyTensor {
  // A known non-zero count: the same value and gradient as the masked form, in one op.
  if (typeof y === "number" && y !== 0 && Number.isFinite(y)) return ops.divide(x, y) as AnyTensor;
  const zero = ops.equal(y, 0);
  return ops.where(zero, 0, ops.divide(x, ops.where(zero, 1, y))) as AnyTensor;
}

function numElements(x: AnyTensor): number {
  return x.shape.every((d) => d !== null) ? sizeOf(x.shape as number[]) : NaN;
}

/** Folds a mask into the sample weights (Keras's `apply_mask`). */
function applyMask(
  sampleWeight: AnyTensor | null,
  mask: AnyTensor | undefined,
  dtype: DType,
  reduction: Reduction,
): AnyTensor | null {
  if (mask === undefined) return sampleWeight;
  let floatMask: AnyTensor;
  if (reduction === "mean" || reduction === "sum_over_batch_size") {
    const valid = ops.sum(ops.cast(mask, dtype)) as AnyTensor;
    const maskWeight = divideNoNan(ops.fullLike(valid, numElements(mask), dtype) as AnyTensor, valid);
    floatMask = ops.where(ops.cast(mask, "bool"), maskWeight, 0) as AnyTensor;
  } else {
    floatMask = ops.cast(mask, dtype) as AnyTensor;
  }
  if (sampleWeight === null) return floatMask;
  const [m, sw] = squeezeOrExpandToSameRank(floatMask, ops.cast(sampleWeight, dtype) as AnyTensor);
  return ops.multiply(sw, m) as AnyTensor;
}

/**
 * Weights per-sample loss values and reduces them (Keras's `reduce_weighted_values`); a scalar or
 * empty `values` is returned as is.
 * @example
 * ```ts
 * reduceWeightedValues(ops.convertToTensor([1, 2, 3]), null, undefined, "sum").item(); // 6
 * ```
 */
export function reduceWeightedValues(
  values: AnyTensor,
  sampleWeight: AnyTensor | null,
  mask: AnyTensor | undefined,
  reduction: Reduction,
  dtype: DType = values.dtype,
): AnyTensor {
  let v = values.dtype === dtype ? values : (ops.cast(values, dtype) as AnyTensor);
  let sw =
    sampleWeight === null || sampleWeight.dtype === dtype ? sampleWeight : ops.cast(sampleWeight, dtype);
  sw = applyMask(sw as AnyTensor | null, mask, dtype, reduction);
  if (sw !== null) {
    const [a, b] = squeezeOrExpandToSameRank(v, sw);
    v = ops.multiply(a, b) as AnyTensor;
    sw = b;
  }
  const shape = v.shape;
  if (
    reduction === null ||
    reduction === "none" ||
    shape.length === 0 ||
    (shape.length === 1 && shape[0] === 0)
  )
    return v;
  const count = numElements(v);
  const averaged = reduction === "mean" || reduction === "sum_over_batch_size" || sw === null;
  // sum / count in one op (its forward divides the same rounded sum by the same exact count).
  if (reduction !== "sum" && averaged && count > 0 && count < 2 ** 24) return ops.mean(v) as AnyTensor;
  const total = ops.sum(v) as AnyTensor;
  if (reduction === "sum") return total;
  if (reduction === "mean_with_sample_weight" && sw !== null)
    return divideNoNan(total, ops.sum(sw) as AnyTensor);
  return divideNoNan(total, count);
}

/**
 * Base class of every loss. Subclasses implement `call(yTrue, yPred)`, returning per-sample values;
 * `apply(yTrue, yPred, sampleWeight?)` returns the weighted, reduced loss.
 *
 * @example
 * ```ts
 * class MyMse extends keras.losses.Loss {
 *   static override className = "MyMse";
 *   call(yTrue: keras.Tensor, yPred: keras.Tensor) {
 *     return keras.ops.mean(keras.ops.square(keras.ops.subtract(yPred, yTrue)), -1);
 *   }
 * }
 * new MyMse().apply([[0, 1]], [[1, 1]]).item(); // 0.5
 * ```
 */
export abstract class Loss {
  /** Name used in serialized configs; subclasses override it (never rely on `constructor.name`). */
  static className = "Loss";

  readonly name: string;
  readonly reduction: Reduction;
  readonly dtype: DType;

  constructor(args: LossArgs = {}) {
    this.name = args.name ?? toSnakeCase((this.constructor as typeof Loss).className);
    this.reduction = standardizeReduction(args.reduction);
    this.dtype = args.dtype === undefined ? FLOATX : checkDType(args.dtype, "loss dtype");
    if (!isFloat(this.dtype))
      throw new ValueError(`A loss computes in a float dtype; received dtype=${this.dtype}.`, {
        dtype: this.dtype,
      });
  }

  /** The per-sample loss values (no weighting, no reduction). */
  abstract call(yTrue: Tensor, yPred: Tensor): Tensor;

  /**
   * The loss of a batch: casts both inputs to `dtype`, calls `call`, applies `sampleWeight` (which
   * broadcasts against the per-sample values) and any mask, then reduces by `reduction`.
   */
  apply(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike | null): Tensor {
    const yp = ops.convertToTensor(yPred, this.dtype);
    const yt = ops.convertToTensor(yTrue, this.dtype);
    const values = this.call(yt, yp);
    const sw = sampleWeight === undefined || sampleWeight === null ? null : ops.convertToTensor(sampleWeight);
    return reduceWeightedValues(values, sw, getLossMask(values), this.reduction, this.dtype) as Tensor;
  }

  /** The constructor arguments, as plain data. */
  getConfig(): LossConfig {
    return { name: this.name, reduction: this.reduction };
  }

  /** The class name under which this loss is serialized. */
  get className(): string {
    return (this.constructor as typeof Loss).className;
  }

  /** Rebuilds a loss from `getConfig()` output. */
  static fromConfig<T extends Loss>(this: new (config?: any) => T, config: LossConfig = {}): T {
    return new this(config);
  }
}

/**
 * Converts loss-function inputs: `yPred` as a float tensor, `yTrue` cast to its dtype.
 * @example
 * ```ts
 * const [yt, yp] = prepareInputs([1, 0], new keras.Tensor(new Float64Array([0.2, 0.8]), [2], "float64"));
 * yt.dtype; // "float64"
 * ```
 */
export function prepareInputs(yTrue: OpInput, yPred: OpInput): [AnyTensor, AnyTensor] {
  let yp = toOpTensor(yPred);
  if (!isFloat(yp.dtype)) yp = ops.cast(yp, FLOATX) as AnyTensor;
  let yt = toOpTensor(yTrue, yp.dtype);
  if (yt.dtype !== yp.dtype) yt = ops.cast(yt, yp.dtype) as AnyTensor;
  return [yt, yp];
}
