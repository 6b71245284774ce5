// What users meet first when training goes wrong: Keras's messages, typed errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { Callback } from "../../src/callbacks/callback.js";
import { blobs, compiledMlp, mlp, rows } from "./helpers.js";

test("fit / evaluate / trainOnBatch before compile throw NotCompiledError", async () => {
  const { x, y } = blobs(8);
  const model = mlp();
  for (const run of [
    () => model.fit(x, y, { verbose: 0 }),
    () => model.evaluate(x, y, { verbose: 0 }),
    () => model.trainOnBatch(x, y),
  ]) {
    await assert.rejects(run(), (e: unknown) => {
      assert.ok(e instanceof keras.NotCompiledError);
      assert.match(
        (e as Error).message,
        /You must call `compile\(\)` before calling `(fit|evaluate|trainOnBatch)\(\)`/,
      );
      return true;
    });
  }
  assert.equal(model.compiled, false);
  assert.equal(model.optimizer, null);
  // predict needs no compile.
  assert.deepEqual(((await model.predict(x, { verbose: 0 })) as keras.Tensor).shape, [8, 3]);
});

test("x and y of different lengths: a ValueError naming both sizes", async () => {
  const { x, y } = blobs(10);
  const model = compiledMlp();
  await assert.rejects(model.fit(x, rows(y, 0, 7), { verbose: 0 }), (e: unknown) => {
    assert.ok(e instanceof keras.ValueError);
    assert.match((e as Error).message, /Data cardinality is ambiguous/);
    assert.match((e as Error).message, /x sizes: 10/);
    assert.match((e as Error).message, /y sizes: 7/);
    return true;
  });
});

test("NaN in the data: the loss is NaN in the logs; a callback setting stopTraining ends fit", async () => {
  const { x, y } = blobs(64);
  const bad = new Float32Array(x.values as Float32Array);
  bad[5] = NaN;
  const xNaN = new keras.Tensor(bad, x.shape, "float32");
  // One softmax layer: NaN flows to the loss (the relu of the ops layer maps NaN to 0 today).
  const linear = () => {
    keras.utils.setRandomSeed(5);
    const m = new keras.Sequential([new keras.layers.Dense(3, { activation: "softmax", inputShape: [4] })]);
    m.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy" });
    return m;
  };
  const model = linear();
  const h = await model.fit(xNaN, y, { epochs: 2, shuffle: false, verbose: 0 });
  assert.ok(Number.isNaN(h.history.loss![0]));

  class StopOnNaN extends Callback {
    batches = 0;
    override onTrainBatchEnd(_batch: number, logs: Record<string, number> = {}) {
      this.batches++;
      if (Number.isNaN(logs.loss)) this.model.stopTraining = true;
    }
  }
  const stopper = new StopOnNaN();
  const m2 = linear();
  const h2 = await m2.fit(xNaN, y, { epochs: 5, shuffle: false, callbacks: [stopper], verbose: 0 });
  assert.equal(stopper.batches, 1);
  assert.deepEqual(h2.epoch, [0]);
});

test("sparse labels out of range surface the loss's ValueError with the label value", async () => {
  const { x } = blobs(4);
  const y = keras.tensor([0, 1, 7, 2], "int32");
  const model = compiledMlp();
  await assert.rejects(model.fit(x, y, { verbose: 0 }), (e: unknown) => {
    assert.ok(e instanceof keras.ValueError);
    assert.match((e as Error).message, /7/);
    return true;
  });
});

test("a wrong input shape surfaces the layer's incompatible-input error", async () => {
  const model = compiledMlp();
  const x = keras.ops.zeros([4, 5]);
  const y = keras.tensor([0, 1, 2, 0], "int32");
  await assert.rejects(model.fit(x, y, { verbose: 0 }), /incompatible/i);
});

test("bad options: batchSize, validationSplit, loss structure", async () => {
  const { x, y } = blobs(8);
  const model = compiledMlp();
  await assert.rejects(model.fit(x, y, { batchSize: 0, verbose: 0 }), /batchSize/);
  await assert.rejects(model.fit(x, y, { validationSplit: 1.5, verbose: 0 }), /validationSplit/);
  model.compile({ optimizer: "sgd" });
  await assert.rejects(model.fit(x, y, { verbose: 0 }), /No loss to compute/);
  model.compile({ optimizer: "sgd", loss: ["mse", "mse"] });
  await assert.rejects(model.fit(x, y, { verbose: 0 }), /received 2/);
});
