// Optimizer API: lookup, defaults, configs, variables, errors, and training behavior.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith } from "../helpers/gradcheck.js";

const { optimizers, ops } = keras;

const ALL = [
  [optimizers.SGD, 0.01],
  [optimizers.Adam, 0.001],
  [optimizers.AdamW, 0.001],
  [optimizers.RMSprop, 0.001],
  [optimizers.Adagrad, 0.001],
  [optimizers.Adadelta, 0.001],
  [optimizers.Adamax, 0.001],
  [optimizers.Nadam, 0.001],
  [optimizers.Lion, 0.001],
  [optimizers.Ftrl, 0.001],
] as const;

test("get resolves Keras names in any casing, instances and serialized forms", () => {
  assert.ok(optimizers.get("sgd") instanceof optimizers.SGD);
  assert.ok(optimizers.get("adam") instanceof optimizers.Adam);
  assert.ok(optimizers.get("rmsprop") instanceof optimizers.RMSprop);
  assert.ok(optimizers.get("RMSprop") instanceof optimizers.RMSprop);
  assert.ok(optimizers.get("adamw") instanceof optimizers.AdamW);
  assert.ok(optimizers.get("adam_w") instanceof optimizers.AdamW);
  const sgd = new optimizers.SGD();
  assert.equal(optimizers.get(sgd), sgd);
  const fromConfig = optimizers.get({ className: "SGD", config: { momentum: 0.9 } }) as keras.optimizers.SGD;
  assert.equal(fromConfig.momentum, 0.9);
  assertThrowsWith(() => optimizers.get("adamm"), keras.ValueError, '"adamm"', "Adam", "SGD");
});

test("defaults follow Keras: learning rates, names, and config round trips", () => {
  for (const [cls, lr] of ALL) {
    const opt = new cls();
    const config = opt.getConfig();
    assert.equal(config.learningRate, Math.fround(lr), cls.className);
    assert.match(opt.name, /^[a-z_]+(_\d+)?$/);
    const clone = (cls as typeof optimizers.Optimizer & (new () => keras.optimizers.Optimizer)).fromConfig(
      config,
    );
    assert.deepEqual(clone.getConfig(), config, cls.className);
    assert.equal(clone.className, cls.className);
  }
  const adam = new optimizers.Adam().getConfig();
  assert.equal(adam.beta1, 0.9);
  assert.equal(adam.beta2, 0.999);
  assert.equal(adam.epsilon, 1e-7);
  assert.equal(adam.amsgrad, false);
  assert.equal(new optimizers.AdamW().weightDecay, 0.004);
  assert.equal(new optimizers.SGD().getConfig().emaMomentum, 0.99);
  const rms = new optimizers.RMSprop().getConfig();
  assert.deepEqual([rms.rho, rms.momentum, rms.epsilon, rms.centered], [0.9, 0, 1e-7, false]);
  assert.equal(new optimizers.Adagrad().initialAccumulatorValue, 0.1);
});

test("automatic names are unique snake_case class names", () => {
  const a = new optimizers.Adam();
  const b = new optimizers.Adam();
  assert.match(a.name, /^adam(_\d+)?$/);
  assert.notEqual(a.name, b.name);
  assert.equal(a.variables[0]!.path, `${a.name}/iteration`);
});

test("a schedule as learning rate serializes and round-trips", () => {
  const schedule = new optimizers.schedules.CosineDecay({ initialLearningRate: 0.1, decaySteps: 10 });
  const opt = new optimizers.Adam({ learningRate: schedule });
  const serialized = optimizers.serialize(opt);
  assert.deepEqual(serialized.config.learningRate, {
    className: "CosineDecay",
    config: schedule.getConfig(),
  });
  const clone = optimizers.deserialize(serialized);
  assert.deepEqual(clone.getConfig(), serialized.config);
  assert.equal(opt.variables.length, 1, "no learning-rate variable with a schedule");
  assertClose([ops.convertToTensor(opt.learningRate).item() as number], [0.1]);
});

test("variables: iterations, learning rate, then slots named after the variables", () => {
  const w = new keras.Variable(ops.zeros([2, 2]), { name: "kernel", path: "dense/kernel" });
  const b = new keras.Variable(ops.zeros([2]), { name: "bias", path: "dense/bias" });
  const opt = new optimizers.Adam({ name: "adam", amsgrad: true });
  assert.equal(opt.built, false);
  opt.build([w, b]);
  assert.deepEqual(
    opt.variables.map((v) => v.path),
    [
      "adam/iteration",
      "adam/learning_rate",
      "adam/dense_kernel_momentum",
      "adam/dense_kernel_velocity",
      "adam/dense_bias_momentum",
      "adam/dense_bias_velocity",
      "adam/dense_kernel_velocity_hat",
      "adam/dense_bias_velocity_hat",
    ],
  );
  assert.ok(opt.variables.every((v) => !v.trainable));
  assert.equal(opt.variables[0]!.dtype, "int32");
  assert.deepEqual(opt.variables[2]!.shape, [2, 2]);
  opt.build([w, b]); // building twice is a no-op
  assert.equal(opt.variables.length, 8);
});

test("learningRate can be set as a number, not when it is a schedule", () => {
  const opt = new optimizers.SGD({ learningRate: 0.1 });
  opt.learningRate = 0.5;
  assert.equal(ops.convertToTensor(opt.learningRate).item(), 0.5);
  const w = new keras.Variable([1]);
  opt.applyGradients([[keras.tensor([1]), w]]);
  assertClose(w.value.values, [0.5]);
  const scheduled = new optimizers.SGD({
    learningRate: new optimizers.schedules.ExponentialDecay({
      initialLearningRate: 0.1,
      decaySteps: 1,
      decayRate: 0.5,
    }),
  });
  assertThrowsWith(() => (scheduled.learningRate = 0.1), keras.ValueError, "not settable");
  const fn = new optimizers.SGD({ learningRate: () => 0.25 });
  assert.equal(ops.convertToTensor(fn.learningRate).item(), 0.25);
});

test("invalid arguments raise ValueErrors that name the argument", () => {
  assertThrowsWith(() => new optimizers.SGD({ clipnorm: 1, clipvalue: 1 }), keras.ValueError, "only one of");
  assertThrowsWith(() => new optimizers.SGD({ momentum: 1.5 }), keras.ValueError, "momentum");
  assertThrowsWith(
    () => new optimizers.SGD({ beta1: 0.9 } as keras.optimizers.SGDArgs),
    keras.ValueError,
    "not recognized: beta1",
  );
  assertThrowsWith(
    () => new optimizers.SGD({ learningRate: "fast" as unknown as number }),
    keras.ValueError,
    "learningRate",
  );
  assertThrowsWith(
    () => new optimizers.Adam({ gradientAccumulationSteps: 1 }),
    keras.ValueError,
    "gradientAccumulationSteps",
  );
  assertThrowsWith(
    () => new optimizers.Adam({ useEma: true, emaMomentum: 2 }),
    keras.ValueError,
    "emaMomentum",
  );
  assertThrowsWith(() => new optimizers.AdamW({ weightDecay: null }), keras.ValueError, "weightDecay");
  assertThrowsWith(() => new optimizers.Lion({ beta1: 0 }), keras.ValueError, "beta1");
  assertThrowsWith(
    () => new optimizers.Ftrl({ l1RegularizationStrength: -1 }),
    keras.ValueError,
    "l1Regular",
  );
  assertThrowsWith(
    () => new optimizers.Ftrl({ learningRatePower: 0.5 }),
    keras.ValueError,
    "learningRatePower",
  );
});

test("apply checks gradients and variables", (t) => {
  const warn = t.mock.method(console, "warn", () => {});
  const w = new keras.Variable([1, 2], { name: "w" });
  const other = new keras.Variable([3], { name: "other" });
  const opt = new optimizers.SGD({ learningRate: 0.1 });
  assertThrowsWith(
    () => opt.applyGradients([[keras.tensor([1, 2, 3]), w]]),
    keras.ShapeError,
    "(3,)",
    "(2,)",
  );
  const fresh = new optimizers.SGD();
  assertThrowsWith(() => fresh.applyGradients([[null, w]]), keras.ValueError, "No gradients");
  opt.applyGradients([[keras.tensor([1, 1]), w]]);
  assertThrowsWith(
    () => opt.applyGradients([[keras.tensor([1]), other]]),
    keras.ValueError,
    "Unknown variable",
  );
  assertThrowsWith(() => opt.apply([keras.tensor([1]), keras.tensor([1])]), keras.ValueError, "one to one");
  opt.apply([keras.tensor([1, 1])]); // the built variables by default
  assertClose(w.value.values, [0.8, 1.8]);
  assert.equal(ops.convertToTensor(opt.iterations).item(), 2);
  const two = new optimizers.SGD({ learningRate: 1 });
  two.applyGradients([
    [keras.tensor([1, 1]), w],
    [null, other],
  ]);
  assert.equal(warn.mock.callCount(), 1);
  assert.match(String(warn.mock.calls[0]!.arguments[0]), /other/);
  assertClose(other.value.values, [3]);
});

test("float64 variables are updated in float64", () => {
  const w = new keras.Variable(ops.convertToTensor([1, 2], "float64"));
  const opt = new optimizers.Adam({ learningRate: 0.1 });
  opt.applyGradients([[ops.convertToTensor([0.5, -0.5], "float64"), w]]);
  assert.equal(w.value.dtype, "float64");
  assertClose(w.value.values, [0.9, 2.1], 1e-6);
  assert.equal(opt.variables[2]!.dtype, "float64");
});

test("excludeFromWeightDecay skips variables by identity or name pattern", () => {
  const a = new keras.Variable([1], { name: "kernel" });
  const b = new keras.Variable([1], { name: "bias" });
  const c = new keras.Variable([1], { name: "gamma" });
  const opt = new optimizers.SGD({ learningRate: 0.5, weightDecay: 0.2 });
  opt.excludeFromWeightDecay({ varList: [c], varNames: ["bias"] });
  const zero = keras.tensor([0]);
  opt.applyGradients([
    [zero, a],
    [zero, b],
    [zero, c],
  ]);
  assertClose(a.value.values, [0.9]);
  assertClose(b.value.values, [1]);
  assertClose(c.value.values, [1]);
  assertThrowsWith(() => opt.excludeFromWeightDecay({ varNames: ["x"] }), keras.ValueError, "before");
});

test("scaleLoss, finalizeVariableValues and setWeights", () => {
  const opt = new optimizers.SGD({ lossScaleFactor: 8, useEma: true, emaMomentum: 0.5 });
  assert.equal(opt.scaleLoss(keras.tensor(2)).item(), 16);
  const w = new keras.Variable([1]);
  opt.applyGradients([[keras.tensor([8]), w]]); // grad / 8 = 1 → w = 0.99; average = w
  opt.applyGradients([[keras.tensor([8]), w]]); // w = 0.98; average = 0.5 * 0.99 + 0.5 * 0.98
  opt.finalizeVariableValues([w]);
  assertClose(w.value.values, [0.985]);
  const values = opt.variables.map((v) => v.value);
  opt.setWeights(values.map((v) => ops.zerosLike(v)));
  assert.equal(opt.variables[0]!.value.item(), 0);
  assertThrowsWith(() => opt.setWeights([]), keras.ValueError, "expected 3");
});

test("layer weight constraints are applied after each update", () => {
  const dense = new keras.layers.Dense(1, { kernelConstraint: "non_neg", useBias: false });
  dense.build([null, 2]);
  const kernel = dense.trainableWeights[0]!;
  kernel.assign(keras.tensor([[0.5], [0.5]]));
  const opt = new optimizers.SGD({ learningRate: 1 });
  opt.applyGradients([[keras.tensor([[1], [-1]]), kernel]]);
  assert.deepEqual(kernel.value.arraySync(), [[0], [1.5]]);
});

test("each optimizer minimizes a quadratic in a GradientTape loop", () => {
  const target = keras.tensor([1.5, -2, 0.5]);
  const loss = (w: keras.Variable) => ops.sum(ops.square(ops.subtract(w, target)));
  for (const [cls] of ALL) {
    const w = new keras.Variable(ops.zeros([3]));
    const opt = new (cls as new (a: object) => keras.optimizers.Optimizer)({ learningRate: 0.05 });
    const start = loss(w).item() as number;
    for (let i = 0; i < 30; i++) {
      const grad = keras.grad((v: keras.Variable) => loss(v))(w) as keras.Tensor;
      opt.applyGradients([[grad, w]]);
    }
    assert.ok((loss(w).item() as number) < start, `${cls.className} did not reduce the loss`);
  }
});
