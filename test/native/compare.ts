// Shared by the native ordering / pad-cumulative / select tests: deterministic data of every dtype
// with the special values that tell kernels apart, a bitwise comparison against the js backend, a
// count of the addon calls that did the work (to prove the native path ran), and a 1-and-2-thread
// loop.
import assert from "node:assert/strict";
import type { DType, TypedArray } from "../../src/core/dtype.js";
import type { TensorData } from "../../src/core/tensor.js";
import type { Backend } from "../../src/backends/backend.js";
import { createJsBackend } from "../../src/backends/js/index.js";
import {
  createNativeBackend,
  getNumThreads,
  nativeAvailable,
  setNumThreads,
} from "../../src/backends/native/index.js";
import { loadNativeAddon } from "../../src/backends/native/addon.js";
import "./helpers.js"; // SMALL = 0 and NaN-poisoned outputs

export const DTYPES: readonly DType[] = ["float32", "float64", "int32", "uint8", "bool"];
export const js = createJsBackend();
export const native: Backend = nativeAvailable() ? createNativeBackend() : js;

let runs = 0;

/** Wraps the addon functions `names` so that each call that did the work (not `false`) is counted. */
export function countCalls(names: readonly string[]): void {
  if (!nativeAvailable()) return;
  const addon = loadNativeAddon() as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of names) {
    const fn = addon[name]!;
    addon[name] = (...args: unknown[]) => {
      const r = fn(...args);
      if (r !== false) runs++;
      return r;
    };
  }
}

/** A seeded generator of integers in [0, n). */
export function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor(((s >>> 8) / (1 << 24)) * n);
  };
}

const FLOAT_SPECIALS = [NaN, -0, 0, Infinity, -Infinity, 1, -1, 2.5, -2.5, 1e-40, -1e-40, 3e38];
const INT_SPECIALS = [0, -1, 1, 2147483647, -2147483648, 7, -7];

/**
 * Values of `shape` in `dtype`: drawn from a small set (duplicates), with the dtype's special values
 * (floats: NaN, ±0, ±Inf, subnormals; int32: its extremes) mixed in when `specials`.
 */
export function tensor(shape: readonly number[], dtype: DType, seed = 1, specials = true): TensorData {
  const n = shape.reduce((a, b) => a * b, 1);
  const r = rng(seed);
  let values: TypedArray;
  if (dtype === "float32" || dtype === "float64") {
    values = dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++)
      values[i] =
        specials && r(4) === 0
          ? FLOAT_SPECIALS[r(FLOAT_SPECIALS.length)]!
          : (r(64) - 32) / 8 + (r(2) ? r(1000) / 1e6 : 0);
  } else if (dtype === "int32") {
    values = new Int32Array(n);
    for (let i = 0; i < n; i++)
      values[i] = specials && r(4) === 0 ? INT_SPECIALS[r(INT_SPECIALS.length)]! : r(200) - 100;
  } else {
    values = new Uint8Array(n);
    for (let i = 0; i < n; i++) values[i] = dtype === "bool" ? r(2) : r(256);
  }
  return { values, shape: [...shape], dtype };
}

/** Asserts `got` equals `want` element by element with Object.is (so -0 and NaN count). */
export function assertSame(got: TypedArray, want: TypedArray, what: string): void {
  assert.equal(got.constructor, want.constructor, `${what}: array type`);
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++)
    if (!Object.is(got[i], want[i])) assert.fail(`${what}: element ${i} is ${got[i]}, expected ${want[i]}`);
}

/**
 * Runs `fn` on js and native and compares every returned array bitwise; `expectNative` asserts
 * that a counted addon call did the work (false: that the native backend deferred to js).
 */
export function check(
  what: string,
  fn: (b: Backend) => TypedArray | readonly TypedArray[],
  expectNative = true,
): void {
  const list = (r: TypedArray | readonly TypedArray[]) => (ArrayBuffer.isView(r) ? [r] : r);
  const want = list(fn(js));
  const before = runs;
  const got = list(fn(native));
  if (expectNative) assert.ok(runs > before, `${what}: the native kernel did not run`);
  else assert.equal(runs, before, `${what}: a native kernel ran`);
  assert.equal(got.length, want.length, `${what}: number of outputs`);
  want.forEach((w, i) => assertSame(got[i]!, w, `${what} (output ${i})`));
}

/** Runs `body` on 1 and then 2 native threads (restoring the count after). */
export function onThreads(body: (threads: number) => void): void {
  const before = getNumThreads();
  try {
    for (const t of [1, 2]) {
      setNumThreads(t);
      body(t);
    }
  } finally {
    setNumThreads(before);
  }
}
