/**
 * Reference kernels that copy blocks of memory: strided slice, concat and constant pad.
 * Contiguous runs are copied with `TypedArray.set`; only the outer axes walk an odometer.
 */
import { allocArray, type TypedArray } from "../../core/dtype.js";
import { sizeOf, stridesOf, type Shape } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";
import { offsetsFor } from "./strided.js";

/** Runs shorter than this are copied element by element (cheaper than a subarray view). */
const SET_THRESHOLD = 16;

function copyRun(src: TypedArray, from: number, dst: TypedArray, to: number, n: number): void {
  if (n < SET_THRESHOLD) for (let k = 0; k < n; k++) dst[to + k] = src[from + k]!;
  else dst.set(src.subarray(from, from + n), to);
}

/**
 * Strided slice: output element `idx` reads `x[begin + idx * strides]` per axis; `size` is the output
 * shape and strides may be negative (a reversed read, as `flip` uses).
 */
export function slice(
  x: TensorData,
  begin: readonly number[],
  size: Shape,
  strides: readonly number[],
): TypedArray {
  const rank = x.shape.length;
  const n = sizeOf(size);
  const out = allocArray(x.dtype, n);
  if (n === 0) return out;
  const inStrides = stridesOf(x.shape);
  let base = 0;
  for (let i = 0; i < rank; i++) base += begin[i]! * inStrides[i]!;
  // Trailing axes read whole with stride 1 merge into one contiguous run, plus one more stride-1 axis.
  let k = rank;
  let run = 1;
  while (k > 0 && strides[k - 1] === 1 && size[k - 1] === x.shape[k - 1]) run *= size[--k]!;
  if (k > 0 && strides[k - 1] === 1) run *= size[--k]!;
  const outerShape = size.slice(0, k);
  const outer = sizeOf(outerShape);
  const offsets = offsetsFor(
    outerShape,
    outerShape.map((_d, i) => inStrides[i]! * strides[i]!),
    outer,
  );
  const xv = x.values;
  if (run === 1) {
    for (let o = 0; o < outer; o++) out[o] = xv[base + offsets[o]!]!;
  } else {
    for (let o = 0; o < outer; o++) copyRun(xv, base + offsets[o]!, out, o * run, run);
  }
  return out;
}

/** Concatenates along `axis`; inputs share a dtype and every other dimension. */
export function concat(xs: readonly TensorData[], axis: number, outShape: Shape): TypedArray {
  const out = allocArray(xs[0]!.dtype, sizeOf(outShape));
  const outer = sizeOf(outShape.slice(0, axis));
  const inner = sizeOf(outShape.slice(axis + 1));
  const rowLen = outShape[axis]! * inner;
  let start = 0;
  for (const x of xs) {
    const block = x.shape[axis]! * inner;
    const xv = x.values;
    for (let o = 0; o < outer; o++) copyRun(xv, o * block, out, o * rowLen + start, block);
    start += block;
  }
  return out;
}

/** Pads with the constant `value`; `paddings[i]` = [before, after] (non-negative) for axis i. */
export function pad(
  x: TensorData,
  paddings: readonly (readonly [number, number])[],
  value: number,
): TypedArray {
  const rank = x.shape.length;
  const outShape = x.shape.map((d, i) => d + paddings[i]![0] + paddings[i]![1]);
  const out = allocArray(x.dtype, sizeOf(outShape));
  if (value !== 0) out.fill(value);
  const size = sizeOf(x.shape);
  if (size === 0) return out;
  if (rank === 0) {
    out[0] = x.values[0]!;
    return out;
  }
  const outStrides = stridesOf(outShape);
  let base = 0;
  for (let i = 0; i < rank; i++) base += paddings[i]![0] * outStrides[i]!;
  const run = x.shape[rank - 1]!;
  const rowsShape = x.shape.slice(0, rank - 1);
  const rows = size / run;
  const offsets = offsetsFor(rowsShape, outStrides.slice(0, rank - 1), rows);
  for (let r = 0; r < rows; r++) copyRun(x.values, r * run, out, base + offsets[r]!, run);
  return out;
}
