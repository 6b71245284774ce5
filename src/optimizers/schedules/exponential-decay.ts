/**
 * ExponentialDecay: `initialLearningRate * decayRate ** (step / decaySteps)`.
 */
import type { Tensor } from "../../core/tensor.js";
import { divide, floor, multiply, power } from "../../ops/index.js";
import {
  f32,
  LearningRateSchedule,
  requireNumber,
  requirePositiveSteps,
  stepAsFloat,
  type ScheduleConfig,
  type ScheduleStep,
} from "./learning-rate-schedule.js";

/** Options of {@link ExponentialDecay}. */
export interface ExponentialDecayArgs {
  /** The learning rate at step 0. */
  initialLearningRate: number;
  /** Steps over which the rate is multiplied by `decayRate`; must be > 0. */
  decaySteps: number;
  /** The decay factor per `decaySteps`. */
  decayRate: number;
  /** Decay in discrete intervals (floor of `step / decaySteps`). Default false. */
  staircase?: boolean;
  /** Default "ExponentialDecay". */
  name?: string;
}

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
export class ExponentialDecay extends LearningRateSchedule {
  static override className = "ExponentialDecay";
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  readonly name: string;

  constructor(args: ExponentialDecayArgs) {
    super();
    const where = "ExponentialDecay";
    this.initialLearningRate = requireNumber(where, "initialLearningRate", args?.initialLearningRate);
    this.decaySteps = requirePositiveSteps(where, "decaySteps", args.decaySteps);
    this.decayRate = requireNumber(where, "decayRate", args.decayRate);
    this.staircase = args.staircase ?? false;
    this.name = args.name ?? "ExponentialDecay";
  }

  call(step: ScheduleStep): Tensor {
    let p = divide(stepAsFloat(step), f32(this.decaySteps));
    if (this.staircase) p = floor(p);
    return multiply(f32(this.initialLearningRate), power(f32(this.decayRate), p));
  }

  getConfig(): ScheduleConfig {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      decayRate: this.decayRate,
      staircase: this.staircase,
      name: this.name,
    };
  }
}
