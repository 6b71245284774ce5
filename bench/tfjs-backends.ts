/**
 * TF.js backends for the benchmarks: cpu, and wasm loaded offline from node_modules with threads off.
 * Kept apart from lib.ts so a benchmark of the compiled package need not load keras-ts's sources.
 */
import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

let wasmPathsSet = false;

/** Switches TF.js to `cpu` or `wasm` (single-threaded, SIMD if the runtime has it, .wasm from node_modules). */
export async function useTfjs(backend: "cpu" | "wasm"): Promise<void> {
  if (backend === "wasm" && !wasmPathsSet) {
    const require = createRequire(import.meta.url);
    const wasm = require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm");
    setWasmPaths(path.dirname(wasm) + path.sep);
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    wasmPathsSet = true;
  }
  if (!(await tf.setBackend(backend)) || tf.getBackend() !== backend)
    throw new Error(`tf.setBackend("${backend}") failed`);
}
