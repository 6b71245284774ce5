/**
 * Reference versions of the fused training kernels. Each rounds every intermediate to the dtype
 * exactly as the ops it replaces would (float32: `Math.fround` after each operation), so a fused
 * step and the unfused op sequence agree bitwise on this backend.
 */
import type { DType, TypedArray } from "../../core/dtype.js";
import type { DenseArgs, DenseGradArgs, DenseGrads, OptimizerUpdate } from "../backend.js";
import { matmul } from "./matmul.js";
import { reduce } from "./reduce.js";

/**
 * `v` rounded to float32 when `f32` (as storing it would round it), else `v`. Kernels call this
 * module-level function rather than a rounding function chosen per dtype: V8 inlines a call with
 * one known target, not a call through a variable (9× slower in an SGD loop).
 */
export const round = (f32: boolean, v: number): number => (f32 ? Math.fround(v) : v);

/** `activation(x·kernel + bias)` with the reference GEMM, then one pass for bias and relu. */
export function dense({ x, kernel, bias, activation }: DenseArgs): TypedArray {
  const M = x.shape[0]!;
  const N = kernel.shape[1]!;
  const out = matmul(x, kernel, false, false, [M, N]);
  if (bias) {
    const b = bias.values;
    for (let i = 0, o = 0; i < M; i++) for (let j = 0; j < N; j++, o++) out[o] = out[o]! + b[j]!;
  }
  if (activation === "relu") for (let o = 0; o < out.length; o++) if (out[o]! < 0) out[o] = 0;
  return out;
}

/** Gradients of `dense`: dz = relu ? dy·[y > 0] : dy; dx = dz·kernelᵀ, dKernel = xᵀ·dz, dBias = Σ dz. */
export function denseGrad({ x, kernel, y, dy, activation, needed }: DenseGradArgs): DenseGrads {
  const M = x.shape[0]!;
  const K = x.shape[1]!;
  const N = kernel.shape[1]!;
  let dz = dy;
  if (activation === "relu") {
    const yv = y!.values;
    const mask = dy.values.slice();
    for (let i = 0; i < mask.length; i++) if (!(yv[i]! > 0)) mask[i] = 0;
    dz = { values: mask, shape: dy.shape, dtype: dy.dtype };
  }
  return {
    dx: needed[0] ? matmul(dz, kernel, false, true, [M, K]) : null,
    dKernel: needed[1] ? matmul(x, dz, true, false, [K, N]) : null,
    dBias: needed[2] ? reduce("sum", dz, [0], dz.dtype) : null,
  };
}

/** One SGD or Adam step in a single pass (Keras 3's formulas), into the `*Out` arrays. */
export function optimizerUpdate(u: OptimizerUpdate, dtype: DType): void {
  const f32 = dtype === "float32";
  const n = u.w.length;
  if (u.kind === "sgd") {
    const { w, g, wOut, m, mOut, nesterov } = u;
    const lr = round(f32, u.lr);
    const mu = round(f32, u.momentum);
    if (!m || !mOut) {
      for (let i = 0; i < n; i++) wOut[i] = w[i]! - round(f32, g[i]! * lr);
      return;
    }
    for (let i = 0; i < n; i++) {
      const step = round(f32, g[i]! * lr);
      const next = round(f32, round(f32, m[i]! * mu) - step);
      mOut[i] = next;
      wOut[i] = nesterov ? w[i]! + round(f32, round(f32, next * mu) - step) : w[i]! + next;
    }
    return;
  }
  const { w, g, m, v, wOut, mOut, vOut } = u;
  const alpha = round(f32, u.alpha);
  const b1 = round(f32, u.oneMinusBeta1);
  const b2 = round(f32, u.oneMinusBeta2);
  const eps = round(f32, u.epsilon);
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const mi = round(f32, m[i]! + round(f32, round(f32, gi - m[i]!) * b1));
    const vi = round(f32, v[i]! + round(f32, round(f32, round(f32, gi * gi) - v[i]!) * b2));
    mOut[i] = mi;
    vOut[i] = vi;
    wOut[i] = w[i]! - round(f32, round(f32, mi * alpha) / round(f32, round(f32, Math.sqrt(vi)) + eps));
  }
}
