import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { summaryTable } from "../../src/summary/index.js";
import { TinyDense, TinyFlatten } from "./helpers.js";

const { ops } = keras;

test("two inputs, a shared layer, ops.add merge, two outputs", () => {
  keras.backend.clearSession();
  const a = keras.Input({ shape: [3], name: "a" });
  const b = keras.Input({ shape: [3], name: "b" });
  const shared = new TinyDense(4, { name: "shared" });
  const ha = shared.apply(a);
  const hb = shared.apply(b);
  const merged = ops.add(ha, hb);
  const out1 = new TinyDense(2, { name: "head1" }).apply(merged);
  const out2 = new TinyDense(1, { name: "head2" }).apply(ops.relu(hb));
  const model = new keras.Model({ inputs: [a, b], outputs: [out1, out2] });

  assert.deepEqual(
    model.layers.map((l) => l.name),
    ["a", "b", "shared", "head2", "head1"].sort((x, y) => order(x) - order(y)),
  );
  assert.equal(shared.inboundNodes.length, 2);
  assert.equal(model.weights.length, 6, "the shared layer's weights count once");
  assert.equal(model.countParams(), 3 * 4 + 4 + 4 * 2 + 2 + 4 + 1);

  const xa = keras.tensor([
    [1, 2, 3],
    [0, 1, 0],
  ]);
  const xb = keras.tensor([
    [3, 2, 1],
    [1, 0, 1],
  ]);
  const [y1, y2] = model.apply<keras.Tensor[], keras.Tensor[]>([xa, xb]);
  const ea = shared.apply(xa);
  const eb = shared.apply(xb);
  const expect1 = model.getLayer("head1").apply(ops.add(ea, eb));
  const expect2 = model.getLayer("head2").apply(ops.relu(eb));
  assert.deepEqual(y1!.arraySync(), expect1.arraySync());
  assert.deepEqual(y2!.arraySync(), expect2.arraySync());
  assert.deepEqual(y1!.shape, [2, 2]);
  assert.deepEqual(y2!.shape, [2, 1]);

  // Summary information: shapes, params, "Connected to" with node indices.
  const rows = summaryTable(model).rows;
  const shared_ = rows.find((r) => r.name === "shared")!;
  assert.deepEqual(shared_.connectedTo, ["a[0][0]", "b[0][0]"]);
  assert.equal(shared_.outputShape, "(None, 4)");
  assert.equal(shared_.params, 16);
  assert.deepEqual(rows.find((r) => r.name === "head1")!.connectedTo, ["add[0][0]"]);
  assert.equal(rows.find((r) => r.name === "a")!.className, "InputLayer");

  function order(name: string): number {
    return model.layers.findIndex((l) => l.name === name);
  }
});

test("layers are ordered by depth and include InputLayers; getLayer by name and index", () => {
  keras.backend.clearSession();
  const inputs = keras.Input({ shape: [28, 28] });
  let x = new TinyFlatten().apply(inputs);
  x = new TinyDense(8).apply(x);
  const outputs = new TinyDense(2).apply(x);
  const model = new keras.Model({ inputs, outputs });
  assert.deepEqual(
    model.layers.map((l) => l.name),
    ["input_layer", "tiny_flatten", "tiny_dense", "tiny_dense_1"],
  );
  assert.ok(model.layers[0] instanceof keras.InputLayer);
  assert.equal(model.getLayer("tiny_dense").name, "tiny_dense");
  assert.equal(model.getLayer(3).name, "tiny_dense_1");
  assert.throws(() => model.getLayer("nope"), {
    message:
      'No such layer: nope. Existing layers are: ["input_layer","tiny_flatten","tiny_dense","tiny_dense_1"].',
  });
  assert.throws(() => model.getLayer(9), {
    message: "Was asked to retrieve layer at index 9 but model only has 4 layers.",
  });
  assert.equal(model.inputs, inputs);
  assert.equal(model.outputs, outputs);
  assert.equal(model.input, inputs);
  assert.equal(model.output, outputs);
  // Feature extraction from an intermediate layer's output.
  const features = new keras.Model({ inputs: model.input, outputs: model.getLayer("tiny_dense").output });
  assert.deepEqual(features.apply(ops.ones([2, 28, 28])).shape, [2, 8]);
  assert.equal(features.weights.length, 2);
  assert.deepEqual(model.apply(ops.ones([5, 28, 28])).shape, [5, 2]);
  // Shape checks of the model's own input spec (any batch size).
  assert.throws(
    () => model.apply(ops.ones([5, 28, 27])),
    /Input 0 of layer "functional" is incompatible with the layer: expected shape=\(None, 28, 28\), found shape=\(5, 28, 27\)/,
  );
  // uint8 data is cast to the Input's dtype.
  assert.equal(model.apply(ops.ones([1, 28, 28], "uint8")).dtype, "float32");
});

test("record inputs and outputs", () => {
  const img = keras.Input({ shape: [2] });
  const meta = keras.Input({ shape: [1] });
  const out = ops.add(new TinyDense(1).apply(img), meta);
  const model = new keras.Model({ inputs: { img, meta }, outputs: { score: out } });
  const y = model.apply({ img: ops.ones([3, 2]), meta: ops.zeros([3, 1]) }) as unknown as {
    score: keras.Tensor;
  };
  assert.deepEqual(Object.keys(y), ["score"]);
  assert.deepEqual(y.score.shape, [3, 1]);
  assert.throws(() => model.apply({ img: ops.ones([3, 2]) }), /Missing data for input "meta"/);
});

test("graph disconnected: an output needs an input that was not passed", () => {
  keras.backend.clearSession();
  const a = keras.Input({ shape: [2], name: "input_a" });
  const b = keras.Input({ shape: [2], name: "input_b" });
  const h = new TinyDense(2, { name: "dense" }).apply(a);
  const out = new TinyDense(1, { name: "merge" }).apply(ops.add(h, b));
  assert.throws(
    () => new keras.Model({ inputs: a, outputs: out }),
    (e: unknown) => {
      assert.ok(e instanceof keras.GraphDisconnectedError);
      assert.match(
        e.message,
        /^Graph disconnected: cannot find parent for tensor <SymbolicTensor shape=\(None, 2\), dtype=float32, name=input_b> at op "add"\./,
      );
      assert.match(e.message, /accessed without issue: \["input_a","dense"\]/);
      return true;
    },
  );
});

test("model inputs must come from keras.Input", () => {
  keras.backend.clearSession();
  const a = keras.Input({ shape: [2] });
  const h = new TinyDense(3, { name: "dense" }).apply(a);
  const out = new TinyDense(1).apply(h);
  assert.throws(() => new keras.Model({ inputs: h, outputs: out }), {
    message:
      'Model "functional": input 0 (<SymbolicTensor shape=(None, 3), dtype=float32>) does not come from keras.Input(): it is the output of layer "dense". ' +
      "Functional model inputs must be the tensors returned by keras.Input({ shape: [...] }).",
  });
  assert.throws(
    () => new keras.Model({ inputs: ops.ones([1, 2]), outputs: out }),
    /input 0 must be a symbolic tensor created by keras.Input\(\), received an eager Tensor of shape \(1, 2\)/,
  );
  assert.throws(
    () => new keras.Model({ inputs: a, outputs: ops.ones([1]) }),
    /output 0 must be a symbolic tensor computed from the model's inputs/,
  );
  assert.throws(() => new keras.Model({ inputs: a }), /needs both `inputs` and `outputs`/);
});

test("a Sequential model used as a layer inside a functional model is one node", () => {
  keras.backend.clearSession();
  const encoder = new keras.Sequential([new TinyDense(4, { inputShape: [3] }), new TinyDense(2)], {
    name: "encoder",
  });
  const a = keras.Input({ shape: [3] });
  const b = keras.Input({ shape: [3] });
  const za = encoder.apply(a);
  const zb = encoder.apply(b);
  const out = new TinyDense(1).apply(ops.concatenate([za, zb], -1));
  const model = new keras.Model({ inputs: [a, b], outputs: out });
  assert.deepEqual(
    model.layers.map((l) => l.name),
    ["input_layer_1", "input_layer_2", "encoder", "tiny_dense_2"],
  );
  assert.equal(encoder.inboundNodes.length, 2);
  // The encoder's inner layers got no extra nodes from being traced.
  assert.equal(encoder.layers[0]!.inboundNodes.length, 1);
  assert.equal(model.weights.length, 6);
  assert.equal(model.countParams(), 3 * 4 + 4 + 4 * 2 + 2 + 4 * 1 + 1);
  const x = ops.ones([2, 3]);
  const expected = model.layers[3]!.apply(ops.concatenate([encoder.apply(x), encoder.apply(x)], -1));
  assert.deepEqual(model.apply([x, x]).arraySync(), expected.arraySync());
  const rows = summaryTable(model).rows;
  assert.deepEqual(rows.find((r) => r.name === "tiny_dense_2")!.connectedTo, ["concatenate[0][0]"]);
  assert.deepEqual(rows.find((r) => r.name === "encoder")!.connectedTo, [
    "input_layer_1[0][0]",
    "input_layer_2[0][0]",
  ]);
});

test("a functional model nested in a functional model; duplicate names rejected", () => {
  const i = keras.Input({ shape: [2] });
  const inner = new keras.Model({ inputs: i, outputs: new TinyDense(2).apply(i), name: "inner" });
  const o = keras.Input({ shape: [2] });
  const outer = new keras.Model({ inputs: o, outputs: ops.relu(inner.apply(o)) });
  assert.deepEqual(
    outer.apply(ops.ones([1, 2])).arraySync(),
    ops.relu(inner.apply(ops.ones([1, 2]))).arraySync(),
  );
  assert.equal(outer.weights.length, 2);
  const x = keras.Input({ shape: [2] });
  const y = new TinyDense(2, { name: "same" }).apply(new TinyDense(2, { name: "same" }).apply(x));
  assert.throws(
    () => new keras.Model({ inputs: x, outputs: y }),
    /The name "same" is used 2 times in the model/,
  );
});

test("gradients flow through a functional model to its trainable weights", () => {
  const inputs = keras.Input({ shape: [3] });
  const hidden = new TinyDense(4).apply(inputs);
  const model = new keras.Model({ inputs, outputs: new TinyDense(1).apply(ops.relu(hidden)) });
  model.layers[1]!.trainable = false;
  const x = keras.tensor([
    [1, 2, 3],
    [-1, 0, 1],
  ]);
  const tape = new keras.GradientTape();
  const loss = tape.record(() => ops.sum(ops.square(model.apply(x, { training: true }))));
  const vars = model.trainableWeights;
  assert.equal(vars.length, 2);
  const grads = tape.gradient(loss, vars);
  assert.deepEqual(
    grads.map((g) => g!.shape),
    [[4, 1], [1]],
  );
  assert.ok(grads.every((g) => g!.dataSync().some((v) => v !== 0)));
});
