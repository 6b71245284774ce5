/**
 * CosineDecay: cosine annealing to `alpha * rate`, with an optional linear warmup.
 */
import { ValueError } from "../../core/errors.js";
import type { Tensor } from "../../core/tensor.js";
import { add, cos, divide, less, minimum, multiply, subtract } from "../../ops/index.js";
import {
  f32,
  LearningRateSchedule,
  requireNumber,
  requirePositiveSteps,
  stepAsFloat,
  type ScheduleConfig,
  type ScheduleStep,
} from "./learning-rate-schedule.js";

/** Options of {@link CosineDecay}. */
export interface CosineDecayArgs {
  /** The learning rate at step 0 (the warmup's start when warming up). */
  initialLearningRate: number;
  /** Steps of the cosine decay (after the warmup); must be > 0. */
  decaySteps: number;
  /** The final rate as a fraction of the decayed-from rate. Default 0. */
  alpha?: number;
  /** Default "CosineDecay". */
  name?: string;
  /** The rate reached at the end of a linear warmup; null (default) means no warmup. */
  warmupTarget?: number | null;
  /** Steps of the linear warmup. Default 0. */
  warmupSteps?: number;
}

/**
 * Cosine decay (SGDR without restarts): over `decaySteps` steps the rate follows
 * `rate * ((1 - alpha) * 0.5 * (1 + cos(pi * step / decaySteps)) + alpha)`. With `warmupTarget`,
 * the rate first rises linearly from `initialLearningRate` to `warmupTarget` over `warmupSteps`
 * steps, then decays from `warmupTarget`.
 *
 * @example
 * ```ts
 * const schedule = new keras.optimizers.schedules.CosineDecay({
 *   initialLearningRate: 0, decaySteps: 1000, warmupTarget: 0.1, warmupSteps: 100,
 * });
 * schedule.call(50).item();  // ≈ 0.05 (warming up)
 * schedule.call(600).item(); // ≈ 0.05 (half way down the cosine)
 * ```
 */
export class CosineDecay extends LearningRateSchedule {
  static override className = "CosineDecay";
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly name: string;
  readonly warmupTarget: number | null;
  readonly warmupSteps: number;

  constructor(args: CosineDecayArgs) {
    super();
    const where = "CosineDecay";
    this.initialLearningRate = requireNumber(where, "initialLearningRate", args?.initialLearningRate);
    this.decaySteps = requirePositiveSteps(where, "decaySteps", args.decaySteps);
    this.alpha = requireNumber(where, "alpha", args.alpha ?? 0);
    this.name = args.name ?? "CosineDecay";
    this.warmupTarget =
      args.warmupTarget === null || args.warmupTarget === undefined
        ? null
        : requireNumber(where, "warmupTarget", args.warmupTarget);
    this.warmupSteps = requireNumber(where, "warmupSteps", args.warmupSteps ?? 0);
    if (this.warmupSteps < 0) {
      throw new ValueError(
        `${where}: argument \`warmupSteps\` must be >= 0. Received: ${this.warmupSteps}.`,
        {
          warmupSteps: this.warmupSteps,
        },
      );
    }
  }

  private decay(step: Tensor, decaySteps: Tensor, decayFrom: Tensor): Tensor {
    const fraction = divide(step, decaySteps);
    const cosine = multiply(0.5, add(1.0, cos(multiply(f32(Math.PI), fraction))));
    const decayed = add(multiply(1 - this.alpha, cosine), this.alpha);
    return multiply(decayFrom, decayed);
  }

  call(step: ScheduleStep): Tensor {
    const initial = f32(this.initialLearningRate);
    const decaySteps = f32(this.decaySteps);
    const s = stepAsFloat(step);
    if (this.warmupTarget === null) return this.decay(minimum(s, decaySteps), decaySteps, initial);
    const target = f32(this.warmupTarget);
    const warmupSteps = f32(this.warmupSteps);
    const clamped = minimum(s, add(decaySteps, warmupSteps));
    if (less(clamped, warmupSteps).item()) {
      const fraction = divide(clamped, warmupSteps);
      return add(multiply(subtract(target, initial), fraction), initial);
    }
    return this.decay(subtract(clamped, warmupSteps), decaySteps, target);
  }

  getConfig(): ScheduleConfig {
    return {
      initialLearningRate: this.initialLearningRate,
      decaySteps: this.decaySteps,
      alpha: this.alpha,
      name: this.name,
      warmupTarget: this.warmupTarget,
      warmupSteps: this.warmupSteps,
    };
  }
}
