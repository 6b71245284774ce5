/**
 * Reference reduction kernels. The input is viewed as [outer, reduced, inner] blocks after moving
 * reduced axes together (a transpose when they are not contiguous).
 */
import { allocArray, type DType, type TypedArray } from "../../core/dtype.js";
import { sizeOf } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";
import type { ReduceOp } from "../backend.js";
import { transpose } from "./movement.js";

/** Views `x` as [outer, reduce, inner] with the reduced axes contiguous; transposes when needed. */
export function asReduceBlocks(x: TensorData, axes: readonly number[]): { values: TypedArray; outer: number; reduce: number; inner: number } {
  const rank = x.shape.length;
  const contiguous = axes.every((a, i) => i === 0 || a === axes[i - 1]! + 1);
  if (contiguous && axes.length > 0) {
    const first = axes[0]!;
    const last = axes[axes.length - 1]!;
    return {
      values: x.values,
      outer: sizeOf(x.shape.slice(0, first)),
      reduce: sizeOf(x.shape.slice(first, last + 1)),
      inner: sizeOf(x.shape.slice(last + 1)),
    };
  }
  const kept = Array.from({ length: rank }, (_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...kept, ...axes];
  return {
    values: transpose(x, perm),
    outer: sizeOf(kept.map((i) => x.shape[i]!)),
    reduce: sizeOf(axes.map((i) => x.shape[i]!)),
    inner: 1,
  };
}

const INIT: Record<ReduceOp, number> = { sum: 0, prod: 1, max: -Infinity, min: Infinity, any: 0, all: 1 };

export function reduce(op: ReduceOp, x: TensorData, axes: readonly number[], outDtype: DType): TypedArray {
  const { values, outer, reduce: r, inner } = asReduceBlocks(x, axes);
  const out = allocArray(outDtype, outer * inner);
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(INIT[op]);
    const base = o * r * inner;
    for (let k = 0; k < r; k++) {
      const row = base + k * inner;
      switch (op) {
        case "sum":
          for (let i = 0; i < inner; i++) acc[i]! += values[row + i]!;
          break;
        case "prod":
          for (let i = 0; i < inner; i++) acc[i]! *= values[row + i]!;
          break;
        case "max":
          for (let i = 0; i < inner; i++) {
            const v = values[row + i]!;
            if (v > acc[i]! || Number.isNaN(v)) acc[i] = v;
          }
          break;
        case "min":
          for (let i = 0; i < inner; i++) {
            const v = values[row + i]!;
            if (v < acc[i]! || Number.isNaN(v)) acc[i] = v;
          }
          break;
        case "any":
          for (let i = 0; i < inner; i++) if (values[row + i] !== 0) acc[i] = 1;
          break;
        case "all":
          for (let i = 0; i < inner; i++) if (values[row + i] === 0) acc[i] = 0;
          break;
      }
    }
    out.set(acc, o * inner);
  }
  return out;
}
