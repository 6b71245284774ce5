// Small arrays are views of shared slabs: they must behave exactly like standalone arrays —
// zero-filled, never overlapping (also across the switch to a new slab), aligned for float64.
import { test } from "node:test";
import assert from "node:assert/strict";
import { allocArray, type DType } from "../../src/core/dtype.js";

test("slab-allocated arrays start zeroed and never share memory, across many slabs", () => {
  const dtypes: DType[] = ["float32", "float64", "int32", "uint8", "bool"];
  const arrays = [];
  for (let i = 0; i < 3000; i++) {
    const dtype = dtypes[i % dtypes.length]!;
    const size = 1 + ((i * 37) % 1100); // 1 element to over 4 KiB: on-heap, slab and standalone
    const a = allocArray(dtype, size, i % 2 === 1); // odd arrays: off-heap from 1 byte up
    assert.equal(a.length, size);
    assert.ok(
      a.every((v) => v === 0),
      `array ${i} (${dtype}, ${size}) starts zero-filled`,
    );
    a.fill((i % 250) + 1);
    arrays.push(a);
  }
  arrays.forEach((a, i) =>
    assert.ok(
      a.every((v) => v === (i % 250) + 1),
      `array ${i} kept its values`,
    ),
  );
});

test("slab views are 16-byte aligned and own exactly their elements", () => {
  for (const size of [17, 100, 511, 1000]) {
    const a = allocArray("float64", size);
    assert.equal(a.byteOffset % 16, 0);
    assert.equal(a.byteLength, size * 8);
  }
  const f = allocArray("float32", 100);
  assert.equal(f.byteOffset % 16, 0);
  assert.notEqual(f.buffer.byteLength, f.byteLength, "a 400-byte array is a view of a larger slab");
});

test("offHeap: arrays of 64 bytes or less are slab views too (not V8 on-heap arrays)", () => {
  for (const size of [1, 2, 8, 16]) {
    const onHeap = allocArray("float32", size);
    assert.equal(onHeap.buffer.byteLength, size * 4, `${size} floats: an array of its own by default`);
    const off = allocArray("float32", size, true);
    assert.equal(off.length, size);
    assert.ok(off.buffer.byteLength > size * 4, `${size} floats: a view of a larger slab with offHeap`);
    assert.equal(off.byteOffset % 16, 0);
    assert.ok(off.every((v) => v === 0));
  }
  assert.equal(allocArray("float32", 0, true).length, 0);
  assert.equal(allocArray("float32", 2000, true).buffer.byteLength, 8000, "over 4 KiB: its own store");
});
