/**
 * CosineDecayRestarts: cosine annealing with warm restarts (SGDR).
 */
import type { Tensor } from "../../core/tensor.js";
import { add, cos, divide, floor, log, multiply, power, subtract } from "../../ops/index.js";
import {
  f32,
  LearningRateSchedule,
  requireNumber,
  requirePositiveSteps,
  stepAsFloat,
  type ScheduleConfig,
  type ScheduleStep,
} from "./learning-rate-schedule.js";

/** Options of {@link CosineDecayRestarts}. */
export interface CosineDecayRestartsArgs {
  /** The learning rate at step 0. */
  initialLearningRate: number;
  /** Steps of the first decay period; must be > 0. */
  firstDecaySteps: number;
  /** Each period is `tMul` times longer than the previous one. Default 2.0. */
  tMul?: number;
  /** Each period starts at `mMul` times the previous period's initial rate. Default 1.0. */
  mMul?: number;
  /** The minimum rate as a fraction of the period's initial rate. Default 0. */
  alpha?: number;
  /** Default "SGDRDecay". */
  name?: string;
}

/**
 * Cosine decay with warm restarts (Loshchilov & Hutter, SGDR): the rate decays along a cosine over
 * `firstDecaySteps`, then restarts; period `i` is `firstDecaySteps * tMul ** i` steps long and
 * starts at `initialLearningRate * mMul ** i`.
 *
 * @example
 * ```ts
 * const schedule = new keras.optimizers.schedules.CosineDecayRestarts({
 *   initialLearningRate: 0.1, firstDecaySteps: 10,
 * });
 * schedule.call(10).item(); // 0.1 (the first restart)
 * ```
 */
export class CosineDecayRestarts extends LearningRateSchedule {
  static override className = "CosineDecayRestarts";
  readonly initialLearningRate: number;
  readonly firstDecaySteps: number;
  readonly tMul: number;
  readonly mMul: number;
  readonly alpha: number;
  readonly name: string;

  constructor(args: CosineDecayRestartsArgs) {
    super();
    const where = "CosineDecayRestarts";
    this.initialLearningRate = requireNumber(where, "initialLearningRate", args?.initialLearningRate);
    this.firstDecaySteps = requirePositiveSteps(where, "firstDecaySteps", args.firstDecaySteps);
    this.tMul = requireNumber(where, "tMul", args.tMul ?? 2.0);
    this.mMul = requireNumber(where, "mMul", args.mMul ?? 1.0);
    this.alpha = requireNumber(where, "alpha", args.alpha ?? 0);
    this.name = args.name ?? "SGDRDecay";
  }

  call(step: ScheduleStep): Tensor {
    const alpha = f32(this.alpha);
    const tMul = f32(this.tMul);
    let fraction = divide(stepAsFloat(step), f32(this.firstDecaySteps));
    let restart: Tensor;
    if (Math.fround(this.tMul) === 1) {
      restart = floor(fraction);
      fraction = subtract(fraction, restart);
    } else {
      const oneMinusT = subtract(1.0, tMul);
      restart = floor(divide(log(subtract(1.0, multiply(fraction, oneMinusT))), log(tMul)));
      const sumR = divide(subtract(1.0, power(tMul, restart)), oneMinusT);
      fraction = divide(subtract(fraction, sumR), power(tMul, restart));
    }
    const mFac = power(f32(this.mMul), restart);
    const cosine = multiply(multiply(0.5, mFac), add(1.0, cos(multiply(f32(Math.PI), fraction))));
    const decayed = add(multiply(subtract(1, alpha), cosine), alpha);
    return multiply(f32(this.initialLearningRate), decayed);
  }

  getConfig(): ScheduleConfig {
    return {
      initialLearningRate: this.initialLearningRate,
      firstDecaySteps: this.firstDecaySteps,
      tMul: this.tMul,
      mMul: this.mMul,
      alpha: this.alpha,
      name: this.name,
    };
  }
}
