/**
 * The per-step state updates the optimizer base class runs around `updateStep`: the weights'
 * exponential moving average (EMA) and gradient accumulation.
 */
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { add, convertToTensor, divide, multiply, subtract, zerosLike } from "../ops/index.js";

/**
 * Updates each average toward its variable: `avg = m * avg + (1 - m) * var`, where `m` is
 * `momentum` except on the first step (`m = 0`, so the average starts at the weights).
 *
 * @example
 * ```ts
 * updateMovingAverages([avg], [w], true, 0.99);
 * ```
 */
export function updateMovingAverages(
  averages: readonly Variable[],
  variables: readonly Variable[],
  notFirstStep: boolean,
  momentum: number,
): void {
  variables.forEach((v, i) => {
    const avg = averages[i]!;
    const m = multiply(convertToTensor(notFirstStep ? 1 : 0, v.dtype), momentum);
    avg.assign(add(multiply(m, avg), multiply(subtract(1, m), v)));
  });
}

/**
 * Copies each average into its variable.
 *
 * @example
 * ```ts
 * overwriteWithAverages([avg], [w]); // w now holds avg's value
 * ```
 */
export function overwriteWithAverages(averages: readonly Variable[], variables: readonly Variable[]): void {
  variables.forEach((v, i) => v.assign(averages[i]!.value));
}

/**
 * Adds each gradient to its accumulator.
 *
 * @example
 * ```ts
 * accumulateGradients([acc], [g]); // acc += g
 * ```
 */
export function accumulateGradients(accumulators: readonly Variable[], grads: readonly Tensor[]): void {
  grads.forEach((g, i) => accumulators[i]!.assign(add(g, accumulators[i]!)));
}

/**
 * The mean gradients over an accumulation window: `(g + acc) / steps`.
 *
 * @example
 * ```ts
 * const [mean] = meanAccumulatedGradients([acc], [g], 2); // (g + acc) / 2
 * ```
 */
export function meanAccumulatedGradients(
  accumulators: readonly Variable[],
  grads: readonly Tensor[],
  steps: number,
): Tensor[] {
  return grads.map((g, i) => divide(add(g, accumulators[i]!), steps));
}

/**
 * Sets every accumulator back to zero.
 *
 * @example
 * ```ts
 * resetAccumulators([acc]);
 * ```
 */
export function resetAccumulators(accumulators: readonly Variable[]): void {
  for (const acc of accumulators) acc.assign(zerosLike(acc));
}
