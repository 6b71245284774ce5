import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith, checkGradients, f64, testValues } from "../helpers/gradcheck.js";

const { ops } = keras;
type T = keras.Tensor;

/** Naive reference reduction: walks every element and accumulates into its output cell. */
function naiveReduce(x: T, axes: number[], init: number, f: (acc: number, v: number) => number): number[] {
  const outShape = x.shape.filter((_d, i) => !axes.includes(i));
  const out = new Array<number>(outShape.reduce((a, b) => a * b, 1)).fill(init);
  const idx = new Array<number>(x.rank).fill(0);
  for (let flat = 0; flat < x.size; flat++) {
    let o = 0;
    for (let i = 0; i < x.rank; i++) if (!axes.includes(i)) o = o * x.shape[i]! + idx[i]!;
    out[o] = f(out[o]!, x.values[flat]!);
    for (let a = x.rank - 1; a >= 0; a--) {
      if (++idx[a]! < x.shape[a]!) break;
      idx[a] = 0;
    }
  }
  return out;
}

test("reduction kernels agree with a naive reference for every axis layout", () => {
  const x = f64([3, 4, 5, 2], 11);
  const layouts = [[3], [0], [1], [1, 2], [0, 2], [0, 3], [1, 3], [0, 1, 2, 3], [], [0, 2, 3]];
  for (const axes of layouts) {
    assertClose(
      ops.sum(x, axes).values,
      naiveReduce(x, axes, 0, (a, v) => a + v),
      1e-12,
    );
    assertClose(ops.max(x, axes).values, naiveReduce(x, axes, -Infinity, Math.max), 0);
    assertClose(ops.min(x, axes).values, naiveReduce(x, axes, Infinity, Math.min), 0);
    assertClose(
      ops.prod(x, axes).values,
      naiveReduce(x, axes, 1, (a, v) => a * v),
      1e-12,
    );
  }
  // size-1 axes around the reduced ones (layout simplification) and a float32 input
  const y = keras.tensor([
    [[1], [2]],
    [[3], [4]],
  ]);
  assert.deepEqual(ops.sum(y, [0, 2]).arraySync(), [4, 6]);
  assert.equal(ops.sum(y, [0, 2]).dtype, "float32");
});

test("forward values on hand-checked examples", () => {
  const x = keras.tensor([
    [1, 5, 2],
    [4, 3, 6],
  ]);
  assert.deepEqual(ops.sum(x).item(), 21);
  assert.deepEqual(ops.sum(x, 1, true).arraySync(), [[8], [13]]);
  assert.deepEqual(ops.mean(x, 0).arraySync(), [2.5, 4, 4]);
  assert.deepEqual(ops.max(x, 1).arraySync(), [5, 6]);
  assert.deepEqual(ops.min(x, 0, true).arraySync(), [[1, 3, 2]]);
  assert.deepEqual(ops.prod(x, 1).arraySync(), [10, 72]);
  assert.deepEqual(ops.argmax(x, 1).arraySync(), [1, 2]);
  assert.deepEqual(ops.argmin(x, 0).arraySync(), [0, 1, 0]);
  assert.equal(ops.argmax(x).item(), 5); // flattened index of 6
  assert.deepEqual(ops.argmax(x, null, true).shape, [1, 1]);
  assert.deepEqual(ops.argmax(x, 1, true).arraySync(), [[1], [2]]);
  assert.deepEqual(ops.argmax([1, 3, 3, 2]).item(), 1); // first occurrence wins
  assert.deepEqual(ops.argmax([1, NaN, 3]).item(), 1); // NaN counts as the maximum (NumPy)
  assert.deepEqual(
    ops
      .argmin(
        [
          [2, 2],
          [1, 1],
        ],
        1,
      )
      .arraySync(),
    [0, 0],
  );
  assert.deepEqual(
    ops
      .any(
        [
          [0, 1],
          [0, 0],
        ],
        1,
      )
      .arraySync(),
    [true, false],
  );
  assert.deepEqual(
    ops
      .all(
        [
          [1, 1],
          [0, 1],
        ],
        1,
      )
      .arraySync(),
    [true, false],
  );
  assert.equal(ops.any([[0, 0]]).item(), false);
  assert.equal(ops.all(ops.zeros([0])).item(), true);
  assert.deepEqual(ops.cumsum(x, 1).arraySync(), [
    [1, 6, 8],
    [4, 7, 13],
  ]);
  assert.deepEqual(ops.cumsum(x).arraySync(), [1, 6, 8, 12, 15, 21]); // flattened
  assert.deepEqual(ops.cumprod(x, 0).arraySync(), [
    [1, 5, 2],
    [4, 15, 12],
  ]);
  assert.deepEqual(ops.cumprod([2, 0, 3]).arraySync(), [2, 0, 0]);
  // logsumexp: log(e^1 + e^2 + e^3) = 3.40760596444438
  assertClose(ops.logsumexp(keras.tensor([1, 2, 3], "float64")).values, [3.40760596444438], 1e-14);
  assertClose(
    ops.logsumexp(
      keras.tensor(
        [
          [1000, 1000],
          [-1000, -1000],
        ],
        "float64",
      ),
      1,
    ).values,
    [1000 + Math.LN2, -1000 + Math.LN2],
    1e-12,
  );
  assert.equal(ops.logsumexp([-Infinity, -Infinity]).item(), -Infinity);
  assert.equal(ops.logsumexp([Infinity, 0]).item(), Infinity);
  // max/min with `initial`, also over an empty axis
  assert.equal(ops.max([1, 2], null, false, 10).item(), 10);
  assert.equal(ops.min([1, 2], null, false, 1.5).item(), 1);
  assert.deepEqual(ops.max(ops.zeros([2, 0]), 1, false, -3).arraySync(), [-3, -3]);
  // sums and means of empty axes
  assert.deepEqual(ops.sum(ops.zeros([2, 0]), 1).arraySync(), [0, 0]);
  assert.ok(Number.isNaN(ops.mean(ops.zeros([0])).item() as number));
});

test("dtype rules follow Keras", () => {
  const ints = keras.tensor([1, 2, 4], "int32");
  const bools = keras.tensor([true, true, false]);
  assert.equal(ops.mean(ints).dtype, "float32");
  assertClose(ops.mean(ints).values, [7 / 3]);
  assert.equal(ops.mean(keras.tensor([1, 2], "float64")).dtype, "float64");
  assert.equal(ops.sum(bools).dtype, "int32");
  assert.equal(ops.sum(bools).item(), 2);
  assert.equal(ops.prod(bools).dtype, "int32");
  assert.equal(ops.prod(ints, null, false, "float32").dtype, "float32");
  assert.equal(ops.max(ints).dtype, "int32");
  assert.equal(ops.argmax(ints).dtype, "int32");
  assert.equal(ops.any(ints).dtype, "bool");
  assert.equal(ops.cumsum(bools).dtype, "int32");
  assert.deepEqual(ops.cumsum(bools).arraySync(), [1, 2, 2]);
  assert.equal(ops.cumsum(ints, 0, "float32").dtype, "float32");
  assert.equal(ops.logsumexp(ints).dtype, "float32");
});

test("sum, mean: gradient checks over single, several non-contiguous and all axes", () => {
  const x = f64([3, 4, 2], 1);
  for (const keepdims of [false, true]) {
    checkGradients(`sum axis 1 keepdims=${keepdims}`, (a) => ops.sum(a, 1, keepdims), [x]);
    checkGradients(`sum axes [0,2] keepdims=${keepdims}`, (a) => ops.sum(a, [0, 2], keepdims), [x]);
    checkGradients(`mean axes [0,2] keepdims=${keepdims}`, (a) => ops.mean(a, [0, 2], keepdims), [x]);
    checkGradients(`mean axis -1 keepdims=${keepdims}`, (a) => ops.mean(a, -1, keepdims), [x]);
  }
  checkGradients("sum all axes", (a) => ops.sum(a), [x]);
  checkGradients("mean all axes", (a) => ops.mean(a), [x]);
  // with broadcasting into the reduction
  checkGradients("sum of broadcast product", (a, b) => ops.sum(ops.multiply(a, b), [0, 2]), [
    x,
    f64([4, 1], 2),
  ]);
});

test("max, min: gradient checks (distinct values) and ties split equally", () => {
  const x = f64([3, 4, 2], 3);
  for (const keepdims of [false, true]) {
    checkGradients(`max axes [0,2] keepdims=${keepdims}`, (a) => ops.max(a, [0, 2], keepdims), [x]);
    checkGradients(`min axis 1 keepdims=${keepdims}`, (a) => ops.min(a, 1, keepdims), [x]);
  }
  checkGradients("max all axes", (a) => ops.max(a), [x]);
  checkGradients("min axes [0,2]", (a) => ops.min(a, [0, 2]), [x]);
  checkGradients("max with initial", (a) => ops.max(a, 1, false, 0), [x]);
  const ties = keras.tensor(
    [
      [1, 3, 3],
      [2, 2, 2],
    ],
    "float64",
  );
  assert.deepEqual(
    keras
      .grad((a: T) => ops.sum(ops.max(a, 1)))(ties)
      .arraySync(),
    [
      [0, 0.5, 0.5],
      [1 / 3, 1 / 3, 1 / 3],
    ],
  );
  assert.deepEqual(
    keras
      .grad((a: T) => ops.sum(ops.min(a, 0)))(ties)
      .arraySync(),
    [
      [1, 0, 0],
      [0, 1, 1],
    ],
  );
});

test("prod: gradient checks with no, one and two zeros, over several axes", () => {
  const x = f64([3, 4, 2], 4, 0.5, 1.5);
  for (const keepdims of [false, true]) {
    checkGradients(`prod axes [0,2] keepdims=${keepdims}`, (a) => ops.prod(a, [0, 2], keepdims), [x]);
    checkGradients(`prod axis 1 keepdims=${keepdims}`, (a) => ops.prod(a, 1, keepdims), [x]);
  }
  checkGradients("prod all axes", (a) => ops.prod(a), [f64([2, 3], 5, 0.5, 1.5)]);
  const withZeros = keras.tensor(
    [
      [2, 0, 3, 4],
      [0, 5, 0, 2],
      [1, 2, 3, 4],
    ],
    "float64",
  );
  checkGradients("prod with zeros axis 1", (a) => ops.prod(a, 1), [withZeros]);
  checkGradients("prod with zeros axis 0", (a) => ops.prod(a, 0), [withZeros]);
  // d prod / dx for one zero: only the zero gets the product of the others
  assert.deepEqual(
    keras
      .grad((a: T) => ops.sum(ops.prod(a, 1)))(withZeros)
      .arraySync(),
    [
      [0, 24, 0, 0],
      [0, 0, 0, 0],
      [24, 12, 8, 6],
    ],
  );
  // second order (the gradient's own gradient goes through exclusive/reverse cumulative products)
  checkGradients(
    "prod second order",
    (a) => keras.grad((b: T) => ops.sum(ops.multiply(ops.prod(b, 1), ops.prod(b, 1))))(a),
    [withZeros],
  );
});

test("logsumexp: gradient checks and stability", () => {
  const x = f64([3, 4, 2], 6, -3, 3);
  for (const keepdims of [false, true]) {
    checkGradients(`logsumexp axes [0,2] keepdims=${keepdims}`, (a) => ops.logsumexp(a, [0, 2], keepdims), [
      x,
    ]);
    checkGradients(`logsumexp axis -1 keepdims=${keepdims}`, (a) => ops.logsumexp(a, -1, keepdims), [x]);
  }
  checkGradients("logsumexp all axes", (a) => ops.logsumexp(a), [x]);
  // large inputs: the gradient is the softmax, finite
  const big = keras.tensor([1000, 1000], "float64");
  assertClose(keras.grad((a: T) => ops.logsumexp(a))(big).values, [0.5, 0.5], 1e-12);
});

test("cumsum, cumprod: gradient checks (with zeros) and second order", () => {
  const x = f64([3, 4], 7, 0.5, 1.5);
  checkGradients("cumsum axis 0", (a) => ops.cumsum(a, 0), [x]);
  checkGradients("cumsum axis 1", (a) => ops.cumsum(a, 1), [x]);
  checkGradients("cumsum flattened", (a) => ops.cumsum(a), [x]);
  checkGradients("cumprod axis 0", (a) => ops.cumprod(a, 0), [x]);
  checkGradients("cumprod axis -1", (a) => ops.cumprod(a, -1), [x]);
  checkGradients("cumprod flattened", (a) => ops.cumprod(a), [f64([2, 3], 8, 0.5, 1.5)]);
  const z = keras.tensor(
    [
      [2, 0, 3, 4, 0.5],
      [0, 5, 0, 2, 1.5],
      [1, 2, 3, 4, 0],
      [1.5, 2, 0.5, 1, 3],
    ],
    "float64",
  );
  checkGradients("cumprod with zeros", (a) => ops.cumprod(a, 1), [z]);
  checkGradients("cumprod with zeros axis 0", (a) => ops.cumprod(a, 0), [z]);
  checkGradients(
    "cumprod second order",
    (a) => keras.grad((b: T) => ops.sum(ops.square(ops.cumprod(b, 1))))(a),
    [z],
  );
  checkGradients(
    "cumsum second order",
    (a) => keras.grad((b: T) => ops.sum(ops.square(ops.cumsum(b, 1))))(a),
    [x],
  );
});

test("bad axes and empty reductions raise typed errors naming the op", () => {
  const x = ops.zeros([2, 3]);
  const e = assertThrowsWith(
    () => ops.sum(x, 2),
    keras.AxisError,
    "sum",
    "axis 2",
    "rank 2",
  ) as keras.AxisError;
  assert.equal(e.axis, 2);
  assert.equal(e.rank, 2);
  assertThrowsWith(() => ops.mean(x, [0, -3]), keras.AxisError, "mean", "axis -3", "rank 2");
  assertThrowsWith(() => ops.max(x, 5), keras.AxisError, "max", "axis 5");
  assertThrowsWith(() => ops.argmax(x, -3), keras.AxisError, "argmax", "axis -3", "rank 2");
  assertThrowsWith(() => ops.cumsum(x, 2), keras.AxisError, "cumsum", "axis 2");
  assertThrowsWith(() => ops.logsumexp(x, 3), keras.AxisError, "logsumexp", "axis 3");
  assertThrowsWith(() => ops.sum(x, [1, 1]), keras.ShapeError, "sum", "repeated axis");
  assertThrowsWith(() => ops.max(ops.zeros([2, 0]), 1), keras.ValueError, "max", "(2, 0)", "initial");
  assertThrowsWith(() => ops.argmin(ops.zeros([0])), keras.ValueError, "argmin", "(0,)");
});

test("symbolic inputs with an unknown batch give the right shapes and dtypes", () => {
  const s = new keras.SymbolicTensor([null, 3, 4], "float32");
  const cases: [keras.AnyTensor, (number | null)[], string][] = [
    [ops.sum(s, 1), [null, 4], "float32"],
    [ops.sum(s, [0, 2], true), [1, 3, 1], "float32"],
    [ops.mean(s, -1), [null, 3], "float32"],
    [ops.max(s, [1, 2]), [null], "float32"],
    [ops.min(s, 0), [3, 4], "float32"],
    [ops.prod(s, 1, true), [null, 1, 4], "float32"],
    [ops.argmax(s, -1), [null, 3], "int32"],
    [ops.argmin(s), [], "int32"],
    [ops.any(s, 2), [null, 3], "bool"],
    [ops.all(s), [], "bool"],
    [ops.logsumexp(s, [1, 2], true), [null, 1, 1], "float32"],
    [ops.cumsum(s, 1), [null, 3, 4], "float32"],
    [ops.cumprod(s), [null], "float32"],
    [ops.mean(new keras.SymbolicTensor([null, 2], "int32")), [], "float32"],
  ];
  for (const [y, shape, dtype] of cases) {
    assert.ok(y instanceof keras.SymbolicTensor);
    assert.deepEqual(y.shape, shape);
    assert.equal(y.dtype, dtype);
  }
  // a recorded node replays on real data
  const y = ops.logsumexp(s, -1) as keras.SymbolicTensor;
  const data = new keras.Tensor(Float32Array.from(testValues(24, 3)), [2, 3, 4], "float32");
  const [replayed] = y.history!.node.replay([data], {});
  assertClose(replayed!.values, ops.logsumexp(data, -1).values, 1e-6);
});
