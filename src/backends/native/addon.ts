/**
 * Finds and loads the native addon (`keras_ts_native.node`, built from native/ by node-gyp during
 * `npm install`). Nothing here imports a Node module at the top level, so browser bundles that reach
 * the backend registry never pull in Node built-ins: Node's modules are fetched at load time through
 * `process.getBuiltinModule` (Node ≥ 20.16), and only when the native backend is asked for.
 *
 * Search order: `KERAS_TS_NATIVE_PATH` (a path to the `.node` file), then `build/Release/` and
 * `prebuilds/<platform>-<arch>/` under the package root, so prebuilt binaries can be dropped in later.
 */
import { BackendError } from "../../core/errors.js";
import type { NativeAddon } from "./addon-types.js";

export type { CpuFeatures, NativeAddon } from "./addon-types.js";

const FILE = "keras_ts_native.node";
let loaded: NativeAddon | undefined;
let failure: string | undefined;

/** Node's `process`, or undefined outside Node. */
function nodeProcess(): any {
  const p = (globalThis as any).process;
  return p?.versions?.node ? p : undefined;
}

function tryLoad(): NativeAddon {
  const proc = nodeProcess();
  if (!proc) throw new Error("it needs Node.js (this is not Node)");
  if (typeof proc.getBuiltinModule !== "function") {
    throw new Error(`it needs Node.js ≥ 20.16 (process.getBuiltinModule); this is ${proc.version}`);
  }
  const { createRequire } = proc.getBuiltinModule("node:module");
  const { existsSync } = proc.getBuiltinModule("node:fs");
  const { fileURLToPath } = proc.getBuiltinModule("node:url");
  const root: string = fileURLToPath(new URL("../../../", import.meta.url));
  const candidates: string[] = [];
  if (proc.env.KERAS_TS_NATIVE_PATH) candidates.push(proc.env.KERAS_TS_NATIVE_PATH);
  candidates.push(`${root}build/Release/${FILE}`, `${root}prebuilds/${proc.platform}-${proc.arch}/${FILE}`);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `${FILE} was not found (looked in ${candidates.join(", ")}); build it with ` +
        "`node scripts/build-native.mjs` (needs a C++17 compiler, make and Python for node-gyp)",
    );
  }
  const require = createRequire(import.meta.url);
  return require(found) as NativeAddon;
}

/**
 * The native addon, loaded on first call.
 * @throws BackendError saying why it cannot be loaded (not built, not Node, failed to load).
 * @example
 * ```ts
 * loadNativeAddon().cpuFeatures(); // { avx2: true, fma: true, avx512f: false, kernels: "avx2" }
 * ```
 */
export function loadNativeAddon(): NativeAddon {
  if (loaded) return loaded;
  if (failure === undefined) {
    try {
      loaded = tryLoad();
      return loaded;
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e);
    }
  }
  throw new BackendError(
    `The native backend is not available: ${failure}. The reference backend still works: ` +
      'keras.backend.setBackend("js").',
  );
}

/**
 * Whether the native addon can be loaded here (loads it on first call).
 * @example
 * ```ts
 * if (nativeAvailable()) keras.backend.setBackend("native");
 * ```
 */
export function nativeAvailable(): boolean {
  try {
    loadNativeAddon();
    return true;
  } catch {
    return false;
  }
}

/**
 * Why the native addon cannot be loaded here, or undefined when it loads (tries on first call).
 * @example
 * ```ts
 * nativeLoadFailure(); // undefined, or e.g. "keras_ts_native.node was not found (looked in ...)"
 * ```
 */
export function nativeLoadFailure(): string | undefined {
  return nativeAvailable() ? undefined : failure;
}
