/**
 * The native linear-algebra ops, float32/float64: `matmul` (batched, on the packed GEMM), the
 * fused `dense` layer and its gradient `denseGrad`, and the SGD/Adam `optimizerUpdate`. Other
 * dtypes, and variables under `SMALL` elements in `optimizerUpdate`, run the js kernels.
 */
import { isFloat, type TypedArray } from "../../core/dtype.js";
import { sizeOf, type Shape } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";
import type { Backend } from "../backend.js";
import { planMatmul } from "../js/matmul.js";
import type { NativeAddon } from "./addon.js";
import { floatOf, isFloatArray, type FloatArray } from "./operands.js";
import { allocOutput, fits, SMALL } from "./outputs.js";

/** Batched matmul on the addon; same contract as `Backend.matmul`. */
function nativeMatmul(
  addon: NativeAddon,
  a: TensorData,
  b: TensorData,
  transposeA: boolean,
  transposeB: boolean,
  outShape: Shape,
): TypedArray {
  const out = allocOutput(a.dtype, sizeOf(outShape)) as Float32Array | Float64Array;
  if (out.length === 0) return out;
  const av = a.values as Float32Array | Float64Array;
  const bv = b.values as Float32Array | Float64Array;
  const { M, N, K, batches, single, aOffsets, bOffsets } = planMatmul(a, b, transposeA, outShape);
  if (single) addon.matmul(av, bv, out, batches * M, N, K, transposeA, transposeB, null, null);
  else addon.matmul(av, bv, out, M, N, K, transposeA, transposeB, aOffsets, bOffsets);
  return out;
}

/**
 * The matmul, fused dense and optimizer ops of the native backend, falling back to `js`'s.
 * @example
 * ```ts
 * const backend = { ...js, ...linalgOps(loadNativeAddon(), js) };
 * ```
 */
export function linalgOps(
  addon: NativeAddon,
  js: Backend,
): Pick<Backend, "matmul" | "dense" | "denseGrad" | "optimizerUpdate"> {
  return {
    matmul: (a, b, transposeA, transposeB, outShape) =>
      isFloat(a.dtype) && a.dtype === b.dtype
        ? nativeMatmul(addon, a, b, transposeA, transposeB, outShape)
        : js.matmul(a, b, transposeA, transposeB, outShape),
    dense: (args) => {
      const { x, kernel, bias } = args;
      if (!floatOf(x.dtype, x, kernel, ...(bias ? [bias] : []))) return js.dense(args);
      const [M, K] = x.shape as [number, number];
      const N = kernel.shape[1]!;
      const out = (fits(args.outInto, x.values, M * N) ?? allocOutput(x.dtype, M * N)) as FloatArray;
      if (out.length > 0) {
        const bv = (bias?.values ?? null) as FloatArray | null;
        addon.denseForward(
          x.values as FloatArray,
          kernel.values as FloatArray,
          bv,
          out,
          M,
          K,
          N,
          args.activation === "relu",
        );
      }
      return out;
    },
    denseGrad: (args) => {
      const { x, kernel, dy, y, needed } = args;
      const relu = args.activation === "relu";
      if (!floatOf(x.dtype, x, kernel, dy, ...(relu ? [y!] : []))) return js.denseGrad(args);
      const [M, K] = x.shape as [number, number];
      const N = kernel.shape[1]!;
      const alloc = (want: boolean, n: number) => (want ? (allocOutput(x.dtype, n) as FloatArray) : null);
      const dx = (needed[0] && fits(args.dxInto, x.values, M * K)) || alloc(needed[0], M * K);
      const dKernel = (needed[1] && fits(args.dKernelInto, x.values, K * N)) || alloc(needed[1], K * N);
      const dBias = alloc(needed[2], N);
      if (M * N > 0)
        addon.denseBackward(
          x.values as FloatArray,
          kernel.values as FloatArray,
          relu ? (y!.values as FloatArray) : null,
          dy.values as FloatArray,
          dx,
          dKernel,
          dBias,
          M,
          K,
          N,
          relu,
        );
      else return js.denseGrad(args);
      return { dx, dKernel, dBias };
    },
    optimizerUpdate: (u, dtype) => {
      if (!isFloat(dtype) || !isFloatArray(u.w) || u.w.length < SMALL) return js.optimizerUpdate(u, dtype);
      if (u.kind === "sgd") {
        const f = (v: TypedArray | null) => v as FloatArray | null;
        addon.sgdUpdate(f(u.w)!, f(u.g)!, f(u.wOut)!, f(u.m), f(u.mOut), u.lr, u.momentum, u.nesterov);
      } else {
        const f = (v: TypedArray) => v as FloatArray;
        addon.adamUpdate(
          f(u.w),
          f(u.g),
          f(u.m),
          f(u.v),
          f(u.wOut),
          f(u.mOut),
          f(u.vOut),
          u.alpha,
          u.oneMinusBeta1,
          u.oneMinusBeta2,
          u.epsilon,
        );
      }
    },
  };
}
