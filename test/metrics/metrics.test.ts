import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith } from "../helpers/gradcheck.js";

const { metrics } = keras;
const item = (t: keras.Tensor) => t.item() as number;

test("Mean / Sum: Keras docstring values, state is non-trainable variables with metric paths", () => {
  const m = new metrics.Mean();
  m.updateState(keras.tensor([1, 3, 5, 7]));
  assert.equal(item(m.result()), 4);
  m.resetState();
  m.updateState(keras.tensor([1, 3, 5, 7]), keras.tensor([1, 1, 0, 0]));
  assert.equal(item(m.result()), 2);
  assert.deepEqual(
    m.variables.map((v) => [v.path, v.trainable, v.dtype]),
    [
      ["mean/total", false, "float32"],
      ["mean/count", false, "float32"],
    ],
  );
  const s = new metrics.Sum({ name: "total_loss" });
  s.updateState(keras.tensor([1, 3, 5, 7]), keras.tensor([1, 1, 0, 0]));
  assert.equal(item(s.result()), 4);
  assert.equal(s.name, "total_loss");
  // An empty Mean is 0, not NaN (divide_no_nan).
  assert.equal(item(new metrics.Mean().result()), 0);
});

test("MeanMetricWrapper tracks the mean of any per-sample function", () => {
  const m = new metrics.MeanMetricWrapper({
    fn: (t, p) => keras.ops.square(keras.ops.subtract(t, p)),
    name: "sq_err",
  });
  m.updateState(keras.tensor([0, 1]), keras.tensor([1, 1]));
  m.updateState(keras.tensor([2]), keras.tensor([0]), keras.tensor([0.5]));
  // (1 + 0 + 0.5·4) / (1 + 1 + 0.5)
  assertClose([item(m.result())], [3 / 2.5]);
  assert.equal(m.name, "sq_err");
});

test("Per-sample accuracy functions follow Keras's shape rules", () => {
  assert.deepEqual(metrics.accuracy(keras.tensor([1, 2]), keras.tensor([[1], [3]])).shape, [2, 1]);
  assert.deepEqual(
    metrics
      .sparseCategoricalAccuracy(
        keras.tensor([[1], [0]]),
        keras.tensor([
          [0.3, 0.7],
          [0.4, 0.6],
        ]),
      )
      .arraySync(),
    [1, 0],
  );
  assert.deepEqual(
    metrics
      .categoricalAccuracy(
        keras.tensor([
          [0, 1],
          [1, 0],
        ]),
        keras.tensor([
          [0.3, 0.7],
          [0.4, 0.6],
        ]),
      )
      .arraySync(),
    [1, 0],
  );
  // Ties count in the target's favour in top-k.
  assert.deepEqual(
    metrics
      .inTopK(
        keras.tensor([0, 2], "int32"),
        keras.tensor([
          [0.5, 0.5, 0.1],
          [0.2, 0.4, 0.3],
        ]),
        1,
      )
      .arraySync(),
    [true, false],
  );
  assert.deepEqual(
    metrics
      .sparseTopKCategoricalAccuracy(
        keras.tensor([2, 2]),
        keras.tensor([
          [0.2, 0.4, 0.3],
          [0.1, 0.2, 0.3],
        ]),
        2,
      )
      .arraySync(),
    [1, 1],
  );
});

test("Accuracy-family defaults: names, thresholds, k", () => {
  assert.equal(new metrics.Accuracy().name, "accuracy");
  assert.equal(new metrics.BinaryAccuracy().threshold, 0.5);
  assert.equal(new metrics.TopKCategoricalAccuracy().k, 5);
  assert.equal(new metrics.SparseTopKCategoricalAccuracy().k, 5);
  assert.equal(new metrics.SparseCategoricalAccuracy().name, "sparse_categorical_accuracy");
  const b = new metrics.BinaryAccuracy({ threshold: 0.7 });
  b.updateState(keras.tensor([1, 1, 0]), keras.tensor([0.7, 0.71, 0.2]));
  assertClose([item(b.result())], [2 / 3]);
});

test("Confusion metrics: one threshold gives a scalar, several give a vector", () => {
  const p = new metrics.Precision();
  p.updateState(keras.tensor([0, 1, 1, 1]), keras.tensor([1, 0, 1, 1]));
  assertClose([item(p.result())], [2 / 3]);
  const r = new metrics.Recall({ thresholds: [0.2, 0.9] });
  r.updateState(keras.tensor([1, 1, 1, 0]), keras.tensor([0.3, 0.95, 0.1, 0.5]));
  assert.deepEqual(r.result().shape, [2]);
  assertClose(Array.from(r.result().dataSync()), [2 / 3, 1 / 3]);
  const tp = new metrics.TruePositives({ thresholds: [0.5, 0.8] });
  tp.updateState(keras.tensor([1, 1]), keras.tensor([0.6, 0.9]), keras.tensor([2, 3]));
  assert.deepEqual(Array.from(tp.result().dataSync()), [5, 3]);
  assert.deepEqual(tp.getConfig(), { name: "true_positives", dtype: "float32", thresholds: [0.5, 0.8] });
});

test("AUC: Keras docstring value, threshold grid, config", () => {
  const m = new metrics.AUC({ numThresholds: 3 });
  m.updateState(keras.tensor([0, 0, 1, 1]), keras.tensor([0, 0.5, 0.3, 0.9]));
  assertClose([item(m.result())], [0.75]);
  const auc = new metrics.AUC();
  assert.equal(auc.thresholds.length, 200);
  assertClose(
    [auc.thresholds[0]!, auc.thresholds[1]!, auc.thresholds[199]!],
    [-1e-7, 1 / 199, 1 + 1e-7],
    0,
    1e-12,
  );
  assert.deepEqual(new metrics.AUC({ curve: "pr", name: "prauc" }).getConfig(), {
    name: "prauc",
    dtype: "float32",
    numThresholds: 200,
    curve: "PR",
    summationMethod: "interpolation",
    fromLogits: false,
  });
  assert.deepEqual(new metrics.AUC({ thresholds: [0.5, 0.2] }).getConfig().thresholds, [0.2, 0.5]);
});

test("Errors name what was received and what is valid", () => {
  assertThrowsWith(
    () => new metrics.Precision({ thresholds: [0.5, 1.5] }),
    keras.ValueError,
    "[0, 1]",
    "1.5",
  );
  assertThrowsWith(() => new metrics.AUC({ numThresholds: 1 }), keras.ValueError, "num_thresholds=1");
  assertThrowsWith(() => new metrics.AUC({ curve: "XY" as "ROC" }), keras.ValueError, '"XY"', "PRGAIN");
  assertThrowsWith(
    () => metrics.get("acuracy"),
    keras.ValueError,
    '"acuracy"',
    "sparse_categorical_accuracy",
  );
  assertThrowsWith(
    () => new metrics.Precision({ classId: 1 }).updateState(keras.tensor([1, 0]), keras.tensor([0.2, 0.9])),
    keras.ValueError,
    "class_id",
  );
});

test("get / serialize / deserialize accept Keras names in snake_case and camelCase", () => {
  assert.ok(metrics.get("sparse_categorical_accuracy") instanceof metrics.SparseCategoricalAccuracy);
  assert.ok(metrics.get("sparseCategoricalAccuracy") instanceof metrics.SparseCategoricalAccuracy);
  assert.ok(metrics.get("accuracy") instanceof metrics.Accuracy);
  assert.equal(metrics.get("mse").name, "mean_squared_error");
  assert.ok(metrics.get("mae") instanceof metrics.MeanAbsoluteError);
  assert.ok(metrics.get("AUC") instanceof metrics.AUC);
  assert.ok(metrics.get(metrics.Recall) instanceof metrics.Recall);
  const p = new metrics.Precision({ name: "p", topK: 2 });
  assert.equal(metrics.get(p), p);
  const s = metrics.serialize(p);
  assert.deepEqual(s, {
    className: "Precision",
    config: { name: "p", dtype: "float32", thresholds: null, topK: 2, classId: null },
  });
  const auc = metrics.AUC.fromConfig(new metrics.AUC({ curve: "PR", numThresholds: 50 }).getConfig());
  assert.equal(auc.curve, "PR");
  assert.equal(auc.numThresholds, 50);
  const back = metrics.deserialize(s) as keras.metrics.Precision;
  assert.equal(back.topK, 2);
  assert.equal(
    (
      metrics.get({
        className: "binary_accuracy",
        config: { threshold: 0.7 },
      }) as keras.metrics.BinaryAccuracy
    ).threshold,
    0.7,
  );
});

test("resolveAccuracy (by loss) and accuracyForShapes (Keras 3's shape rule)", () => {
  assert.ok(
    metrics.resolveAccuracy("sparse_categorical_crossentropy") instanceof metrics.SparseCategoricalAccuracy,
  );
  assert.ok(metrics.resolveAccuracy("categoricalCrossentropy") instanceof metrics.CategoricalAccuracy);
  assert.ok(metrics.resolveAccuracy("binary_crossentropy") instanceof metrics.BinaryAccuracy);
  assert.ok(metrics.resolveAccuracy("mse", [null, 1]) instanceof metrics.BinaryAccuracy);
  assert.ok(metrics.resolveAccuracy("mse", [null, 3]) instanceof metrics.CategoricalAccuracy);
  assert.equal(metrics.resolveAccuracy("binary_crossentropy", undefined, "acc").name, "acc");
  assert.ok(metrics.accuracyForShapes([32], [32, 10]) instanceof metrics.SparseCategoricalAccuracy);
  assert.ok(metrics.accuracyForShapes([32, 1], [32, 10]) instanceof metrics.SparseCategoricalAccuracy);
  assert.ok(metrics.accuracyForShapes([32, 10], [32, 10]) instanceof metrics.CategoricalAccuracy);
  assert.ok(metrics.accuracyForShapes([32, 1], [32, 1]) instanceof metrics.BinaryAccuracy);
  assert.equal(metrics.accuracyForShapes([32], [32, 10]).name, "accuracy");
});
