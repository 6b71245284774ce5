/**
 * The native backend: the C++ kernel library in native/ (packed, cache-blocked GEMM with AVX-512,
 * AVX2+FMA and portable micro-kernels chosen at run time, a persistent thread pool) reached through
 * an N-API addon that works on the tensors' TypedArrays in place, without copies.
 *
 * Every op of the `Backend` interface runs natively; below `SMALL` elements (matmul and the
 * fused dense ops excepted) and for anything unusual (an index or a read out of range, an identity
 * transpose, mismatched array types, more than 8 merged axes, topK's k beyond the row, empty
 * outputs) the reference `js` kernels run instead, and raise the errors.
 * - `matmul`, the fused `dense`/`denseGrad` and optimizer updates: float32/float64 (variables under
 *   `SMALL` elements update in js).
 * - Elementwise and reductions, float32/float64/int32/uint8/bool: `unary` (all of `UnaryOp`),
 *   `binary` (all of `BinaryOp`, any NumPy broadcast merging into at most 8 strided axes, the js
 *   kernel's integer rules: int32 products wrap, integer division and mod by zero give 0) and
 *   `reduce` (all ops, any axis set, accumulated in double in the js order).
 * - Rows: `softmax`/`softmaxGrad` (last axis), `sparseCrossentropy`/`sparseCrossentropyGrad`
 *   (int32 labels), `argReduce`, `sort` and `topK` (last axis; NaN greatest, −0 ties +0, ties by
 *   lower index), `cumulative` (sum/prod, exclusive, reverse; double accumulator).
 * - Data movement, any dtype: `transpose`, `broadcastTo`, `slice` (negative strides too),
 *   `concat`, `pad`, `gather` and `scatterAdd` (int32 indices; each element sums its updates in
 *   the js order), `where` (any condition dtype, broadcasts of rank ≤ 8), `cast`.
 *
 * Results equal the js kernels bitwise, with one exception: float64 results (and integer
 * conversions of doubles above 2^53) of ops built on C library functions — exp, expm1, log,
 * log1p, log2, log10, the trigonometric and hyperbolic functions and their inverses, pow, atan2,
 * and the ops built on them (sigmoid, softplus, silu, gelu, mish, elu, selu, erfinv, ...) — which
 * call glibc's double functions where js calls V8's: at most 1 ulp for most, 2 for log10, 3 for
 * sinh/cosh/tanh on a 2^20-point sweep (glibc 2.36, Node 20); native/src/elementwise.h has the
 * table. float32 results are computed in double and rounded once, as js does: bitwise equal to js
 * on 2^24 inputs per op. The softmax and cross-entropy row kernels compute exp/log as the native
 * `unary` does, so they equal the native op compositions they replace bitwise.
 *
 * Results are bitwise identical for any thread count: work is split across threads by output
 * tiles or whole rows, and every output element is summed in the same order whichever thread
 * computes it.
 *
 * The ops live by family in elementwise.ts, linalg.ts, movement.ts and rows.ts (each falls back to
 * the js backend it is given); outputs.ts holds `SMALL`, the output allocators and the test switches.
 */
import { BackendError } from "../../core/errors.js";
import type { Backend } from "../backend.js";
import { createJsBackend } from "../js/index.js";
import { loadNativeAddon, type CpuFeatures } from "./addon.js";
import { elementwiseOps } from "./elementwise.js";
import { linalgOps } from "./linalg.js";
import { movementOps } from "./movement.js";
import { rowOps } from "./rows.js";

export { nativeAvailable } from "./addon.js";
export type { CpuFeatures } from "./addon.js";
export { setNativePoisonOutputs, setNativeSmallThreshold } from "./outputs.js";

/**
 * Creates the native backend object (registered as `"native"`, the default backend when the addon loads).
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
    ...elementwiseOps(addon, js),
    ...linalgOps(addon, js),
    ...movementOps(addon, js),
    ...rowOps(addon, js),
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
