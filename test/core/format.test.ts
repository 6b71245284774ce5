import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { formatValues } from "../../src/core/format.js";

const { ops } = keras;
const t = (values: keras.NestedArray, dtype?: keras.DType) => keras.tensor(values, dtype);

// Every expected string below was produced by NumPy 2.4: numpy.array2string(a, separator=", ").
test("values print as NumPy does: aligned columns, maxprec floats", () => {
  const cases: [keras.Tensor, string][] = [
    [
      t([
        [0.1, 2.5],
        [3, 4.25],
      ]),
      "[[0.1 , 2.5 ],\n [3.  , 4.25]]",
    ],
    [t([1, 2, 3]), "[1., 2., 3.]"],
    [t([-1, 2.5]), "[-1. ,  2.5]"],
    [t(3.5), "3.5"],
    [t([true, false]), "[ True, False]"],
    [t([1, 100, -5], "int32"), "[  1, 100,  -5]"],
    [
      t(
        [
          [1, 2],
          [3, 4],
        ],
        "uint8",
      ),
      "[[1, 2],\n [3, 4]]",
    ],
    [t([NaN, 1.5, -Infinity]), "[ nan,  1.5, -inf]"],
    [t([0, -0]), "[ 0., -0.]"],
    [t([1 / 3, 2 / 3]), "[0.33333334, 0.6666667 ]"],
    [t([1 / 3, 2 / 3], "float64"), "[0.33333333, 0.66666667]"],
    [t([[[1.5]], [[2]]], "float64"), "[[[1.5]],\n\n [[2. ]]]"],
  ];
  for (const [x, expected] of cases) assert.equal(formatValues(x), expected);
});

test("scientific notation for wide ranges, ties rounded to even", () => {
  assert.equal(formatValues(t([1e-5, 2.5e10])), "[1.0e-05, 2.5e+10]");
  assert.equal(
    formatValues(t([-1172108.25, -483967.625, 72806.27])),
    "[-1.1721082e+06, -4.8396762e+05,  7.2806273e+04]",
  );
});

test("long rows wrap at 75 columns", () => {
  assert.equal(
    formatValues(ops.cast(t(Array.from({ length: 30 }, (_, i) => i)), "float32")),
    "[ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13., 14.,\n" +
      " 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27., 28., 29.]",
  );
});

test("more than 1000 elements are summarized with 3 edge items per axis", () => {
  const range = (n: number, dtype: keras.DType) =>
    new keras.Tensor(
      dtype === "int32"
        ? Int32Array.from({ length: n }, (_, i) => i)
        : Float32Array.from({ length: n }, (_, i) => i),
      [n],
      dtype,
    );
  const m = ops.reshape(range(2000, "float32"), [2, 1000]);
  assert.equal(
    formatValues(m),
    "[[0.000e+00, 1.000e+00, 2.000e+00, ..., 9.970e+02, 9.980e+02, 9.990e+02],\n" +
      " [1.000e+03, 1.001e+03, 1.002e+03, ..., 1.997e+03, 1.998e+03, 1.999e+03]]",
  );
  const n = formatValues(ops.reshape(range(2000, "int32"), [10, 10, 20]));
  const lines = n.split("\n");
  assert.equal(lines[0], "[[[   0,    1,    2, ...,   17,   18,   19],");
  assert.equal(lines[3], "  ...,");
  assert.ok(
    n.includes(
      "  [ 580,  581,  582, ...,  597,  598,  599]],\n\n ...,\n\n [[1400, 1401, 1402, ..., 1417, 1418, 1419],",
    ),
  );
  assert.ok(n.endsWith("  [1980, 1981, 1982, ..., 1997, 1998, 1999]]]"));
  assert.equal(lines.length, 49);
});

test("toString appends shape and dtype; empty tensors print []", () => {
  assert.equal(
    t([
      [1, 2],
      [3, 4],
    ]).toString(),
    "[[1., 2.],\n [3., 4.]], shape=(2, 2), dtype=float32",
  );
  assert.equal(t(true).toString(), "True, shape=(), dtype=bool");
  assert.equal(t(7, "int32").toString(), "7, shape=(), dtype=int32");
  assert.equal(ops.zeros([2, 0]).toString(), "[], shape=(2, 0), dtype=float32");
  assert.equal(String(t([0.5])), "[0.5], shape=(1,), dtype=float32");
});
