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
  if (
    r >= 2 &&
    perm[r - 2] === r - 1 &&
    perm[r - 1] === r - 2 &&
    perm.slice(0, r - 2).every((p, i) => p === i)
  ) {
    const rows = x.shape[r - 2]!;
    const cols = x.shape[r - 1]!;
    const block = rows * cols;
    const xv = x.values;
    const TILE = 32; // cache-sized tiles: reads and writes both stay within a few lines
    for (let b = 0; b < size; b += block) {
      for (let i0 = 0; i0 < rows; i0 += TILE) {
        const i1 = Math.min(rows, i0 + TILE);
        for (let j0 = 0; j0 < cols; j0 += TILE) {
          const j1 = Math.min(cols, j0 + TILE);
          for (let i = i0; i < i1; i++)
            for (let j = j0; j < j1; j++) out[b + j * rows + i] = xv[b + i * cols + j]!;
        }
      }
    }
    return out;
  }
  const offsets = offsetsFor(
    outShape,
    perm.map((p) => inStrides[p]!),
    size,
  );
  for (let i = 0; i < size; i++) out[i] = x.values[offsets[i]!]!;
  return out;
}

/**
 * Repeats `x` along its size-1 (or missing leading) axes to fill `shape`. Adjacent axes that are
 * both broadcast or both kept are merged first; then kept runs are copied and broadcast blocks are
 * duplicated with `copyWithin`, so no per-element index arithmetic is needed.
 */
export function broadcastTo(x: TensorData, shape: Shape): TypedArray {
  const size = sizeOf(shape);
  const out = allocArray(x.dtype, size);
  if (size === 0) return out;
  const lead = shape.length - x.shape.length;
  // Merge axes into runs of [size, broadcast?] (size-1 output axes are dropped).
  const dims: number[] = [];
  const bcast: boolean[] = [];
  shape.forEach((d, i) => {
    if (d === 1) return;
    const b = i < lead || x.shape[i - lead] === 1;
    const last = dims.length - 1;
    if (last >= 0 && bcast[last] === b) dims[last] = dims[last]! * d;
    else {
      dims.push(d);
      bcast.push(b);
    }
  });
  const xv = x.values;
  if (dims.length === 0) {
    out[0] = xv[0]!;
    return out;
  }
  // Output block size below each merged axis, and input stride of each kept axis.
  const r = dims.length;
  const outBlock = new Array<number>(r);
  const inStride = new Array<number>(r);
  let ob = 1;
  let is = 1;
  for (let k = r - 1; k >= 0; k--) {
    outBlock[k] = ob;
    inStride[k] = bcast[k] ? 0 : is;
    ob *= dims[k]!;
    if (!bcast[k]) is *= dims[k]!;
  }
  const fill = (k: number, inOff: number, outOff: number): void => {
    const n = dims[k]!;
    if (k === r - 1) {
      if (bcast[k]) out.fill(xv[inOff]!, outOff, outOff + n);
      else for (let i = 0; i < n; i++) out[outOff + i] = xv[inOff + i]!;
      return;
    }
    const block = outBlock[k]!;
    if (bcast[k]) {
      fill(k + 1, inOff, outOff);
      for (let i = 1; i < n; i++) out.copyWithin(outOff + i * block, outOff, outOff + block);
    } else {
      for (let i = 0; i < n; i++) fill(k + 1, inOff + i * inStride[k]!, outOff + i * block);
    }
  };
  fill(0, 0, 0);
  return out;
}

export function where(
  cond: TensorData,
  a: TensorData,
  b: TensorData,
  outShape: Shape,
  outDtype: DType,
): TypedArray {
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
