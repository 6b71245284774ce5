import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith } from "../helpers/gradcheck.js";

const { activations } = keras;
const x = () => keras.tensor([-10, -5, -1, 0, 1, 5, 10], "float64");

test("relu with negativeSlope, maxValue and threshold follows Keras's ReLU", () => {
  assert.deepEqual(activations.relu(x()).arraySync(), [0, 0, 0, 0, 1, 5, 10]);
  assert.deepEqual(activations.relu(x(), { maxValue: 6 }).arraySync(), [0, 0, 0, 0, 1, 5, 6]);
  assert.deepEqual(activations.relu(x(), { maxValue: 4 }).arraySync(), [0, 0, 0, 0, 1, 4, 4]);
  assert.deepEqual(activations.relu(x(), { negativeSlope: 0.5 }).arraySync(), [-5, -2.5, -0.5, 0, 1, 5, 10]);
  assert.deepEqual(activations.relu(x(), { threshold: 2 }).arraySync(), [0, 0, 0, 0, 0, 5, 10]);
  assert.deepEqual(
    activations.relu(x(), { negativeSlope: 0.5, maxValue: 6 }).arraySync(),
    [-5, -2.5, -0.5, 0, 1, 5, 6],
  );
  // Below the threshold: negativeSlope * (x - threshold).
  assert.deepEqual(
    activations.relu(x(), { negativeSlope: 0.5, threshold: 2 }).arraySync(),
    [-6, -3.5, -1.5, -1, -0.5, 5, 10],
  );
});

test("the named activations compute their formulas", () => {
  const v = [-1, 0, 0.5, 2];
  const t = keras.tensor(v, "float64");
  const sig = (a: number) => 1 / (1 + Math.exp(-a));
  const sp = (a: number) => Math.log1p(Math.exp(a));
  const checks: [string, (a: number) => number][] = [
    ["relu6", (a) => Math.min(Math.max(a, 0), 6)],
    ["leaky_relu", (a) => (a >= 0 ? a : 0.2 * a)],
    ["elu", (a) => (a > 0 ? a : Math.exp(a) - 1)],
    ["selu", (a) => 1.0507009873554805 * (a > 0 ? a : 1.6732632423543772 * (Math.exp(a) - 1))],
    ["sigmoid", sig],
    ["hard_sigmoid", (a) => Math.min(Math.max(a / 6 + 0.5, 0), 1)],
    ["tanh", Math.tanh],
    ["softplus", sp],
    ["softsign", (a) => a / (1 + Math.abs(a))],
    ["silu", (a) => a * sig(a)],
    ["swish", (a) => a * sig(a)],
    ["mish", (a) => a * Math.tanh(sp(a))],
    ["exponential", Math.exp],
    ["linear", (a) => a],
  ];
  for (const [name, f] of checks) {
    assertClose(activations.get(name)(t).dataSync() as Float64Array, v.map(f), 1e-12, 1e-12);
  }
  // gelu: exact by default (Keras's activation default)
  const phi = [0.15865525393145707, 0.5, 0.6914624612740131, 0.9772498680518208];
  assertClose(
    activations.gelu(t).values,
    v.map((a, i) => a * phi[i]!),
    1e-12,
    1e-12,
  );
  assert.notDeepEqual(activations.gelu(t, true).arraySync(), activations.gelu(t).arraySync());
});

test("softmax and logSoftmax over the last axis", () => {
  const t = keras.tensor(
    [
      [1, 2, 3],
      [0, 0, 0],
    ],
    "float64",
  );
  const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
  const z = e[0]! + e[1]! + e[2]!;
  assertClose(activations.softmax(t).values, [...e.map((a) => a / z), 1 / 3, 1 / 3, 1 / 3], 1e-12);
  assertClose(
    activations.logSoftmax(t).values,
    [...e.map((a) => Math.log(a / z)), ...Array(3).fill(-Math.log(3))],
    1e-12,
  );
  assertClose(
    activations.softmax(t, 0).values,
    [
      1 / (1 + Math.E ** -1),
      1 / (1 + Math.E ** -2),
      1 / (1 + Math.E ** -3),
      1 / (1 + Math.E),
      1 / (1 + Math.E ** 2),
      1 / (1 + Math.E ** 3),
    ],
    1e-12,
  );
});

test("activations work on symbolic tensors", () => {
  const s = new keras.SymbolicTensor([null, 4], "float32");
  for (const name of ["relu", "softmax", "gelu", "leaky_relu", "linear"]) {
    const y = activations.get(name)(s);
    assert.ok(y instanceof keras.SymbolicTensor);
    assert.deepEqual(y.shape, [null, 4]);
  }
  assert.deepEqual(activations.relu(s, { maxValue: 3, negativeSlope: 0.1 }).shape, [null, 4]);
});

test("get / serialize / deserialize use Keras names", () => {
  assert.equal(activations.serialize(activations.get("relu")), "relu");
  assert.equal(activations.serialize(activations.get("leakyRelu")), "leaky_relu");
  assert.equal(activations.serialize(activations.leakyRelu), "leaky_relu");
  assert.equal(activations.serialize(activations.softmax), "softmax");
  assert.equal(activations.serialize(activations.get(null)), "linear");
  assert.equal(activations.serialize(activations.get("swish")), "silu");
  assert.equal(activations.deserialize("log_softmax"), activations.get("logSoftmax"));
  const custom = (t: keras.AnyTensor) => keras.ops.square(t);
  assert.equal(activations.get(custom), custom);
  assertThrowsWith(() => activations.serialize(custom), keras.ValueError, "cannot be serialized");
  activations.register("my_square", custom);
  assert.equal(activations.serialize(custom), "my_square");
  assert.equal(activations.get("my_square"), custom);
  assertThrowsWith(() => activations.get("relux"), keras.ValueError, "relux");
});
