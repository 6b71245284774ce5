/**
 * PolynomialDecay: from `initialLearningRate` to `endLearningRate` along `(1 - step/decaySteps)^power`.
 */
import type { Tensor } from "../../core/tensor.js";
import { add, ceil, divide, equal, minimum, multiply, power, subtract, where } from "../../ops/index.js";
import {
  f32,
  LearningRateSchedule,
  requireNumber,
  requirePositiveSteps,
  stepAsFloat,
  type ScheduleConfig,
  type ScheduleStep,
} from "./learning-rate-schedule.js";

/** Options of {@link PolynomialDecay}. */
export interface PolynomialDecayArgs {
  /** The learning rate at step 0. */
  initialLearningRate: number;
  /** Steps to reach `endLearningRate`; must be > 0. */
  decaySteps: number;
  /** The final learning rate. Default 0.0001. */
  endLearningRate?: number;
  /** The polynomial's power. Default 1.0 (linear). */
  power?: number;
  /** Restart past `decaySteps` with a longer period (a multiple of it). Default false. */
  cycle?: boolean;
  /** Default "PolynomialDecay". */
  name?: string;
}

/**
 * Polynomial decay:
 * `(initial - end) * (1 - min(step, decaySteps) / decaySteps) ** power + end`; with `cycle`,
 * `decaySteps` grows to the next multiple of itself above `step` instead of clamping.
 *
 * @example
 * ```ts
 * const schedule = new keras.optimizers.schedules.PolynomialDecay({
 *   initialLearningRate: 0.1, decaySteps: 100, endLearningRate: 0.01,
 * });
 * schedule.call(50).item(); // ≈ 0.055
 * ```
 */
export class PolynomialDecay extends LearningRateSchedule {
  static override className = "PolynomialDecay";
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly endLearningRate: number;
  readonly power: number;
  readonly cycle: boolean;
  readonly name: string;

  constructor(args: PolynomialDecayArgs) {
    super();
    const where = "PolynomialDecay";
    this.initialLearningRate = requireNumber(where, "initialLearningRate", args?.initialLearningRate);
    this.decaySteps = requirePositiveSteps(where, "decaySteps", args.decaySteps);
    this.endLearningRate = requireNumber(where, "endLearningRate", args.endLearningRate ?? 0.0001);
    this.power = requireNumber(where, "power", args.power ?? 1.0);
    this.cycle = args.cycle ?? false;
    this.name = args.name ?? "PolynomialDecay";
  }

  call(step: ScheduleStep): Tensor {
    const initial = f32(this.initialLearningRate);
    const end = f32(this.endLearningRate);
    let s = stepAsFloat(step);
    let decaySteps = f32(this.decaySteps);
    if (this.cycle) {
      const multiplier = where(equal(s, 0), 1.0, ceil(divide(s, this.decaySteps)));
      decaySteps = multiply(decaySteps, multiplier);
    } else {
      s = minimum(s, decaySteps);
    }
    const p = divide(s, decaySteps);
    return add(multiply(subtract(initial, end), power(subtract(1, p), f32(this.power))), end);
  }

  getConfig(): ScheduleConfig {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      endLearningRate: this.endLearningRate,
      power: this.power,
      cycle: this.cycle,
      name: this.name,
    };
  }
}
