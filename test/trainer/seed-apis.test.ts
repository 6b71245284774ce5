// The seed's three model APIs trained for one epoch on 2,000 real Fashion-MNIST images with
// setRandomSeed(42): bitwise-identical weights and identical loss curves.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import * as keras from "../../src/index.js";
import { MyModel, seedFunctional, seedSequential } from "../../examples/seed-models.js";
import { rows, sameWeights } from "./helpers.js";

const DIR = "/usr/share/datasets/fashion-mnist";

test("Sequential, Functional and subclassed seed models train to bitwise-identical weights", async (t) => {
  if (!existsSync(`${DIR}/train-images-idx3-ubyte.gz`)) {
    t.skip(`Fashion-MNIST is not installed at ${DIR}`);
    return;
  }
  const [[xAll, yAll]] = await keras.datasets.fashionMnist.loadData();
  const x = keras.ops.divide(rows(xAll, 0, 2000), 255) as keras.Tensor;
  const y = rows(yAll, 0, 2000);
  const results = [];
  for (const build of [seedSequential, seedFunctional, () => new MyModel()]) {
    keras.utils.setRandomSeed(42);
    const model = build();
    model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"] });
    const history = await model.fit(x, y, { epochs: 1, validationSplit: 0.1, verbose: 0 });
    results.push({ model, history });
  }
  const [seq, fn, sub] = results;
  assert.ok(sameWeights(seq!.model, fn!.model), "functional = sequential");
  assert.ok(sameWeights(seq!.model, sub!.model), "subclassed = sequential");
  assert.deepEqual(fn!.history.history, seq!.history.history);
  assert.deepEqual(sub!.history.history, seq!.history.history);
  const h = seq!.history.history;
  assert.deepEqual(Object.keys(h), ["accuracy", "loss", "val_accuracy", "val_loss"]);
  assert.ok(h.loss![0]! < 2.3 && h.accuracy![0]! > 0.3, JSON.stringify(h));
});
