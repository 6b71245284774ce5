// Shared by the fused-kernel tests: the backends to run on and deterministic inputs.
import * as keras from "../../src/index.js";
import { nativeAvailable } from "../../src/backends/native/index.js";
import { values } from "../native/helpers.js";

/** The backends every fused test runs on: js always, native when the addon loads here. */
export const BACKENDS = nativeAvailable() ? ["js", "native"] : ["js"];

/** Runs `fn` with `name` as the active backend, restoring the previous one after. */
export function onBackend<T>(name: string, fn: () => T): T {
  const before = keras.backend.getBackend();
  keras.backend.setBackend(name);
  try {
    return fn();
  } finally {
    keras.backend.setBackend(before);
  }
}

/** A tensor of deterministic values in [-1, 1) (times `scale`). */
export function input(shape: number[], seed: number, dtype: "float32" | "float64" = "float32", scale = 1) {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = values(n, seed, false, dtype);
  for (let i = 0; i < n; i++) v[i] = v[i]! * scale;
  return new keras.Tensor(v, shape, dtype);
}

/** Asserts two tensors hold bitwise-identical values (NaN equal to NaN, +0 distinct from -0). */
export function assertBitwise(a: keras.Tensor, b: keras.Tensor, what: string): void {
  if (a.dtype !== b.dtype || a.shape.join() !== b.shape.join())
    throw new Error(`${what}: ${a.dtype}${JSON.stringify(a.shape)} vs ${b.dtype}${JSON.stringify(b.shape)}`);
  for (let i = 0; i < a.size; i++)
    if (!Object.is(a.values[i], b.values[i]))
      throw new Error(`${what}: element ${i} differs: ${a.values[i]} vs ${b.values[i]}`);
}
