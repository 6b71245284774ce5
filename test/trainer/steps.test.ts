// Custom training steps, datasets (iterables / generators / functions) and sample / class weights.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { blobs, compiledMlp, rows, sameWeights } from "./helpers.js";

const { layers, ops } = keras;

test("a subclass overriding trainStep with its own GradientTape loop trains through fit", async () => {
  class Custom extends keras.Model {
    dense = new layers.Dense(3, { activation: "softmax" });
    steps = 0;
    call(x: keras.Tensor) {
      return this.dense.apply(x);
    }
    override trainStep(data: unknown) {
      const [x, y] = data as [keras.Tensor, keras.Tensor];
      this.steps++;
      const tape = new keras.GradientTape();
      const loss = tape.record(() =>
        keras.losses
          .resolveLoss("sparse_categorical_crossentropy")
          .apply(y, this.apply(x, { training: true }) as keras.Tensor),
      );
      const vars = this.trainableWeights;
      this.optimizer!.apply(tape.gradient(loss, vars), vars);
      return { loss, custom: 1 };
    }
  }
  const { x, y } = blobs(96);
  keras.utils.setRandomSeed(1);
  const model = new Custom();
  model.compile({
    optimizer: new keras.optimizers.SGD({ learningRate: 0.5 }),
    loss: "sparse_categorical_crossentropy",
  });
  const history = await model.fit(x, y, { epochs: 5, batchSize: 32, verbose: 0 });
  assert.equal(model.steps, 15);
  assert.deepEqual(Object.keys(history.history), ["loss", "custom"]);
  const loss = history.history.loss!;
  assert.ok(loss[4]! < loss[0]!, loss.join(", "));
  assert.deepEqual(history.history.custom, [1, 1, 1, 1, 1]);
});

test("dataset input (generator function, iterable, async iterable) trains like arrays", async () => {
  const { x, y } = blobs(80);
  const batches = [0, 32, 64].map((s) => [
    rows(x, s, Math.min(s + 32, 80)),
    rows(y, s, Math.min(s + 32, 80)),
  ]);
  const ref = compiledMlp();
  const hRef = await ref.fit(x, y, { epochs: 2, shuffle: false, verbose: 0 });

  const fromFn = compiledMlp();
  const h1 = await fromFn.fit(
    function* () {
      yield* batches;
    },
    undefined,
    { epochs: 2, verbose: 0 },
  );
  assert.ok(sameWeights(ref, fromFn));
  assert.deepEqual(h1.history.loss, hRef.history.loss);

  const fromIterable = compiledMlp();
  await fromIterable.fit(new Set(batches), undefined, { epochs: 2, verbose: 0 });
  assert.ok(sameWeights(ref, fromIterable));

  const fromAsync = compiledMlp();
  await fromAsync.fit(
    async function* () {
      for (const b of batches) yield b;
    },
    undefined,
    { epochs: 2, verbose: 0 },
  );
  assert.ok(sameWeights(ref, fromAsync));

  // A one-shot generator object continues across epochs, stepsPerEpoch batches at a time.
  const oneShot = compiledMlp();
  const gen = (function* () {
    for (let e = 0; e < 2; e++) yield* batches;
  })();
  await oneShot.fit(gen, undefined, { epochs: 2, stepsPerEpoch: 3, verbose: 0 });
  assert.ok(sameWeights(ref, oneShot));

  // A one-shot generator without stepsPerEpoch is spent after the first epoch: training stops there.
  const spent = compiledMlp();
  const warned: unknown[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warned.push(args[0]);
  try {
    const h = await spent.fit(
      (function* () {
        yield* batches;
      })(),
      undefined,
      { epochs: 3, verbose: 0 },
    );
    assert.deepEqual(h.epoch, [0]);
  } finally {
    console.warn = warn;
  }
  assert.match(String(warned[0]), /ran out of data/);

  const evalDs = await fromFn.evaluate(() => batches.values(), undefined, { verbose: 0 });
  const evalArr = await fromFn.evaluate(x, y, { verbose: 0 });
  assert.deepEqual(evalDs, evalArr);
  const pred = (await fromFn.predict(() => batches.map((b) => [b[0]]).values(), {
    verbose: 0,
  })) as keras.Tensor;
  assert.deepEqual(pred.shape, [80, 3]);
  await assert.rejects(
    fromFn.fit(() => batches.values(), y, { verbose: 0 }),
    /`y` must not be given/,
  );
});

test("sampleWeight scales the loss as a hand computation; classWeight equals the matching sample weights", async () => {
  const { x, y } = blobs(8);
  const model = compiledMlp();
  const sw = keras.tensor([1, 0, 2, 0.5, 1, 3, 0, 1]);
  const probs = model.apply(x) as keras.Tensor;
  const p = probs.values as Float32Array;
  const labels = y.values as Int32Array;
  let total = 0;
  for (let i = 0; i < 8; i++) total += (sw.values[i] as number) * -Math.log(p[i * 3 + labels[i]!]!);
  const loss = (await model.evaluate(x, y, { sampleWeight: sw, verbose: 0 })) as number[];
  assert.ok(Math.abs(loss[0]! - total / 8) < 1e-5, `${loss[0]} vs ${total / 8}`);

  const classWeight = { 0: 0.5, 1: 2, 2: 1 };
  const matching = keras.tensor(Array.from(labels, (c) => classWeight[c as 0 | 1 | 2]));
  const a = compiledMlp();
  const b = compiledMlp();
  // Unshuffled: each fit draws its own permutation from the global generator, and the same batch in
  // another order is only bitwise equal where sums are order-free (the js kernels accumulate in
  // float64; the native GEMM and reductions accumulate in float32). Same order: bitwise on both.
  const ha = await a.fit(x, y, { classWeight, epochs: 2, verbose: 0, shuffle: false });
  const hb = await b.fit(x, y, { sampleWeight: matching, epochs: 2, verbose: 0, shuffle: false });
  assert.ok(sameWeights(a, b));
  assert.deepEqual(ha.history, hb.history);
  const plain = compiledMlp();
  await plain.fit(x, y, { epochs: 2, verbose: 0 });
  assert.ok(!sameWeights(a, plain));
  await assert.rejects(a.fit(x, y, { classWeight, sampleWeight: matching, verbose: 0 }), /at the same time/);
});

test("weightedMetrics use the sample weights; regularization losses join the loss", async () => {
  const { x, y } = blobs(16);
  keras.utils.setRandomSeed(3);
  const model = new keras.Sequential([
    new layers.Dense(3, {
      activation: "softmax",
      inputShape: [4],
      kernelRegularizer: new keras.regularizers.L2({ l2: 0.1 }),
    }),
  ]);
  model.compile({
    optimizer: "sgd",
    loss: "sparse_categorical_crossentropy",
    metrics: ["accuracy"],
    weightedMetrics: ["accuracy"],
  });
  const sw = keras.tensor(Array.from({ length: 16 }, (_, i) => (i < 8 ? 1 : 0)));
  const logs = (await model.evaluate(x, y, { sampleWeight: sw, verbose: 0, returnDict: true })) as Record<
    string,
    number
  >;
  assert.deepEqual(Object.keys(logs), ["accuracy", "loss", "weighted_accuracy"]);
  const probs = model.apply(x) as keras.Tensor;
  const pred = ops.argmax(probs, -1).values;
  let hits = 0;
  for (let i = 0; i < 8; i++) hits += pred[i] === y.values[i] ? 1 : 0;
  assert.ok(Math.abs(logs.weighted_accuracy! - hits / 8) < 1e-6);
  const plain = keras.losses
    .resolveLoss("sparse_categorical_crossentropy")
    .apply(y, probs, sw)
    .item() as number;
  const reg = model.losses.reduce((s, l) => s + (l.item() as number), 0);
  assert.ok(reg > 0);
  assert.ok(Math.abs(logs.loss! - (plain + reg)) < 1e-5, `${logs.loss} vs ${plain} + ${reg}`);
});

test("compile without a loss trains on the model's addLoss losses (fit with x only)", async () => {
  class Shrink extends keras.Model {
    dense = new layers.Dense(2);
    call(x: keras.Tensor) {
      const out = this.dense.apply(x) as keras.Tensor;
      this.addLoss(ops.mean(ops.square(out)) as keras.Tensor);
      return out;
    }
  }
  const { x } = blobs(32);
  keras.utils.setRandomSeed(4);
  const model = new Shrink();
  model.compile({ optimizer: new keras.optimizers.SGD({ learningRate: 0.1 }) });
  const history = await model.fit(x, undefined, { epochs: 3, verbose: 0 });
  const loss = history.history.loss!;
  assert.ok(loss[2]! < loss[0]!, loss.join(", "));
});

test("batches a custom trainStep keeps stay intact (only the default step's batch arrays are reused)", async () => {
  const kept: keras.Tensor[] = [];
  class Keeper extends keras.Model {
    dense = new layers.Dense(2);
    call(x: keras.Tensor) {
      return this.dense.apply(x);
    }
    override trainStep(data: unknown) {
      kept.push((data as [keras.Tensor])[0]);
      return super.trainStep(data);
    }
  }
  // 16 KiB rows: an epoch of 300 samples is gathered in two chunks (8 batches, then 2).
  const width = 4096;
  const xs = new Float32Array(300 * width);
  for (let i = 0; i < xs.length; i++) xs[i] = Math.floor(i / width);
  const model = new Keeper();
  model.compile({ optimizer: "sgd", loss: "mse" });
  await model.fit(new keras.Tensor(xs, [300, width], "float32"), ops.zeros([300, 2]), {
    batchSize: 32,
    verbose: 0,
  });
  const seen = kept.flatMap((x) => {
    const v = x.values;
    const ids = Array.from({ length: x.shape[0]! }, (_, r) => v[r * width]!);
    ids.forEach((id, r) => assert.equal(v[r * width + width - 1], id, `row ${r} is one sample`));
    return ids;
  });
  assert.deepEqual(
    seen.sort((a, b) => a - b),
    Array.from({ length: 300 }, (_, i) => i),
    "every sample once",
  );
});
