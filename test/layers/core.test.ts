import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith } from "../helpers/gradcheck.js";
import { runLayerTest } from "../helpers/layer-harness.js";

const { layers, ops } = keras;

test("Dense: harness on rank-2 and rank-3 inputs, with and without bias", () => {
  const { layer } = runLayerTest(() => new layers.Dense(4, { activation: "relu" }), {
    inputShape: [3, 5],
    expectedOutputShape: [3, 4],
    expectedNumTrainableWeights: 2,
    expectedNumNonTrainableWeights: 0,
    expectedWeightShapes: [[5, 4], [4]],
  });
  assert.equal((layer as keras.layers.Dense).inputSpec instanceof keras.InputSpec, true);
  runLayerTest(() => new layers.Dense(2, { activation: "tanh" }), {
    inputShape: [2, 3, 6],
    expectedOutputShape: [2, 3, 2],
    expectedWeightShapes: [[6, 2], [2]],
  });
  runLayerTest(() => new layers.Dense(3, { useBias: false, kernelInitializer: "he_normal" }), {
    inputShape: [4, 2],
    expectedOutputShape: [4, 3],
    expectedNumTrainableWeights: 1,
  });
  runLayerTest(
    () =>
      new layers.Dense(3, {
        kernelRegularizer: "l2",
        biasRegularizer: new keras.regularizers.L1({ l1: 0.1 }),
        activityRegularizer: new keras.regularizers.L2({ l2: 0.5 }),
        kernelConstraint: "max_norm",
        biasConstraint: new keras.constraints.NonNeg(),
        biasInitializer: new keras.initializers.Constant(0.1),
        kernelInitializer: new keras.initializers.RandomNormal({ stddev: 0.5, seed: 4 }),
      }),
    { inputShape: [2, 4], expectedNumTrainableWeights: 2, expectedNumLosses: 3 },
  );
});

test("Dense forward matches a hand computation", () => {
  const dense = new layers.Dense(2, {
    activation: "relu",
    kernelInitializer: new keras.initializers.Constant(0),
  });
  const x = keras.tensor([
    [1, 2, 3],
    [-1, 0, 1],
  ]);
  dense.apply(x);
  dense.setWeights([
    keras.tensor([
      [1, -1],
      [0, 2],
      [0.5, 0],
    ]),
    keras.tensor([0.5, -1]),
  ]);
  // row 0: [1 + 1.5 + 0.5, -1 + 4 - 1] = [3, 2]; row 1: [-1 + 0.5 + 0.5, 1 - 1] = [0, 0]
  assert.deepEqual(dense.apply(x).arraySync(), [
    [3, 2],
    [0, 0],
  ]);
  const linear = new layers.Dense(1, {
    kernelInitializer: "ones",
    biasInitializer: new keras.initializers.Constant(2),
  });
  assert.deepEqual(linear.apply(keras.tensor([[[1, 2]], [[3, 4]]])).arraySync(), [[[5]], [[9]]]);
});

test("Dense: config keys, defaults, and fromConfig from { units, ... }", () => {
  const dense = new layers.Dense(300, { activation: "relu", name: "hidden" });
  const config = dense.getConfig();
  assert.equal(config.units, 300);
  assert.equal(config.activation, "relu");
  assert.equal(config.useBias, true);
  assert.deepEqual(config.kernelInitializer, {
    className: "GlorotUniform",
    config: { seed: null, inputAxes: null, outputAxes: null },
  });
  assert.deepEqual(config.biasInitializer, { className: "Zeros", config: {} });
  assert.equal(config.kernelRegularizer, null);
  assert.equal(config.name, "hidden");
  const rebuilt = layers.Dense.fromConfig({
    units: 7,
    activation: "softmax",
    kernelInitializer: "lecun_uniform",
  });
  assert.equal(rebuilt.units, 7);
  assert.equal(keras.activations.serialize(rebuilt.activation), "softmax");
  assert.ok(rebuilt.kernelInitializer instanceof keras.initializers.LecunUniform);
});

test("Dense errors name the layer and the shapes", () => {
  assertThrowsWith(() => new layers.Dense(0), keras.ValueError, "units", "positive integer");
  assertThrowsWith(() => new layers.Dense(2.5), keras.ValueError, "units=2.5");
  const dense = new layers.Dense(10, { name: "dense_check" });
  dense.apply(keras.Input({ shape: [784] }));
  assertThrowsWith(
    () => dense.apply(keras.Input({ shape: [28, 28] })),
    keras.ValueError,
    'layer "dense_check"',
    "(None, 28, 28)",
    "Did you forget a Flatten layer?",
  );
  assertThrowsWith(() => new layers.Dense(3).apply(keras.tensor([1, 2])), keras.ValueError, "min_ndim=2");
  assertThrowsWith(() => new layers.Dense(2, { activation: "relux" }), keras.ValueError, "relux");
});

test("Dense: the same seed gives the same initial weights; setRandomSeed makes models reproducible", () => {
  const build = (seed?: number) => {
    const d = new layers.Dense(5, { kernelInitializer: new keras.initializers.GlorotUniform({ seed }) });
    d.apply(ops.zeros([1, 4]));
    return d.kernel.value.arraySync();
  };
  assert.deepEqual(build(3), build(3));
  assert.notDeepEqual(build(3), build(4));

  const weightsOf = () => {
    keras.utils.setRandomSeed(42);
    const model = new keras.Sequential([
      new layers.Flatten({ inputShape: [4, 4] }),
      new layers.Dense(8, { activation: "relu" }),
      new layers.Dense(3, { activation: "softmax" }),
    ]);
    model.apply(ops.zeros([1, 4, 4]));
    return model.getWeights().map((w) => w.arraySync());
  };
  assert.deepEqual(weightsOf(), weightsOf());
});

test("Dense: regularization and activity losses have Keras's values", () => {
  const dense = new layers.Dense(2, {
    kernelInitializer: "ones",
    kernelRegularizer: new keras.regularizers.L2({ l2: 0.1 }),
    activityRegularizer: new keras.regularizers.L1({ l1: 0.5 }),
  });
  const y = dense.apply(
    keras.tensor([
      [1, 2],
      [-3, 1],
    ]),
  ); // [[3, 3], [-2, -2]]
  assert.deepEqual(y.arraySync(), [
    [3, 3],
    [-2, -2],
  ]);
  const values = dense.losses.map((l) => l.item() as number).sort((a, b) => a - b);
  // activity: 0.5 * sum|y| / batch = 0.5 * 10 / 2 = 2.5; kernel: 0.1 * 4 = 0.4
  assertClose(values, [0.4, 2.5], 1e-6);
});

test("Identity passes tensors through; Lambda wraps a function", () => {
  runLayerTest(() => new layers.Identity(), {
    inputShape: [2, 3],
    expectedOutputShape: [2, 3],
    expectedNumTrainableWeights: 0,
  });
  const x = keras.tensor([[1, 2]]);
  assert.equal(new layers.Identity().apply(x), x);

  const { output, inputs } = runLayerTest(() => new layers.Lambda((t) => ops.square(t)), {
    inputShape: [2, 3],
    expectedOutputShape: [2, 3],
    skipJsonConfig: true,
  });
  assertClose(
    output.values,
    Array.from(inputs[0]!.values).map((v) => v * v),
    1e-6,
  );
  // Extra arguments and an explicit output shape.
  const sumLayer = new layers.Lambda((t, a) => ops.sum(t, a!.axis as number), {
    arguments: { axis: -1 },
    outputShape: [],
  });
  assert.deepEqual(sumLayer.apply(keras.Input({ shape: [4] })).shape, [null]);
  assert.deepEqual(
    sumLayer
      .apply(
        keras.tensor([
          [1, 2],
          [3, 4],
        ]),
      )
      .arraySync(),
    [3, 7],
  );
  runLayerTest(() => new layers.Lambda((xs: keras.AnyTensor[]) => ops.add(xs[0]!, xs[1]!)), {
    inputShapes: [
      [2, 3],
      [2, 3],
    ],
    expectedOutputShape: [2, 3],
    skipJsonConfig: true,
  });
  assertThrowsWith(
    () => layers.Lambda.fromConfig({ function: "square" }),
    keras.ValueError,
    "cannot be restored",
  );
});

test("the same seed gives identical weights whichever API builds the seed MLP", () => {
  const sequential = () => {
    keras.utils.setRandomSeed(42);
    const m = new keras.Sequential([
      new layers.Flatten({ inputShape: [6, 6] }),
      new layers.Dense(12, { activation: "relu" }),
      new layers.Dense(8, { activation: "relu" }),
      new layers.Dense(3, { activation: "softmax" }),
    ]);
    m.apply(ops.zeros([1, 6, 6]));
    return m;
  };
  const functional = () => {
    keras.utils.setRandomSeed(42);
    const inputs = keras.Input({ shape: [6, 6] });
    let x = new layers.Flatten().apply(inputs);
    x = new layers.Dense(12, { activation: "relu" }).apply(x);
    x = new layers.Dense(8, { activation: "relu" }).apply(x);
    const outputs = new layers.Dense(3, { activation: "softmax" }).apply(x);
    return new keras.Model({ inputs, outputs });
  };
  class MyModel extends keras.Model {
    flatten = new layers.Flatten();
    dense1 = new layers.Dense(12, { activation: "relu" });
    dense2 = new layers.Dense(8, { activation: "relu" });
    dense3 = new layers.Dense(3, { activation: "softmax" });
    call(inputs: keras.Tensor) {
      return this.dense3.apply(this.dense2.apply(this.dense1.apply(this.flatten.apply(inputs))));
    }
  }
  const subclassed = () => {
    keras.utils.setRandomSeed(42);
    const m = new MyModel();
    m.apply(ops.zeros([1, 6, 6]));
    return m;
  };
  const [a, b, c] = [sequential(), functional(), subclassed()].map((m) =>
    m.getWeights().map((w) => w.arraySync()),
  );
  assert.equal(a!.length, 6);
  assert.deepEqual(b, a);
  assert.deepEqual(c, a);
});
