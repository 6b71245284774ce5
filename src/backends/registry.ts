/**
 * Which backend runs the ops. The reference `js` backend is always there; others (the native
 * backend) register themselves when they load.
 */
import { BackendError } from "../core/errors.js";
import type { Backend } from "./backend.js";
import { createJsBackend } from "./js/index.js";
import { createNativeBackend } from "./native/index.js";

const registry = new Map<string, () => Backend>();
let active: Backend | undefined;
let defaultName = "js";

/** Makes a backend available to `setBackend` under `name`. `factory` runs on first use. */
export function registerBackend(name: string, factory: () => Backend, { makeDefault = false } = {}): void {
  registry.set(name, factory);
  if (makeDefault) defaultName = name;
}

/** Names of the registered backends. */
export function listBackends(): string[] {
  return [...registry.keys()];
}

/**
 * Switches every later op to the named backend.
 *
 * @example
 * ```ts
 * keras.backend.setBackend("js");
 * keras.backend.getBackend(); // "js"
 * ```
 * @throws BackendError naming the available backends when `name` is unknown.
 */
export function setBackend(name: string): void {
  const factory = registry.get(name);
  if (!factory) {
    throw new BackendError(
      `Unknown backend "${name}". Available backends: ${listBackends()
        .map((n) => `"${n}"`)
        .join(", ")}.`,
    );
  }
  active = factory();
}

/** Name of the active backend. */
export function getBackend(): string {
  return backend().name;
}

/** The active backend object (used by the op front ends). */
export function backend(): Backend {
  if (!active) setBackend(defaultName);
  return active!;
}

registerBackend("js", createJsBackend);
// Loads the addon on first use; a BackendError says why when it was not built. Not the default yet.
registerBackend("native", createNativeBackend);
