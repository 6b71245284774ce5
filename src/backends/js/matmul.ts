/** Reference matmul kernel (to be replaced by the blocked, register-tiled version). */
import { allocArray, type TypedArray } from "../../core/dtype.js";
import { sizeOf, type Shape } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";

export function matmul(a: TensorData, b: TensorData, transposeA: boolean, transposeB: boolean, outShape: Shape): TypedArray {
  const r = outShape.length;
  const M = outShape[r - 2]!;
  const N = outShape[r - 1]!;
  const K = transposeA ? a.shape[a.shape.length - 2]! : a.shape[a.shape.length - 1]!;
  const batch = sizeOf(outShape.slice(0, r - 2));
  const out = allocArray(a.dtype, sizeOf(outShape));
  const aBatch = sizeOf(a.shape.slice(0, -2));
  const bBatch = sizeOf(b.shape.slice(0, -2));
  for (let t = 0; t < batch; t++) {
    const ao = (aBatch === 1 ? 0 : t) * M * K;
    const bo = (bBatch === 1 ? 0 : t) * K * N;
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) {
        const av = transposeA ? a.values[ao + k * M + i]! : a.values[ao + i * K + k]!;
        const bv = transposeB ? b.values[bo + j * K + k]! : b.values[bo + k * N + j]!;
        s += av * bv;
      }
      out[t * M * N + i * N + j] = s;
    }
  }
  return out;
}
