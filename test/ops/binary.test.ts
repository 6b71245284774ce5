import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith, checkGradients, f64 } from "../helpers/gradcheck.js";

const { ops } = keras;

const vec = (values: number[]) => new keras.Tensor(Float64Array.from(values), [values.length], "float64");
const values = (t: keras.Tensor) => Array.from(t.values);

test("binary arithmetic: forward values", () => {
  assert.deepEqual(ops.add([1, 2], 10).arraySync(), [11, 12]);
  assert.deepEqual(ops.subtract([3, 4], [1, 1]).arraySync(), [2, 3]);
  assert.deepEqual(ops.multiply([[1], [2]], [3, 4]).arraySync(), [
    [3, 4],
    [6, 8],
  ]);
  assert.deepEqual(ops.divide([1, 3], 2).arraySync(), [0.5, 1.5]);
  assert.equal(ops.trueDivide, ops.divide);
  assert.deepEqual(ops.floorDivide([7, -7, 7.5], 2).arraySync(), [3, -4, 3]);
  // Python's %: the sign follows the divisor.
  assert.deepEqual(ops.mod([7, -7, 7, -7], [3, 3, -3, -3]).arraySync(), [1, 2, -2, -1]);
  assert.deepEqual(ops.power([2, 3, 4], [3, 2, 0.5]).arraySync(), [8, 9, 2]);
  assert.deepEqual(ops.maximum([1, 5], 3).arraySync(), [3, 5]);
  assert.deepEqual(ops.minimum([1, 5], 3).arraySync(), [1, 3]);
  assertClose(
    values(ops.arctan2(vec([1, 1, -1]), vec([1, -1, 0]))),
    [Math.PI / 4, (3 * Math.PI) / 4, -Math.PI / 2],
    1e-15,
  );
  assert.deepEqual(ops.squaredDifference([1, 5], [4, 2]).arraySync(), [9, 9]);
  // NaN propagates through maximum / minimum from either side.
  assert.ok(values(ops.maximum([NaN, 1], [1, NaN])).every(Number.isNaN));
  assert.ok(values(ops.minimum([NaN, 1], [1, NaN])).every(Number.isNaN));
});

test("comparisons and logical ops return bool", () => {
  const a = keras.tensor([1, 2, 3]);
  const cases: [keras.Tensor, boolean[]][] = [
    [ops.equal(a, 2), [false, true, false]],
    [ops.notEqual(a, 2), [true, false, true]],
    [ops.less(a, 2), [true, false, false]],
    [ops.lessEqual(a, 2), [true, true, false]],
    [ops.greater(a, 2), [false, false, true]],
    [ops.greaterEqual(a, 2), [false, true, true]],
    [ops.logicalAnd([true, true, false], [true, false, false]), [true, false, false]],
    [ops.logicalOr([true, true, false], [true, false, false]), [true, true, false]],
    [ops.logicalXor([true, true, false], [true, false, false]), [false, true, false]],
    // logical ops take truthiness of numbers
    [ops.logicalAnd([2, 0, -1], 3), [true, false, true]],
    // comparisons promote first: int32 2 equals float32 2.0
    [ops.equal(keras.tensor([2, 3], "int32"), keras.tensor([2, 2.5])), [true, false]],
    [ops.equal([NaN], [NaN]), [false]],
  ];
  for (const [t, expected] of cases) {
    assert.equal(t.dtype, "bool");
    assert.deepEqual(t.arraySync(), expected);
  }
});

test("dtype promotion: strong tensors promote, JS numbers are weak", () => {
  const i32 = keras.tensor([1, 2], "int32");
  const f32 = keras.tensor([0.5, 1.5]);
  const u8 = keras.tensor([250, 3], "uint8");
  const b = keras.tensor([true, false]);
  const f64t = f64([2], 1);
  assert.equal(ops.add(i32, f32).dtype, "float32");
  assert.equal(ops.add(f32, 2).dtype, "float32");
  assert.equal(ops.add(f32, 2.5).dtype, "float32");
  assert.equal(ops.add(f64t, 2.5).dtype, "float64");
  assert.equal(ops.add(f32, f64t).dtype, "float64");
  const i = ops.add(i32, 2);
  assert.equal(i.dtype, "int32");
  assert.deepEqual(i.arraySync(), [3, 4]);
  const fl = ops.add(i32, 2.5);
  assert.equal(fl.dtype, "float32");
  assert.deepEqual(fl.arraySync(), [3.5, 4.5]);
  assert.equal(ops.add(u8, 1).dtype, "uint8");
  assert.deepEqual(ops.add(u8, 10).arraySync(), [4, 13]); // uint8 wraps
  assert.equal(ops.add(u8, 300).dtype, "int32"); // 300 does not fit uint8
  assert.equal(ops.add(u8, i32).dtype, "int32");
  assert.equal(ops.divide(i32, i32).dtype, "float32");
  assert.deepEqual(ops.divide(i32, keras.tensor([2, 4], "int32")).arraySync(), [0.5, 0.5]);
  assert.equal(ops.arctan2(i32, i32).dtype, "float32");
  // bool: True + True is True (NumPy); bool with an int scalar or tensor becomes int32.
  const bb = ops.add(b, b);
  assert.equal(bb.dtype, "bool");
  assert.deepEqual(bb.arraySync(), [true, false]);
  assert.deepEqual(ops.multiply(b, keras.tensor([true, true])).arraySync(), [true, false]);
  const bi = ops.add(b, 1);
  assert.equal(bi.dtype, "int32");
  assert.deepEqual(bi.arraySync(), [2, 1]);
  assert.equal(ops.add(b, i32).dtype, "int32");
  assert.equal(ops.multiply(b, f32).dtype, "float32");
  // Nested arrays convert as float32.
  assert.equal(ops.add([1, 2], [3, 4]).dtype, "float32");
});

test("integer semantics: wrapping products, floor division, division by zero", () => {
  const big = keras.tensor([65536, -3], "int32");
  assert.deepEqual(ops.multiply(big, big).arraySync(), [0, 9]); // 2^32 wraps to 0, as NumPy int32
  assert.deepEqual(ops.multiply(keras.tensor([123456789], "int32"), 1000).arraySync(), [
    Math.imul(123456789, 1000),
  ]);
  assert.deepEqual(ops.floorDivide(keras.tensor([7, -7], "int32"), 2).arraySync(), [3, -4]);
  assert.deepEqual(ops.mod(keras.tensor([7, -7], "int32"), 3).arraySync(), [1, 2]);
  // Integer division by zero gives 0 instead of garbage.
  assert.deepEqual(ops.floorDivide(keras.tensor([5], "int32"), keras.tensor([0], "int32")).arraySync(), [0]);
  assert.deepEqual(ops.mod(keras.tensor([5], "int32"), keras.tensor([0], "int32")).arraySync(), [0]);
  assert.deepEqual(ops.power(keras.tensor([2, 3], "int32"), 3).arraySync(), [8, 27]);
});

test("broadcasting: results and errors naming both shapes", () => {
  const r = ops.add(ops.reshape(keras.tensor([1, 2, 3]), [3, 1]), keras.tensor([10, 20]));
  assert.deepEqual(r.shape, [3, 2]);
  assert.deepEqual(r.arraySync(), [
    [11, 21],
    [12, 22],
    [13, 23],
  ]);
  const s = ops.subtract(ops.ones([2, 1, 3]), ops.ones([4, 1]));
  assert.deepEqual(s.shape, [2, 4, 3]);
  assert.deepEqual(ops.multiply(keras.tensor(2), ops.ones([2, 2])).arraySync(), [
    [2, 2],
    [2, 2],
  ]);
  assertThrowsWith(() => ops.add(ops.ones([2, 3]), ops.ones([4])), keras.ShapeError, "add", "(2, 3)", "(4,)");
  const e = assertThrowsWith(
    () => ops.greater(ops.ones([5, 2]), ops.ones([3, 1])),
    keras.ShapeError,
    "greater",
    "(5, 2)",
    "(3, 1)",
  );
  assert.deepEqual((e as keras.ShapeError).shapes, [
    [5, 2],
    [3, 1],
  ]);
});

test("symbolic binary ops: unknown dims broadcast, dtypes promote, errors still raised", () => {
  const x = new keras.SymbolicTensor([null, 1, 4], "float32");
  const y = ops.add(x, ops.ones([3, 1]));
  assert.ok(y instanceof keras.SymbolicTensor);
  assert.deepEqual(y.shape, [null, 3, 4]);
  assert.deepEqual(ops.multiply(x, 2).shape, [null, 1, 4]);
  assert.equal(ops.multiply(x, 2).dtype, "float32");
  assert.equal(ops.add(new keras.SymbolicTensor([null, 3], "int32"), 2.5).dtype, "float32");
  assert.equal(ops.less(x, 0).dtype, "bool");
  assert.deepEqual(
    ops.add(new keras.SymbolicTensor([null, 3], "float32"), new keras.SymbolicTensor([null, 1], "float32"))
      .shape,
    [null, 3],
  );
  assertThrowsWith(() => ops.add(x, ops.ones([3, 5])), keras.ShapeError, "(None, 1, 4)", "(3, 5)");
  // The recorded node replays on concrete data.
  const out = y.history!.node.replay([ops.ones([2, 1, 4])], {});
  assert.deepEqual(out[0]!.shape, [2, 3, 4]);
  assert.ok(values(out[0]!).every((v) => v === 2));
});

test("binary ops: float64 gradient checks with broadcasting", () => {
  const a = f64([2, 3], 31);
  const row = f64([3], 32, 0.5, 2);
  const col = f64([2, 1], 33, 0.5, 2);
  const c = f64([2, 3], 34);
  checkGradients("add", ops.add, [a, row]);
  checkGradients("subtract", ops.subtract, [a, col]);
  checkGradients("multiply", ops.multiply, [a, row]);
  checkGradients("divide", ops.divide, [a, col]);
  checkGradients("power", ops.power, [f64([2, 3], 35, 0.5, 2), row]);
  checkGradients("maximum", ops.maximum, [a, c]);
  checkGradients("minimum", ops.minimum, [a, c]);
  checkGradients("arctan2", ops.arctan2, [a, row]);
  checkGradients("squaredDifference", ops.squaredDifference, [a, col]);
  checkGradients("mod", ops.mod, [f64([2, 3], 36, 0.1, 0.9), f64([3], 37, 1.1, 2)]);
  // Scalars (weak JS numbers) on either side.
  checkGradients("add(scalar)", (t) => ops.add(t, 3), [a]);
  checkGradients("divide(scalar, x)", (t) => ops.divide(2, t), [row]);
  checkGradients("power(x, 3)", (t) => ops.power(t, 3), [a]);
});
