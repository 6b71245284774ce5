/**
 * `keras.optimizers`: optimizer classes, learning-rate schedules, and `get` / `serialize` /
 * `deserialize` (names in Keras's snake_case or camelCase: "sgd", "adam", "rmsprop", "adamw").
 */
import { ValueError } from "../core/errors.js";
import { toSnakeCase } from "../engine/naming.js";
import { Adadelta } from "./adadelta.js";
import { Adagrad } from "./adagrad.js";
import { Adam } from "./adam.js";
import { Adamax } from "./adamax.js";
import { AdamW } from "./adamw.js";
import { Ftrl } from "./ftrl.js";
import { Lion } from "./lion.js";
import { Nadam } from "./nadam.js";
import { Optimizer, type OptimizerConfig } from "./optimizer.js";
import { ClassTable } from "./registry.js";
import { RMSprop } from "./rmsprop.js";
import { SGD } from "./sgd.js";

export * as schedules from "./schedules/index.js";
export { LearningRateSchedule } from "./schedules/learning-rate-schedule.js";
export { Optimizer, type Gradient, type OptimizerConfig, type SlotInitializer } from "./optimizer.js";
export type { LearningRate, OptimizerOptions } from "./optimizer-options.js";
export { clipByGlobalNorm, clipByNorm, clipByValue, globalNorm } from "./clip.js";
export { SGD, type SGDArgs } from "./sgd.js";
export { Adam, type AdamArgs } from "./adam.js";
export { AdamW, type AdamWArgs } from "./adamw.js";
export { RMSprop, type RMSpropArgs } from "./rmsprop.js";
export { Adagrad, type AdagradArgs } from "./adagrad.js";
export { Adadelta, type AdadeltaArgs } from "./adadelta.js";
export { Adamax, type AdamaxArgs } from "./adamax.js";
export { Nadam, type NadamArgs } from "./nadam.js";
export { Lion, type LionArgs } from "./lion.js";
export { Ftrl, type FtrlArgs } from "./ftrl.js";

/** An optimizer class, as stored in the lookup table. */
export type OptimizerClass = (abstract new (config?: any) => Optimizer) & {
  className: string;
  fromConfig(config?: OptimizerConfig): Optimizer;
};

/** The serialized form of an optimizer: its class name and config. */
export interface SerializedOptimizer {
  className: string;
  config: OptimizerConfig;
}

/** What `get` accepts: a name, a serialized form, or an instance. */
export type OptimizerIdentifier = string | SerializedOptimizer | Optimizer;

const table = new ClassTable<OptimizerClass>("optimizer");

/**
 * Makes a custom optimizer class known to `get` / `deserialize` (and model loading) under its
 * `className`, in any casing style.
 * @example
 * ```ts
 * keras.optimizers.register(MyOptimizer);
 * keras.optimizers.get("my_optimizer");
 * ```
 */
export function register(cls: OptimizerClass): void {
  table.register(cls.className, cls, [toSnakeCase(cls.className)]);
}

for (const cls of [Adadelta, Adagrad, Adam, Adamax, AdamW, Ftrl, Lion, Nadam, RMSprop, SGD]) register(cls);

/**
 * Serializes an optimizer to `{ className, config }`.
 * @example
 * ```ts
 * keras.optimizers.serialize(new keras.optimizers.SGD()).className; // "SGD"
 * ```
 */
export function serialize(optimizer: Optimizer): SerializedOptimizer {
  return { className: optimizer.className, config: optimizer.getConfig() };
}

/**
 * Rebuilds an optimizer from `{ className, config }`.
 * @example
 * ```ts
 * keras.optimizers.deserialize({ className: "Adam", config: { learningRate: 0.01 } });
 * ```
 */
export function deserialize(config: SerializedOptimizer): Optimizer {
  return table.lookup(config.className).fromConfig(config.config ?? {});
}

/**
 * Resolves an identifier to an optimizer: an instance is returned as is; a name ("sgd", "Adam",
 * "rmsprop") gives a new instance with Keras's defaults; `{ className, config }` is deserialized.
 *
 * @example
 * ```ts
 * keras.optimizers.get("adam");                                       // a new Adam
 * keras.optimizers.get({ className: "SGD", config: { momentum: 0.9 } }); // an SGD with momentum
 * ```
 */
export function get(identifier: OptimizerIdentifier): Optimizer {
  if (identifier instanceof Optimizer) return identifier;
  if (typeof identifier === "string") return table.lookup(identifier).fromConfig({});
  if (typeof identifier === "object" && identifier !== null && typeof identifier.className === "string") {
    return deserialize(identifier);
  }
  throw new ValueError(`Could not interpret optimizer identifier: ${String(identifier)}.`, { identifier });
}
