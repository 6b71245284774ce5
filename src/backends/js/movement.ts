/**
 * Reference data-movement kernels: transpose, broadcast, where.
 */
import { allocArray, type DType, type TypedArray } from "../../core/dtype.js";
import { sizeOf, stridesOf, type Shape } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";
import { broadcastStrides, offsetsFor } from "./strided.js";

export function transpose(x: TensorData, perm: readonly number[]): TypedArray {
  const inStrides = stridesOf(x.shape);
  const outShape = perm.map((p) => x.shape[p]!);
  const size = sizeOf(outShape);
  const out = allocArray(x.dtype, size);
  if (perm.length === 2 && perm[0] === 1) {
    const [rows, cols] = x.shape as [number, number];
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = x.values[i * cols + j]!;
    return out;
  }
  const offsets = offsetsFor(outShape, perm.map((p) => inStrides[p]!), size);
  for (let i = 0; i < size; i++) out[i] = x.values[offsets[i]!]!;
  return out;
}

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
