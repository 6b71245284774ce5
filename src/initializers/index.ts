/**
 * `keras.initializers`: classes, Keras's string names (snake_case or camelCase), and
 * `get` / `serialize` / `deserialize`.
 */
import { FLOATX, type DType } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import { toSnakeCase } from "../engine/naming.js";
import { getRegistered, registerSerializable } from "../engine/registry.js";
import { Constant, Identity, Ones, Zeros } from "./constant.js";
import { Initializer, type InitializerConfig } from "./initializer.js";
import { Orthogonal } from "./orthogonal.js";
import { RandomNormal, RandomUniform, TruncatedNormal } from "./random.js";
import {
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  VarianceScaling,
} from "./variance-scaling.js";

export { Initializer, type InitializerConfig, type Seed } from "./initializer.js";

/**
 * Wraps a plain function `(shape, dtype) => Tensor` as an initializer (what `get` returns for one).
 * It serializes as `{ className: "FunctionInitializer", config: {} }` and cannot be rebuilt from it.
 * @example
 * ```ts
 * const init = keras.initializers.get((shape, dtype) => keras.ops.full(shape, 0.5, dtype))!;
 * init.call([2]).arraySync(); // [0.5, 0.5]
 * ```
 */
export class FunctionInitializer extends Initializer {
  static override className = "FunctionInitializer";
  constructor(readonly fn: (shape: number[], dtype: DType) => Tensor) {
    super();
  }
  call(shape: readonly number[], dtype: DType = FLOATX): Tensor {
    return this.fn([...shape], dtype);
  }
}
export { Constant, Identity, Ones, Zeros, type ConstantArgs, type IdentityArgs } from "./constant.js";
export {
  RandomInitializer,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  type NormalArgs,
  type UniformArgs,
} from "./random.js";
export {
  computeFans,
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  TRUNCATED_NORMAL_STD_CORRECTION,
  VarianceScaling,
  type FanMode,
  type NamedScalingArgs,
  type ScalingDistribution,
  type VarianceScalingArgs,
} from "./variance-scaling.js";
export { Orthogonal, orthonormalColumns, type OrthogonalArgs } from "./orthogonal.js";

/** A class of initializer, as stored in the lookup table. */
export type InitializerClass = (new (config?: any) => Initializer) & {
  className: string;
  fromConfig(config?: InitializerConfig): Initializer;
};

/** The serialized form of an initializer: its class name and config. */
export interface SerializedInitializer {
  className: string;
  config: InitializerConfig;
}

/** What `get` accepts: a name, a serialized form, an instance, or nothing. */
export type InitializerIdentifier =
  | string
  | SerializedInitializer
  | Initializer
  | InitializerClass
  | ((shape: number[], dtype: DType) => Tensor)
  | null
  | undefined;

const BUILTIN: InitializerClass[] = [
  Constant,
  Identity,
  Ones,
  Zeros,
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  Orthogonal,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  VarianceScaling,
];

for (const cls of BUILTIN)
  registerSerializable("initializer", cls.className, cls, [toSnakeCase(cls.className)]);
for (const [alias, cls] of [
  ["IdentityInitializer", Identity],
  ["OrthogonalInitializer", Orthogonal],
  ["normal", RandomNormal],
  ["uniform", RandomUniform],
  ["one", Ones],
  ["zero", Zeros],
] as const) {
  registerSerializable("initializer", alias, cls);
}

/**
 * Makes a custom initializer class known to `get`/`deserialize` (and model loading) under its
 * `className`, in any casing style.
 * @example
 * ```ts
 * keras.initializers.register(MyInit);
 * keras.initializers.get("my_init");
 * ```
 */
export function register(cls: InitializerClass): void {
  registerSerializable("initializer", cls.className, cls, [toSnakeCase(cls.className)]);
}

function lookup(name: string): InitializerClass {
  return getRegistered("initializer", name) as InitializerClass;
}

/**
 * Serializes an initializer to `{ className, config }`.
 * @example
 * ```ts
 * keras.initializers.serialize(new keras.initializers.RandomNormal({ stddev: 1 }));
 * // { className: "RandomNormal", config: { seed: null, mean: 0, stddev: 1 } }
 * ```
 */
export function serialize(initializer: Initializer): SerializedInitializer {
  return { className: initializer.className, config: initializer.getConfig() };
}

/**
 * Rebuilds an initializer from `{ className, config }`.
 * @example
 * ```ts
 * keras.initializers.deserialize({ className: "Constant", config: { value: 2 } });
 * ```
 */
export function deserialize(config: SerializedInitializer): Initializer {
  return lookup(config.className).fromConfig(config.config ?? {});
}

/**
 * Resolves an identifier to an initializer: a name ("glorot_uniform", "GlorotUniform",
 * "glorotUniform"), a serialized form, an instance (returned as is), a class (instantiated with
 * its defaults), or a plain function `(shape, dtype) => Tensor`. `null`/undefined gives null.
 *
 * @example
 * ```ts
 * keras.initializers.get("he_normal"); // a HeNormal instance
 * ```
 */
export function get(identifier: InitializerIdentifier): Initializer | null {
  if (identifier === null || identifier === undefined) return null;
  if (identifier instanceof Initializer) return identifier;
  if (typeof identifier === "string") return new (lookup(identifier))();
  if (typeof identifier === "function") {
    if (identifier.prototype instanceof Initializer) return new (identifier as InitializerClass)();
    return new FunctionInitializer(identifier as (shape: number[], dtype: DType) => Tensor);
  }
  if (typeof identifier === "object" && typeof (identifier as SerializedInitializer).className === "string") {
    return deserialize(identifier as SerializedInitializer);
  }
  if (typeof identifier === "object" && typeof (identifier as { call?: unknown }).call === "function") {
    return identifier as unknown as Initializer;
  }
  throw new ValueError(`Could not interpret initializer identifier: ${String(identifier)}`, { identifier });
}
