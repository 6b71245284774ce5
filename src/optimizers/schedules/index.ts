/**
 * `keras.optimizers.schedules`: learning-rate schedules and their (de)serialization.
 */
import { ValueError } from "../../core/errors.js";
import { toSnakeCase } from "../../engine/naming.js";
import { ClassTable } from "../registry.js";
import { CosineDecay } from "./cosine-decay.js";
import { CosineDecayRestarts } from "./cosine-decay-restarts.js";
import { ExponentialDecay } from "./exponential-decay.js";
import { InverseTimeDecay } from "./inverse-time-decay.js";
import { LearningRateSchedule, type ScheduleConfig } from "./learning-rate-schedule.js";
import { PiecewiseConstantDecay } from "./piecewise-constant-decay.js";
import { PolynomialDecay } from "./polynomial-decay.js";

export { LearningRateSchedule, type ScheduleConfig, type ScheduleStep } from "./learning-rate-schedule.js";
export { ExponentialDecay, type ExponentialDecayArgs } from "./exponential-decay.js";
export { InverseTimeDecay, type InverseTimeDecayArgs } from "./inverse-time-decay.js";
export { PiecewiseConstantDecay, type PiecewiseConstantDecayArgs } from "./piecewise-constant-decay.js";
export { PolynomialDecay, type PolynomialDecayArgs } from "./polynomial-decay.js";
export { CosineDecay, type CosineDecayArgs } from "./cosine-decay.js";
export { CosineDecayRestarts, type CosineDecayRestartsArgs } from "./cosine-decay-restarts.js";

/** A schedule class, as stored in the lookup table. */
export type ScheduleClass = (abstract new (config: any) => LearningRateSchedule) & {
  className: string;
  fromConfig(config?: ScheduleConfig): LearningRateSchedule;
};

/** The serialized form of a schedule: its class name and config. */
export interface SerializedSchedule {
  className: string;
  config: ScheduleConfig;
}

const table = new ClassTable<ScheduleClass>("learning rate schedule");

/**
 * Makes a custom schedule class known to `deserialize` (and to optimizer configs) under its
 * `className`, in any casing style.
 * @example
 * ```ts
 * keras.optimizers.schedules.register(MySchedule);
 * ```
 */
export function register(cls: ScheduleClass): void {
  table.register(cls.className, cls, [toSnakeCase(cls.className)]);
}

for (const cls of [
  CosineDecay,
  CosineDecayRestarts,
  ExponentialDecay,
  InverseTimeDecay,
  PiecewiseConstantDecay,
  PolynomialDecay,
])
  register(cls);

/**
 * Serializes a schedule to `{ className, config }`.
 * @example
 * ```ts
 * const s = new keras.optimizers.schedules.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9 });
 * keras.optimizers.schedules.serialize(s).className; // "ExponentialDecay"
 * ```
 */
export function serialize(schedule: LearningRateSchedule): SerializedSchedule {
  return { className: schedule.className, config: schedule.getConfig() };
}

/**
 * Rebuilds a schedule from `{ className, config }`.
 * @example
 * ```ts
 * keras.optimizers.schedules.deserialize({
 *   className: "CosineDecay", config: { initialLearningRate: 0.1, decaySteps: 100 },
 * });
 * ```
 */
export function deserialize(config: SerializedSchedule): LearningRateSchedule {
  if (typeof config !== "object" || config === null || typeof config.className !== "string") {
    throw new ValueError(
      `Could not deserialize a learning rate schedule from ${JSON.stringify(config)}: expected { className, config }.`,
      { config },
    );
  }
  return table.lookup(config.className).fromConfig(config.config ?? {});
}
