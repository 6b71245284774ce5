/**
 * The registry of serializable classes (layers, initializers, regularizers, constraints, activations).
 * String identifiers resolve through it in Keras's snake_case and in camelCase alike:
 * "glorot_uniform", "glorotUniform" and "GlorotUniform" name the same class.
 * Class names come from `static className`, never `constructor.name` (minifiers rename classes).
 */
import { ValueError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import type { DType } from "../core/dtype.js";
import type { Constraint, Initializer, InitializerFn, Regularizer } from "./interfaces.js";
import { toSnakeCase } from "./naming.js";

/** The families of serializable objects. */
export type SerializableKind = "initializer" | "regularizer" | "constraint" | "activation" | "layer";

interface Entry {
  readonly className: string;
  readonly value: unknown;
  readonly aliases: readonly string[];
}

const registries = new Map<SerializableKind, Map<string, Entry>>();

/** "glorot_uniform", "glorotUniform", "GlorotUniform" → "glorotuniform". */
function normalizeKey(name: string): string {
  return name.replace(/_/g, "").toLowerCase();
}

function registryOf(kind: SerializableKind): Map<string, Entry> {
  let map = registries.get(kind);
  if (!map) registries.set(kind, (map = new Map()));
  return map;
}

/**
 * Registers a class (or, for activations, a function) under its class name and optional aliases.
 *
 * @example
 * ```ts
 * registerSerializable("initializer", "GlorotUniform", GlorotUniform, ["glorot_uniform"]);
 * resolveInitializer("glorotUniform"); // a GlorotUniform instance
 * ```
 */
export function registerSerializable(
  kind: SerializableKind,
  className: string,
  ctor: unknown,
  aliases: readonly string[] = [],
): void {
  const map = registryOf(kind);
  const entry: Entry = { className, value: ctor, aliases };
  for (const key of [className, ...aliases]) map.set(normalizeKey(key), entry);
}

/** The snake_case names accepted for a kind, for error messages. */
export function listRegistered(kind: SerializableKind): string[] {
  const names = new Set<string>();
  for (const entry of registryOf(kind).values()) {
    names.add(toSnakeCase(entry.className));
    for (const alias of entry.aliases) names.add(alias);
  }
  return [...names].sort();
}

/**
 * Looks up what was registered under `name` (any casing style).
 * @throws ValueError listing the valid names when nothing matches.
 *
 * @example
 * ```ts
 * const Dense = getRegistered("layer", "Dense");
 * ```
 */
export function getRegistered(kind: SerializableKind, name: string): unknown {
  const entry = registryOf(kind).get(normalizeKey(name));
  if (!entry) {
    const valid = listRegistered(kind);
    throw new ValueError(
      `Could not interpret ${kind} identifier: "${name}". ` +
        (valid.length ? `Valid ${kind} names are: ${valid.join(", ")}.` : `No ${kind} is registered yet.`),
      { kind, received: name, valid },
    );
  }
  return entry.value;
}

/** Whether `value` was registered (as a class or function) under `kind`. */
export function isRegisteredValue(kind: SerializableKind, value: unknown): boolean {
  for (const entry of registryOf(kind).values()) if (entry.value === value) return true;
  return false;
}

type Ctor<T> = (new (config?: Record<string, unknown>) => T) & {
  fromConfig?: (config: Record<string, unknown>) => T;
};

/** A serialized object: `{ className, config }` (camelCase, as produced by `serialize`). */
export interface SerializedObject {
  className: string;
  config?: Record<string, unknown>;
}

function isSerialized(x: unknown): x is SerializedObject {
  return typeof x === "object" && x !== null && typeof (x as SerializedObject).className === "string";
}

function hasCall(x: unknown): x is { call: (...args: never[]) => unknown } {
  return typeof x === "object" && x !== null && typeof (x as { call?: unknown }).call === "function";
}

function instantiate<T>(kind: SerializableKind, x: string | SerializedObject | Ctor<T>): T {
  if (typeof x === "function") return new x();
  const name = typeof x === "string" ? x : x.className;
  const config = typeof x === "string" ? undefined : x.config;
  const ctor = getRegistered(kind, name);
  if (typeof ctor !== "function") throw new ValueError(`The ${kind} "${name}" is not a class.`);
  const cls = ctor as Ctor<T>;
  if (config === undefined) return new cls();
  return cls.fromConfig ? cls.fromConfig(config) : new cls(config);
}

function describe(x: unknown): string {
  if (x === null) return "null";
  if (typeof x === "object") return `an object of type ${x.constructor?.name ?? "Object"}`;
  return `${String(x)} (of type ${typeof x})`;
}

/**
 * Turns an initializer identifier into an `Initializer`: an instance passes through; a registered
 * class is constructed; a plain function `(shape, dtype) => Tensor` is wrapped; a string or
 * `{ className, config }` is looked up in the registry.
 *
 * @example
 * ```ts
 * resolveInitializer("zeros").call([2, 2], "float32");
 * resolveInitializer((shape, dtype) => keras.ops.ones(shape, dtype));
 * ```
 */
export function resolveInitializer(x: string | Initializer | InitializerFn | SerializedObject): Initializer {
  if (hasCall(x)) return x as Initializer;
  if (typeof x === "function") {
    if (isRegisteredValue("initializer", x))
      return instantiate<Initializer>("initializer", x as unknown as Ctor<Initializer>);
    const fn = x as InitializerFn;
    return {
      call: (shape: readonly number[], dtype: DType): Tensor => fn([...shape], dtype),
      getConfig: () => ({}),
    };
  }
  if (typeof x === "string" || isSerialized(x)) return instantiate<Initializer>("initializer", x);
  throw new ValueError(`Could not interpret initializer: received ${describe(x)}.`);
}

/**
 * Turns a regularizer identifier (instance, registered class, string, `{ className, config }`) into
 * a `Regularizer`; `null`/`undefined` give `null`.
 *
 * @example
 * ```ts
 * resolveRegularizer("l2"); // an L2 regularizer with Keras's default factor
 * ```
 */
export function resolveRegularizer(
  x: string | Regularizer | SerializedObject | null | undefined,
): Regularizer | null {
  if (x === null || x === undefined) return null;
  if (hasCall(x)) return x as Regularizer;
  if (typeof x === "function" && isRegisteredValue("regularizer", x))
    return instantiate<Regularizer>("regularizer", x as Ctor<Regularizer>);
  if (typeof x === "string" || isSerialized(x)) return instantiate<Regularizer>("regularizer", x);
  throw new ValueError(`Could not interpret regularizer: received ${describe(x)}.`);
}

/**
 * Turns a constraint identifier (instance, registered class, string, `{ className, config }`) into
 * a `Constraint`; `null`/`undefined` give `null`.
 *
 * @example
 * ```ts
 * resolveConstraint("non_neg");
 * ```
 */
export function resolveConstraint(
  x: string | Constraint | SerializedObject | null | undefined,
): Constraint | null {
  if (x === null || x === undefined) return null;
  if (hasCall(x)) return x as Constraint;
  if (typeof x === "function" && isRegisteredValue("constraint", x))
    return instantiate<Constraint>("constraint", x as Ctor<Constraint>);
  if (typeof x === "string" || isSerialized(x)) return instantiate<Constraint>("constraint", x);
  throw new ValueError(`Could not interpret constraint: received ${describe(x)}.`);
}
