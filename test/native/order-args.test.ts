// The cumulative, sortRows, topK, scatterAdd and whereStrided exports check their arguments: a wrong
// type, a short array, a bad plan or k > n is a TypeError/RangeError naming the argument, never a
// crash; an index out of range makes scatterAdd return false without writing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadNativeAddon } from "../../src/backends/native/addon.js";
import { skipUnlessNative } from "./helpers.js";

const opts = skipUnlessNative();
const f32 = (n: number) => new Float32Array(n).fill(1);
const i32 = (n: number) => new Int32Array(n);
/** A thunk calling the addon function `name` with `args` (bypassing its TypeScript signature). */
const call =
  (name: string, ...args: unknown[]) =>
  () =>
    (loadNativeAddon() as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...args);

test("cumulative, sortRows and topK reject mismatched types and lengths", opts, () => {
  const x = f32(6);
  const err = (name: string, message: string) => ({ name, message });
  assert.throws(
    call("cumulative", x, new Float64Array(6), 1, 6, 1, false, false, false),
    err("TypeError", "x and out must have the same type"),
  );
  assert.throws(
    call("cumulative", x, f32(6), 1, 7, 1, false, false, false),
    err("RangeError", "lengths do not match [outer, n, inner]"),
  );
  assert.throws(
    call("cumulative", new Uint32Array(6), new Uint32Array(6), 1, 6, 1, false, false, false),
    err("TypeError", "x must be a Float32Array, Float64Array, Int32Array or Uint8Array"),
  );
  assert.throws(
    call("sortRows", "x", f32(6), i32(6), 2, 3, false),
    err("TypeError", "x must be a TypedArray"),
  );
  assert.throws(
    call("sortRows", x, f32(6), f32(6), 2, 3, false),
    err("TypeError", "idx must be an Int32Array"),
  );
  assert.throws(
    call("sortRows", x, f32(6), i32(5), 2, 3, false),
    err("RangeError", "idx has the wrong length"),
  );
  assert.throws(
    call("sortRows", f32(5), f32(6), i32(6), 2, 3, false),
    err("RangeError", "lengths do not match [rows, n] and [rows, k]"),
  );
  assert.throws(call("topK", x, f32(8), i32(8), 2, 3, 4), err("RangeError", "k must not exceed n"));
  assert.throws(
    call("topK", x, f32(4), i32(4), 2, 3, -1),
    err("RangeError", "k must be a non-negative int32"),
  );
  const vals = f32(4);
  const idx = i32(4);
  call("topK", Float32Array.from([1, 3, 2, 0, 5, 5]), vals, idx, 2, 3, 2)();
  assert.deepEqual(
    [Array.from(vals), Array.from(idx)],
    [
      [3, 2, 5, 5],
      [1, 2, 1, 2],
    ],
  );
});

test("scatterAdd and whereStrided reject bad indices, types and plans", opts, () => {
  const out = f32(4).fill(7);
  assert.equal(call("scatterAdd", f32(4), Int32Array.from([0, 2]), out, 1, 2, 2)(), false);
  assert.deepEqual(Array.from(out), [7, 7, 7, 7], "nothing written");
  assert.equal(call("scatterAdd", f32(4), Int32Array.from([1, 1]), out, 1, 2, 2)(), true);
  assert.deepEqual(Array.from(out), [0, 0, 2, 2]);
  assert.throws(call("scatterAdd", f32(4), f32(2), out, 1, 2, 2), {
    name: "TypeError",
    message: "indices must be an Int32Array",
  });
  assert.throws(call("scatterAdd", f32(3), i32(2), out, 1, 2, 2), {
    name: "RangeError",
    message: "lengths do not match [outer, n, inner] and [outer, m, inner]",
  });
  const plan = (...p: number[]) => Float64Array.from(p);
  const c = new Uint8Array([1, 0]);
  const where = (...args: unknown[]) => call("whereStrided", ...args);
  where(c, f32(2), new Float32Array(1), out.subarray(0, 2), plan(1, 2, 1, 1, 0))();
  assert.deepEqual(Array.from(out.subarray(0, 2)), [1, 0]);
  assert.throws(where(c, f32(2), f32(2), f32(2), plan(1, 2, 1, 1)), {
    name: "RangeError",
    message: "the plan's length does not match its rank",
  });
  assert.throws(where(c, f32(1), f32(2), f32(2), plan(1, 2, 1, 1, 1)), {
    name: "RangeError",
    message: "an operand is too short for the plan",
  });
  assert.throws(where(c, f32(2), f32(2), f32(3), plan(1, 2, 1, 1, 1)), {
    name: "RangeError",
    message: "out's length is not the plan's size",
  });
  assert.throws(where(c, f32(2), f32(2), f32(2), plan(1, 2, -1, 1, 1)), { name: "RangeError" });
  assert.throws(where(c, f32(2), i32(2), f32(2), plan(1, 2, 1, 1, 1)), {
    name: "TypeError",
    message: "a, b and out must have the same 1-, 4- or 8-byte element type",
  });
  assert.throws(where(new Uint16Array(2), f32(2), f32(2), f32(2), plan(1, 2, 1, 1, 1)), {
    name: "TypeError",
    message: "cond must be a Uint8Array, Int32Array, Float32Array or Float64Array",
  });
});
