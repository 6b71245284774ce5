/**
 * `keras.losses`: loss classes and functions with Keras 3's names, formulas and defaults, plus
 * `get` / `serialize` / `deserialize`. Class names ("MeanSquaredError") resolve to instances;
 * function names ("mean_squared_error", "meanSquaredError") and aliases ("mse") to functions.
 */
import { ValueError } from "../core/errors.js";
import { toSnakeCase } from "../engine/naming.js";
import {
  binaryCrossentropy,
  categoricalCrossentropy,
  sparseCategoricalCrossentropy,
} from "./crossentropy-functions.js";
import {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  SparseCategoricalCrossentropy,
} from "./crossentropy.js";
import { CategoricalHinge, Hinge, SquaredHinge } from "./hinge.js";
import { categoricalHinge, hinge, squaredHinge } from "./hinge-functions.js";
import { Loss, type LossConfig } from "./loss.js";
import {
  BinaryFocalCrossentropy,
  CategoricalFocalCrossentropy,
  KLDivergence,
  Poisson,
} from "./probabilistic.js";
import {
  binaryFocalCrossentropy,
  categoricalFocalCrossentropy,
  klDivergence,
  poisson,
} from "./probabilistic-functions.js";
import {
  CosineSimilarity,
  Huber,
  LogCosh,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredError,
  MeanSquaredLogarithmicError,
} from "./regression.js";
import {
  cosineSimilarity,
  huber,
  logCosh,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  meanSquaredLogarithmicError,
} from "./regression-functions.js";
import {
  LossFunctionWrapper,
  lossFunctionByName,
  lossFunctionName,
  registerLossFunction,
  type LossFunction,
} from "./wrapper.js";

export {
  EPSILON,
  Loss,
  getLossMask,
  reduceWeightedValues,
  setLossMask,
  squeezeOrExpandToSameRank,
  standardizeReduction,
  type LossArgs,
  type LossConfig,
  type Reduction,
} from "./loss.js";
export {
  BuiltinLoss,
  LossFunctionWrapper,
  lossFunctionName,
  registerLossFunction,
  type LossFunction,
} from "./wrapper.js";
export * from "./regression-functions.js";
export * from "./crossentropy-functions.js";
export * from "./probabilistic-functions.js";
export * from "./hinge-functions.js";
export * from "./regression.js";
export * from "./crossentropy.js";
export * from "./probabilistic.js";
export * from "./hinge.js";

/** A loss class, as `get` and `register` take it. */
export type LossClass = (new (config?: any) => Loss) & {
  className: string;
  fromConfig(config?: LossConfig): Loss;
};

/** The serialized form of a loss instance. */
export interface SerializedLoss {
  className: string;
  config: LossConfig;
}

/** What `get` accepts. */
export type LossIdentifier = string | SerializedLoss | Loss | LossClass | LossFunction | null | undefined;

const classes = new Map<string, LossClass>();

/**
 * Makes a custom loss class known to `get` / `deserialize` under its `className`.
 * @example
 * ```ts
 * keras.losses.register(MyLoss);
 * keras.losses.get("MyLoss");
 * ```
 */
export function register(cls: LossClass): void {
  classes.set(cls.className, cls);
}

for (const cls of [
  LossFunctionWrapper,
  MeanSquaredError,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredLogarithmicError,
  CosineSimilarity,
  Huber,
  LogCosh,
  KLDivergence,
  Poisson,
  BinaryCrossentropy,
  BinaryFocalCrossentropy,
  CategoricalCrossentropy,
  CategoricalFocalCrossentropy,
  SparseCategoricalCrossentropy,
  Hinge,
  SquaredHinge,
  CategoricalHinge,
] as LossClass[])
  register(cls);

for (const [name, fn] of [
  ["mean_squared_error", meanSquaredError],
  ["mean_absolute_error", meanAbsoluteError],
  ["mean_absolute_percentage_error", meanAbsolutePercentageError],
  ["mean_squared_logarithmic_error", meanSquaredLogarithmicError],
  ["cosine_similarity", cosineSimilarity],
  ["huber", huber],
  ["log_cosh", logCosh],
  ["kl_divergence", klDivergence],
  ["poisson", poisson],
  ["binary_crossentropy", binaryCrossentropy],
  ["binary_focal_crossentropy", binaryFocalCrossentropy],
  ["categorical_crossentropy", categoricalCrossentropy],
  ["categorical_focal_crossentropy", categoricalFocalCrossentropy],
  ["sparse_categorical_crossentropy", sparseCategoricalCrossentropy],
  ["hinge", hinge],
  ["squared_hinge", squaredHinge],
  ["categorical_hinge", categoricalHinge],
  ["bce", binaryCrossentropy],
  ["BCE", binaryCrossentropy],
  ["kld", klDivergence],
  ["KLD", klDivergence],
  ["mae", meanAbsoluteError],
  ["MAE", meanAbsoluteError],
  ["mse", meanSquaredError],
  ["MSE", meanSquaredError],
  ["mape", meanAbsolutePercentageError],
  ["MAPE", meanAbsolutePercentageError],
  ["msle", meanSquaredLogarithmicError],
  ["MSLE", meanSquaredLogarithmicError],
  ["logcosh", logCosh],
] as [string, LossFunction][])
  registerLossFunction(name, fn);

function validNames(): string {
  return [...classes.keys()].sort().join(", ");
}

/**
 * Serializes a loss: an instance to `{ className, config }`, a registered function to its name.
 * @example
 * ```ts
 * keras.losses.serialize(new keras.losses.Huber({ delta: 2 }));
 * // { className: "Huber", config: { name: "huber_loss", reduction: "sum_over_batch_size", delta: 2 } }
 * keras.losses.serialize(keras.losses.meanSquaredError); // "mean_squared_error"
 * ```
 */
export function serialize(loss: Loss | LossFunction): SerializedLoss | string {
  if (loss instanceof Loss) return { className: loss.className, config: loss.getConfig() };
  const name = lossFunctionName(loss);
  if (name === undefined) throw new ValueError("Cannot serialize an unregistered loss function.");
  return name;
}

/**
 * Rebuilds a loss from `serialize` output.
 * @example
 * ```ts
 * keras.losses.deserialize({ className: "Huber", config: { delta: 2 } }); // a Huber instance
 * ```
 */
export function deserialize(config: SerializedLoss | string): Loss | LossFunction {
  if (typeof config === "string") {
    const found = get(config);
    if (found === null) throw new ValueError(`Could not interpret loss identifier: ${config}`);
    return found;
  }
  const cls = classes.get(config.className);
  if (cls === undefined)
    throw new ValueError(`Unknown loss class: "${config.className}". Known loss classes: ${validNames()}.`, {
      className: config.className,
    });
  return cls.fromConfig(config.config ?? {});
}

/**
 * Resolves a loss identifier as Keras's `losses.get`: a class name ("SparseCategoricalCrossentropy")
 * gives an instance; a function name in snake_case ("sparse_categorical_crossentropy") or camelCase
 * ("sparseCategoricalCrossentropy") or an alias ("mse") gives the function; a class gives an
 * instance; an instance or function is returned as is; `null` gives null.
 * @example
 * ```ts
 * keras.losses.get("mse") === keras.losses.meanSquaredError; // true
 * keras.losses.get("CategoricalCrossentropy");              // a CategoricalCrossentropy
 * ```
 */
export function get(identifier: LossIdentifier): Loss | LossFunction | null {
  if (identifier === null || identifier === undefined) return null;
  if (identifier instanceof Loss) return identifier;
  if (typeof identifier === "string") {
    const cls = classes.get(identifier);
    if (cls !== undefined) return new cls();
    const fn = lossFunctionByName(identifier) ?? lossFunctionByName(toSnakeCase(identifier));
    if (fn !== undefined) return fn;
    throw new ValueError(
      `Could not interpret loss identifier: "${identifier}". Use a loss function name such as ` +
        `"mean_squared_error" / "meanSquaredError" / "mse", or a class name: ${validNames()}.`,
      { identifier },
    );
  }
  if (typeof identifier === "function") {
    if (identifier.prototype instanceof Loss) return new (identifier as LossClass)();
    return identifier as LossFunction;
  }
  if (typeof identifier === "object" && typeof (identifier as SerializedLoss).className === "string")
    return deserialize(identifier as SerializedLoss);
  throw new ValueError(`Could not interpret loss identifier: ${String(identifier)}`, { identifier });
}

/**
 * Like `get`, but always returns a `Loss` (functions are wrapped in a `LossFunctionWrapper`), as
 * `Model.compile` needs: `resolveLoss("mse").apply(yTrue, yPred)` gives the reduced loss.
 * @example
 * ```ts
 * keras.losses.resolveLoss("sparse_categorical_crossentropy").name; // "sparse_categorical_crossentropy"
 * ```
 */
export function resolveLoss(identifier: LossIdentifier): Loss {
  const found = get(identifier);
  if (found === null) throw new ValueError("A loss is required; received null/undefined.");
  return found instanceof Loss ? found : new LossFunctionWrapper(found);
}
