/**
 * Reductions over axes, with `keepdims`.
 */
import { type DType } from "../core/dtype.js";
import { normalizeAxes, type SymbolicShape } from "../core/shape.js";
import type { ReduceOp } from "../backends/backend.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { runOp1, type OpDef } from "./op.js";
import { broadcastTo, reshape } from "./shape.js";

export interface ReduceAttrs {
  axes: number[];
  keepdims: boolean;
}

/** Output shape of reducing `shape` over sorted `axes`. */
export function reducedShape(shape: SymbolicShape, axes: readonly number[], keepdims: boolean): (number | null)[] {
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

export function reduceDef(op: ReduceOp, dtype: (d: DType) => DType): OpDef<ReduceAttrs> {
  return {
    name: op,
    infer: ([x], { axes, keepdims }) => [{ shape: reducedShape(x!.shape, axes, keepdims), dtype: dtype(x!.dtype) }],
    forward: ([x], { axes }, [out], backend) => [backend.reduce(op, x!, axes, out!.dtype)],
  };
}

const sumDType = (d: DType) => (d === "bool" || d === "uint8" ? "int32" : d);

const sumDef: OpDef<ReduceAttrs> = {
  ...reduceDef("sum", sumDType),
  vjp: ([dy], [x], _y, { axes }) => [broadcastTo(reshape(dy!, keepDimsShape(x!.shape, axes)), x!.shape)],
};

/** Validates `axis` for input `x` and builds the attrs. */
export function reduceAttrs(x: { rank: number }, axis: number | readonly number[] | null | undefined, keepdims: boolean, op: string): ReduceAttrs {
  return { axes: normalizeAxes(axis, x.rank, op), keepdims };
}

/**
 * Sum over `axis` (all axes when omitted). Bool/uint8 sum to int32.
 * @example
 * ```ts
 * keras.ops.sum([[1, 2], [3, 4]], 0).arraySync();       // [4, 6]
 * keras.ops.sum([[1, 2], [3, 4]], 1, true).arraySync(); // [[3], [7]]
 * ```
 */
export function sum<T extends OpInput>(x: T, axis?: number | readonly number[] | null, keepdims = false): OpResult<T> {
  const t = toOpTensor(x);
  return runOp1(sumDef, [t], reduceAttrs(t, axis, keepdims, "sum")) as OpResult<T>;
}

