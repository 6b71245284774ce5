import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith } from "../helpers/gradcheck.js";

const { metrics } = keras;
const item = (t: keras.Tensor) => t.item() as number;

test("Crossentropy metrics: documented values, shape errors, names", () => {
  const b = new metrics.BinaryCrossentropy();
  b.updateState(
    keras.tensor([
      [0, 1],
      [0, 0],
    ]),
    keras.tensor([
      [0.6, 0.4],
      [0.4, 0.6],
    ]),
  );
  assertClose([item(b.result())], [0.8149245]);
  const c = new metrics.CategoricalCrossentropy();
  c.updateState(
    keras.tensor([
      [0, 1, 0],
      [0, 0, 1],
    ]),
    keras.tensor([
      [0.05, 0.95, 0],
      [0.1, 0.8, 0.1],
    ]),
  );
  assertClose([item(c.result())], [1.1769392]);
  const s = new metrics.SparseCategoricalCrossentropy();
  s.updateState(
    keras.tensor([1, 2]),
    keras.tensor([
      [0.05, 0.95, 0],
      [0.1, 0.8, 0.1],
    ]),
  );
  assertClose([item(s.result())], [1.1769392]);
  assertThrowsWith(
    () => metrics.binaryCrossentropy(keras.tensor([[0, 1]]), keras.tensor([[0.5, 0.5, 0.5]])),
    keras.ShapeError,
    "(1, 2)",
    "(1, 3)",
  );
  assert.ok(metrics.get("bce") instanceof metrics.BinaryCrossentropy);
  assert.deepEqual(new metrics.CategoricalCrossentropy({ labelSmoothing: 0.1 }).getConfig(), {
    name: "categorical_crossentropy",
    dtype: "float32",
    fromLogits: false,
    labelSmoothing: 0.1,
    axis: -1,
  });
});

test("F1Score / FBetaScore: documented values, lazy state, validation", () => {
  const yTrue = keras.tensor([
    [1, 1, 1],
    [1, 0, 0],
    [1, 1, 0],
  ]);
  const yPred = keras.tensor([
    [0.2, 0.6, 0.7],
    [0.2, 0.6, 0.6],
    [0.6, 0.8, 0.0],
  ]);
  const f1 = new metrics.F1Score({ threshold: 0.5 });
  assert.equal(f1.variables.length, 0);
  f1.updateState(yTrue, yPred);
  assert.equal(f1.variables.length, 4);
  assertClose(Array.from(f1.result().dataSync()), [0.5, 0.8, 0.6666667]);
  const fb = new metrics.FBetaScore({ beta: 2, threshold: 0.5 });
  fb.updateState(yTrue, yPred);
  assertClose(Array.from(fb.result().dataSync()), [0.3846154, 0.90909094, 0.8333334]);
  assert.deepEqual(f1.getConfig(), { name: "f1_score", dtype: "float32", average: null, threshold: 0.5 });
  assertThrowsWith(() => new metrics.F1Score({ average: "median" as "macro" }), keras.ValueError, "median");
  assertThrowsWith(() => new metrics.FBetaScore({ beta: 0 }), keras.ValueError, "beta=0");
  assertThrowsWith(() => new metrics.F1Score({ threshold: 1.5 }), keras.ValueError, "threshold=1.5");
  assertThrowsWith(
    () => new metrics.F1Score().updateState(keras.tensor([1, 0]), keras.tensor([0.2, 0.9])),
    keras.ValueError,
    "y_pred.shape=(2,)",
  );
});

test("R2Score: documented value, adjusted variant falls back when underdetermined", () => {
  const m = new metrics.R2Score();
  m.updateState(keras.tensor([[1], [4], [3]]), keras.tensor([[2], [4], [4]]));
  assertClose([item(m.result())], [0.5714286]);
  const adjusted = new metrics.R2Score({ numRegressors: 5 });
  adjusted.updateState(keras.tensor([[1], [4], [3]]), keras.tensor([[2], [4], [4]]));
  assertClose([item(adjusted.result())], [0.5714286]);
  assertThrowsWith(() => new metrics.R2Score({ numRegressors: -1 }), keras.ValueError, "num_regressors=-1");
  assertThrowsWith(
    () => new metrics.R2Score({ classAggregation: "median" as "uniform_average" }),
    keras.ValueError,
    "median",
  );
});

test("IoU / MeanIoU: documented values, int32 state, ignored and out-of-range ids", () => {
  const m = new metrics.MeanIoU({ numClasses: 2 });
  m.updateState(keras.tensor([0, 0, 1, 1]), keras.tensor([0, 1, 0, 1]));
  assertClose([item(m.result())], [1 / 3]);
  assert.equal(m.variables[0]!.dtype, "int32");
  assert.equal(m.name, "mean_io_u");
  const iou = new metrics.IoU({ numClasses: 2, targetClassIds: [0] });
  iou.updateState(keras.tensor([0, 0, 1, 1]), keras.tensor([0, 1, 0, 1]));
  assertClose([item(iou.result())], [1 / 3]);
  const ignored = new metrics.MeanIoU({ numClasses: 2, ignoreClass: 1 });
  ignored.updateState(keras.tensor([0, 0, 1, 7]), keras.tensor([0, 0, 0, 1]));
  assertClose([item(ignored.result())], [1]);
  assert.deepEqual(new metrics.MeanIoU({ numClasses: 3 }).getConfig(), {
    name: "mean_io_u_2",
    dtype: "int32",
    numClasses: 3,
    ignoreClass: null,
    sparseYTrue: true,
    sparseYPred: true,
    axis: -1,
  });
  assertThrowsWith(() => new metrics.IoU({ numClasses: 2, targetClassIds: [2] }), keras.ValueError, "[2]");
  const copy = metrics.deserialize(
    metrics.serialize(new metrics.IoU({ numClasses: 3, targetClassIds: [1] })),
  );
  assert.deepEqual((copy as keras.metrics.IoU).targetClassIds, [1]);
});
