/**
 * Lazy access to `h5wasm` (HDF5 compiled to WebAssembly). Imported only when a `.weights.h5` or
 * `.keras` file is read or written, so keras-ts loads in a browser without it.
 */
import type * as H5 from "h5wasm";

/** The `h5wasm` module (Node build, which reads and writes real file paths). */
export type H5Module = typeof H5;

let loading: Promise<H5Module> | null = null;

/**
 * Loads `h5wasm` once and waits for its WebAssembly to be ready.
 *
 * @example
 * ```ts
 * const h5 = await loadH5();
 * const file = new h5.File("model.weights.h5", "r");
 * ```
 */
export function loadH5(): Promise<H5Module> {
  loading ??= (async () => {
    const mod = (await import("h5wasm/node")) as unknown as H5Module & { default?: H5Module };
    const h5 = mod.default ?? mod;
    await h5.ready;
    return h5;
  })();
  return loading;
}
