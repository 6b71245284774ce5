import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { registerSerializable } from "../../src/engine/registry.js";
import { summaryTable } from "../../src/summary/index.js";
import { TinyDense, TinyFlatten } from "./helpers.js";

const { ops } = keras;

test("inputShape on the first layer builds the graph at construction", () => {
  keras.backend.clearSession();
  const model = new keras.Sequential([
    new TinyFlatten({ inputShape: [28, 28] }),
    new TinyDense(30),
    new TinyDense(10),
  ]);
  assert.equal(model.built, true);
  assert.ok(model.isFunctional);
  assert.deepEqual(
    model.layers.map((l) => l.name),
    ["tiny_flatten", "tiny_dense", "tiny_dense_1"],
  );
  assert.equal(model.countParams(), 784 * 30 + 30 + 30 * 10 + 10);
  assert.deepEqual((model.inputs as keras.SymbolicTensor).shape, [null, 28, 28]);
  assert.deepEqual((model.outputs as keras.SymbolicTensor).shape, [null, 10]);
  assert.deepEqual(model.apply(ops.ones([3, 28, 28])).shape, [3, 10]);
  assert.deepEqual(
    summaryTable(model).rows.map((r) => r.outputShape),
    ["(None, 784)", "(None, 30)", "(None, 10)"],
  );
});

test("add() accepts keras.Input and InputLayer; errors for non-layers, duplicates, a second Input", () => {
  keras.backend.clearSession();
  const model = new keras.Sequential();
  model.add(keras.Input({ shape: [4] }));
  assert.equal(model.built, false);
  model.add(new TinyDense(2, { name: "d1" }));
  assert.equal(model.built, true);
  assert.deepEqual(
    model.layers.map((l) => l.name),
    ["d1"],
  );
  assert.equal(model.countParams(), 10);
  assert.throws(() => model.add(3 as never), {
    message: "Only instances of keras.Layer can be added to a Sequential model. Received: 3 (a number).",
  });
  assert.throws(
    () => model.add(new TinyDense(2, { name: "d1" })),
    /should have unique names. Name "d1" is already the name of a layer in this model/,
  );
  assert.throws(
    () => model.add(new keras.InputLayer({ shape: [4] })),
    /has already been configured to use input shape \(None, 4\)/,
  );
  const other = new keras.Sequential([new keras.InputLayer({ shape: [3] }), new TinyDense(1)]);
  assert.equal(other.countParams(), 4);
});

test("deferred build: the first call fixes the input shape with batch size None", () => {
  keras.backend.clearSession();
  const model = new keras.Sequential([new TinyDense(5), new TinyDense(2)]);
  assert.equal(model.built, false);
  assert.equal(model.weights.length, 0);
  assert.throws(() => model.countParams(), /isn't built/);
  const y = model.apply(ops.ones([7, 3]));
  assert.deepEqual(y.shape, [7, 2]);
  assert.equal(model.built, true);
  assert.deepEqual((model.inputs as keras.SymbolicTensor).shape, [null, 3]);
  assert.deepEqual(model.apply(ops.ones([2, 3])).shape, [2, 2], "other batch sizes still work");
  assert.equal(model.countParams(), 3 * 5 + 5 + 5 * 2 + 2);
  // Explicit build works the same way.
  const built = new keras.Sequential([new TinyDense(1)]);
  built.build([null, 6]);
  assert.equal(built.countParams(), 7);
  assert.throws(
    () => built.build([null, 5]),
    /has already been configured to use input shape \(None, 6\). You cannot build it with input shape \(None, 5\)/,
  );
});

test("pop() removes the top layer and rebuilds; empty model errors", () => {
  keras.backend.clearSession();
  const model = new keras.Sequential([
    new TinyDense(4, { inputShape: [3] }),
    new TinyDense(2),
    new TinyDense(1),
  ]);
  const top = model.pop();
  assert.equal(top.name, "tiny_dense_2");
  assert.deepEqual((model.outputs as keras.SymbolicTensor).shape, [null, 2]);
  assert.deepEqual(model.apply(ops.ones([1, 3])).shape, [1, 2]);
  // Rebuilding keeps one node per layer (old graph nodes are dropped).
  assert.equal(model.layers[0]!.inboundNodes.length, 1);
  model.pop();
  model.pop();
  assert.equal(model.layers.length, 0);
  assert.equal(model.built, false);
  assert.throws(() => model.pop(), { message: "There are no layers in the model." });
});

test("Sequential config round trip through the layer registry", () => {
  keras.backend.clearSession();
  // TinyDense is a test class: register it so fromConfig can find it.
  registerSerializable("layer", "TinyDense", TinyDense);
  const model = new keras.Sequential(
    [new TinyDense(3, { inputShape: [2], name: "a" }), new TinyDense(1, { name: "b" })],
    { name: "seq" },
  );
  const config = model.getConfig();
  assert.equal(config.name, "seq");
  const layers = config.layers as { className: string; config: Record<string, unknown> }[];
  assert.deepEqual(
    layers.map((l) => l.className),
    ["InputLayer", "TinyDense", "TinyDense"],
  );
  const copy = keras.Sequential.fromConfig(config);
  assert.ok(copy instanceof keras.Sequential);
  assert.equal(copy.built, true);
  assert.deepEqual(
    copy.layers.map((l) => l.name),
    ["a", "b"],
  );
  assert.equal(copy.countParams(), model.countParams());
});
