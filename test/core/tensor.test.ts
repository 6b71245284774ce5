import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertThrowsWith } from "../helpers/gradcheck.js";

const { ops } = keras;

test("tensors from nested arrays: shape, default dtypes, values", () => {
  const x = keras.tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assert.deepEqual(x.shape, [2, 3]);
  assert.equal(x.dtype, "float32");
  assert.equal(x.rank, 2);
  assert.equal(x.size, 6);
  assert.ok(x.values instanceof Float32Array);
  assert.deepEqual(x.arraySync(), [
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const b = keras.tensor([[true], [false]]);
  assert.equal(b.dtype, "bool");
  assert.deepEqual(b.arraySync(), [[true], [false]]);
  assert.equal(keras.tensor([1.5, 2], "int32").dtype, "int32");
  assert.deepEqual(keras.tensor([1.7, -2.2], "int32").arraySync(), [1, -2]);
  assert.deepEqual(keras.tensor([]).shape, [0]);
  assert.deepEqual(keras.tensor([[], []]).shape, [2, 0]);
});

test("tensors from TypedArrays keep their dtype and copy the data", () => {
  const src = new Int32Array([1, 2, 3]);
  const x = keras.tensor(src);
  assert.equal(x.dtype, "int32");
  assert.deepEqual(x.shape, [3]);
  src[0] = 99;
  assert.equal(x.values[0], 1);
  assert.equal(keras.tensor(new Float64Array(2)).dtype, "float64");
  assert.equal(keras.tensor(new Uint8Array(2)).dtype, "uint8");
  assert.equal(keras.tensor(new Float32Array([1, 2]), "float64").dtype, "float64");
});

test("scalars: shape (), item(), and item() on a bigger tensor throws", () => {
  const s = keras.tensor(3.5);
  assert.deepEqual(s.shape, []);
  assert.equal(s.size, 1);
  assert.equal(s.item(), 3.5);
  assert.equal(s.arraySync(), 3.5);
  assert.equal(keras.tensor(true).item(), true);
  assert.equal(keras.tensor(7, "int32").dtype, "int32");
  assert.equal(keras.tensor([[4]]).item(), 4);
  assert.throws(() => keras.tensor([1, 2]).item(), /one element/);
});

test("dataSync/data/array return copies of the values", async () => {
  const x = keras.tensor([1, 2, 3]);
  const d = x.dataSync();
  d[0] = 42;
  assert.equal(x.values[0], 1);
  assert.deepEqual(Array.from(await x.data()), [1, 2, 3]);
  assert.deepEqual(await x.array(), [1, 2, 3]);
});

test("ragged nested arrays raise a ShapeError that says where", () => {
  const e = assertThrowsWith(
    () => keras.tensor([[1, 2], [3]]),
    keras.ShapeError,
    "ragged",
    "index [1]",
    "length 1",
    "length 2",
  );
  assert.deepEqual((e as keras.ShapeError).shapes, [[2, 2]]);
  assertThrowsWith(() => keras.tensor([[1, 2], 3] as never), keras.ShapeError, "ragged", "a scalar");
  assertThrowsWith(() => keras.tensor([1, [2, 3]] as never), keras.ShapeError, "ragged", "an array");
  assertThrowsWith(() => keras.tensor([1, "a"] as never), keras.ValueError, "expected a number or boolean");
});

test("Variable: assign checks the shape and casts to the variable's dtype", () => {
  const v = new keras.Variable([[1, 2]], { name: "kernel" });
  assert.equal(v.name, "kernel");
  assert.equal(v.dtype, "float32");
  assert.deepEqual(v.shape, [1, 2]);
  assert.equal(v.trainable, true);
  const before = v.value;
  v.assign([[3, 4]]);
  assert.deepEqual(v.arraySync(), [[3, 4]]);
  assert.deepEqual(before.arraySync(), [[1, 2]]); // earlier reads stay valid
  assertThrowsWith(() => v.assign([1, 2, 3]), keras.ShapeError, '"kernel"', "(1, 2)", "(3,)");
  const i = new keras.Variable([0, 0], { dtype: "int32" });
  i.assign(keras.tensor([1.9, -2.9]));
  assert.equal(i.value.dtype, "int32");
  assert.deepEqual(i.arraySync(), [1, -2]);
  assert.equal(new keras.Variable(ops.zeros([2], "float64")).dtype, "float64");
  assert.equal(new keras.Variable([1], { trainable: false }).trainable, false);
});

test("zeros, ones, full and the *Like forms: shapes, dtypes, values", () => {
  const z = ops.zeros([2, 3]);
  assert.deepEqual([z.shape, z.dtype], [[2, 3], "float32"]);
  assert.ok(Array.from(z.values).every((v) => v === 0));
  const o = ops.ones([4], "int32");
  assert.deepEqual([o.dtype, o.arraySync()], ["int32", [1, 1, 1, 1]]);
  assert.deepEqual(ops.full([2], 7).arraySync(), [7, 7]);
  assert.equal(ops.full([1], true).dtype, "bool");
  assert.equal(ops.full([1], 2, "float64").dtype, "float64");
  assert.deepEqual(ops.zeros([]).shape, []);
  assert.deepEqual(ops.zeros([0, 5]).size, 0);
  const like = ops.zerosLike(keras.tensor([[1, 2]], "int32"));
  assert.deepEqual([like.shape, like.dtype, like.arraySync()], [[1, 2], "int32", [[0, 0]]]);
  assert.deepEqual(ops.onesLike([1, 2], "float64").dtype, "float64");
  assert.deepEqual(ops.fullLike(keras.tensor([1, 2, 3]), 5).arraySync(), [5, 5, 5]);
  assertThrowsWith(() => ops.zeros([2, -1]), keras.ShapeError, "non-negative");
  assertThrowsWith(() => ops.ones([2], "complex64" as never), keras.DTypeError, "complex64");
});
