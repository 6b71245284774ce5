// Models with several inputs and outputs: per-output losses (arrays, records, loss weights),
// per-output metric names, and inputs given as arrays or records.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { blobs } from "./helpers.js";

const { layers } = keras;

function twoByTwo(): keras.Model {
  keras.utils.setRandomSeed(9);
  const a = keras.Input({ shape: [4], name: "a" });
  const b = keras.Input({ shape: [4], name: "b" });
  const h = new layers.Dense(8, { activation: "relu" }).apply(new layers.Concatenate().apply([a, b]));
  const cls = new layers.Dense(3, { activation: "softmax", name: "cls" }).apply(h);
  const reg = new layers.Dense(1, { name: "reg" }).apply(h);
  return new keras.Model({ inputs: [a, b], outputs: [cls, reg] });
}

test("per-output losses with weights: total = sum of weighted per-output losses; Keras's log names", async () => {
  const { x, y } = blobs(40);
  const { x: x2 } = blobs(40, 1);
  const target = keras.ops.sum(x, -1, true) as keras.Tensor;
  const model = twoByTwo();
  model.compile({
    optimizer: "sgd",
    loss: { cls: "sparse_categorical_crossentropy", reg: "mse" },
    lossWeights: { cls: 1, reg: 0.5 },
    metrics: { cls: ["accuracy"], reg: ["mae"] },
  });
  const history = await model.fit([x, x2], [y, target], { epochs: 2, verbose: 0 });
  // Keras 3 returns logs with sorted keys (pythonify_logs).
  assert.deepEqual(Object.keys(history.history), [
    "cls_accuracy",
    "cls_loss",
    "loss",
    "reg_loss",
    "reg_mean_absolute_error",
  ]);
  const logs = (await model.evaluate(
    { a: x, b: x2 },
    { cls: y, reg: target },
    {
      batchSize: 64,
      verbose: 0,
      returnDict: true,
    },
  )) as Record<string, number>;
  assert.ok(Math.abs(logs.loss! - (logs.cls_loss! + 0.5 * logs.reg_loss!)) < 1e-5, JSON.stringify(logs));
  const flat = (await model.evaluate([x, x2], [y, target], { batchSize: 64, verbose: 0 })) as number[];
  assert.deepEqual(flat, [
    logs.loss,
    logs.cls_accuracy,
    logs.reg_mean_absolute_error,
    logs.cls_loss,
    logs.reg_loss,
  ]);
  const preds = (await model.predict([x, x2], { batchSize: 16, verbose: 0 })) as keras.Tensor[];
  assert.deepEqual(
    preds.map((p) => p.shape),
    [
      [40, 3],
      [40, 1],
    ],
  );
});

test("one loss for every output, losses as an array, a null loss skips an output", async () => {
  const { x, y } = blobs(20);
  const target = keras.ops.sum(x, -1, true) as keras.Tensor;
  const model = twoByTwo();
  model.compile({ optimizer: "sgd", loss: ["sparse_categorical_crossentropy", null] });
  const logs = (await model.evaluate([x, x], [y, target], { verbose: 0, returnDict: true })) as Record<
    string,
    number
  >;
  assert.deepEqual(Object.keys(logs), ["loss"]);
  model.compile({ optimizer: "sgd", loss: "mse", metrics: [["mae"], ["mae"]] });
  const r = (await model.evaluate([x, x], [keras.ops.oneHot(y, 3), target], {
    verbose: 0,
    returnDict: true,
  })) as Record<string, number>;
  assert.deepEqual(Object.keys(r), [
    "cls_loss",
    "cls_mean_absolute_error",
    "loss",
    "reg_loss",
    "reg_mean_absolute_error",
  ]);
});

test('"ce" and "accuracy" resolve from the shapes of the first batch', async () => {
  const { x, y } = blobs(20);
  keras.utils.setRandomSeed(2);
  const model = new keras.Sequential([new layers.Dense(3, { activation: "softmax", inputShape: [4] })]);
  model.compile({ optimizer: "sgd", loss: "ce", metrics: ["acc"] });
  const sparse = (await model.evaluate(x, y, { verbose: 0, returnDict: true })) as Record<string, number>;
  model.compile({ optimizer: "sgd", loss: "ce", metrics: ["acc"] });
  const dense = (await model.evaluate(x, keras.ops.oneHot(y, 3), { verbose: 0, returnDict: true })) as Record<
    string,
    number
  >;
  assert.deepEqual(Object.keys(sparse), ["acc", "loss"]);
  assert.ok(Math.abs(sparse.loss! - dense.loss!) < 1e-6);
  assert.equal(sparse.acc, dense.acc);
  assert.equal(model.metrics[1]!.constructor.name, "CategoricalAccuracy");
});

test("metric name clashes get Keras's suffixes; user metric instances keep their names", async () => {
  const { x, y } = blobs(20);
  const target = keras.ops.sum(x, -1, true) as keras.Tensor;
  const mine = new keras.metrics.MeanAbsoluteError({ name: "my_mae" });
  const model = twoByTwo();
  for (let i = 0; i < 2; i++) {
    model.compile({ optimizer: "sgd", loss: [null, "mse"], metrics: [null, [mine, "mae", "mae"]] });
    await model.evaluate([x, x], [y, target], { verbose: 0 });
  }
  assert.equal(mine.name, "my_mae");
  assert.deepEqual(model.metricsNames, [
    "loss",
    "reg_my_mae",
    "reg_mean_absolute_error",
    "reg_mean_absolute_error_1",
  ]);
});
