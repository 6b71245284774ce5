/**
 * InverseTimeDecay: `initialLearningRate / (1 + decayRate * step / decaySteps)`.
 */
import type { Tensor } from "../../core/tensor.js";
import { add, divide, floor, multiply } from "../../ops/index.js";
import {
  f32,
  LearningRateSchedule,
  requireNumber,
  requirePositiveSteps,
  stepAsFloat,
  type ScheduleConfig,
  type ScheduleStep,
} from "./learning-rate-schedule.js";

/** Options of {@link InverseTimeDecay}. */
export interface InverseTimeDecayArgs {
  /** The learning rate at step 0. */
  initialLearningRate: number;
  /** How often the rate is decayed (the step is divided by it); must be > 0. */
  decaySteps: number;
  /** The decay rate. */
  decayRate: number;
  /** Decay in discrete intervals (floor of `step / decaySteps`). Default false. */
  staircase?: boolean;
  /** Default "InverseTimeDecay". */
  name?: string;
}

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
export class InverseTimeDecay extends LearningRateSchedule {
  static override className = "InverseTimeDecay";
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  readonly name: string;

  constructor(args: InverseTimeDecayArgs) {
    super();
    const where = "InverseTimeDecay";
    this.initialLearningRate = requireNumber(where, "initialLearningRate", args?.initialLearningRate);
    this.decaySteps = requirePositiveSteps(where, "decaySteps", args.decaySteps);
    this.decayRate = requireNumber(where, "decayRate", args.decayRate);
    this.staircase = args.staircase ?? false;
    this.name = args.name ?? "InverseTimeDecay";
  }

  call(step: ScheduleStep): Tensor {
    let p = divide(stepAsFloat(step), f32(this.decaySteps));
    if (this.staircase) p = floor(p);
    const denom = add(f32(1), multiply(f32(this.decayRate), p));
    return divide(f32(this.initialLearningRate), denom);
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
