import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith } from "../helpers/gradcheck.js";
import { runLayerTest } from "../helpers/layer-harness.js";

const { layers } = keras;
const x = () => keras.tensor([[-2, -0.5, 0, 0.5, 3, 8]]);

test("Activation layer: harness and values", () => {
  runLayerTest(() => new layers.Activation("tanh"), {
    inputShape: [2, 3],
    expectedOutputShape: [2, 3],
    expectedNumTrainableWeights: 0,
  });
  runLayerTest(() => new layers.Activation("softmax"), {
    inputShape: [2, 3, 4],
    expectedOutputShape: [2, 3, 4],
  });
  assert.deepEqual(new layers.Activation("relu").apply(x()).arraySync(), [[0, 0, 0, 0.5, 3, 8]]);
  assert.equal(new layers.Activation(null).getConfig().activation, "linear");
  assert.equal(new layers.Activation("leakyRelu").getConfig().activation, "leaky_relu");
  assertThrowsWith(() => new layers.Activation("nope"), keras.ValueError, "nope");
});

test("ReLU layer: harness, maxValue, negativeSlope, threshold, and argument checks", () => {
  runLayerTest(() => new layers.ReLU({ maxValue: 1, negativeSlope: 0.1, threshold: 0.2 }), {
    inputShape: [2, 5],
    expectedOutputShape: [2, 5],
  });
  assert.deepEqual(new layers.ReLU().apply(x()).arraySync(), [[0, 0, 0, 0.5, 3, 8]]);
  assert.deepEqual(new layers.ReLU({ maxValue: 6 }).apply(x()).arraySync(), [[0, 0, 0, 0.5, 3, 6]]);
  assertClose(
    new layers.ReLU({ negativeSlope: 0.1, threshold: 1, maxValue: 5 }).apply(x()).values,
    [-0.3, -0.15, -0.1, -0.05, 3, 5],
    1e-6,
  );
  assertThrowsWith(() => new layers.ReLU({ maxValue: -1 }), keras.ValueError, "max_value");
  assertThrowsWith(() => new layers.ReLU({ negativeSlope: -1 }), keras.ValueError, "negative_slope");
  assertThrowsWith(() => new layers.ReLU({ threshold: -1 }), keras.ValueError, "threshold");
});

test("LeakyReLU (default slope 0.3) and ELU", () => {
  runLayerTest(() => new layers.LeakyReLU(), { inputShape: [3, 2], expectedOutputShape: [3, 2] });
  assertClose(new layers.LeakyReLU().apply(x()).values, [-0.6, -0.15, 0, 0.5, 3, 8], 1e-6);
  assertClose(
    new layers.LeakyReLU({ negativeSlope: 0.5 }).apply(x()).values,
    [-1, -0.25, 0, 0.5, 3, 8],
    1e-6,
  );
  assert.equal(new layers.LeakyReLU().getConfig().negativeSlope, 0.3);
  assertThrowsWith(() => new layers.LeakyReLU({ negativeSlope: -0.1 }), keras.ValueError, "negative_slope");
  runLayerTest(() => new layers.ELU({ alpha: 0.5 }), { inputShape: [3, 2], expectedOutputShape: [3, 2] });
  assertClose(
    new layers.ELU({ alpha: 0.5 }).apply(x()).values,
    [0.5 * (Math.exp(-2) - 1), 0.5 * (Math.exp(-0.5) - 1), 0, 0.5, 3, 8],
    1e-6,
  );
});

test("PReLU: alpha weight, sharedAxes, and gradient to alpha", () => {
  runLayerTest(() => new layers.PReLU(), {
    inputShape: [2, 3, 4],
    expectedOutputShape: [2, 3, 4],
    expectedNumTrainableWeights: 1,
    expectedWeightShapes: [[3, 4]],
  });
  runLayerTest(
    () => new layers.PReLU({ sharedAxes: [1, 2], alphaInitializer: new keras.initializers.Constant(0.2) }),
    {
      inputShape: [2, 3, 4, 5],
      expectedWeightShapes: [[1, 1, 5]],
    },
  );
  const prelu = new layers.PReLU({ alphaInitializer: new keras.initializers.Constant(0.25) });
  assertClose(prelu.apply(x()).values, [-0.5, -0.125, 0, 0.5, 3, 8], 1e-6);
  const shared = new layers.PReLU({ sharedAxes: 1 });
  shared.apply(keras.Input({ shape: [5, 2] }));
  assert.deepEqual(shared.alpha.shape, [1, 2]);
  assert.deepEqual(shared.getConfig().sharedAxes, [1]);
  assertThrowsWith(
    () => new layers.PReLU().apply(keras.Input({ shape: [null, 3] })),
    keras.ValueError,
    "(None, None, 3)",
  );
});

test("Softmax layer: axis, several axes, and mask", () => {
  runLayerTest(() => new layers.Softmax(), { inputShape: [2, 4], expectedOutputShape: [2, 4] });
  runLayerTest(() => new layers.Softmax({ axis: 1 }), {
    inputShape: [2, 3, 4],
    expectedOutputShape: [2, 3, 4],
  });
  const t = keras.tensor(
    [
      [1, 2],
      [3, 4],
    ],
    "float64",
  );
  const both = new layers.Softmax({ axis: [0, 1], dtype: "float64" }).apply(t);
  const z = Math.E + Math.E ** 2 + Math.E ** 3 + Math.E ** 4;
  assertClose(both.values, [Math.E / z, Math.E ** 2 / z, Math.E ** 3 / z, Math.E ** 4 / z], 1e-12);
  const masked = new layers.Softmax().apply(keras.tensor([[1, 1, 5]]), {
    mask: keras.tensor([[true, true, false]]),
  });
  assertClose(masked.values, [0.5, 0.5, 0], 1e-6);
});
