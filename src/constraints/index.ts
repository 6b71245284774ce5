/**
 * `keras.constraints`: MaxNorm, MinMaxNorm, NonNeg, UnitNorm, their string names, and
 * `get` / `serialize` / `deserialize`.
 */
import { ValueError } from "../core/errors.js";
import { toSnakeCase } from "../engine/naming.js";
import { getRegistered, registerSerializable } from "../engine/registry.js";
import { Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm, type ConstraintConfig } from "./constraints.js";

export {
  Constraint,
  EPSILON,
  MaxNorm,
  MinMaxNorm,
  NonNeg,
  UnitNorm,
  type ConstraintConfig,
  type MaxNormArgs,
  type MinMaxNormArgs,
  type UnitNormArgs,
} from "./constraints.js";

/** A constraint class, as stored in the lookup table. */
export type ConstraintClass = (new (config?: any) => Constraint) & {
  className: string;
  fromConfig(config?: ConstraintConfig): Constraint;
};

/** The serialized form of a constraint. */
export interface SerializedConstraint {
  className: string;
  config: ConstraintConfig;
}

/** What `get` accepts. */
export type ConstraintIdentifier =
  string | SerializedConstraint | Constraint | ConstraintClass | null | undefined;

for (const cls of [MaxNorm, MinMaxNorm, NonNeg, UnitNorm]) {
  registerSerializable("constraint", cls.className, cls, [toSnakeCase(cls.className)]);
}

/**
 * Makes a custom constraint class known to `get`/`deserialize` (and model loading) under its
 * `className`, in any casing style.
 * @example
 * ```ts
 * keras.constraints.register(Clip01);
 * ```
 */
export function register(cls: ConstraintClass): void {
  registerSerializable("constraint", cls.className, cls, [toSnakeCase(cls.className)]);
}

function lookup(name: string): ConstraintClass {
  return getRegistered("constraint", name) as ConstraintClass;
}

/**
 * Serializes a constraint to `{ className, config }`.
 * @example
 * ```ts
 * keras.constraints.serialize(new keras.constraints.NonNeg()); // { className: "NonNeg", config: {} }
 * ```
 */
export function serialize(constraint: Constraint): SerializedConstraint {
  return { className: constraint.className, config: constraint.getConfig() };
}

/**
 * Rebuilds a constraint from `{ className, config }`.
 * @example
 * ```ts
 * keras.constraints.deserialize({ className: "MaxNorm", config: { maxValue: 3, axis: 0 } });
 * ```
 */
export function deserialize(config: SerializedConstraint): Constraint {
  return lookup(config.className).fromConfig(config.config ?? {});
}

/**
 * Resolves a name ("non_neg", "MaxNorm", ...), a serialized form or an instance; `null`/undefined
 * gives null.
 * @example
 * ```ts
 * keras.constraints.get("non_neg"); // a NonNeg instance
 * ```
 */
export function get(identifier: ConstraintIdentifier): Constraint | null {
  if (identifier === null || identifier === undefined) return null;
  if (identifier instanceof Constraint) return identifier;
  if (typeof identifier === "string") return new (lookup(identifier))();
  if (typeof identifier === "function" && identifier.prototype instanceof Constraint) return new identifier();
  if (typeof identifier === "object" && typeof (identifier as SerializedConstraint).className === "string") {
    return deserialize(identifier as SerializedConstraint);
  }
  if (typeof identifier === "object" && typeof (identifier as { call?: unknown }).call === "function") {
    return identifier as unknown as Constraint;
  }
  throw new ValueError(`Could not interpret constraint identifier: ${String(identifier)}`, { identifier });
}
