// Shared by tests that need one particular backend: the default backend is chosen per run
// (KERAS_TS_BACKEND, else native when it loads), so a test that switches restores what it found.
import * as keras from "../../src/index.js";

/**
 * Runs `fn` with `name` as the active backend, then switches back to the backend that was active
 * before (also when `fn` throws or its promise rejects).
 */
export function withBackend<R>(name: string, fn: () => R): R {
  const before = keras.backend.getBackend();
  keras.backend.setBackend(name);
  let result: R;
  try {
    result = fn();
  } catch (e) {
    keras.backend.setBackend(before);
    throw e;
  }
  if (result instanceof Promise) {
    return result.finally(() => keras.backend.setBackend(before)) as R;
  }
  keras.backend.setBackend(before);
  return result;
}
