/**
 * Reference reduction kernels. The input is viewed as [outer, reduced, inner] blocks after moving
 * reduced axes together (a transpose when they are not contiguous). Two layouts get dedicated loops:
 * `inner === 1` (last-axis reductions: one running scalar per row) and the general column-wise form
 * (first-axis reductions: a running row of accumulators). Accumulation is in float64.
 */
import { allocArray, type DType, type TypedArray } from "../../core/dtype.js";
import { sizeOf } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";
import type { ReduceOp } from "../backend.js";
import { transpose } from "./movement.js";

/** Views `x` as [outer, reduce, inner] with the reduced axes contiguous; transposes when needed. */
export function asReduceBlocks(
  x: TensorData,
  axes: readonly number[],
): { values: TypedArray; outer: number; reduce: number; inner: number } {
  const rank = x.shape.length;
  // Size-1 axes do not affect memory order: drop them before testing contiguity.
  const real = axes.filter((a) => x.shape[a] !== 1);
  const contiguous = real.every((a, i) => i === 0 || a === real[i - 1]! + 1);
  if (real.length === 0) return { values: x.values, outer: sizeOf(x.shape), reduce: 1, inner: 1 };
  if (contiguous) {
    const first = real[0]!;
    const last = real[real.length - 1]!;
    return {
      values: x.values,
      outer: sizeOf(x.shape.slice(0, first)),
      reduce: sizeOf(x.shape.slice(first, last + 1)),
      inner: sizeOf(x.shape.slice(last + 1)),
    };
  }
  const kept = Array.from({ length: rank }, (_, i) => i).filter((i) => !real.includes(i));
  const perm = [...kept, ...real];
  return {
    values: transpose(x, perm),
    outer: sizeOf(kept.map((i) => x.shape[i]!)),
    reduce: sizeOf(real.map((i) => x.shape[i]!)),
    inner: 1,
  };
}

const INIT: Record<ReduceOp, number> = { sum: 0, prod: 1, max: -Infinity, min: Infinity, any: 0, all: 1 };

/** One value per row of `r` contiguous elements (last-axis reductions). */
function reduceRows(op: ReduceOp, v: TypedArray, outer: number, r: number, out: TypedArray): void {
  for (let o = 0; o < outer; o++) {
    const start = o * r;
    const end = start + r;
    let acc = INIT[op];
    switch (op) {
      case "sum":
        for (let k = start; k < end; k++) acc += v[k]!;
        break;
      case "prod":
        for (let k = start; k < end; k++) acc *= v[k]!;
        break;
      case "max":
        for (let k = start; k < end; k++) {
          const e = v[k]!;
          if (e > acc || Number.isNaN(e)) acc = e;
        }
        break;
      case "min":
        for (let k = start; k < end; k++) {
          const e = v[k]!;
          if (e < acc || Number.isNaN(e)) acc = e;
        }
        break;
      case "any":
        for (let k = start; k < end; k++)
          if (v[k] !== 0) {
            acc = 1;
            break;
          }
        break;
      case "all":
        for (let k = start; k < end; k++)
          if (v[k] === 0) {
            acc = 0;
            break;
          }
        break;
    }
    out[o] = acc;
  }
}

/** Column-wise accumulation: for each outer block, `r` rows of `inner` contiguous elements. */
function reduceColumns(
  op: ReduceOp,
  v: TypedArray,
  outer: number,
  r: number,
  inner: number,
  out: TypedArray,
): void {
  const acc = allocArray("float64", inner) as Float64Array; // a slab view when small
  for (let o = 0; o < outer; o++) {
    acc.fill(INIT[op]);
    const base = o * r * inner;
    for (let k = 0; k < r; k++) {
      const row = base + k * inner;
      switch (op) {
        case "sum":
          for (let i = 0; i < inner; i++) acc[i]! += v[row + i]!;
          break;
        case "prod":
          for (let i = 0; i < inner; i++) acc[i]! *= v[row + i]!;
          break;
        case "max":
          for (let i = 0; i < inner; i++) {
            const e = v[row + i]!;
            if (e > acc[i]! || Number.isNaN(e)) acc[i] = e;
          }
          break;
        case "min":
          for (let i = 0; i < inner; i++) {
            const e = v[row + i]!;
            if (e < acc[i]! || Number.isNaN(e)) acc[i] = e;
          }
          break;
        case "any":
          for (let i = 0; i < inner; i++) if (v[row + i] !== 0) acc[i] = 1;
          break;
        case "all":
          for (let i = 0; i < inner; i++) if (v[row + i] === 0) acc[i] = 0;
          break;
      }
    }
    out.set(acc, o * inner);
  }
}

/** Reduces over sorted, unique `axes`; the output has those axes removed, in `outDtype`. */
export function reduce(op: ReduceOp, x: TensorData, axes: readonly number[], outDtype: DType): TypedArray {
  const { values, outer, reduce: r, inner } = asReduceBlocks(x, axes);
  const out = allocArray(outDtype, outer * inner);
  if (r === 1 && (op === "sum" || op === "prod" || op === "max" || op === "min")) {
    out.set(values); // nothing to combine: a copy (with conversion to outDtype)
    return out;
  }
  if (inner === 1) reduceRows(op, values, outer, r, out);
  else reduceColumns(op, values, outer, r, inner, out);
  return out;
}
