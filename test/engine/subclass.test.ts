import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { resetDraws, TinyDense, TinyFlatten, TrainingRecorder } from "./helpers.js";

const { ops } = keras;

test("subclassed model with a list of layers: lazy weights, build() traces call()", () => {
  keras.backend.clearSession();
  class Mlp extends keras.Model {
    hidden = [new TinyDense(8), new TinyDense(4)];
    head = new TinyDense(1);
    call(x: keras.Tensor) {
      let y = x;
      for (const layer of this.hidden) y = ops.relu(layer.apply(y));
      return this.head.apply(y);
    }
  }
  const model = new Mlp();
  assert.equal(model.name, "mlp");
  assert.equal(model.built, false);
  assert.deepEqual(
    model.layers.map((l) => l.name),
    ["tiny_dense", "tiny_dense_1", "tiny_dense_2"],
  );
  assert.equal(model.weights.length, 0);
  model.build([null, 5]);
  assert.equal(model.built, true);
  assert.equal(model.weights.length, 6);
  assert.equal(model.countParams(), 5 * 8 + 8 + 8 * 4 + 4 + 4 + 1);
  assert.equal(model.hidden[0]!.inboundNodes.length, 0, "tracing records no nodes");
  assert.deepEqual(model.apply(ops.ones([3, 5])).shape, [3, 1]);
  assert.deepEqual(model.predictStep(ops.ones([2, 5])), model.apply(ops.ones([2, 5])));
  assert.throws(
    () => model.trainStep([ops.ones([1, 5]), ops.ones([1, 1])]),
    (e: unknown) => e instanceof keras.NotCompiledError,
  );

  // Built on first eager call, too.
  const lazy = new Mlp();
  lazy.apply(ops.ones([2, 5]));
  assert.equal(lazy.countParams(), model.countParams());

  const noCall = new keras.Model();
  assert.throws(() => noCall.apply(ops.ones([1])), /has no call\(\) method/);
});

test("training flag set on the outer call reaches nested layers unless passed explicitly", () => {
  class Inner extends keras.Layer {
    static override className = "Inner";
    recorder = new TrainingRecorder();
    call(x: keras.Tensor) {
      return this.recorder.apply(x);
    }
  }
  class Outer extends keras.Model {
    inner = new Inner();
    forcedOff = new TrainingRecorder();
    call(x: keras.Tensor) {
      return this.forcedOff.apply(this.inner.apply(x), { training: false });
    }
  }
  const model = new Outer();
  const x = ops.ones([1, 2]);
  assert.deepEqual(model.apply(x, { training: true }).arraySync(), [[2, 2]]);
  model.apply(x);
  model.apply(x, { training: false });
  assert.deepEqual(model.inner.recorder.seen, [true, undefined, false]);
  assert.deepEqual(model.forcedOff.seen, [false, false, false]);

  // In a functional graph, the model call's training reaches every node.
  const rec = new TrainingRecorder();
  const inputs = keras.Input({ shape: [2] });
  const fn = new keras.Model({ inputs, outputs: rec.apply(inputs) });
  const seq = new keras.Sequential([fn], { name: "wrapper" });
  seq.build([null, 2]); // tracing calls rec.call on symbolic tensors (training undefined)
  rec.seen = [];
  assert.deepEqual(seq.apply(x, { training: true }).arraySync(), [[2, 2]]);
  seq.predictStep(x);
  assert.deepEqual(rec.seen, [true, false]);
});

test("the seed MLP: Sequential, Functional and subclassed models create identical weights", () => {
  const make = {
    sequential: () =>
      new keras.Sequential([
        new TinyFlatten({ inputShape: [28, 28] }),
        new TinyDense(30),
        new TinyDense(10),
        new TinyDense(3),
      ]),
    functional: () => {
      const inputs = keras.Input({ shape: [28, 28] });
      let x = new TinyFlatten().apply(inputs);
      x = new TinyDense(30).apply(x);
      x = new TinyDense(10).apply(x);
      return new keras.Model({ inputs, outputs: new TinyDense(3).apply(x) });
    },
    subclassed: () => {
      class MyModel extends keras.Model {
        flatten = new TinyFlatten();
        dense1 = new TinyDense(30);
        dense2 = new TinyDense(10);
        dense3 = new TinyDense(3);
        call(inputs: keras.Tensor) {
          return this.dense3.apply(this.dense2.apply(this.dense1.apply(this.flatten.apply(inputs))));
        }
      }
      const model = new MyModel();
      model.build([null, 28, 28]);
      return model;
    },
  };
  const results = Object.entries(make).map(([kind, fn]) => {
    resetDraws();
    const model = fn();
    return {
      kind,
      model,
      weights: model.getWeights().map((w) => ({ shape: w.shape, values: Array.from(w.dataSync()) })),
    };
  });
  const x = ops.divide(ops.reshape(ops.arange(2 * 784), [2, 28, 28]), 784);
  const reference = results[0]!;
  for (const r of results) {
    assert.deepEqual(r.weights, reference.weights, `${r.kind} weights`);
    assert.deepEqual(r.model.apply(x).arraySync(), reference.model.apply(x).arraySync(), `${r.kind} outputs`);
  }
  assert.deepEqual(
    reference.weights.map((w) => w.shape),
    [[784, 30], [30], [30, 10], [10], [10, 3], [3]],
  );
});
