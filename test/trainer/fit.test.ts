// fit / evaluate / predict on small synthetic problems: learning, Keras 3's log keys and values,
// validationSplit semantics, predict batching, the *OnBatch methods.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { blobs, compiledMlp, rows, sameWeights } from "./helpers.js";

test("fit lowers the loss and logs Keras 3's keys; evaluate after fit equals the last val logs", async () => {
  const { x, y } = blobs(600);
  const model = compiledMlp();
  const xv = rows(x, 480, 600);
  const yv = rows(y, 480, 600);
  const history = await model.fit(rows(x, 0, 480), rows(y, 0, 480), {
    epochs: 8,
    batchSize: 32,
    validationData: [xv, yv],
    verbose: 0,
  });
  assert.deepEqual(Object.keys(history.history).sort(), ["accuracy", "loss", "val_accuracy", "val_loss"]);
  assert.deepEqual(history.epoch, [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.equal(model.history, history);
  const loss = history.history.loss!;
  assert.equal(loss.length, 8);
  assert.ok(loss[7]! < loss[0]! * 0.7, `loss decreases: ${loss.join(", ")}`);
  assert.ok(history.history.accuracy![7]! > 0.8, `accuracy ${history.history.accuracy}`);
  const [evalLoss, evalAcc] = (await model.evaluate(xv, yv, { verbose: 0 })) as number[];
  assert.equal(evalLoss, history.history.val_loss![7]);
  assert.equal(evalAcc, history.history.val_accuracy![7]);
  const dict = await model.evaluate(xv, yv, { verbose: 0, returnDict: true });
  assert.deepEqual(dict, { loss: evalLoss, accuracy: evalAcc });
  assert.deepEqual(model.metricsNames, ["loss", "accuracy"]);
});

test("evaluate returns the loss alone without metrics, and [loss, ...metrics] in compile order", async () => {
  const { x, y } = blobs(64);
  const bare = compiledMlp(7, []);
  assert.equal(typeof (await bare.evaluate(x, y, { verbose: 0 })), "number");
  const two = compiledMlp(7, ["sparse_categorical_accuracy", "accuracy"]);
  const r = (await two.evaluate(x, y, { verbose: 0 })) as number[];
  assert.equal(r.length, 3);
  assert.deepEqual(two.metricsNames, ["loss", "sparse_categorical_accuracy", "accuracy"]);
  assert.equal(r[1], r[2]); // both are sparse categorical accuracy here
});

test("the training loss is the epoch mean of the batch losses, weighted by batch size", async () => {
  const { x, y } = blobs(70);
  const a = compiledMlp();
  const b = compiledMlp();
  const h = await a.fit(x, y, { batchSize: 32, shuffle: false, verbose: 0 });
  // Same steps by hand: batches of 32, 32, 6; each batch's loss is taken before its update.
  const lossFn = keras.losses.resolveLoss("sparse_categorical_crossentropy");
  let weighted = 0;
  for (const [s, e] of [
    [0, 32],
    [32, 64],
    [64, 70],
  ] as const) {
    const batchLoss = lossFn.apply(rows(y, s, e), b.apply(rows(x, s, e)) as keras.Tensor).item() as number;
    weighted += batchLoss * (e - s);
    b.trainStep([rows(x, s, e), rows(y, s, e)]);
  }
  assert.ok(sameWeights(a, b), "the same three updates");
  assert.ok(
    Math.abs(h.history.loss![0]! - weighted / 70) < 1e-6,
    `${h.history.loss![0]} vs ${weighted / 70}`,
  );
});

test("validationSplit takes the last fraction before shuffling (same as explicit validationData)", async () => {
  const { x, y } = blobs(200);
  const a = compiledMlp();
  const ha = await a.fit(x, y, { epochs: 2, validationSplit: 0.25, verbose: 0 });
  const b = compiledMlp();
  const hb = await b.fit(rows(x, 0, 150), rows(y, 0, 150), {
    epochs: 2,
    validationData: [rows(x, 150, 200), rows(y, 150, 200)],
    verbose: 0,
  });
  assert.deepEqual(ha.history, hb.history);
  assert.ok(sameWeights(a, b));
  await assert.rejects(
    a.fit(rows(x, 0, 1), rows(y, 0, 1), { validationSplit: 0.5, verbose: 0 }),
    /not sufficient/,
  );
});

test("shuffling repeats under setRandomSeed and differs from no shuffling", async () => {
  const { x, y } = blobs(128);
  const run = async (shuffle: boolean) => {
    const m = compiledMlp(3);
    keras.utils.setRandomSeed(11);
    await m.fit(x, y, { epochs: 2, shuffle, verbose: 0 });
    return m;
  };
  const [s1, s2, plain] = [await run(true), await run(true), await run(false)];
  assert.ok(sameWeights(s1, s2));
  assert.ok(!sameWeights(s1, plain));
});

test("validationFreq, initialEpoch, stepsPerEpoch", async () => {
  const { x, y } = blobs(96);
  const m = compiledMlp();
  const h = await m.fit(x, y, {
    epochs: 4,
    initialEpoch: 1,
    validationData: [x, y],
    validationFreq: 2,
    stepsPerEpoch: 2,
    verbose: 0,
  });
  assert.deepEqual(h.epoch, [1, 2, 3]);
  assert.equal(h.history.loss!.length, 3);
  assert.equal(h.history.val_loss!.length, 2); // after the 2nd and 4th epochs (indices 1 and 3)
  assert.equal(keras.ops.convertToTensor(m.optimizer!.iterations).item(), 6);
});

test("predict in batches equals one apply; TypedArray and nested-array inputs; *OnBatch", async () => {
  const { x, y } = blobs(70);
  const model = compiledMlp();
  const whole = model.apply(x, { training: false }) as keras.Tensor;
  const batched = (await model.predict(x, { batchSize: 16, verbose: 0 })) as keras.Tensor;
  assert.deepEqual(batched.shape, [70, 3]);
  assert.deepEqual(Array.from(batched.values), Array.from(whole.values));
  const fromTyped = (await model.predict(x.values as Float32Array, { verbose: 0 })) as keras.Tensor;
  assert.deepEqual(Array.from(fromTyped.values), Array.from(whole.values));
  const fromNested = (await model.predict(x.arraySync(), { verbose: 0 })) as keras.Tensor;
  assert.deepEqual(Array.from(fromNested.values), Array.from(whole.values));
  const onBatch = (await model.predictOnBatch(x)) as keras.Tensor;
  assert.deepEqual(Array.from(onBatch.values), Array.from(whole.values));

  const before = (await model.testOnBatch(x, y)) as number[];
  const trained = (await model.trainOnBatch(x, y, { returnDict: true })) as Record<string, number>;
  assert.deepEqual(Object.keys(trained), ["accuracy", "loss"]);
  assert.equal(before.length, 2);
});

test("integer (uint8) x is cast to float32 like Keras", async () => {
  const x = new keras.Tensor(
    Uint8Array.from({ length: 40 }, (_, i) => (i * 37) % 256),
    [10, 4],
    "uint8",
  );
  const y = new keras.Tensor(new Int32Array(10), [10], "int32");
  const model = compiledMlp();
  const h = await model.fit(x, y, { verbose: 0 });
  assert.ok(Number.isFinite(h.history.loss![0]!));
  const p = (await model.predict(x, { verbose: 0 })) as keras.Tensor;
  assert.equal(p.dtype, "float32");
});
