/**
 * Reference data-movement kernels: transpose, broadcast, where.
 */
import { allocArray, type DType, type TypedArray } from "../../core/dtype.js";
import { sizeOf, stridesOf, type Shape } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";
import { broadcastStrides, offsetsFor } from "./strided.js";

/** Permutes axes: output axis i is input axis `perm[i]`. Works for any rank, including 0. */
export function transpose(x: TensorData, perm: readonly number[]): TypedArray {
  const inStrides = stridesOf(x.shape);
  const outShape = perm.map((p) => x.shape[p]!);
  const size = sizeOf(outShape);
  const out = allocArray(x.dtype, size);
  const r = perm.length;
  if (perm.every((p, i) => p === i)) {
    out.set(x.values);
    return out;
  }
  // Swapping the last two axes (with any leading batch axes untouched): a batched 2-D transpose.
  if (r >= 2 && perm[r - 2] === r - 1 && perm[r - 1] === r - 2 && perm.slice(0, r - 2).every((p, i) => p === i)) {
    const rows = x.shape[r - 2]!;
    const cols = x.shape[r - 1]!;
    const block = rows * cols;
    const xv = x.values;
    for (let b = 0; b < size; b += block) {
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[b + j * rows + i] = xv[b + i * cols + j]!;
    }
    return out;
  }
  const offsets = offsetsFor(outShape, perm.map((p) => inStrides[p]!), size);
  for (let i = 0; i < size; i++) out[i] = x.values[offsets[i]!]!;
  return out;
}

/** Repeats `x` along its size-1 (or missing leading) axes to fill `shape`. */
export function broadcastTo(x: TensorData, shape: Shape): TypedArray {
  const size = sizeOf(shape);
  const out = allocArray(x.dtype, size);
  const offsets = offsetsFor(shape, broadcastStrides(x.shape, shape), size);
  for (let i = 0; i < size; i++) out[i] = x.values[offsets[i]!]!;
  return out;
}

export function where(cond: TensorData, a: TensorData, b: TensorData, outShape: Shape, outDtype: DType): TypedArray {
  const size = sizeOf(outShape);
  const out = allocArray(outDtype, size);
  const co = offsetsFor(outShape, broadcastStrides(cond.shape, outShape), size);
  const ao = offsetsFor(outShape, broadcastStrides(a.shape, outShape), size);
  const bo = offsetsFor(outShape, broadcastStrides(b.shape, outShape), size);
  const cv = cond.values;
  const av = a.values;
  const bv = b.values;
  for (let i = 0; i < size; i++) out[i] = cv[co[i]!] ? av[ao[i]!]! : bv[bo[i]!]!;
  return out;
}
