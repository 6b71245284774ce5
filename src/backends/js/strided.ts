/**
 * Index helpers for the reference kernels: broadcasting strides and a row-major odometer.
 */
import type { Shape } from "../../core/shape.js";
import { stridesOf } from "../../core/shape.js";

/** Strides to read an input of `inShape` while walking `outShape` (0 on broadcast axes). */
export function broadcastStrides(inShape: Shape, outShape: Shape): number[] {
  const inStrides = stridesOf(inShape);
  const offset = outShape.length - inShape.length;
  return outShape.map((_d, i) => {
    const j = i - offset;
    return j < 0 || inShape[j] === 1 ? 0 : inStrides[j]!;
  });
}

/**
 * For each output position (row-major over `outShape`), the flat input offset given per-axis
 * `strides`; returned as one Int32Array so inner loops stay simple.
 */
export function offsetsFor(outShape: Shape, strides: readonly number[], size: number): Int32Array {
  const out = new Int32Array(size);
  const rank = outShape.length;
  if (rank === 0) return out;
  const idx = new Array<number>(rank).fill(0);
  let off = 0;
  const last = rank - 1;
  const lastStride = strides[last]!;
  const lastDim = outShape[last]!;
  for (let i = 0; i < size;) {
    for (let k = 0; k < lastDim; k++, i++) out[i] = off + k * lastStride;
    // carry into the higher axes
    let a = last - 1;
    off = 0;
    for (; a >= 0; a--) {
      idx[a]!++;
      if (idx[a]! < outShape[a]!) break;
      idx[a] = 0;
    }
    if (a < 0) break;
    for (let b = 0; b < last; b++) off += idx[b]! * strides[b]!;
  }
  return out;
}
