import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith, checkGradients, f64 } from "../helpers/gradcheck.js";

const { ops } = keras;

test("zeros, ones, full and *Like", () => {
  assert.deepEqual(ops.zeros([2, 2]).arraySync(), [
    [0, 0],
    [0, 0],
  ]);
  assert.equal(ops.ones([2], "int32").dtype, "int32");
  assert.deepEqual(ops.full([3], 7).arraySync(), [7, 7, 7]);
  assert.equal(ops.full([1], true).dtype, "bool");
  assert.deepEqual(ops.onesLike(keras.tensor([[1, 2]])).arraySync(), [[1, 1]]);
  assert.deepEqual(ops.fullLike(new keras.SymbolicTensor([null, 3], "float32"), 2).shape, [null, 3]);
  assertThrowsWith(() => ops.zeros([-1]), keras.ShapeError, "full", "[-1]");
});

test("arange: ranges, dtypes, alias, errors", () => {
  const a = ops.arange(4);
  assert.equal(a.dtype, "int32");
  assert.deepEqual(a.arraySync(), [0, 1, 2, 3]);
  assert.deepEqual(ops.arange(2, 5).arraySync(), [2, 3, 4]);
  assert.deepEqual(ops.arange(5, 0, -2).arraySync(), [5, 3, 1]);
  assert.deepEqual(ops.arange(0, -3).arraySync(), []);
  const f = ops.arange(1, 2, 0.25);
  assert.equal(f.dtype, "float32");
  assert.deepEqual(f.arraySync(), [1, 1.25, 1.5, 1.75]);
  const tenths = ops.arange(0, 1, 0.1, "float64");
  assert.equal(tenths.size, 10); // ceil((1 - 0) / 0.1) = 10, the stop is excluded
  assertClose(tenths.dataSync(), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], 1e-15);
  const g = ops.arange(3, undefined, 1, "float32");
  assert.deepEqual([g.dtype, g.arraySync()], ["float32", [0, 1, 2]]);
  assert.deepEqual(ops.range(3).arraySync(), [0, 1, 2]);
  assertThrowsWith(() => ops.arange(0, 5, 0), keras.ValueError, "arange", "step", "0");
  assertThrowsWith(() => ops.arange(0, Infinity), keras.ValueError, "arange", "stop", "finite");
  assertThrowsWith(() => ops.arange(3, undefined, 1, "int8" as keras.DType), keras.DTypeError, "int8");
});

test("eye and identity", () => {
  assert.deepEqual(ops.eye(2).arraySync(), [
    [1, 0],
    [0, 1],
  ]);
  assert.deepEqual(ops.eye(2, 3, 1).arraySync(), [
    [0, 1, 0],
    [0, 0, 1],
  ]);
  assert.deepEqual(ops.eye(3, 2, -1).arraySync(), [
    [0, 0],
    [1, 0],
    [0, 1],
  ]);
  assert.deepEqual(ops.eye(2, 2, 5).arraySync(), [
    [0, 0],
    [0, 0],
  ]);
  assert.equal(ops.eye(2).dtype, "float32");
  assert.equal(ops.eye(2, null, 0, "int32").dtype, "int32");
  assert.deepEqual(ops.eye(0).shape, [0, 0]);
  const id = ops.identity(3, "float64");
  assert.deepEqual(
    [id.dtype, id.arraySync()],
    [
      "float64",
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    ],
  );
  assertThrowsWith(() => ops.eye(-1), keras.ValueError, "eye", "N", "-1");
  assertThrowsWith(() => ops.eye(2, 1.5), keras.ValueError, "eye", "M", "1.5");
  assertThrowsWith(() => ops.identity(-2), keras.ValueError, "identity", "-2");
});

test("linspace: endpoint, num, dtype", () => {
  assert.deepEqual(ops.linspace(0, 1, 5).arraySync(), [0, 0.25, 0.5, 0.75, 1]);
  assert.deepEqual(ops.linspace(0, 1, 4, false).arraySync(), [0, 0.25, 0.5, 0.75]);
  assert.deepEqual(ops.linspace(2, -2, 3).arraySync(), [2, 0, -2]);
  assert.deepEqual(ops.linspace(3, 9, 1).arraySync(), [3]);
  assert.deepEqual(ops.linspace(3, 9, 0).shape, [0]);
  const d = ops.linspace(0, 1, 3, true, "float64").dataSync();
  assert.deepEqual(Array.from(d), [0, 0.5, 1]);
  assert.equal(ops.linspace(0, 1).size, 50);
  assert.equal(ops.linspace(0, 1).dataSync()[49], 1); // endpoint is exact
  assert.deepEqual(ops.linspace(-1, 1, 5, true, "int32").arraySync(), [-1, -1, 0, 0, 1]); // floored
  assertThrowsWith(() => ops.linspace(0, 1, -1), keras.ValueError, "linspace", "num", "-1");
});

test("tri, tril, triu", () => {
  assert.deepEqual(ops.tri(3).arraySync(), [
    [1, 0, 0],
    [1, 1, 0],
    [1, 1, 1],
  ]);
  assert.deepEqual(ops.tri(2, 3, 1).arraySync(), [
    [1, 1, 0],
    [1, 1, 1],
  ]);
  assert.deepEqual(ops.tri(3, 2, -1).arraySync(), [
    [0, 0],
    [1, 0],
    [1, 1],
  ]);
  assert.equal(ops.tri(2, 2, 0, "int32").dtype, "int32");
  assertThrowsWith(() => ops.tri(-3), keras.ValueError, "tri", "N", "-3");

  const m = keras.tensor([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);
  assert.deepEqual(ops.tril(m).arraySync(), [
    [1, 0, 0],
    [4, 5, 0],
    [7, 8, 9],
  ]);
  assert.deepEqual(ops.tril(m, -1).arraySync(), [
    [0, 0, 0],
    [4, 0, 0],
    [7, 8, 0],
  ]);
  assert.deepEqual(ops.triu(m).arraySync(), [
    [1, 2, 3],
    [0, 5, 6],
    [0, 0, 9],
  ]);
  assert.deepEqual(ops.triu(m, 1).arraySync(), [
    [0, 2, 3],
    [0, 0, 6],
    [0, 0, 0],
  ]);
  // batched: applies to the last two axes
  assert.deepEqual(
    ops
      .triu(
        keras.tensor([
          [
            [1, 2],
            [3, 4],
          ],
          [
            [5, 6],
            [7, 8],
          ],
        ]),
      )
      .arraySync(),
    [
      [
        [1, 2],
        [0, 4],
      ],
      [
        [5, 6],
        [0, 8],
      ],
    ],
  );
  assert.equal(
    ops.tril(
      keras.tensor(
        [
          [1, 2],
          [3, 4],
        ],
        "int32",
      ),
    ).dtype,
    "int32",
  );
  assert.deepEqual(ops.tril(new keras.SymbolicTensor([null, 4, 4], "float32")).shape, [null, 4, 4]);
  assertThrowsWith(() => ops.tril([1, 2, 3]), keras.ShapeError, "tril", "(3,)", "2 dimensions");
  checkGradients("tril(k=0)", (x) => ops.tril(x), [f64([2, 3, 4], 1)]);
  checkGradients("triu(k=1)", (x) => ops.triu(x, 1), [f64([3, 4], 2)]);
});
