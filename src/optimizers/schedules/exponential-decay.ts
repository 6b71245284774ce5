/**
 * ExponentialDecay: `initialLearningRate * decayRate ** (step / decaySteps)`.
 */
import type { Tensor } from "../../core/tensor.js";
import { multiply, power } from "../../ops/index.js";
import { f32 } from "./learning-rate-schedule.js";
import { StepRatioDecay, type StepRatioDecayArgs } from "./step-ratio-decay.js";

/** Options of {@link ExponentialDecay}. */
export type ExponentialDecayArgs = StepRatioDecayArgs;

/**
 * Exponential decay: `initialLearningRate * decayRate ** (step / decaySteps)` (the exponent is
 * floored when `staircase`).
 *
 * @example
 * ```ts
 * const schedule = new keras.optimizers.schedules.ExponentialDecay({
 *   initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96,
 * });
 * schedule.call(1000).item(); // ≈ 0.096
 * const opt = new keras.optimizers.SGD({ learningRate: schedule });
 * ```
 */
export class ExponentialDecay extends StepRatioDecay {
  static override className = "ExponentialDecay";

  protected rateAt(p: Tensor): Tensor {
    return multiply(f32(this.initialLearningRate), power(f32(this.decayRate), p));
  }
}
