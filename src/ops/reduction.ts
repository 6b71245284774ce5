/**
 * Reductions over axes, with `keepdims`: sum, mean, max, min, prod, any, all, logsumexp, and
 * argmax/argmin. `axis` is a number, a list of axes, or null/undefined for all axes (Keras's `None`).
 */
import { FLOATX, isFloat, type DType } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import { formatShape, normalizeAxes, normalizeAxis, sizeOf, type SymbolicShape } from "../core/shape.js";
import type { Tensor } from "../core/tensor.js";
import type { ReduceOp } from "../backends/backend.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { cast } from "./cast.js";
import { fullLike } from "./creation.js";
import { runOp1, type OpDef } from "./op.js";
import { broadcastTo, reshape } from "./shape.js";
import { divide, equal, maximum, minimum, multiply, subtract } from "./binary.js";
import { exp } from "./unary.js";
import { productOfOthers } from "./manipulation-cumulative.js";

export { cumsum, cumprod } from "./manipulation-cumulative.js";

/** Axes to reduce: one axis, several, or `null`/`undefined` for all of them. */
export type Axis = number | readonly number[] | null;

export interface ReduceAttrs {
  axes: number[];
  keepdims: boolean;
}

/** Output shape of reducing `shape` over sorted `axes`. */
export function reducedShape(
  shape: SymbolicShape,
  axes: readonly number[],
  keepdims: boolean,
): (number | null)[] {
  const out: (number | null)[] = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepdims) out.push(1);
  });
  return out;
}

/** Re-inserts reduced axes as size 1 so a reduced tensor broadcasts against its input. */
export function keepDimsShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

/** Definition of a plain reduction running backend kernel `op`; `dtype` maps input to output dtype. */
export function reduceDef(op: ReduceOp, dtype: (d: DType) => DType): OpDef<ReduceAttrs> {
  return {
    name: op,
    infer: ([x], { axes, keepdims }) => [
      { shape: reducedShape(x!.shape, axes, keepdims), dtype: dtype(x!.dtype) },
    ],
    forward: ([x], { axes }, [out], backend) => [backend.reduce(op, x!, axes, out!.dtype)],
  };
}

/** `dy` of a reduction reshaped with size-1 reduced axes, ready to broadcast against the input. */
function expandGrad(dy: Tensor, x: Tensor, axes: readonly number[]): Tensor {
  return reshape(dy, keepDimsShape(x.shape, axes));
}

/** Throws when an identity-less reduction (max, min, argmax, argmin) meets an empty axis. */
function checkNonEmpty(shape: SymbolicShape, axes: readonly number[], op: string): void {
  if (axes.some((a) => shape[a] === 0)) {
    throw new ValueError(
      `${op}: cannot reduce an empty axis of a tensor of shape ${formatShape(shape)} (axes ${JSON.stringify(axes)}): ` +
        `the reduction has no identity.${op === "max" || op === "min" ? " Pass `initial` to give one." : ""}`,
      { op, shape },
    );
  }
}

const sumDType = (d: DType) => (d === "bool" || d === "uint8" ? "int32" : d);
const floatDType = (d: DType) => (isFloat(d) ? d : FLOATX);
const sameDType = (d: DType) => d;

const sumDef: OpDef<ReduceAttrs> = {
  ...reduceDef("sum", sumDType),
  vjp: ([dy], [x], _y, { axes }) => [broadcastTo(expandGrad(dy!, x!, axes), x!.shape)],
};

const meanDef: OpDef<ReduceAttrs> = {
  name: "mean",
  infer: ([x], { axes, keepdims }) => [
    { shape: reducedShape(x!.shape, axes, keepdims), dtype: floatDType(x!.dtype) },
  ],
  forward: ([x], { axes }, [out], backend) => {
    const total = backend.reduce("sum", x!, axes, out!.dtype);
    const n = sizeOf(axes.map((a) => x!.shape[a]!));
    for (let i = 0; i < total.length; i++) total[i]! /= n;
    return [total];
  },
  vjp: ([dy], [x], _y, { axes, keepdims }) => {
    const n = sizeOf(axes.map((a) => x!.shape[a]!));
    // A mean over every axis (a loss): divide the one scalar, then broadcast — same values, fewer ops.
    if (!keepdims && axes.length === x!.rank) return [broadcastTo(divide(dy!, n), x!.shape)];
    return [divide(broadcastTo(expandGrad(dy!, x!, axes), x!.shape), n)];
  },
};

/** max/min: the gradient goes to the extremal elements, split equally among ties (as JAX does). */
function extremumDef(op: "max" | "min"): OpDef<ReduceAttrs> {
  const base = reduceDef(op, sameDType);
  return {
    ...base,
    infer: (inputs, attrs) => {
      checkNonEmpty(inputs[0]!.shape, attrs.axes, op);
      return base.infer(inputs, attrs);
    },
    vjp: ([dy], [x], [y], { axes }) => {
      const mask = cast(equal(x!, expandGrad(y!, x!, axes)), x!.dtype);
      const ties = sum(mask, axes, true);
      return [multiply(mask, divide(expandGrad(dy!, x!, axes), ties))];
    },
  };
}
const maxDef = extremumDef("max");
const minDef = extremumDef("min");

const prodDef: OpDef<ReduceAttrs> = {
  ...reduceDef("prod", sumDType),
  // d prod / d x_i = product of the other elements (exclusive cumulative products: exact with zeros).
  vjp: ([dy], [x], _y, { axes }) => [multiply(productOfOthers(x!, axes), expandGrad(dy!, x!, axes))],
};

const anyDef = reduceDef("any", () => "bool");
const allDef = reduceDef("all", () => "bool");

const logsumexpDef: OpDef<ReduceAttrs> = {
  name: "logsumexp",
  infer: ([x], { axes, keepdims }) => [{ shape: reducedShape(x!.shape, axes, keepdims), dtype: x!.dtype }],
  forward: ([x], { axes }, _out, backend) => {
    // log(sum(exp(x - m))) + m, with m = max(x) replaced by 0 where it is not finite.
    const dtype = x!.dtype;
    const m = backend.reduce("max", x!, axes, dtype);
    for (let i = 0; i < m.length; i++) if (!Number.isFinite(m[i]!)) m[i] = 0;
    const keep = keepDimsShape(x!.shape, axes);
    // Broadcast explicitly so the subtraction runs on equal shapes (the kernels' fast path).
    const mb = backend.broadcastTo({ values: m, shape: keep, dtype }, x!.shape);
    const shifted = backend.binary("sub", x!, { values: mb, shape: x!.shape, dtype }, x!.shape, dtype);
    const e = backend.unary("exp", { values: shifted, shape: x!.shape, dtype }, dtype);
    const s = backend.reduce("sum", { values: e, shape: x!.shape, dtype }, axes, dtype);
    const flat = [s.length];
    const l = backend.unary("log", { values: s, shape: flat, dtype }, dtype);
    return [
      backend.binary(
        "add",
        { values: l, shape: flat, dtype },
        { values: m, shape: flat, dtype },
        flat,
        dtype,
      ),
    ];
  },
  vjp: ([dy], [x], [y], { axes }) => [
    multiply(expandGrad(dy!, x!, axes), exp(subtract(x!, expandGrad(y!, x!, axes)))),
  ],
};

/** Validates `axis` for input `x` and builds the attrs. */
export function reduceAttrs(
  x: { rank: number },
  axis: Axis | undefined,
  keepdims: boolean,
  op: string,
): ReduceAttrs {
  return { axes: normalizeAxes(axis, x.rank, op), keepdims };
}

function reduce<T extends OpInput>(
  def: OpDef<ReduceAttrs>,
  x: T,
  axis: Axis | undefined,
  keepdims: boolean,
  op: string,
): OpResult<T> {
  const t = toOpTensor(x);
  return runOp1(def, [t], reduceAttrs(t, axis, keepdims, op)) as OpResult<T>;
}

/**
 * Sum over `axis` (all axes when omitted). Bool/uint8 sum to int32.
 * @example
 * ```ts
 * keras.ops.sum([[1, 2], [3, 4]], 0).arraySync();       // [4, 6]
 * keras.ops.sum([[1, 2], [3, 4]], 1, true).arraySync(); // [[3], [7]]
 * ```
 */
export function sum<T extends OpInput>(x: T, axis?: Axis, keepdims = false): OpResult<T> {
  return reduce(sumDef, x, axis, keepdims, "sum");
}

/**
 * Arithmetic mean over `axis` (all axes when omitted). Integer and bool inputs give float32.
 * @example
 * ```ts
 * keras.ops.mean([[1, 2], [3, 4]]).item();            // 2.5
 * keras.ops.mean([[1, 2], [3, 4]], [0, 1], true).shape; // [1, 1]
 * ```
 */
export function mean<T extends OpInput>(x: T, axis?: Axis, keepdims = false): OpResult<T> {
  return reduce(meanDef, x, axis, keepdims, "mean");
}

/**
 * Maximum over `axis`. `initial` is a lower bound for the result (and allows empty axes).
 * The gradient is split equally among tied maxima.
 * @example
 * ```ts
 * keras.ops.max([[1, 5], [3, 4]], 1).arraySync(); // [5, 4]
 * keras.ops.max([1, 2], null, false, 10).item();  // 10
 * ```
 */
export function max<T extends OpInput>(x: T, axis?: Axis, keepdims = false, initial?: number): OpResult<T> {
  return extremum(maxDef, x, axis, keepdims, initial, "max");
}

/**
 * Minimum over `axis`. `initial` is an upper bound for the result (and allows empty axes).
 * @example `keras.ops.min([[1, 5], [3, 4]], 0).arraySync() // [1, 4]`
 */
export function min<T extends OpInput>(x: T, axis?: Axis, keepdims = false, initial?: number): OpResult<T> {
  return extremum(minDef, x, axis, keepdims, initial, "min");
}

function extremum<T extends OpInput>(
  def: OpDef<ReduceAttrs>,
  x: T,
  axis: Axis | undefined,
  keepdims: boolean,
  initial: number | undefined,
  op: "max" | "min",
): OpResult<T> {
  const t = toOpTensor(x);
  const attrs = reduceAttrs(t, axis, keepdims, op);
  if (initial === undefined) return runOp1(def, [t], attrs) as OpResult<T>;
  if (attrs.axes.some((a) => t.shape[a] === 0)) {
    // Nothing to reduce: the result is `initial` everywhere.
    return fullLike(sum(t, attrs.axes, keepdims), initial, t.dtype) as OpResult<T>;
  }
  const combine = op === "max" ? maximum : minimum;
  return combine(runOp1(def, [t], attrs), initial) as OpResult<T>;
}

/**
 * Product over `axis`. Bool/uint8 multiply as int32; `dtype` casts the input first.
 * The gradient is exact with zeros (products of the other elements, never a division).
 * @example `keras.ops.prod([[1, 2], [3, 4]], 1).arraySync() // [2, 12]`
 */
export function prod<T extends OpInput>(x: T, axis?: Axis, keepdims = false, dtype?: DType): OpResult<T> {
  let t = toOpTensor(x);
  if (dtype !== undefined && dtype !== t.dtype) t = cast(t, dtype);
  return runOp1(prodDef, [t], reduceAttrs(t, axis, keepdims, "prod")) as OpResult<T>;
}

/**
 * Whether any element along `axis` is truthy (non-zero), as bool.
 * @example `keras.ops.any([[0, 1], [0, 0]], 1).arraySync() // [true, false]`
 */
export function any<T extends OpInput>(x: T, axis?: Axis, keepdims = false): OpResult<T> {
  return reduce(anyDef, x, axis, keepdims, "any");
}

/**
 * Whether every element along `axis` is truthy (non-zero), as bool.
 * @example `keras.ops.all([[1, 1], [0, 1]], 1).arraySync() // [true, false]`
 */
export function all<T extends OpInput>(x: T, axis?: Axis, keepdims = false): OpResult<T> {
  return reduce(allDef, x, axis, keepdims, "all");
}

/**
 * `log(sum(exp(x)))` over `axis`, computed stably (the maximum is subtracted first), so large
 * inputs do not overflow. Integer inputs give float32.
 * @example
 * ```ts
 * keras.ops.logsumexp([1000, 1000]).item(); // 1000.6931...
 * ```
 */
export function logsumexp<T extends OpInput>(x: T, axis?: Axis, keepdims = false): OpResult<T> {
  let t = toOpTensor(x);
  if (!isFloat(t.dtype)) t = cast(t, FLOATX);
  return runOp1(logsumexpDef, [t], reduceAttrs(t, axis, keepdims, "logsumexp")) as OpResult<T>;
}

interface ArgAttrs {
  op: "argmax" | "argmin";
  axis: number | null;
  keepdims: boolean;
}

const argDef: OpDef<ArgAttrs> = {
  name: "argReduce",
  infer: ([x], { op, axis, keepdims }) => {
    const axes = axis === null ? x!.shape.map((_d, i) => i) : [axis];
    checkNonEmpty(x!.shape, axes, op);
    return [{ shape: reducedShape(x!.shape, axes, keepdims), dtype: "int32" }];
  },
  forward: ([x], { op, axis }, _out, backend) =>
    axis === null
      ? [backend.argReduce(op, { values: x!.values, shape: [x!.size], dtype: x!.dtype }, 0)]
      : [backend.argReduce(op, x!, axis)],
};

function argReduce<T extends OpInput>(
  op: "argmax" | "argmin",
  x: T,
  axis: number | null | undefined,
  keepdims: boolean,
): OpResult<T> {
  const t = toOpTensor(x);
  const a = axis === null || axis === undefined ? null : normalizeAxis(axis, t.rank, op);
  return runOp1(argDef, [t], { op, axis: a, keepdims }) as OpResult<T>;
}

/**
 * Index (int32) of the largest value along `axis`; the first occurrence wins. Without an axis,
 * the index into the flattened tensor.
 * @example
 * ```ts
 * keras.ops.argmax([[1, 9], [7, 2]], 1).arraySync(); // [1, 0]
 * keras.ops.argmax([[1, 9], [7, 2]]).item();         // 1
 * ```
 */
export function argmax<T extends OpInput>(x: T, axis?: number | null, keepdims = false): OpResult<T> {
  return argReduce("argmax", x, axis, keepdims);
}

/**
 * Index (int32) of the smallest value along `axis`; the first occurrence wins. Without an axis,
 * the index into the flattened tensor.
 * @example `keras.ops.argmin([[1, 9], [7, 2]], 0).arraySync() // [0, 1]`
 */
export function argmin<T extends OpInput>(x: T, axis?: number | null, keepdims = false): OpResult<T> {
  return argReduce("argmin", x, axis, keepdims);
}
