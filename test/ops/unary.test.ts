import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith, checkGradients, f64 } from "../helpers/gradcheck.js";

const { ops } = keras;

/** A float64 vector from explicit values (for inputs placed away from kinks and jumps). */
const vec = (values: number[]) => new keras.Tensor(Float64Array.from(values), [values.length], "float64");
const values = (t: keras.Tensor) => Array.from(t.values);

test("unary math: forward values against hand-computed results", () => {
  assert.deepEqual(ops.negative([1, -2, 0]).arraySync(), [-1, 2, -0]);
  assert.deepEqual(ops.abs([-1.5, 2, 0]).arraySync(), [1.5, 2, 0]);
  assert.equal(ops.absolute, ops.abs);
  assertClose(values(ops.sign([-2, 0, 3, NaN])), [-1, 0, 1, NaN]);
  assert.deepEqual(ops.square([2, -3]).arraySync(), [4, 9]);
  assert.deepEqual(ops.sqrt([4, 9, 0]).arraySync(), [2, 3, 0]);
  assert.ok(Number.isNaN(ops.sqrt([-1]).values[0]));
  assert.deepEqual(ops.rsqrt([4, 16]).arraySync(), [0.5, 0.25]);
  assert.deepEqual(ops.reciprocal([2, -4, 0]).arraySync(), [0.5, -0.25, Infinity]);
  assertClose(values(ops.exp(vec([0, 1, -1]))), [1, Math.E, 1 / Math.E], 1e-15);
  assertClose(values(ops.expm1(vec([1e-10, 1]))), [1.00000000005e-10, Math.E - 1], 1e-20, 1e-14);
  assertClose(values(ops.log(vec([1, Math.E, 0]))), [0, 1, -Infinity], 1e-15);
  assertClose(values(ops.log1p(vec([1e-10, Math.E - 1]))), [9.9999999995e-11, 1], 1e-20, 1e-14);
  assertClose(values(ops.log2(vec([8, 0.5]))), [3, -1], 1e-15);
  assertClose(values(ops.log10(vec([100, 0.001]))), [2, -3], 1e-15);
  assert.deepEqual(ops.floor([1.5, -1.5, 2]).arraySync(), [1, -2, 2]);
  assert.deepEqual(ops.ceil([1.5, -1.5, 2]).arraySync(), [2, -1, 2]);
  assert.deepEqual(ops.trunc([1.7, -1.7]).arraySync(), [1, -1]);
  // Round half to even, as NumPy / Keras; with decimals.
  assert.deepEqual(
    ops.round([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, 2.6]).arraySync(),
    [0, 2, 2, -0, -2, -2, 2, 3],
  );
  assertClose(values(ops.round(vec([1.234, -5.678]), 2)), [1.23, -5.68], 1e-12);
  assert.deepEqual(ops.round(keras.tensor([1234, 1250, 1350], "int32"), -2).arraySync(), [1200, 1200, 1400]);
  assert.deepEqual(ops.round(keras.tensor([7], "int32"), 1).arraySync(), [7]);
  assertThrowsWith(() => ops.round([1], 0.5), keras.ValueError, "round", "decimals");
});

test("trigonometric, hyperbolic and erf forward values", () => {
  const pi = Math.PI;
  assertClose(values(ops.sin(vec([0, pi / 2, pi / 6]))), [0, 1, 0.5], 1e-15);
  assertClose(values(ops.cos(vec([0, pi, pi / 3]))), [1, -1, 0.5], 1e-15);
  assertClose(values(ops.tan(vec([pi / 4, -pi / 4]))), [1, -1], 1e-15);
  assertClose(values(ops.arcsin(vec([1, 0.5]))), [pi / 2, pi / 6], 1e-15);
  assertClose(values(ops.arccos(vec([1, 0.5, -1]))), [0, pi / 3, pi], 1e-15);
  assertClose(values(ops.arctan(vec([1, -1]))), [pi / 4, -pi / 4], 1e-15);
  assertClose(values(ops.sinh(vec([0, 1]))), [0, (Math.E - 1 / Math.E) / 2], 1e-15);
  assertClose(values(ops.cosh(vec([0, 1]))), [1, (Math.E + 1 / Math.E) / 2], 1e-15);
  assertClose(
    values(ops.tanh(vec([0, 1, 100, -100]))),
    [0, (Math.E ** 2 - 1) / (Math.E ** 2 + 1), 1, -1],
    1e-15,
  );
  assertClose(values(ops.arcsinh(vec([0, 1]))), [0, Math.log(1 + Math.SQRT2)], 1e-15);
  assertClose(values(ops.arccosh(vec([1, 2]))), [0, Math.log(2 + Math.sqrt(3))], 1e-15);
  assertClose(values(ops.arctanh(vec([0, 0.5, 1]))), [0, 0.5 * Math.log(3), Infinity], 1e-15);
  // erf reference values (Abramowitz & Stegun table / Python math.erf).
  assertClose(
    values(ops.erf(vec([0, 0.5, 1, -2, 3, 5.9, -7, Infinity, -Infinity]))),
    [0, 0.5204998778130465, 0.8427007929497149, -0.9953222650189527, 0.9999779095030014, 1, -1, 1, -1],
    0,
    1e-14,
  );
  // Large enough for the native backend's own kernel: ±Infinity gives ±1 there too.
  const infs = new Float32Array(4096).map((_, i) => (i % 2 ? -Infinity : Infinity));
  const erfInfs = values(ops.erf(new keras.Tensor(infs, [4096], "float32")));
  assert.ok(
    erfInfs.every((v, i) => v === (i % 2 ? -1 : 1)),
    "erf(±Infinity) = ±1",
  );
  assertClose(
    values(ops.erfinv(vec([0, 0.5, -0.9, 1, -1]))),
    [0, 0.4769362762044699, -1.1630871536766743, Infinity, -Infinity],
    0,
    1e-13,
  );
  // erfinv inverts erf across the range, including the tails.
  const y = vec([-0.999999, -0.7, -0.01, 0.3, 0.99, 0.9999999]);
  assertClose(values(ops.erf(ops.erfinv(y))), values(y), 1e-15, 1e-14);
});

test("predicates and logicalNot return bool", () => {
  const x = keras.tensor([NaN, Infinity, -Infinity, 1, 0]);
  assert.deepEqual(ops.isnan(x).arraySync(), [true, false, false, false, false]);
  assert.deepEqual(ops.isinf(x).arraySync(), [false, true, true, false, false]);
  assert.deepEqual(ops.isfinite(x).arraySync(), [false, false, false, true, true]);
  assert.deepEqual(ops.logicalNot(x).arraySync(), [false, false, false, false, true]);
  assert.deepEqual(ops.logicalNot([true, false]).arraySync(), [false, true]);
  for (const t of [ops.isnan(x), ops.isinf(x), ops.isfinite(x), ops.logicalNot(x)])
    assert.equal(t.dtype, "bool");
  assert.deepEqual(ops.isnan(keras.tensor([1, 2], "int32")).arraySync(), [false, false]);
});

test("unary dtype rules follow Keras (JAX backend)", () => {
  const i = keras.tensor([1, 4], "int32");
  for (const f of [
    ops.exp,
    ops.expm1,
    ops.log,
    ops.log1p,
    ops.log2,
    ops.log10,
    ops.sqrt,
    ops.rsqrt,
    ops.reciprocal,
    ops.sin,
    ops.cos,
    ops.tan,
    ops.arctan,
    ops.sinh,
    ops.cosh,
    ops.tanh,
    ops.arcsinh,
    ops.erf,
    ops.floor,
    ops.ceil,
  ]) {
    assert.equal(f(i).dtype, "float32", `${f.name}(int32)`);
  }
  assertClose(values(ops.exp(i)), [Math.E, Math.exp(4)], 0, 1e-7);
  assert.equal(ops.exp(keras.tensor([true])).dtype, "float32");
  for (const f of [ops.abs, ops.negative, ops.sign, ops.square, ops.trunc, ops.round])
    assert.equal(f(i).dtype, "int32", `${f.name}(int32)`);
  assert.deepEqual(ops.abs(keras.tensor([-3, 2], "int32")).arraySync(), [3, 2]);
  assert.equal(ops.square(keras.tensor([true, false])).dtype, "int32");
  assert.equal(ops.sqrt(f64([2], 1)).dtype, "float64");
  // int32 arithmetic wraps like NumPy: 50000² overflows.
  assert.deepEqual(ops.square(keras.tensor([50000], "int32")).arraySync(), [-1794967296]);
  assert.deepEqual(ops.negative(keras.tensor([1, 200], "uint8")).arraySync(), [255, 56]);
  assertThrowsWith(() => ops.negative([true, false]), keras.DTypeError, "negative", "bool", "logicalNot");
});

test("unary ops on symbolic tensors keep unknown dims and apply dtype rules", () => {
  const x = new keras.SymbolicTensor([null, 3], "int32");
  const e = ops.exp(x);
  assert.ok(e instanceof keras.SymbolicTensor);
  assert.deepEqual(e.shape, [null, 3]);
  assert.equal(e.dtype, "float32");
  assert.equal(ops.abs(x).dtype, "int32");
  assert.equal(ops.isnan(new keras.SymbolicTensor([null, 2, 5], "float32")).dtype, "bool");
  assert.deepEqual(ops.round(new keras.SymbolicTensor([null, 4], "float32"), 1).shape, [null, 4]);
  assert.ok(ops.sin(new keras.SymbolicTensor([null], "float32")).history !== undefined);
});

test("unary math: float64 gradient checks", () => {
  const x = f64([2, 3], 1);
  const pos = f64([2, 3], 2, 0.5, 2);
  const unit = f64([2, 3], 3, -0.9, 0.9);
  const awayFromZero = vec([-0.9, -0.35, -0.1, 0.15, 0.6, 1.3]);
  const awayFromInts = vec([-1.7, -1.2, -0.3, 0.2, 0.7, 1.35]);
  checkGradients("negative", ops.negative, [x]);
  checkGradients("abs", ops.abs, [awayFromZero]);
  checkGradients("sign", ops.sign, [awayFromZero]);
  checkGradients("square", ops.square, [x]);
  checkGradients("sqrt", ops.sqrt, [pos]);
  checkGradients("rsqrt", ops.rsqrt, [pos]);
  checkGradients("reciprocal", ops.reciprocal, [vec([-2, -0.6, 0.5, 1.7])]);
  checkGradients("exp", ops.exp, [x]);
  checkGradients("expm1", ops.expm1, [x]);
  checkGradients("log", ops.log, [pos]);
  checkGradients("log1p", ops.log1p, [f64([2, 3], 4, -0.5, 1)]);
  checkGradients("log2", ops.log2, [pos]);
  checkGradients("log10", ops.log10, [pos]);
  checkGradients("floor", ops.floor, [awayFromInts]);
  checkGradients("ceil", ops.ceil, [awayFromInts]);
  checkGradients("round", (t) => ops.round(t), [awayFromInts]);
  checkGradients("round(decimals=1)", (t) => ops.round(t, 1), [vec([0.12, -0.33, 1.71])]);
  checkGradients("trunc", ops.trunc, [awayFromInts]);
  checkGradients("sin", ops.sin, [x]);
  checkGradients("cos", ops.cos, [x]);
  checkGradients("tan", ops.tan, [x]);
  checkGradients("arcsin", ops.arcsin, [unit]);
  checkGradients("arccos", ops.arccos, [unit]);
  checkGradients("arctan", ops.arctan, [f64([2, 3], 5, -3, 3)]);
  checkGradients("sinh", ops.sinh, [x]);
  checkGradients("cosh", ops.cosh, [x]);
  checkGradients("tanh", ops.tanh, [f64([2, 3], 6, -2, 2)]);
  checkGradients("arcsinh", ops.arcsinh, [f64([2, 3], 7, -3, 3)]);
  checkGradients("arccosh", ops.arccosh, [f64([2, 3], 8, 1.2, 3)]);
  checkGradients("arctanh", ops.arctanh, [unit]);
  checkGradients("erf", ops.erf, [f64([2, 3], 9, -2, 2)]);
  checkGradients("erfinv", ops.erfinv, [unit]);
});

test("second-order gradients of unary ops (VJPs are written with ops)", () => {
  const x = vec([-1.2, 0.3, 0.8]);
  const d2 = (f: (t: keras.Tensor) => keras.Tensor) =>
    keras.grad((t: keras.Tensor) => ops.sum(keras.grad((u: keras.Tensor) => ops.sum(f(u)))(t)))(x);
  assertClose(
    values(d2(ops.sin)),
    values(x).map((v) => -Math.sin(v)),
    1e-12,
  );
  assertClose(
    values(d2(ops.tanh)),
    values(x).map((v) => -2 * Math.tanh(v) * (1 - Math.tanh(v) ** 2)),
    1e-12,
  );
  assertClose(
    values(d2(ops.log1p)),
    values(x).map((v) => -1 / (1 + v) ** 2),
    1e-12,
  );
});

test("clip: values, dtype, gradient inside [min, max] (boundaries included)", () => {
  assert.deepEqual(ops.clip([-2, 0.5, 3], 0, 1).arraySync(), [0, 0.5, 1]);
  const ci = ops.clip(keras.tensor([-5, 2, 9], "int32"), 0, 4);
  assert.equal(ci.dtype, "int32");
  assert.deepEqual(ci.arraySync(), [0, 2, 4]);
  const cb = ops.clip(keras.tensor([true, false]), 0, 1);
  assert.equal(cb.dtype, "int32");
  assert.deepEqual(cb.arraySync(), [1, 0]);
  assert.equal(ops.clip(f64([3], 1), -0.5, 0.5).dtype, "float64");
  // Tensor bounds broadcast.
  assert.deepEqual(
    ops
      .clip(
        [
          [1, 5],
          [7, -3],
        ],
        [0, 2],
        [4, 6],
      )
      .arraySync(),
    [
      [1, 5],
      [4, 2],
    ],
  );
  // JAX's clip = minimum(maximum(x, lo), hi): gradient 1 where lo <= x <= hi.
  const g = keras.grad((t: keras.Tensor) => ops.sum(ops.clip(t, 0, 1)))(vec([-2, 0, 0.3, 1, 3]));
  assert.deepEqual(g.arraySync(), [0, 1, 1, 1, 0]);
  checkGradients("clip", (t) => ops.clip(t, -0.5, 0.5), [vec([-0.9, -0.2, 0.1, 0.45, 0.8])]);
  checkGradients("clip(tensor bounds)", (t, lo, hi) => ops.clip(t, lo, hi), [
    vec([-0.9, -0.2, 0.1, 0.45, 0.8]),
    vec([-0.5]),
    vec([0.3]),
  ]);
  const s = ops.clip(new keras.SymbolicTensor([null, 3], "float32"), 0, 6);
  assert.deepEqual(s.shape, [null, 3]);
  assertThrowsWith(() => ops.clip(keras.tensor([[1, 2, 3]]), [0, 0], 1), keras.ShapeError, "(1, 3)", "(2,)");
});

test("nanToNum replaces NaN and infinities; gradient passes through finite values", () => {
  assert.deepEqual(ops.nanToNum([NaN, Infinity, -Infinity, 1], 0, 10, -10).arraySync(), [0, 10, -10, 1]);
  const d = ops.nanToNum(keras.tensor([NaN, Infinity, -Infinity]));
  assert.deepEqual(d.arraySync(), [0, 3.4028234663852886e38, -3.4028234663852886e38]);
  assert.deepEqual(ops.nanToNum(vec([Infinity, -Infinity])).arraySync(), [
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
  ]);
  const i = keras.tensor([1, 2], "int32");
  assert.equal(ops.nanToNum(i), i);
  const g = keras.grad((t: keras.Tensor) => ops.sum(ops.multiply(ops.nanToNum(t), 3)))(
    vec([NaN, 2, Infinity]),
  );
  assert.deepEqual(g.arraySync(), [0, 3, 0]);
  checkGradients("nanToNum", (t) => ops.nanToNum(t), [f64([4], 10)]);
});
