/**
 * Reference versions of the fused training kernels. Each rounds every intermediate to the dtype
 * exactly as the ops it replaces would (float32: `Math.fround` after each operation), so a fused
 * step and the unfused op sequence agree bitwise on this backend.
 */
import type { DType, TypedArray } from "../../core/dtype.js";
import type { DenseArgs, DenseGradArgs, DenseGrads, OptimizerUpdate } from "../backend.js";
import { matmul } from "./matmul.js";
import { reduce } from "./reduce.js";

const identity = (v: number) => v;

/**
 * Rounds a JS number to `dtype` the way storing it would (float32: `Math.fround`), for kernels that
 * must round intermediates exactly as a sequence of ops would.
 */
export const rounder = (dtype: DType): ((v: number) => number) =>
  dtype === "float32" ? Math.fround : identity;

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
  const r = rounder(dtype);
  const n = u.w.length;
  if (u.kind === "sgd") {
    const { w, g, wOut, m, mOut, nesterov } = u;
    const lr = r(u.lr);
    const mu = r(u.momentum);
    if (!m || !mOut) {
      for (let i = 0; i < n; i++) wOut[i] = w[i]! - r(g[i]! * lr);
      return;
    }
    for (let i = 0; i < n; i++) {
      const step = r(g[i]! * lr);
      const next = r(r(m[i]! * mu) - step);
      mOut[i] = next;
      wOut[i] = nesterov ? w[i]! + r(r(next * mu) - step) : w[i]! + next;
    }
    return;
  }
  const { w, g, m, v, wOut, mOut, vOut } = u;
  const alpha = r(u.alpha);
  const b1 = r(u.oneMinusBeta1);
  const b2 = r(u.oneMinusBeta2);
  const eps = r(u.epsilon);
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const mi = r(m[i]! + r(r(gi - m[i]!) * b1));
    const vi = r(v[i]! + r(r(r(gi * gi) - v[i]!) * b2));
    mOut[i] = mi;
    vOut[i] = vi;
    wOut[i] = w[i]! - r(r(mi * alpha) / r(r(Math.sqrt(vi)) + eps));
  }
}
