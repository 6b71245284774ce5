// Shared by the native backend tests: whether the addon loads, and deterministic test data.
import {
  nativeAvailable,
  setNativePoisonOutputs,
  setNativeSmallThreshold,
} from "../../src/backends/native/index.js";
import { loadNativeAddon } from "../../src/backends/native/addon.js";

// The native tests compare the native kernels themselves, so small inputs must not go to js.
// Uninitialized outputs start as NaN, so an element a kernel forgets to write shows up.
setNativeSmallThreshold(0);
setNativePoisonOutputs(true);

/** `{ skip: reason }` when the addon did not build here, else `{}`: pass to node:test's `test`. */
export function skipUnlessNative(): { skip?: string } {
  if (nativeAvailable()) return {};
  let reason = "native addon unavailable";
  try {
    loadNativeAddon();
  } catch (e) {
    reason = (e as Error).message;
  }
  console.log(`# skipping native backend tests: ${reason}`);
  return { skip: reason };
}

/** Deterministic values: uniform in [-1, 1), or small integers in [-3, 3] when `ints`. */
export function values(n: number, seed: number, ints = false, dtype: "float32" | "float64" = "float32") {
  const out = dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
  let s = (seed * 2654435761) >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = ints ? (s >>> 29) - 3 : (s >>> 8) / (1 << 23) - 1;
  }
  return out;
}
