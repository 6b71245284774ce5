// The addon checks its arguments itself (each TypedArray is read with one N-API call): a wrong
// type, a short array or a non-array is a TypeError/RangeError naming the argument, never a crash.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadNativeAddon } from "../../src/backends/native/addon.js";
import { skipUnlessNative } from "./helpers.js";

const opts = skipUnlessNative();
const f32 = (n: number) => new Float32Array(n).fill(1);

test("denseForward: optional bias, wrong types and short arrays are named errors", opts, () => {
  const addon = loadNativeAddon();
  const out = f32(4);
  addon.denseForward(f32(4), f32(4), null, out, 2, 2, 2, false);
  assert.deepEqual(Array.from(out), [2, 2, 2, 2]);
  addon.denseForward(f32(4), f32(4), f32(2), out, 2, 2, 2, false);
  assert.deepEqual(Array.from(out), [3, 3, 3, 3]);
  const call = (args: unknown[]) => () => (addon.denseForward as (...a: unknown[]) => void)(...args);
  assert.throws(call([f32(4), new Float64Array(4), null, out, 2, 2, 2, false]), {
    name: "TypeError",
    message: "w must be a TypedArray of the operands' type",
  });
  assert.throws(call([f32(4), [1, 2, 3, 4], null, out, 2, 2, 2, false]), {
    name: "TypeError",
    message: "w must be a TypedArray of the operands' type",
  });
  assert.throws(call([f32(4), f32(4), f32(1), out, 2, 2, 2, false]), {
    name: "RangeError",
    message: "bias is too short",
  });
});

test("matmul and unary reject mismatched or missing arrays", opts, () => {
  const addon = loadNativeAddon();
  const mm =
    (...a: unknown[]) =>
    () =>
      (addon.matmul as (...a: unknown[]) => void)(...a);
  assert.throws(mm(f32(4), new Float64Array(4), f32(4), 2, 2, 2, false, false, null, null), {
    name: "TypeError",
    message: "a, b and out must have the same element type",
  });
  assert.throws(mm(f32(4), "b", f32(4), 2, 2, 2, false, false, null, null), {
    name: "TypeError",
    message: "b must be a TypedArray",
  });
  assert.throws(mm(f32(3), f32(4), f32(4), 2, 2, 2, false, false, null, null), {
    name: "RangeError",
    message: "operand too short for its shape",
  });
  const un =
    (...a: unknown[]) =>
    () =>
      (addon.unary as (...a: unknown[]) => void)(...a);
  assert.throws(un(0, {}, f32(4)), { name: "TypeError", message: "x must be a TypedArray" });
});
