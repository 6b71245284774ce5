import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertThrowsWith, checkGradients, f64 } from "../helpers/gradcheck.js";

const { ops } = keras;
const i32 = (values: number[], shape: number[]) => new keras.Tensor(Int32Array.from(values), shape, "int32");
const sym = (shape: (number | null)[], dtype: keras.DType = "float32") =>
  new keras.SymbolicTensor(shape, dtype);

test("take: forward values, axes, negative indices, flattening", () => {
  const x = keras.tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assert.deepEqual(ops.take(x, [2, 0], 1).arraySync(), [
    [3, 1],
    [6, 4],
  ]);
  assert.deepEqual(ops.take(x, [-1, 0]).arraySync(), [6, 1]);
  assert.deepEqual(ops.take(x, 1, 0).arraySync(), [4, 5, 6]);
  assert.deepEqual(
    ops.take(
      x,
      [
        [1, 0],
        [1, 1],
      ],
      0,
    ).shape,
    [2, 2, 3],
  );
  assert.deepEqual(
    ops
      .take(
        x,
        [
          [1, 0],
          [1, 1],
        ],
        0,
      )
      .arraySync(),
    [
      [
        [4, 5, 6],
        [1, 2, 3],
      ],
      [
        [4, 5, 6],
        [4, 5, 6],
      ],
    ],
  );
  assert.deepEqual(ops.take(x, [-3], -1).arraySync(), [[1], [4]]);
  // float index tensors are cast; dtype of x is kept
  const t = ops.take(i32([7, 8, 9], [3]), keras.tensor([2, 0]));
  assert.equal(t.dtype, "int32");
  assert.deepEqual(t.arraySync(), [9, 7]);
});

test("take: errors name the index, axis and size", () => {
  const x = keras.tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assertThrowsWith(
    () => ops.take(x, [0, 3], 1),
    keras.ValueError,
    "take",
    "index 3",
    "axis 1",
    "size 3",
    "(2, 3)",
  );
  assertThrowsWith(() => ops.take(x, [-7]), keras.ValueError, "index -7", "axis 0", "size 6");
  assertThrowsWith(() => ops.take(x, [0], 2), keras.AxisError, "take", "axis 2");
  assertThrowsWith(() => ops.take(x, [true]), keras.DTypeError, "take", "bool");
});

test("take: gradients accumulate over repeated indices", () => {
  const x = f64([3, 4], 1);
  checkGradients("take(axis=1)", (a) => ops.take(a, [2, 0, 2, -1], 1), [x]);
  checkGradients(
    "take(axis=0, 2-D indices)",
    (a) =>
      ops.take(
        a,
        [
          [1, 1],
          [0, 2],
        ],
        0,
      ),
    [x],
  );
  checkGradients("take(flat)", (a) => ops.take(a, [5, 5, 11, 0]), [x]);
  // repeated index: d/dx of sum(take(x, [1, 1, 1])) is 3 at position 1
  const g = keras.grad((a: keras.Tensor) => ops.sum(ops.take(a, [1, 1, 1])))(
    keras.tensor([1, 2, 3], "float64"),
  );
  assert.deepEqual(g.arraySync(), [0, 3, 0]);
  // second order: take's VJP is a scatter-add whose own VJP is a gather
  const idx = i32([2, 0, 2], [3]);
  checkGradients(
    "scatterAdd(take VJP)",
    (w) => keras.grad((a: keras.Tensor) => ops.sum(ops.multiply(ops.take(a, idx, 1), w)))(x),
    [f64([3, 3], 2)],
  );
});

test("takeAlongAxis: values, broadcasting and gradients", () => {
  const x = keras.tensor([
    [10, 30, 20],
    [60, 40, 50],
  ]);
  assert.deepEqual(
    ops
      .takeAlongAxis(
        x,
        [
          [0, 2],
          [1, 1],
        ],
        1,
      )
      .arraySync(),
    [
      [10, 20],
      [40, 40],
    ],
  );
  assert.deepEqual(ops.takeAlongAxis(x, [[1, 0, 1]], 0).arraySync(), [[60, 30, 50]]);
  assert.deepEqual(ops.takeAlongAxis(x, [[-1], [0]], 1).arraySync(), [[20], [60]]);
  assert.deepEqual(ops.takeAlongAxis(x, [5, 0]).arraySync(), [50, 10]);
  // sorting via argsort
  assert.deepEqual(ops.takeAlongAxis(x, ops.argsort(x, 1), 1).arraySync(), [
    [10, 20, 30],
    [40, 50, 60],
  ]);
  // x broadcasts on the non-axis dims
  assert.deepEqual(ops.takeAlongAxis(keras.tensor([[1, 2, 3]]), [[2], [0]], 1).arraySync(), [[3], [1]]);
  checkGradients(
    "takeAlongAxis(axis=1)",
    (a) =>
      ops.takeAlongAxis(
        a,
        [
          [0, 0],
          [3, 1],
          [2, 2],
        ],
        1,
      ),
    [f64([3, 4], 3)],
  );
  checkGradients("takeAlongAxis(axis=0)", (a) => ops.takeAlongAxis(a, [[2, 0, 0, 1]], 0), [f64([3, 4], 4)]);
  checkGradients(
    "takeAlongAxis(broadcast x)",
    (a) =>
      ops.takeAlongAxis(
        a,
        [
          [3, 3],
          [0, 1],
          [2, 3],
        ],
        1,
      ),
    [f64([1, 4], 5)],
  );
});

test("takeAlongAxis: errors", () => {
  const x = keras.tensor([
    [1, 2],
    [3, 4],
  ]);
  assertThrowsWith(
    () => ops.takeAlongAxis(x, [0, 1], 1),
    keras.ShapeError,
    "takeAlongAxis",
    "(2, 2)",
    "(2,)",
    "same number",
  );
  assertThrowsWith(
    () => ops.takeAlongAxis(x, [[0], [2]], 1),
    keras.ValueError,
    "index 2",
    "axis 1",
    "size 2",
  );
  assertThrowsWith(() => ops.takeAlongAxis(x, [[0], [1], [1]], 1), keras.ShapeError, "takeAlongAxis");
});

test("scatter: sums duplicates, slices, gradients w.r.t. values", () => {
  assert.deepEqual(ops.scatter([[1], [3], [1]], [10, 20, 5], [4]).arraySync(), [0, 15, 0, 20]);
  assert.deepEqual(ops.scatter([[0, 1]], [7], [2, 2]).arraySync(), [
    [0, 7],
    [0, 0],
  ]);
  assert.deepEqual(ops.scatter([[1]], [[1, 2]], [2, 2]).arraySync(), [
    [0, 0],
    [1, 2],
  ]);
  assert.deepEqual(ops.scatter([[-1, 0]], [3], [2, 2]).arraySync(), [
    [0, 0],
    [3, 0],
  ]);
  const s = ops.scatter(i32([0, 2], [2, 1]), i32([4, 5], [2]), [3]);
  assert.equal(s.dtype, "int32");
  assert.deepEqual(s.arraySync(), [4, 0, 5]);
  const idx = i32([1, 3, 1], [3, 1]);
  checkGradients("scatter(values)", (i, v) => ops.scatter(i, v, [4, 2]), [idx, f64([3, 2], 6)], { wrt: [1] });
  const idx2 = i32([0, 1, 2, 0, 0, 1], [3, 2]);
  checkGradients(
    "scatter(values, 2-D index)",
    (i, v) => ops.scatter(i, v, [3, 2, 2]),
    [idx2, f64([3, 2], 7)],
    { wrt: [1] },
  );
});

test("scatter: errors", () => {
  assertThrowsWith(
    () => ops.scatter([[0, 0, 0]], [1], [2, 2]),
    keras.ShapeError,
    "scatter",
    "(1, 3)",
    "(2, 2)",
  );
  assertThrowsWith(
    () => ops.scatter([[0]], [1, 2, 3], [2, 2]),
    keras.ShapeError,
    "scatter",
    "(1, 2)",
    "(3,)",
  );
  assertThrowsWith(
    () => ops.scatter([[4]], [1], [4]),
    keras.ValueError,
    "scatter",
    "index 4",
    "axis 0",
    "size 4",
  );
  assertThrowsWith(() => ops.scatter([[0]], [1], [-1]), keras.ShapeError, "scatter");
});

test("scatterUpdate: overwrites slices, last duplicate wins, gradients", () => {
  const x = ops.zeros([2, 3]);
  assert.deepEqual(
    ops
      .scatterUpdate(
        x,
        [
          [0, 1],
          [1, 2],
        ],
        [5, 6],
      )
      .arraySync(),
    [
      [0, 5, 0],
      [0, 0, 6],
    ],
  );
  assert.deepEqual(ops.scatterUpdate(x, [[1]], [[1, 2, 3]]).arraySync(), [
    [0, 0, 0],
    [1, 2, 3],
  ]);
  assert.deepEqual(ops.scatterUpdate(keras.tensor([1, 2, 3]), [[0], [0]], [7, 9]).arraySync(), [9, 2, 3]);
  const ix = i32([2, 0, 2], [3, 1]);
  checkGradients("scatterUpdate", (a, b) => ops.scatterUpdate(a, ix, b), [f64([4, 2], 8), f64([3, 2], 9)]);
  assertThrowsWith(
    () => ops.scatterUpdate(x, [[0, 3]], [1]),
    keras.ValueError,
    "scatterUpdate",
    "index 3",
    "axis 1",
    "size 3",
  );
  assertThrowsWith(
    () => ops.scatterUpdate(x, [[0]], [1, 2]),
    keras.ShapeError,
    "scatterUpdate",
    "(1, 3)",
    "(2,)",
  );
});

test("oneHot: values, axis, out-of-range labels, dtype", () => {
  assert.deepEqual(ops.oneHot([0, 2, 5, -1], 3).arraySync(), [
    [1, 0, 0],
    [0, 0, 1],
    [0, 0, 0],
    [0, 0, 0],
  ]);
  assert.deepEqual(ops.oneHot([1, 0], 2, 0).arraySync(), [
    [0, 1],
    [1, 0],
  ]);
  const h = ops.oneHot(keras.tensor([[1], [2]]), 3, 1, "int32");
  assert.equal(h.dtype, "int32");
  assert.deepEqual(h.shape, [2, 3, 1]);
  assert.deepEqual(h.arraySync(), [
    [[0], [1], [0]],
    [[0], [0], [1]],
  ]);
  assert.equal(ops.oneHot(i32([1], [1]), 4).dtype, "float32");
  assertThrowsWith(() => ops.oneHot([1], -2), keras.ValueError, "oneHot", "numClasses", "-2");
  assertThrowsWith(() => ops.oneHot([1], 3, 2), keras.AxisError, "oneHot", "axis 2");
});

test("sort and argsort: values, stability, axes, gradients", () => {
  assert.deepEqual(ops.sort([3, 1, 2]).arraySync(), [1, 2, 3]);
  assert.deepEqual(
    ops
      .sort(
        [
          [3, 1],
          [0, 4],
        ],
        0,
      )
      .arraySync(),
    [
      [0, 1],
      [3, 4],
    ],
  );
  assert.deepEqual(ops.argsort([3, 1, 2, 1]).arraySync(), [1, 3, 2, 0]);
  assert.deepEqual(
    ops
      .argsort(
        [
          [2, 5, 1],
          [2, 2, 1],
          [0, 2, 1],
        ],
        0,
      )
      .arraySync(),
    [
      [2, 1, 0],
      [0, 2, 1],
      [1, 0, 2],
    ],
  );
  const nan = ops.sort(keras.tensor([2, NaN, -1])).dataSync();
  assert.deepEqual([nan[0], nan[1]], [-1, 2]);
  assert.ok(Number.isNaN(nan[2]!));
  const a = ops.argsort(i32([5, 4, 5, 4], [4]));
  assert.equal(a.dtype, "int32");
  assert.deepEqual(a.arraySync(), [1, 3, 0, 2]);
  checkGradients("sort(axis=-1)", (x) => ops.sort(x), [f64([3, 5], 10)]);
  checkGradients("sort(axis=0)", (x) => ops.sort(x, 0), [f64([4, 2, 3], 11)]);
  assertThrowsWith(() => ops.sort(3), keras.AxisError, "sort");
  assertThrowsWith(() => ops.argsort([1, 2], 1), keras.AxisError, "argsort", "axis 1");
});

test("topK: values, ties by lower index, both kernel paths, gradients", () => {
  const [v, i] = ops.topK([1, 5, 3, 5], 2);
  assert.deepEqual(v.arraySync(), [5, 5]);
  assert.deepEqual(i.arraySync(), [1, 3]);
  assert.equal(i.dtype, "int32");
  // long rows take the insertion path (k * 8 < n)
  const row = [4, 9, 1, 9, 0, 7, 3, 8, 2, 6, 5, 9, 1, 0, 3, 2, 7, 8, 6, 4];
  const [lv, li] = ops.topK([row, row.map((x) => 5 - x)], 2);
  assert.deepEqual(lv.arraySync(), [
    [9, 9],
    [5, 5],
  ]);
  assert.deepEqual(li.arraySync(), [
    [1, 3],
    [4, 13],
  ]);
  const [zv] = ops.topK([[1, 2]], 0);
  assert.deepEqual(zv.shape, [1, 0]);
  checkGradients("topK(k=2, sort path)", (x) => ops.topK(x, 2)[0], [f64([3, 6], 12)]);
  checkGradients("topK(k=2, insertion path)", (x) => ops.topK(x, 2)[0], [f64([2, 20], 13)]);
  assertThrowsWith(() => ops.topK([1, 2, 3], 4), keras.ValueError, "topK", "k (4)", "(3,)", "last axis 3");
  assertThrowsWith(() => ops.topK([1, 2, 3], -1), keras.ValueError, "topK", "-1");
});

test("indexing ops on symbolic tensors keep unknown dims", () => {
  const x = sym([null, 5]);
  assert.deepEqual(ops.take(x, [0, 1, 2], 1).shape, [null, 3]);
  assert.deepEqual(ops.take(x, [[0, 1]], 0).shape, [1, 2, 5]);
  assert.deepEqual(ops.take(x, [0, 1]).shape, [2]);
  assert.deepEqual(ops.take(keras.tensor([1, 2, 3]), sym([null, 2], "int32")).shape, [null, 2]);
  assert.deepEqual(ops.takeAlongAxis(x, sym([null, 2], "int32"), 1).shape, [null, 2]);
  assert.deepEqual(ops.oneHot(sym([null], "int32"), 10).shape, [null, 10]);
  assert.deepEqual(ops.oneHot(sym([null, 4], "int32"), 3, 1).shape, [null, 3, 4]);
  assert.deepEqual(ops.sort(x, 0).shape, [null, 5]);
  const [tv, ti] = ops.topK(x, 3);
  assert.deepEqual([tv.shape, ti.shape, ti.dtype], [[null, 3], [null, 3], "int32"]);
  assert.deepEqual(ops.argsort(x).dtype, "int32");
  assert.deepEqual(ops.scatter(sym([null, 1], "int32"), sym([null]), [7]).shape, [7]);
  assert.deepEqual(ops.scatterUpdate(sym([null, 3]), sym([null, 2], "int32"), sym([null])).shape, [null, 3]);
  assertThrowsWith(() => ops.topK(x, 6), keras.ValueError, "topK", "(None, 5)");
  assert.deepEqual(ops.topK(sym([2, null]), 6)[0].shape, [2, 6]); // unknown last axis: checked at run time
});

test("symbolic graph replays indexing ops on real values", () => {
  const x = sym([null, 3]);
  const y = ops.take(ops.sort(x), [2, 0], 1);
  const node = y.history!.node;
  const sorted = ops.sort(
    keras.tensor([
      [3, 1, 2],
      [0, -1, 5],
    ]),
  );
  assert.deepEqual(node.replay([sorted], {})[0]!.arraySync(), [
    [3, 1],
    [5, -1],
  ]);
});
