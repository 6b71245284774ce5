/**
 * The learning-rate schedule base class and the float32 helpers the built-in schedules share.
 */
import { ValueError } from "../../core/errors.js";
import { Tensor } from "../../core/tensor.js";
import { Variable } from "../../core/variable.js";
import { cast, convertToTensor } from "../../ops/index.js";

/** What a schedule accepts as the step: a number, a scalar tensor, or a (int) Variable. */
export type ScheduleStep = number | Tensor | Variable;

/** Plain-data configuration of a schedule (camelCase keys). */
export type ScheduleConfig = Record<string, unknown>;

/**
 * Base class of learning-rate schedules: `call(step)` returns the learning rate (a float32 scalar
 * tensor) for an optimizer step. Pass a schedule as an optimizer's `learningRate`; the optimizer
 * calls it with its `iterations` counter at each update.
 *
 * @example
 * ```ts
 * class Halving extends keras.optimizers.schedules.LearningRateSchedule {
 *   static override className = "Halving";
 *   call(step: keras.optimizers.schedules.ScheduleStep) {
 *     return keras.ops.multiply(0.1, keras.ops.power(0.5, keras.ops.cast(step, "float32")));
 *   }
 *   getConfig() { return {}; }
 * }
 * new keras.optimizers.SGD({ learningRate: new Halving() });
 * ```
 */
export abstract class LearningRateSchedule {
  /** Name used in serialized configs; subclasses override it (never rely on `constructor.name`). */
  static className = "LearningRateSchedule";

  /** The learning rate at `step`, as a float32 scalar tensor. */
  abstract call(step: ScheduleStep): Tensor;

  /** The constructor arguments, as plain data. */
  abstract getConfig(): ScheduleConfig;

  /** The class name under which this schedule is serialized. */
  get className(): string {
    return (this.constructor as typeof LearningRateSchedule).className;
  }

  /** Rebuilds a schedule from `getConfig()` output. */
  static fromConfig<T extends LearningRateSchedule>(
    this: new (config: any) => T,
    config: ScheduleConfig = {},
  ): T {
    return new this(config);
  }
}

/**
 * A float32 scalar constant (what Keras's `ops.cast(python_number, dtype)` gives).
 * @example
 * ```ts
 * f32(0.1).dtype; // "float32"
 * ```
 */
export function f32(value: number): Tensor {
  return convertToTensor(value, "float32");
}

/**
 * The step as a float32 scalar tensor.
 * @example
 * ```ts
 * stepAsFloat(3).item(); // 3
 * ```
 */
export function stepAsFloat(step: ScheduleStep): Tensor {
  return cast(convertToTensor(step), "float32");
}

/**
 * Checks that a required numeric argument is a finite number.
 * @example
 * ```ts
 * requireNumber("ExponentialDecay", "decaySteps", 10); // 10
 * ```
 */
export function requireNumber(where: string, key: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ValueError(
      `${where}: argument \`${key}\` must be a finite number. Received: ${key}=${String(value)}.`,
      {
        [key]: value,
      },
    );
  }
  return value;
}

/**
 * Checks that `decaySteps`-like arguments are > 0.
 * @example
 * ```ts
 * requirePositiveSteps("CosineDecay", "decaySteps", 100); // 100
 * ```
 */
export function requirePositiveSteps(where: string, key: string, value: unknown): number {
  const n = requireNumber(where, key, value);
  if (n <= 0) {
    throw new ValueError(`${where}: argument \`${key}\` must be > 0. Received: ${key}=${n}.`, { [key]: n });
  }
  return n;
}
