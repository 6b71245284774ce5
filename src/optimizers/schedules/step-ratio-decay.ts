/**
 * The shared base of the schedules driven by `step / decaySteps` with a `decayRate` and an optional
 * staircase (ExponentialDecay, InverseTimeDecay).
 */
import type { Tensor } from "../../core/tensor.js";
import { divide, floor } from "../../ops/index.js";
import {
  f32,
  LearningRateSchedule,
  requireNumber,
  requirePositiveSteps,
  stepAsFloat,
  type ScheduleConfig,
  type ScheduleStep,
} from "./learning-rate-schedule.js";

/** Options shared by the `step / decaySteps` schedules. */
export interface StepRatioDecayArgs {
  /** The learning rate at step 0. */
  initialLearningRate: number;
  /** The step is divided by it; must be > 0. */
  decaySteps: number;
  /** The decay rate (its meaning depends on the schedule). */
  decayRate: number;
  /** Decay in discrete intervals (floor of `step / decaySteps`). Default false. */
  staircase?: boolean;
  /** Default: the schedule's class name. */
  name?: string;
}

/**
 * Base of schedules computed from `p = step / decaySteps` (floored when `staircase`): validates
 * and stores the shared arguments and serializes them; subclasses only map `p` to a rate.
 * Argument errors and the default `name` use the subclass's `className`.
 */
export abstract class StepRatioDecay extends LearningRateSchedule {
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  readonly name: string;

  constructor(args: StepRatioDecayArgs) {
    super();
    const where = this.className;
    this.initialLearningRate = requireNumber(where, "initialLearningRate", args?.initialLearningRate);
    this.decaySteps = requirePositiveSteps(where, "decaySteps", args.decaySteps);
    this.decayRate = requireNumber(where, "decayRate", args.decayRate);
    this.staircase = args.staircase ?? false;
    this.name = args.name ?? where;
  }

  /** The rate for the (possibly floored) float32 ratio `p = step / decaySteps`. */
  protected abstract rateAt(p: Tensor): Tensor;

  call(step: ScheduleStep): Tensor {
    let p = divide(stepAsFloat(step), f32(this.decaySteps));
    if (this.staircase) p = floor(p);
    return this.rateAt(p);
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
