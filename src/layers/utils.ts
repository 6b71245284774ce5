/**
 * Helpers shared by the built-in layers: serializing their initializers, regularizers and
 * constraints into configs, and validating constructor arguments with Keras's messages.
 */
import { ValueError } from "../core/errors.js";

/** The serialized form of an initializer, regularizer or constraint. */
export interface SerializedComponent {
  className: string;
  config: Record<string, unknown>;
}

/**
 * `{ className, config }` for an initializer, regularizer or constraint (the same form as
 * `keras.initializers.serialize` and friends); null for none.
 * @example
 * ```ts
 * serializeComponent(new keras.initializers.Zeros()); // { className: "Zeros", config: {} }
 * ```
 */
export function serializeComponent(
  x: { getConfig(): Record<string, unknown> } | null,
): SerializedComponent | null {
  if (x === null) return null;
  const className =
    (x as { className?: string }).className ??
    (x.constructor as { className?: string }).className ??
    "Custom";
  return { className, config: x.getConfig() };
}

/**
 * Checks a positive integer argument (`units`, `n`), Keras style.
 * @example
 * ```ts
 * positiveInt(units, "units", "Dense"); // throws ValueError for 0, -1, 1.5
 * ```
 */
export function positiveInt(value: unknown, name: string, layer: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw new ValueError(
      `Received an invalid value for \`${name}\` of ${layer}, expected a positive integer. Received: ${name}=${String(value)}`,
      { [name]: value },
    );
  }
  return value;
}
