/**
 * Which backend runs the ops. The reference `js` backend is always there; the native backend (the
 * C++ addon) is registered too and loads on first use.
 *
 * The backend is chosen on the first op (or `getBackend()`) unless `setBackend` chose one before:
 * `KERAS_TS_BACKEND=<name>` in the environment picks one explicitly (an unknown name, or a backend
 * that cannot load, is a BackendError: no silent fallback); otherwise `"native"` when the addon
 * loads, else `"js"` with one warning per process saying why. Browser-safe: nothing here imports a
 * Node module, and the environment is read through `globalThis.process` only when it exists.
 */
import { BackendError } from "../core/errors.js";
import type { Backend } from "./backend.js";
import { createJsBackend } from "./js/index.js";
import { createNativeBackend } from "./native/index.js";
import { nativeLoadFailure } from "./native/addon.js";

const registry = new Map<string, () => Backend>();
let active: Backend | undefined;
/** A default set through `registerBackend(..., { makeDefault: true })`; else native-if-it-loads. */
let defaultName: string | undefined;

/** Marks the fallback warning as printed, across copies of this module (src and dist) in one process. */
const WARNED = Symbol.for("keras-ts.nativeFallbackWarned");

/** Makes a backend available to `setBackend` under `name`. `factory` runs on first use. */
export function registerBackend(name: string, factory: () => Backend, { makeDefault = false } = {}): void {
  registry.set(name, factory);
  if (makeDefault) defaultName = name;
}

/** Names of the registered backends. */
export function listBackends(): string[] {
  return [...registry.keys()];
}

function create(name: string): Backend {
  const factory = registry.get(name);
  if (!factory) {
    throw new BackendError(
      `Unknown backend "${name}". Available backends: ${listBackends()
        .map((n) => `"${n}"`)
        .join(", ")}.`,
    );
  }
  return factory();
}

/**
 * Switches every later op to the named backend.
 *
 * @example
 * ```ts
 * keras.backend.setBackend("js");
 * keras.backend.getBackend(); // "js"
 * ```
 * @throws BackendError naming the available backends when `name` is unknown, or saying why the
 *   backend cannot load here (e.g. `"native"` when the addon was not built).
 */
export function setBackend(name: string): void {
  active = create(name);
}

/**
 * Name of the active backend: `"native"` or `"js"` by default (see the module comment), or the one
 * `setBackend` / `KERAS_TS_BACKEND` chose.
 * @example
 * ```ts
 * keras.backend.getBackend(); // "native" where the addon was built, else "js"
 * ```
 */
export function getBackend(): string {
  return backend().name;
}

/** The active backend object (used by the op front ends); chooses the default on first use. */
export function backend(): Backend {
  if (!active) active = chooseDefault();
  return active;
}

/** `KERAS_TS_BACKEND`, when this runs where there is a `process.env` and it is set (non-empty). */
function envBackend(): string | undefined {
  let value: unknown;
  try {
    value = (globalThis as { process?: { env?: Record<string, unknown> } }).process?.env?.KERAS_TS_BACKEND;
  } catch {
    return undefined; // an environment object that throws on access: treat as unset
  }
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function chooseDefault(): Backend {
  const requested = envBackend();
  if (requested !== undefined) {
    try {
      return create(requested);
    } catch (e) {
      if (e instanceof BackendError) throw new BackendError(`KERAS_TS_BACKEND="${requested}": ${e.message}`);
      throw e;
    }
  }
  if (defaultName !== undefined) return create(defaultName);
  if (registry.has("native")) {
    try {
      return create("native");
    } catch (e) {
      warnFallback(nativeLoadFailure() ?? (e instanceof Error ? e.message : String(e)));
    }
  }
  return create("js");
}

/** The one warning per process when the native backend cannot load and js runs instead. */
function warnFallback(reason: string): void {
  const g = globalThis as Record<symbol, unknown> & { process?: { versions?: { node?: string } } };
  // Outside Node the native backend can never load; falling back there is expected, not news.
  if (!g.process?.versions?.node || g[WARNED]) return;
  g[WARNED] = true;
  console.warn(
    `keras-ts: the native backend is unavailable (${reason}); using the reference backend "js". ` +
      "Run `npm run build:native` to build it.",
  );
}

registerBackend("js", createJsBackend);
// Loads the addon on first use; a BackendError says why when it cannot load. The default when it loads.
registerBackend("native", createNativeBackend);
