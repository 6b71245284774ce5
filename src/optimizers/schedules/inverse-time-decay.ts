/**
 * InverseTimeDecay: `initialLearningRate / (1 + decayRate * step / decaySteps)`.
 */
import type { Tensor } from "../../core/tensor.js";
import { add, divide, multiply } from "../../ops/index.js";
import { f32 } from "./learning-rate-schedule.js";
import { StepRatioDecay, type StepRatioDecayArgs } from "./step-ratio-decay.js";

/** Options of {@link InverseTimeDecay}. */
export type InverseTimeDecayArgs = StepRatioDecayArgs;

/**
 * Inverse time decay: `initialLearningRate / (1 + decayRate * step / decaySteps)` (the ratio is
 * floored when `staircase`).
 *
 * @example
 * ```ts
 * const schedule = new keras.optimizers.schedules.InverseTimeDecay({
 *   initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5,
 * });
 * schedule.call(2).item(); // 0.05
 * ```
 */
export class InverseTimeDecay extends StepRatioDecay {
  static override className = "InverseTimeDecay";

  protected rateAt(p: Tensor): Tensor {
    const denom = add(f32(1), multiply(f32(this.decayRate), p));
    return divide(f32(this.initialLearningRate), denom);
  }
}
