import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Input, Model, Sequential } from "../../src/engine/index.js";
import { Dense } from "../../src/layers/core/dense.js";
import * as ops from "../../src/ops/index.js";
import { Variable } from "../../src/core/variable.js";
import type { Tensor } from "../../src/core/tensor.js";
import { dtypeBits, printSummary, summaryTable, summaryText, weightStats } from "../../src/summary/index.js";

const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/keras-summaries.json", import.meta.url), "utf8"),
) as {
  cases: { id: string; terminalColumns: number; text: string }[];
};

/** The real Keras text of a fixture case. */
function kerasText(id: string): string {
  const found = fixtures.cases.find((c) => c.id === id);
  if (!found) throw new Error(`no fixture ${id}`);
  return found.text;
}

/** Keras's two-input model, with `keras.ops.add` (an op row, like Keras's `Add` operation) instead of the layer. */
function twoInputs(names: [string, string] = ["dense_2", "dense_3"]): Model {
  const a = Input({ shape: [16], name: "a" });
  const b = Input({ shape: [16], name: "b" });
  const x = ops.add(new Dense(8, { name: names[0] }).apply(a), new Dense(8, { name: names[1] }).apply(b));
  return new Model({ inputs: [a, b], outputs: new Dense(1, { name: "out" }).apply(x), name: "func" });
}

test("functional model with two inputs: 4 columns, InputLayers, op row, wrapped Connected to (Keras text)", () => {
  const model = twoInputs();
  assert.equal(summaryText(model, { terminalColumns: 200 }), kerasText("two-inputs-108"));
  assert.equal(summaryText(model, { terminalColumns: 80 }), kerasText("two-inputs-76"));
});

test("a layer applied twice in a chain is not sequential-like; node indices count its calls (Keras text)", () => {
  const x = Input({ shape: [4], name: "x" });
  const shared = new Dense(4, { name: "shared" });
  const model = new Model({
    inputs: x,
    outputs: new Dense(2, { name: "head" }).apply(shared.apply(shared.apply(x))),
    name: "shared_chain",
  });
  assert.equal(summaryText(model, { terminalColumns: 200 }), kerasText("shared-layer"));
});

test("a functional chain is sequential-like: 3 columns with the InputLayer row", () => {
  const inputs = Input({ shape: [784] });
  let x = new Dense(300, { activation: "relu" }).apply(inputs);
  x = new Dense(100, { activation: "relu" }).apply(x);
  const model = new Model({ inputs, outputs: new Dense(10, { activation: "softmax" }).apply(x) });
  const table = summaryTable(model);
  assert.equal(table.sequentialLike, true);
  assert.deepEqual(
    table.rows.map((r) => [r.className, r.outputShape, r.params]),
    [
      ["InputLayer", "(None, 784)", 0],
      ["Dense", "(None, 300)", 235500],
      ["Dense", "(None, 100)", 30100],
      ["Dense", "(None, 10)", 1010],
    ],
  );
  assert.deepEqual(table.totals, {
    trainable: { count: 266610, bytes: 1066440 },
    nonTrainable: { count: 0, bytes: 0 },
  });
  assert.match(summaryText(model, { terminalColumns: 80 }), /\n Total params: 266,610 \(1\.02 MB\)\n/);
});

class Unbuilt extends Model {
  dense = new Dense(4, { name: "dense" });
  denseB = new Dense(2, { name: "dense_1" });
  override call(x: Tensor) {
    return this.denseB.apply(this.dense.apply(x));
  }
}

class Built extends Model {
  first = new Dense(4, { name: "first" });
  second = new Dense(2, { name: "second" });
  override call(x: Tensor) {
    return this.second.apply(this.first.apply(x));
  }
}

test("subclassed models: unbuilt layers print `?` and `0 (unbuilt)`; built ones the traced shapes (Keras text)", () => {
  assert.equal(
    summaryText(new Unbuilt({ name: "unbuilt" }), { terminalColumns: 200 }),
    kerasText("unbuilt-88"),
  );
  const model = new Built({ name: "built" });
  model.apply(ops.ones([3, 5]));
  assert.equal(summaryText(model, { terminalColumns: 80 }), kerasText("subclassed-built"));
});

test("expandNested and showTrainable: nested rows, frozen layer N, non-trainable total (Keras text)", () => {
  const inner = new Sequential(
    [Input({ shape: [4] }), new Dense(4, { name: "in_a" }), new Dense(4, { name: "in_b" })],
    {
      name: "inner",
    },
  );
  const outer = new Sequential([Input({ shape: [8] }), new Dense(4, { name: "frozen" }), inner], {
    name: "outer",
  });
  outer.layers[0]!.trainable = false;
  const text = summaryText(outer, { terminalColumns: 200, expandNested: true, showTrainable: true });
  assert.equal(text, kerasText("nested-dense-expand"));
  // Without expandNested the nested model is one row.
  assert.deepEqual(
    summaryTable(outer).rows.map((r) => `${r.name} (${r.className}) level ${r.level}`),
    ["frozen (Dense) level 0", "inner (Sequential) level 0"],
  );
});

test("printFn receives the whole plain text once; layerRange picks a slice of layers", () => {
  const model = twoInputs(["range_a", "range_b"]);
  const printed: string[] = [];
  printSummary(model, { printFn: (s) => printed.push(s), terminalColumns: 200 });
  assert.equal(printed.length, 1);
  assert.equal(printed[0], summaryText(model, { terminalColumns: 200 }));
  assert.ok(!printed[0]!.includes("\x1b["));
  const names = (range: [string, string]) =>
    summaryTable(model, { layerRange: range }).rows.map((r) => r.name);
  assert.deepEqual(names(["range_a", "add"]), ["range_a", "range_b", "add"]);
  assert.deepEqual(names(["out", "range_"]), ["range_a", "range_b", "add", "out"]);
  assert.throws(() => summaryTable(model, { layerRange: ["nope", "out"] }), /do not match the layer names/);
});

/** What the summary reads of a compiled model's optimizer (Keras: `optimizer.built`, `optimizer.variables`). */
class OptimizerState {
  constructor(
    readonly built: boolean,
    readonly variables: Variable[],
  ) {}
}

test("the footer counts optimizer variables once the optimizer is built", () => {
  const model = new Sequential([Input({ shape: [3] }), new Dense(2)]);
  const slots = model.trainableWeights.map((w) => new Variable(ops.zeros(w.shape), { name: `m/${w.name}` }));
  const iterations = new Variable(ops.zeros([], "int32"), { name: "iterations" });
  Object.assign(model, { compiled: true, optimizer: new OptimizerState(true, [iterations, ...slots]) });
  const footer = summaryText(model, { terminalColumns: 80 }).split("\n").slice(-4);
  assert.deepEqual(footer, [
    " Total params: 17 (68.00 B)",
    " Trainable params: 8 (32.00 B)",
    " Non-trainable params: 0 (0.00 B)",
    " Optimizer params: 9 (36.00 B)",
  ]);
  Object.assign(model, { optimizer: new OptimizerState(false, []) });
  assert.equal(
    summaryText(model, { terminalColumns: 80 }).split("\n").at(-1),
    " Non-trainable params: 0 (0.00 B)",
  );
});

test("weight sizes follow Keras's dtype sizes in bits", () => {
  assert.deepEqual(
    [dtypeBits("float32"), dtypeBits("float64"), dtypeBits("uint8"), dtypeBits("bool")],
    [32, 64, 8, 1],
  );
  assert.throws(() => dtypeBits("complex64"), /Invalid dtype/);
  const w = { shape: [10], dtype: "bool" };
  assert.deepEqual(weightStats([w, w]), { count: 10, bytes: 1.25 });
});
