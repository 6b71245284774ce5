import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith, checkGradients, f64 } from "../helpers/gradcheck.js";

const { losses, ops } = keras;

const ALL_CLASSES = [
  "MeanSquaredError",
  "MeanAbsoluteError",
  "MeanAbsolutePercentageError",
  "MeanSquaredLogarithmicError",
  "CosineSimilarity",
  "Huber",
  "LogCosh",
  "KLDivergence",
  "Poisson",
  "BinaryCrossentropy",
  "BinaryFocalCrossentropy",
  "CategoricalCrossentropy",
  "CategoricalFocalCrossentropy",
  "SparseCategoricalCrossentropy",
  "Hinge",
  "SquaredHinge",
  "CategoricalHinge",
];

test("get resolves function names, aliases, camelCase, classes and instances as Keras", () => {
  assert.equal(losses.get("mse"), losses.meanSquaredError);
  assert.equal(losses.get("MSE"), losses.meanSquaredError);
  assert.equal(losses.get("mean_squared_error"), losses.meanSquaredError);
  assert.equal(losses.get("meanSquaredError"), losses.meanSquaredError);
  assert.equal(losses.get("sparse_categorical_crossentropy"), losses.sparseCategoricalCrossentropy);
  assert.equal(losses.get("sparseCategoricalCrossentropy"), losses.sparseCategoricalCrossentropy);
  assert.equal(losses.get("kld"), losses.klDivergence);
  assert.ok(losses.get("SparseCategoricalCrossentropy") instanceof losses.SparseCategoricalCrossentropy);
  assert.ok(losses.get(losses.Huber) instanceof losses.Huber);
  const inst = new losses.Poisson();
  assert.equal(losses.get(inst), inst);
  const custom = (a: keras.ops.TensorLike, b: keras.ops.TensorLike) => losses.meanAbsoluteError(a, b);
  assert.equal(losses.get(custom), custom);
  assert.equal(losses.get(null), null);
  assertThrowsWith(() => losses.get("no_such_loss"), keras.ValueError, "no_such_loss", "MeanSquaredError");
});

test("resolveLoss wraps functions so apply reduces", () => {
  const loss = losses.resolveLoss("mse");
  assert.equal(loss.name, "mean_squared_error");
  assert.ok(loss instanceof losses.LossFunctionWrapper);
  assertClose(
    [
      loss
        .apply(
          [
            [0, 1],
            [0, 0],
          ],
          [
            [1, 1],
            [1, 0],
          ],
        )
        .item() as number,
    ],
    [0.5],
  );
  const scce = losses.resolveLoss("sparse_categorical_crossentropy");
  assertClose([scce.apply([1], [[0.2, 0.8]]).item() as number], [-Math.log(0.8)], 1e-6);
});

test("every class round-trips through serialize / deserialize with camelCase config", () => {
  for (const name of ALL_CLASSES) {
    const loss = losses.get(name) as keras.losses.Loss;
    const s = losses.serialize(loss) as keras.losses.SerializedLoss;
    assert.equal(s.className, name);
    assert.equal(s.config.reduction, "sum_over_batch_size");
    const back = losses.deserialize(JSON.parse(JSON.stringify(s))) as keras.losses.Loss;
    assert.deepEqual(back.getConfig(), loss.getConfig());
    assert.equal(back.className, name);
  }
  const scce = new losses.SparseCategoricalCrossentropy({
    fromLogits: true,
    ignoreClass: 3,
    reduction: "sum",
  });
  assert.deepEqual(scce.getConfig(), {
    name: "sparse_categorical_crossentropy",
    reduction: "sum",
    fromLogits: true,
    ignoreClass: 3,
    axis: -1,
  });
  const bce = losses.BinaryCrossentropy.fromConfig({ labelSmoothing: 0.2, name: "bce", reduction: null });
  assert.equal(bce.labelSmoothing, 0.2);
  assert.equal(bce.name, "bce");
  assert.equal(bce.reduction, null);
  assert.equal(losses.serialize(losses.huber), "huber");
  assert.equal(losses.deserialize("mae"), losses.meanAbsoluteError);
});

test("LossFunctionWrapper of a registered function serializes its fn and options", () => {
  const w = new losses.LossFunctionWrapper(losses.huber, { reduction: "sum" }, { delta: 2 });
  const s = losses.serialize(w) as keras.losses.SerializedLoss;
  assert.deepEqual(s, {
    className: "LossFunctionWrapper",
    config: { name: "huber", reduction: "sum", fn: "huber", delta: 2 },
  });
  const back = losses.deserialize(s) as keras.losses.LossFunctionWrapper;
  assertClose([back.apply([[0, 0]], [[1, 3]]).item() as number], [2.25]);
  const anonymous = new losses.LossFunctionWrapper((a, b) => losses.meanAbsoluteError(a, b));
  assertThrowsWith(() => anonymous.getConfig(), keras.ValueError, "unregistered");
});

test("a custom Loss subclass gets reductions and sample weights from the base class", () => {
  class Sq extends losses.Loss {
    static override className = "Sq";
    call(yTrue: keras.Tensor, yPred: keras.Tensor) {
      return ops.sum(ops.square(ops.subtract(yPred, yTrue)), -1) as keras.Tensor;
    }
  }
  losses.register(Sq);
  const sq = new Sq();
  assert.equal(sq.name, "sq");
  assertClose([sq.apply([[0], [0]], [[1], [2]], [1, 0.5]).item() as number], [1.5]);
  assert.ok(losses.get("Sq") instanceof Sq);
});

test("reductions: sum, none, mean_with_sample_weight, scalars and empty batches", () => {
  const yt = [[0], [0], [0]];
  const yp = [[1], [2], [3]];
  assertClose([new losses.MeanAbsoluteError({ reduction: "sum" }).apply(yt, yp).item() as number], [6]);
  assert.deepEqual(new losses.MeanAbsoluteError({ reduction: "none" }).apply(yt, yp).arraySync(), [1, 2, 3]);
  assert.deepEqual(new losses.MeanAbsoluteError({ reduction: null }).apply(yt, yp).arraySync(), [1, 2, 3]);
  const mws = new losses.MeanAbsoluteError({ reduction: "mean_with_sample_weight" });
  assertClose([mws.apply(yt, yp, [1, 1, 2]).item() as number], [9 / 4]);
  assertClose([mws.apply(yt, yp, [0, 0, 0]).item() as number], [0]);
  const empty = new losses.MeanSquaredError().apply(ops.zeros([0, 2]), ops.zeros([0, 2]));
  assert.deepEqual(empty.shape, [0]);
  assertThrowsWith(
    () => new losses.MeanSquaredError({ reduction: "avg" as keras.losses.Reduction }),
    keras.ValueError,
    "Invalid value for argument `reduction`",
    "avg",
  );
});

test("sparse cross-entropy rejects out-of-range labels, naming the label and class count", () => {
  const scce = new losses.SparseCategoricalCrossentropy();
  assertThrowsWith(
    () =>
      scce.apply(
        [0, 3],
        [
          [0.5, 0.5, 0],
          [0.2, 0.3, 0.5],
        ],
      ),
    keras.ValueError,
    "label value of 3",
    "[0, 3)",
  );
  assertThrowsWith(
    () => losses.sparseCategoricalCrossentropy([-1], [[0.5, 0.5]]),
    keras.ValueError,
    "-1",
    "[0, 2)",
  );
  // The ignored class may lie outside the range.
  const ignoring = new losses.SparseCategoricalCrossentropy({ ignoreClass: -1 });
  assertClose(
    [
      ignoring
        .apply(
          [-1, 1],
          [
            [0.5, 0.5],
            [0.2, 0.8],
          ],
        )
        .item() as number,
    ],
    [-Math.log(0.8)],
    1e-6,
  );
});

test("shape mismatches throw ShapeErrors naming both shapes", () => {
  assertThrowsWith(
    () => losses.categoricalCrossentropy([[0, 1]], [[0.2, 0.3, 0.5]]),
    keras.ShapeError,
    "target.shape=(1, 2)",
    "output.shape=(1, 3)",
  );
  assertThrowsWith(
    () => losses.sparseCategoricalCrossentropy([[0, 1]], [[0.2, 0.3, 0.5]]),
    keras.ShapeError,
    "target.shape=(1, 2)",
    "output.shape=(1, 3)",
  );
  assertThrowsWith(() => losses.binaryCrossentropy([[0, 1]], [[0.2]]), keras.ShapeError, "(1, 2)", "(1, 1)");
});

test("float64 finite-difference gradient checks of the loss functions", () => {
  const yt = f64([3, 4], 5, -1, 1);
  const probs = f64([3, 4], 7, 0.1, 0.9);
  const labels01 = ops.cast(ops.greater(f64([3, 4], 9), 0), "float64") as keras.Tensor;
  const onehot = ops.oneHot([0, 3, 2], 4, -1, "float64") as keras.Tensor;
  const fns: [string, (p: keras.Tensor) => keras.Tensor, keras.Tensor][] = [
    ["mse", (p) => losses.meanSquaredError(yt, p), f64([3, 4], 11)],
    ["log_cosh", (p) => losses.logCosh(yt, p), f64([3, 4], 11)],
    ["cosine", (p) => losses.cosineSimilarity(yt, p), f64([3, 4], 11)],
    ["bce", (p) => losses.binaryCrossentropy(labels01, p, { labelSmoothing: 0.1 }), probs],
    ["bce_logits", (p) => losses.binaryCrossentropy(labels01, p, { fromLogits: true }), f64([3, 4], 11)],
    ["cce", (p) => losses.categoricalCrossentropy(onehot, p), probs],
    [
      "scce_logits",
      (p) => losses.sparseCategoricalCrossentropy([0, 3, 2], p, { fromLogits: true }),
      f64([3, 4], 11),
    ],
    ["bfce", (p) => losses.binaryFocalCrossentropy(labels01, p, { applyClassBalancing: true }), probs],
    ["cfce", (p) => losses.categoricalFocalCrossentropy(onehot, p), probs],
    ["kld", (p) => losses.klDivergence(probs, p), f64([3, 4], 13, 0.1, 0.9)],
    ["poisson", (p) => losses.poisson(probs, p), f64([3, 4], 15, 0.1, 2)],
  ];
  for (const [name, f, x] of fns) checkGradients(`losses.${name}`, f, [x], { tol: 1e-5 });
});
