// End to end: the seed models of DESIGN.md and the models of the console doc, built with the real
// engine and layers, print Keras 3's text. Node runs each test file in its own process, so the
// first model here gets Keras's first automatic names (`sequential`, `flatten`, `dense`, ...).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as keras from "../../src/index.js";
import { summaryTable, summaryText } from "../../src/summary/index.js";
import { FASHION_76, FASHION_88, FUNC_108 } from "./keras-texts.js";

const { layers } = keras;

const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/keras-summaries.json", import.meta.url), "utf8"),
) as {
  cases: { id: string; text: string }[];
};
const kerasText = (id: string): string => fixtures.cases.find((c) => c.id === id)!.text;

test("seed MLP, Sequential API: Keras's text with automatic names, 266,610 params (1.02 MB)", () => {
  const seq = new keras.Sequential([
    new layers.Flatten({ inputShape: [28, 28] }),
    new layers.Dense(300, { activation: "relu" }),
    new layers.Dense(100, { activation: "relu" }),
    new layers.Dense(10, { activation: "softmax" }),
  ]);
  assert.equal(summaryText(seq, { terminalColumns: 80 }), kerasText("seed-sequential-76"));
});

test("seed MLP, functional API: a chain, so 3 columns, the InputLayer row first (Keras text)", () => {
  const inputs = keras.Input({ shape: [28, 28], name: "input_layer_2" });
  let x = new layers.Flatten({ name: "flatten_2" }).apply(inputs);
  x = new layers.Dense(300, { activation: "relu", name: "dense_6" }).apply(x);
  x = new layers.Dense(100, { activation: "relu", name: "dense_7" }).apply(x);
  const outputs = new layers.Dense(10, { activation: "softmax", name: "dense_8" }).apply(x);
  const fn = new keras.Model({ inputs, outputs, name: "functional_2" });
  assert.equal(summaryText(fn, { terminalColumns: 80 }), kerasText("seed-functional-76"));
});

class MyModel extends keras.Model {
  flatten = new layers.Flatten();
  dense1 = new layers.Dense(300, { activation: "relu" });
  dense2 = new layers.Dense(100, { activation: "relu" });
  dense3 = new layers.Dense(10, { activation: "softmax" });
  override call(inputs: keras.Tensor) {
    return this.dense3.apply(this.dense2.apply(this.dense1.apply(this.flatten.apply(inputs))));
  }
}

test("seed MLP, subclassing API: unbuilt rows, then the shapes of the first call", () => {
  const model = new MyModel();
  const before = summaryTable(model);
  assert.equal(before.sequentialLike, true);
  assert.deepEqual(
    before.rows.map((r) => [r.className, r.outputShape, r.params]),
    [
      ["Flatten", "?", "unbuilt"],
      ["Dense", "?", "unbuilt"],
      ["Dense", "?", "unbuilt"],
      ["Dense", "?", "unbuilt"],
    ],
  );
  model.apply(keras.ops.zeros([2, 28, 28]));
  const after = summaryTable(model);
  assert.deepEqual(
    after.rows.map((r) => [r.outputShape, r.params]),
    [
      ["(2, 784)", 0],
      ["(2, 300)", 235500],
      ["(2, 100)", 30100],
      ["(2, 10)", 1010],
    ],
  );
  assert.match(summaryText(model, { terminalColumns: 80 }), /\n Total params: 266,610 \(1\.02 MB\)\n/);
});

test("the console doc's Fashion-MNIST MLP with Dropout, at 76 and 88 columns", () => {
  const model = new keras.Sequential(
    [
      keras.Input({ shape: [28, 28] }),
      new layers.Flatten({ name: "flatten" }),
      new layers.Dense(128, { activation: "relu", name: "dense" }),
      new layers.Dropout(0.2, { name: "dropout" }),
      new layers.Dense(10, { activation: "softmax", name: "dense_1" }),
    ],
    { name: "fashion_mlp" },
  );
  assert.equal(summaryText(model, { terminalColumns: 80 }), FASHION_76);
  assert.equal(summaryText(model, { terminalColumns: 200 }), FASHION_88);
});

test("the console doc's functional model with two inputs and an Add layer, at 108 columns", () => {
  const a = keras.Input({ shape: [16], name: "a" });
  const b = keras.Input({ shape: [16], name: "b" });
  const x = new layers.Add({ name: "add" }).apply([
    new layers.Dense(8, { name: "dense_2" }).apply(a),
    new layers.Dense(8, { name: "dense_3" }).apply(b),
  ]);
  const model = new keras.Model({
    inputs: [a, b],
    outputs: new layers.Dense(1, { name: "out" }).apply(x),
    name: "func",
  });
  assert.equal(summaryText(model, { terminalColumns: 200 }), FUNC_108);
});
