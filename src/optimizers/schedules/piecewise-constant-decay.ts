/**
 * PiecewiseConstantDecay: a constant learning rate per interval between step boundaries.
 */
import { ValueError } from "../../core/errors.js";
import type { Tensor } from "../../core/tensor.js";
import { add, cast, convertToTensor, greater, lessEqual, logicalAnd, multiply } from "../../ops/index.js";
import {
  f32,
  LearningRateSchedule,
  requireNumber,
  type ScheduleConfig,
  type ScheduleStep,
} from "./learning-rate-schedule.js";

/** Options of {@link PiecewiseConstantDecay}. */
export interface PiecewiseConstantDecayArgs {
  /** Increasing step boundaries; one fewer than `values`. */
  boundaries: number[];
  /** The learning rate for `step <= boundaries[0]`, each interval, and `step > boundaries[last]`. */
  values: number[];
  /** Default "PiecewiseConstant". */
  name?: string;
}

/**
 * A piecewise constant schedule: `values[0]` while `step <= boundaries[0]`, `values[i]` while
 * `boundaries[i-1] < step <= boundaries[i]`, and the last value after the last boundary.
 *
 * @example
 * ```ts
 * const schedule = new keras.optimizers.schedules.PiecewiseConstantDecay({
 *   boundaries: [100, 200], values: [1.0, 0.5, 0.1],
 * });
 * schedule.call(150).item(); // 0.5
 * ```
 */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  static override className = "PiecewiseConstantDecay";
  readonly boundaries: number[];
  readonly values: number[];
  readonly name: string;

  constructor(args: PiecewiseConstantDecayArgs) {
    super();
    const where = "PiecewiseConstantDecay";
    const boundaries = args?.boundaries;
    const values = args?.values;
    if (!Array.isArray(boundaries) || !Array.isArray(values) || boundaries.length !== values.length - 1) {
      throw new ValueError(
        `${where}: the length of boundaries should be 1 less than the length of values. ` +
          `Received: boundaries=${JSON.stringify(boundaries)} of length ${boundaries?.length}, ` +
          `and values=${JSON.stringify(values)} of length ${values?.length}.`,
        { boundaries, values },
      );
    }
    this.boundaries = boundaries.map((b, i) => requireNumber(where, `boundaries[${i}]`, b));
    this.values = values.map((v, i) => requireNumber(where, `values[${i}]`, v));
    this.name = args.name ?? "PiecewiseConstant";
  }

  call(step: ScheduleStep): Tensor {
    const s = convertToTensor(step);
    const bounds = this.boundaries.map((b) => convertToTensor(b, s.dtype));
    const mask = (cond: Tensor) => cast(cond, "float32");
    let result = multiply(mask(lessEqual(s, bounds[0]!)), f32(this.values[0]!));
    result = add(result, multiply(mask(greater(s, bounds[bounds.length - 1]!)), f32(this.values.at(-1)!)));
    for (let i = 0; i + 1 < bounds.length; i++) {
      const inRange = logicalAnd(greater(s, bounds[i]!), lessEqual(s, bounds[i + 1]!));
      result = add(result, multiply(mask(inRange), f32(this.values[i + 1]!)));
    }
    return result;
  }

  getConfig(): ScheduleConfig {
    return { boundaries: [...this.boundaries], values: [...this.values], name: this.name };
  }
}
