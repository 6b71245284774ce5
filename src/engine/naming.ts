/**
 * Keras-style automatic names: a class name becomes snake_case (`Dense` → `dense`,
 * `BatchNormalization` → `batch_normalization`) and is made unique with a global counter
 * (`dense`, `dense_1`, `dense_2`, ...). `keras.backend.clearSession()` resets the counters.
 */

const nameCounts = new Map<string, number>();
const clearSessionHooks: (() => void)[] = [];

/**
 * Converts a class name to snake_case the way Keras does.
 *
 * @example
 * ```ts
 * toSnakeCase("BatchNormalization"); // "batch_normalization"
 * toSnakeCase("Conv2D");             // "conv2d"
 * ```
 */
export function toSnakeCase(name: string): string {
  const cleaned = name.replace(/\W+/g, "");
  return cleaned
    .replace(/(.)([A-Z][a-z]+)/g, "$1_$2")
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toLowerCase();
}

/**
 * Returns `prefix` the first time it is asked for, then `prefix_1`, `prefix_2`, ...
 *
 * @example
 * ```ts
 * uniqueName("dense"); // "dense"
 * uniqueName("dense"); // "dense_1"
 * ```
 */
export function uniqueName(prefix: string): string {
  const count = nameCounts.get(prefix) ?? 0;
  nameCounts.set(prefix, count + 1);
  return count === 0 ? prefix : `${prefix}_${count}`;
}

/** Makes a unique snake_case name from a class name (`autoName("Dense")` → `"dense"`, `"dense_1"`, ...). */
export function autoName(className: string): string {
  return uniqueName(toSnakeCase(className));
}

/**
 * Registers a function run by `clearSession()` (for other global state, such as the random generator).
 *
 * @example
 * ```ts
 * onClearSession(() => myCache.clear());
 * ```
 */
export function onClearSession(hook: () => void): void {
  clearSessionHooks.push(hook);
}

/**
 * Resets Keras's global state: name counters start again, so the next `Dense` is named `dense`.
 *
 * @example
 * ```ts
 * new keras.layers.Dense(2).name; // "dense"
 * keras.backend.clearSession();
 * new keras.layers.Dense(2).name; // "dense" again
 * ```
 */
export function clearSession(): void {
  nameCounts.clear();
  for (const hook of clearSessionHooks) hook();
}
