/**
 * `keras.regularizers`: L1, L2, L1L2, their string names, and `get` / `serialize` / `deserialize`.
 */
import { ValueError } from "../core/errors.js";
import { toSnakeCase } from "../engine/naming.js";
import { getRegistered, registerSerializable } from "../engine/registry.js";
import { L1, L1L2, L2, Regularizer, type RegularizerConfig } from "./regularizers.js";

export {
  L1,
  L1L2,
  L2,
  Regularizer,
  validateFactor,
  type L1Args,
  type L1L2Args,
  type L2Args,
  type RegularizerConfig,
} from "./regularizers.js";

/** A regularizer class, as stored in the lookup table. */
export type RegularizerClass = (new (config?: any) => Regularizer) & {
  className: string;
  fromConfig(config?: RegularizerConfig): Regularizer;
};

/** The serialized form of a regularizer. */
export interface SerializedRegularizer {
  className: string;
  config: RegularizerConfig;
}

/** What `get` accepts. */
export type RegularizerIdentifier =
  string | SerializedRegularizer | Regularizer | RegularizerClass | null | undefined;

for (const cls of [L1, L2, L1L2])
  registerSerializable("regularizer", cls.className, cls, [cls.className.toLowerCase()]);
registerSerializable("regularizer", "l1_l2", L1L2);

/**
 * Makes a custom regularizer class known to `get`/`deserialize` (and model loading) under its
 * `className`, in any casing style.
 * @example
 * ```ts
 * keras.regularizers.register(MyRegularizer);
 * ```
 */
export function register(cls: RegularizerClass): void {
  registerSerializable("regularizer", cls.className, cls, [toSnakeCase(cls.className)]);
}

function lookup(name: string): RegularizerClass {
  return getRegistered("regularizer", name) as RegularizerClass;
}

/**
 * Serializes a regularizer to `{ className, config }`.
 * @example
 * ```ts
 * keras.regularizers.serialize(new keras.regularizers.L2()); // { className: "L2", config: { l2: 0.01 } }
 * ```
 */
export function serialize(regularizer: Regularizer): SerializedRegularizer {
  return { className: regularizer.className, config: regularizer.getConfig() };
}

/**
 * Rebuilds a regularizer from `{ className, config }`.
 * @example
 * ```ts
 * keras.regularizers.deserialize({ className: "L1", config: { l1: 0.1 } });
 * ```
 */
export function deserialize(config: SerializedRegularizer): Regularizer {
  return lookup(config.className).fromConfig(config.config ?? {});
}

/**
 * Resolves a name ("l2", "L1L2", ...), a serialized form or an instance; `null`/undefined gives null.
 * @example
 * ```ts
 * keras.regularizers.get("l2"); // L2 with l2 = 0.01
 * ```
 */
export function get(identifier: RegularizerIdentifier): Regularizer | null {
  if (identifier === null || identifier === undefined) return null;
  if (identifier instanceof Regularizer) return identifier;
  if (typeof identifier === "string") return new (lookup(identifier))();
  if (typeof identifier === "function" && identifier.prototype instanceof Regularizer)
    return new identifier();
  if (typeof identifier === "object" && typeof (identifier as SerializedRegularizer).className === "string") {
    return deserialize(identifier as SerializedRegularizer);
  }
  if (typeof identifier === "object" && typeof (identifier as { call?: unknown }).call === "function") {
    return identifier as unknown as Regularizer;
  }
  throw new ValueError(`Could not interpret regularizer identifier: ${String(identifier)}`, { identifier });
}
