/**
 * Reference batched matmul: maps each output batch to one blocked GEMM call (see gemm.ts), with
 * transposes expressed as strides and batch dimensions broadcast NumPy-style. When B is shared by
 * every batch and A is not transposed, the batch folds into the rows of one large GEMM.
 */
import { allocArray, type TypedArray } from "../../core/dtype.js";
import { sizeOf, type Shape } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";
import { gemm, type MatrixView } from "./gemm.js";
import { broadcastStrides } from "./strided.js";

/**
 * How a batched matmul maps onto GEMM calls (shared by the js and native backends): the matrix
 * sizes, and either one GEMM over all batches (`single`: the rows of every batch of A are
 * contiguous and meet the same B) or per-batch element offsets of A and B (NumPy broadcasting).
 * @example
 * ```ts
 * const plan = planMatmul(a, b, false, [8, 2, 4]); // plan.single when b is shared
 * ```
 */
export interface MatmulPlan {
  M: number;
  N: number;
  K: number;
  batches: number;
  single: boolean;
  /** Per output batch: where A's and B's matrices start (empty when `single`). */
  aOffsets: Float64Array;
  bOffsets: Float64Array;
}

export function planMatmul(a: TensorData, b: TensorData, transposeA: boolean, outShape: Shape): MatmulPlan {
  const r = outShape.length;
  const M = outShape[r - 2]!;
  const N = outShape[r - 1]!;
  const K = transposeA ? a.shape[a.shape.length - 2]! : a.shape[a.shape.length - 1]!;
  const batchShape = outShape.slice(0, r - 2);
  const batches = sizeOf(batchShape);
  const bStrides = broadcastStrides(b.shape.slice(0, -2), batchShape).map((s) => s * K * N);
  const bShared = bStrides.every((s) => s === 0);
  const single = batches === 1 || (bShared && !transposeA && sizeOf(a.shape) === batches * M * K);
  const plan = { M, N, K, batches, single, aOffsets: new Float64Array(0), bOffsets: new Float64Array(0) };
  if (single) return plan;
  // Odometer over the batch dims, tracking each operand's offset.
  const aStrides = broadcastStrides(a.shape.slice(0, -2), batchShape).map((s) => s * M * K);
  plan.aOffsets = new Float64Array(batches);
  plan.bOffsets = new Float64Array(batches);
  const idx = new Array<number>(batchShape.length).fill(0);
  for (let t = 0; t < batches; t++) {
    let ao = 0;
    let bo = 0;
    for (let d = 0; d < idx.length; d++) {
      ao += idx[d]! * aStrides[d]!;
      bo += idx[d]! * bStrides[d]!;
    }
    plan.aOffsets[t] = ao;
    plan.bOffsets[t] = bo;
    for (let d = idx.length - 1; d >= 0; d--) {
      if (++idx[d]! < batchShape[d]!) break;
      idx[d] = 0;
    }
  }
  return plan;
}

/**
 * `a` is [...batchA, M, K] (or [..., K, M] when `transposeA`), `b` is [...batchB, K, N] (or
 * [..., N, K] when `transposeB`); both have rank ≥ 2 and batch dims that broadcast to `outShape`'s.
 * Float32/float64 accumulate in JS numbers; int32 wraps like NumPy.
 * @example
 * ```ts
 * const a = { values: new Float32Array([1, 2, 3, 4]), shape: [2, 2], dtype: "float32" } as const;
 * matmul(a, a, false, true, [2, 2]); // a·aᵀ = [5, 11, 11, 25]
 * ```
 */
export function matmul(
  a: TensorData,
  b: TensorData,
  transposeA: boolean,
  transposeB: boolean,
  outShape: Shape,
): TypedArray {
  const out = allocArray(a.dtype, sizeOf(outShape));
  if (out.length === 0) return out;
  const { M, N, K, batches, single, aOffsets, bOffsets } = planMatmul(a, b, transposeA, outShape);
  const integer = a.dtype !== "float32" && a.dtype !== "float64";
  const av: MatrixView = {
    values: a.values,
    offset: 0,
    rowStride: transposeA ? 1 : K,
    colStride: transposeA ? M : 1,
  };
  const bv: MatrixView = {
    values: b.values,
    offset: 0,
    rowStride: transposeB ? 1 : N,
    colStride: transposeB ? K : 1,
  };
  if (single) {
    gemm(batches * M, N, K, av, bv, out, 0, N, integer);
    return out;
  }
  let prevB = -1;
  for (let t = 0; t < batches; t++) {
    av.offset = aOffsets[t]!;
    bv.offset = bOffsets[t]!;
    gemm(M, N, K, av, bv, out, t * M * N, N, integer, bv.offset === prevB);
    prevB = bv.offset;
  }
  return out;
}
