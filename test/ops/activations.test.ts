import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith, checkGradients, f64 } from "../helpers/gradcheck.js";

const { ops } = keras;

const vec = (values: number[]) => new keras.Tensor(Float64Array.from(values), [values.length], "float64");
const values = (t: keras.Tensor) => Array.from(t.values);
const SELU_SCALE = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;

test("activations: forward values against hand-computed results", () => {
  assert.deepEqual(ops.relu([-1, 0, 2]).arraySync(), [0, 0, 2]);
  assert.deepEqual(ops.relu6([-1, 3, 8]).arraySync(), [0, 3, 6]);
  assertClose(values(ops.leakyRelu(vec([-10, 0, 5]))), [-2, 0, 5], 1e-15); // Keras 3 default slope 0.2
  assertClose(values(ops.leakyRelu(vec([-10, 5]), 0.1)), [-1, 5], 1e-15);
  assertClose(values(ops.elu(vec([-1, 0, 2]))), [Math.exp(-1) - 1, 0, 2], 1e-15);
  assertClose(values(ops.elu(vec([-1]), 2)), [2 * (Math.exp(-1) - 1)], 1e-15);
  assertClose(
    values(ops.selu(vec([1, -1, 0]))),
    [SELU_SCALE, SELU_SCALE * SELU_ALPHA * (Math.exp(-1) - 1), 0],
    1e-15,
  );
  assertClose(values(ops.selu(vec([-1]))), [-1.1113307378125625], 1e-15);
  // gelu: tanh approximation by default (Keras 3), exact erf form when approximate = false.
  assertClose(
    values(ops.gelu(vec([1, -1, 2]))),
    [0.8411919906082768, -0.15880800939172324, 1.954597694087775],
    1e-15,
  );
  assertClose(values(ops.gelu(vec([1, -1]), false)), [0.8413447460685429, -0.15865525393145707], 1e-15);
  assertClose(values(ops.sigmoid(vec([0, Math.log(3), -1000, 1000]))), [0.5, 0.75, 0, 1], 1e-15);
  assertClose(values(ops.hardSigmoid(vec([-4, -3, 0, 1.5, 3, 4]))), [0, 0, 0.5, 0.75, 1, 1], 1e-15);
  assertClose(
    values(ops.softplus(vec([0, 1000, -1000, 1]))),
    [Math.LN2, 1000, 0, Math.log(1 + Math.E)],
    1e-15,
  );
  assertClose(values(ops.softsign(vec([1, -3, 0]))), [0.5, -0.75, 0], 1e-15);
  assertClose(values(ops.silu(vec([1, 0, -1000]))), [1 / (1 + Math.exp(-1)), 0, 0], 1e-15);
  assert.equal(ops.swish, ops.silu);
  assertClose(values(ops.mish(vec([1, -1, 0]))), [0.8650983882673103, -0.30340146137410895, 0], 1e-15);
  assertClose(values(ops.hardSilu(vec([-4, -1.5, 0, 1.5, 4]))), [0, -0.375, 0, 1.125, 4], 1e-15);
  assert.equal(ops.hardSwish, ops.hardSilu);
  assertClose(
    values(ops.logSigmoid(vec([0, -1000, 1000, 1]))),
    [-Math.LN2, -1000, 0, -Math.log(1 + Math.exp(-1))],
    1e-15,
  );
  assertClose(values(ops.exponential(vec([0, 1]))), [1, Math.E], 1e-15);
  const x = keras.tensor([1, -2]);
  assert.equal(ops.linear(x), x);
});

test("activations: float32 results match the float64 ones within float32 precision", () => {
  const x64 = f64([50], 11, -8, 8);
  const x32 = ops.cast(x64, "float32");
  const fns: [string, (t: keras.Tensor) => keras.Tensor][] = [
    ["sigmoid", ops.sigmoid],
    ["tanh", ops.tanh],
    ["gelu", (t) => ops.gelu(t)],
    ["geluExact", (t) => ops.gelu(t, false)],
    ["softplus", ops.softplus],
    ["silu", ops.silu],
    ["mish", ops.mish],
    ["elu", (t) => ops.elu(t)],
    ["selu", ops.selu],
    ["logSigmoid", ops.logSigmoid],
    ["hardSilu", ops.hardSilu],
  ];
  for (const [name, f] of fns) {
    const y = f(x32);
    assert.equal(y.dtype, "float32", name);
    assertClose(values(y), values(f(x64)), 1e-6, 1e-6);
  }
});

test("activations: dtype rules", () => {
  const i = keras.tensor([-2, 3], "int32");
  const r = ops.relu(i);
  assert.equal(r.dtype, "int32");
  assert.deepEqual(r.arraySync(), [0, 3]);
  for (const f of [
    ops.relu6,
    ops.sigmoid,
    ops.softplus,
    ops.silu,
    ops.hardSigmoid,
    ops.logSigmoid,
    ops.mish,
    ops.selu,
    ops.softsign,
  ]) {
    assert.equal(f(i).dtype, "float32", `${f.name}(int32)`);
  }
  assert.equal(ops.leakyRelu(i).dtype, "float32");
  assertClose(values(ops.leakyRelu(i)), [-0.4, 3], 1e-7);
  assert.equal(ops.gelu(i).dtype, "float32");
  assert.equal(ops.exponential(i).dtype, "float32");
  assert.equal(ops.sigmoid(f64([2], 1)).dtype, "float64");
  assertThrowsWith(() => ops.leakyRelu([1], NaN), keras.ValueError, "leakyRelu", "negativeSlope");
  assertThrowsWith(() => ops.elu([1], Infinity), keras.ValueError, "elu", "alpha");
});

test("activations on symbolic tensors with an unknown batch", () => {
  const x = new keras.SymbolicTensor([null, 3], "float32");
  for (const f of [
    ops.relu,
    ops.relu6,
    ops.sigmoid,
    ops.softplus,
    ops.silu,
    ops.mish,
    ops.hardSilu,
    ops.logSigmoid,
    ops.selu,
    ops.softsign,
    ops.hardSigmoid,
  ]) {
    const y = f(x);
    assert.ok(y instanceof keras.SymbolicTensor, f.name);
    assert.deepEqual(y.shape, [null, 3]);
    assert.equal(y.dtype, "float32");
    assert.ok(y.history !== undefined);
  }
  assert.deepEqual(ops.leakyRelu(x, 0.1).shape, [null, 3]);
  assert.deepEqual(ops.elu(x, 0.5).shape, [null, 3]);
  assert.deepEqual(ops.gelu(x, false).shape, [null, 3]);
  assert.equal(ops.relu(new keras.SymbolicTensor([null], "int32")).dtype, "int32");
  assert.equal(ops.linear(x), x);
  // Replaying the recorded node gives the eager result (with the scalar parameter kept).
  const y = ops.leakyRelu(x, 0.5);
  const out = y.history!.node.replay([keras.tensor([[-2, 0, 4]])], {});
  assert.deepEqual(out[0]!.arraySync(), [[-1, 0, 4]]);
});

test("activations: float64 gradient checks (inputs away from kinks)", () => {
  const x = f64([2, 3], 21, -3, 3);
  const noZero = vec([-2.5, -1.1, -0.4, 0.3, 0.9, 2.2]);
  checkGradients("relu", ops.relu, [noZero]);
  checkGradients("relu6", ops.relu6, [vec([-1.5, -0.2, 0.4, 3.3, 5.8, 6.4, 9])]);
  checkGradients("leakyRelu", (t) => ops.leakyRelu(t), [noZero]);
  checkGradients("leakyRelu(0.05)", (t) => ops.leakyRelu(t, 0.05), [noZero]);
  checkGradients("elu", (t) => ops.elu(t), [noZero]);
  checkGradients("elu(alpha=1.7)", (t) => ops.elu(t, 1.7), [noZero]);
  checkGradients("selu", ops.selu, [noZero]);
  checkGradients("gelu(approximate)", (t) => ops.gelu(t), [x]);
  checkGradients("gelu(exact)", (t) => ops.gelu(t, false), [x]);
  checkGradients("sigmoid", ops.sigmoid, [x]);
  checkGradients("hardSigmoid", ops.hardSigmoid, [vec([-4.5, -3.2, -2.9, -0.5, 1.2, 2.9, 3.1, 5])]);
  checkGradients("softplus", ops.softplus, [x]);
  checkGradients("softsign", ops.softsign, [noZero]);
  checkGradients("silu", ops.silu, [x]);
  checkGradients("mish", ops.mish, [x]);
  checkGradients("hardSilu", ops.hardSilu, [vec([-4.5, -3.2, -2.9, -0.5, 1.2, 2.9, 3.1, 5])]);
  checkGradients("logSigmoid", ops.logSigmoid, [x]);
  checkGradients("exponential", ops.exponential, [x]);
  checkGradients("linear", (t) => ops.multiply(ops.linear(t), 1), [x]);
});

test("activation gradients at kinks follow JAX's conventions", () => {
  const g = (f: (t: keras.Tensor) => keras.Tensor, xs: number[]) =>
    keras
      .grad((t: keras.Tensor) => ops.sum(f(t)))(vec(xs))
      .arraySync();
  assert.deepEqual(g(ops.relu, [-1, 0, 1]), [0, 0, 1]);
  assert.deepEqual(g(ops.relu6, [0, 3, 6]), [0, 1, 0]);
  assert.deepEqual(
    g((t) => ops.leakyRelu(t), [-1, 0, 1]),
    [0.2, 1, 1],
  );
  assert.deepEqual(g(ops.hardSigmoid, [-3, 0, 3]), [0, 1 / 6, 0]);
  assert.deepEqual(g(ops.hardSilu, [-3, 0, 3]), [0, 0.5, 1]);
  assertClose(g((t) => ops.elu(t, 2), [0]) as number[], [2], 1e-15);
  // Saturated sigmoid / logSigmoid stay finite.
  assert.deepEqual(g(ops.sigmoid, [-1000, 1000]), [0, 0]);
  assert.deepEqual(g(ops.logSigmoid, [-1000, 1000]), [1, 0]);
});

test("second-order gradients of activations", () => {
  const x = vec([-1.3, -0.2, 0.7, 2.1]);
  const d2 = (f: (t: keras.Tensor) => keras.Tensor) =>
    keras.grad((t: keras.Tensor) => ops.sum(keras.grad((u: keras.Tensor) => ops.sum(f(u)))(t)))(x);
  const s = (v: number) => 1 / (1 + Math.exp(-v));
  assertClose(
    values(d2(ops.sigmoid)),
    values(x).map((v) => s(v) * (1 - s(v)) * (1 - 2 * s(v))),
    1e-12,
  );
  assertClose(
    values(d2(ops.softplus)),
    values(x).map((v) => s(v) * (1 - s(v))),
    1e-12,
  );
  assertClose(
    values(d2(ops.silu)),
    values(x).map((v) => s(v) * (1 - s(v)) * (2 + v * (1 - 2 * s(v)))),
    1e-12,
  );
});

test("relu and relu6 propagate NaN like Keras (so TerminateOnNaN can see it)", () => {
  const x = keras.tensor([NaN, -1, 7]);
  const r = keras.ops.relu(x).arraySync() as number[];
  assert.ok(Number.isNaN(r[0]!));
  assert.deepEqual(r.slice(1), [0, 7]);
  const r6 = keras.ops.relu6(x).arraySync() as number[];
  assert.ok(Number.isNaN(r6[0]!));
  assert.deepEqual(r6.slice(1), [0, 6]);
});
