/**
 * The native backend: the C++ kernel library in native/ (packed, cache-blocked GEMM with AVX-512,
 * AVX2+FMA and portable micro-kernels chosen at run time, a persistent thread pool) reached through
 * an N-API addon that works on the tensors' TypedArrays in place, without copies.
 *
 * In this first version only `matmul` (float32 and float64) runs natively. Every other primitive —
 * elementwise, reductions, data movement, indexing, and int32 matmul — delegates to the reference
 * `js` kernels unchanged; later versions move them to native code one by one.
 *
 * Results are bitwise identical for any thread count: work is split across threads by output
 * tiles, and every output element is summed in the same order whichever thread computes it.
 */
import { isFloat, type TypedArray } from "../../core/dtype.js";
import { sizeOf, type Shape } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";
import { BackendError } from "../../core/errors.js";
import type { Backend } from "../backend.js";
import { createJsBackend } from "../js/index.js";
import { broadcastStrides } from "../js/strided.js";
import { loadNativeAddon, type CpuFeatures, type NativeAddon } from "./addon.js";

export { nativeAvailable } from "./addon.js";
export type { CpuFeatures } from "./addon.js";

/** Batched matmul on the addon; same contract as `Backend.matmul`. */
function nativeMatmul(
  addon: NativeAddon,
  a: TensorData,
  b: TensorData,
  transposeA: boolean,
  transposeB: boolean,
  outShape: Shape,
): TypedArray {
  const r = outShape.length;
  const M = outShape[r - 2]!;
  const N = outShape[r - 1]!;
  const K = transposeA ? a.shape[a.shape.length - 2]! : a.shape[a.shape.length - 1]!;
  const out = a.dtype === "float32" ? new Float32Array(sizeOf(outShape)) : new Float64Array(sizeOf(outShape));
  if (out.length === 0) return out;
  const av = a.values as Float32Array | Float64Array;
  const bv = b.values as Float32Array | Float64Array;
  const batchShape = outShape.slice(0, r - 2);
  const batches = sizeOf(batchShape);
  const bStrides = broadcastStrides(b.shape.slice(0, -2), batchShape).map((s) => s * K * N);
  if (
    batches === 1 ||
    (bStrides.every((s) => s === 0) && !transposeA && sizeOf(a.shape) === batches * M * K)
  ) {
    // One GEMM: the rows of every batch of A are contiguous and meet the same B.
    addon.matmul(av, bv, out, batches * M, N, K, transposeA, transposeB, null, null);
    return out;
  }
  const aStrides = broadcastStrides(a.shape.slice(0, -2), batchShape).map((s) => s * M * K);
  const aOff = new Float64Array(batches);
  const bOff = new Float64Array(batches);
  const idx = new Array<number>(batchShape.length).fill(0);
  for (let t = 0; t < batches; t++) {
    let ao = 0;
    let bo = 0;
    for (let d = 0; d < idx.length; d++) {
      ao += idx[d]! * aStrides[d]!;
      bo += idx[d]! * bStrides[d]!;
    }
    aOff[t] = ao;
    bOff[t] = bo;
    for (let d = idx.length - 1; d >= 0; d--) {
      if (++idx[d]! < batchShape[d]!) break;
      idx[d] = 0;
    }
  }
  addon.matmul(av, bv, out, M, N, K, transposeA, transposeB, aOff, bOff);
  return out;
}

/**
 * Creates the native backend object (registered as `"native"`; not the default yet).
 * @throws BackendError when the addon was not built or cannot load here.
 * @example
 * ```ts
 * keras.backend.setBackend("native"); // throws BackendError if the addon is missing
 * keras.ops.matmul(x, w);             // runs on the native GEMM
 * ```
 */
export function createNativeBackend(): Backend {
  const addon = loadNativeAddon();
  const js = createJsBackend();
  return {
    ...js,
    name: "native",
    matmul: (a, b, transposeA, transposeB, outShape) =>
      isFloat(a.dtype) && a.dtype === b.dtype
        ? nativeMatmul(addon, a, b, transposeA, transposeB, outShape)
        : js.matmul(a, b, transposeA, transposeB, outShape),
  };
}

/**
 * Sets how many threads the native kernels use (the calling thread included). The default is the
 * number of CPUs the process may run on, or `KERAS_TS_NUM_THREADS` when set. Results do not depend
 * on it.
 * @throws BackendError when the addon is missing or `n` is not an integer in [1, 1024].
 * @example
 * ```ts
 * setNumThreads(1); // single-threaded native kernels
 * ```
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 1024) {
    throw new BackendError(`setNumThreads expects an integer in [1, 1024], received ${n}.`);
  }
  loadNativeAddon().setNumThreads(n);
}

/**
 * Number of threads the native kernels use.
 * @example
 * ```ts
 * getNumThreads(); // 2 on a 2-core machine
 * ```
 */
export function getNumThreads(): number {
  return loadNativeAddon().getNumThreads();
}

/**
 * The CPU features the addon detected and the kernel family it runs ("avx512", "avx2", "scalar").
 * @example
 * ```ts
 * nativeInfo().kernels; // "avx2"
 * ```
 */
export function nativeInfo(): CpuFeatures & { threads: number } {
  const addon = loadNativeAddon();
  return { ...addon.cpuFeatures(), threads: addon.getNumThreads() };
}
