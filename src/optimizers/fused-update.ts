/**
 * Optimizer steps as one backend pass per variable (`Backend.optimizerUpdate`), writing in place
 * when the variable's current array was never handed out (see `withPrivateVariableReads`). Same
 * rounding as the op-by-op formulas they replace, so results are bitwise equal to them.
 */
import { isFloat } from "../core/dtype.js";
import type { Tensor } from "../core/tensor.js";
import { Variable } from "../core/variable.js";
import { backend } from "../backends/registry.js";
import { cast, convertToTensor } from "../ops/index.js";

/** A scalar tensor or variable as a number of `dtype` (cast first, as the op formulas do). */
export function scalarValue(x: Tensor | Variable, dtype: Variable["dtype"]): number {
  const t = x instanceof Variable ? x.value : x;
  // Read directly when no cast is needed (once per variable per step); otherwise round via cast.
  if (t.dtype === dtype && t.size === 1) return t.values[0]!;
  return (cast(convertToTensor(x), dtype) as Tensor).values[0]!;
}

/** Whether the fused path applies: float variable and gradient (cast to the variable's dtype). */
export function canFuse(variable: Variable): boolean {
  return isFloat(variable.dtype);
}

/**
 * SGD step: `w ← w − g·lr`, or with momentum `m ← m·μ − g·lr; w ← w + m` (Nesterov:
 * `w ← w + (m·μ − g·lr)`).
 * @example
 * ```ts
 * if (canFuse(w)) sgdStep(w, grad, 0.01, null, 0, false);
 * ```
 */
export function sgdStep(
  variable: Variable,
  gradient: Tensor,
  lr: number,
  momentumSlot: Variable | null,
  momentum: number,
  nesterov: boolean,
): void {
  const g = (cast(gradient, variable.dtype) as Tensor).values;
  const [m, mOut] = momentumSlot ? momentumSlot._beginUpdate() : [null, null];
  const [w, wOut] = variable._beginUpdate();
  backend().optimizerUpdate({ kind: "sgd", w, g, wOut, m, mOut, lr, momentum, nesterov }, variable.dtype);
}

/**
 * Adam step (Keras 3): `m ← m + (g − m)(1 − β1); v ← v + (g² − v)(1 − β2); w ← w − m·α / (√v + ε)`.
 * @example
 * ```ts
 * adamStep(w, grad, m, v, alpha, 0.9, 0.999, 1e-7);
 * ```
 */
export function adamStep(
  variable: Variable,
  gradient: Tensor,
  mSlot: Variable,
  vSlot: Variable,
  alpha: number,
  beta1: number,
  beta2: number,
  epsilon: number,
): void {
  const g = (cast(gradient, variable.dtype) as Tensor).values;
  const [m, mOut] = mSlot._beginUpdate();
  const [v, vOut] = vSlot._beginUpdate();
  const [w, wOut] = variable._beginUpdate();
  backend().optimizerUpdate(
    {
      kind: "adam",
      w,
      g,
      m,
      v,
      wOut,
      mOut,
      vOut,
      alpha,
      oneMinusBeta1: 1 - beta1,
      oneMinusBeta2: 1 - beta2,
      epsilon,
    },
    variable.dtype,
  );
}
