/**
 * Conversion between keras-ts configs (camelCase, `{ className, config }`) and Keras 3's JSON
 * (snake_case, `{ module, class_name, config, registered_name }`). This is the only place where
 * Keras's spelling appears (see DESIGN.md, "Serialization at the boundary").
 */
import { toSnakeCase } from "../engine/naming.js";

/** A JSON value as read from or written to Keras files. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** "use_bias" → "useBias"; "beta_1" → "beta1". */
export function toCamelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The Keras DTypePolicy object for a dtype name (Keras ≥ 3.4 writes layer dtypes this way). */
export function dtypePolicy(name: string): JsonObject {
  return { module: "keras", class_name: "DTypePolicy", config: { name }, registered_name: null };
}

function moduleForKey(key: string): string {
  if (key.endsWith("_initializer")) return "keras.initializers";
  if (key.endsWith("_regularizer")) return "keras.regularizers";
  if (key.endsWith("_constraint")) return "keras.constraints";
  return "keras.layers";
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x);
}

/**
 * A keras-ts value (a config or part of one) in Keras's JSON form: snake_case keys, and every
 * `{ className, config }` as `{ module, class_name, config, registered_name }`.
 *
 * @example
 * ```ts
 * toKerasJson({ useBias: true, kernelInitializer: { className: "Zeros", config: {} } });
 * // { use_bias: true, kernel_initializer: { module: "keras.initializers", class_name: "Zeros", ... } }
 * ```
 */
export function toKerasJson(value: unknown, key = ""): Json {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map((v) => toKerasJson(v, key));
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (isObject(value)) {
    if (typeof value.className === "string" && ("config" in value || Object.keys(value).length === 1)) {
      return {
        module: moduleForKey(key),
        class_name: value.className,
        config: toKerasJson(value.config ?? {}),
        registered_name: null,
      };
    }
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const snake = toSnakeCase(k);
      out[snake] = toKerasJson(v, snake);
    }
    return out;
  }
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return String(value);
}

/**
 * A value of Keras's JSON in keras-ts form: camelCase keys, `{ className, config }` objects,
 * DTypePolicy objects as their dtype name, and `module`/`registered_name`/`shared_object_id` dropped.
 *
 * @example
 * ```ts
 * fromKerasJson({ use_bias: true, dtype: { class_name: "DTypePolicy", config: { name: "float32" } } });
 * // { useBias: true, dtype: "float32" }
 * ```
 */
export function fromKerasJson(value: Json | undefined): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map((v) => fromKerasJson(v));
  if (isObject(value)) {
    const className = value.class_name;
    if (typeof className === "string") {
      const config = (value.config ?? {}) as Json;
      if (className === "DTypePolicy" || className === "DTypePolicyV2") {
        return (config as JsonObject).name ?? "float32";
      }
      return { className, config: fromKerasJson(config) };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[toCamelCase(k)] = fromKerasJson(v);
    return out;
  }
  return value;
}
