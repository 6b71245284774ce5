// Callback logic driven by a fake training loop over a tiny model (test/callbacks/helpers.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import {
  Callback,
  CallbackList,
  EarlyStopping,
  History,
  LambdaCallback,
  LearningRateScheduler,
  ProgbarLogger,
  ReduceLROnPlateau,
  TerminateOnNaN,
  type Logs,
} from "../../src/callbacks/index.js";
import { fakeFit, learningRate, recorder, TinyModel } from "./helpers.js";

const losses = (values: number[]) => values.map((loss) => ({ loss }));

test("CallbackList: History then ProgbarLogger after the user's callbacks; model.history; params", () => {
  const model = new TinyModel();
  const mine = new LambdaCallback({});
  const list = new CallbackList([mine], {
    addHistory: true,
    addProgbar: true,
    model,
    verbose: 2,
    epochs: 3,
    steps: 7,
  });
  assert.equal(list.callbacks.length, 3);
  assert.equal(list.callbacks[0], mine);
  assert.ok(list.callbacks[1] instanceof History);
  assert.ok(list.callbacks[2] instanceof ProgbarLogger);
  assert.equal(model.history, list.callbacks[1]);
  assert.deepEqual(mine.params, { verbose: 2, epochs: 3, steps: 7 });
  assert.equal(mine.model, model);
  const logger = list.callbacks[2] as ProgbarLogger;
  assert.deepEqual([logger.verbose, logger.epochs, logger.target], [2, 3, 7]);
  // A History or ProgbarLogger already in the list is used instead of a new one.
  const own = new History();
  const again = new CallbackList([own], { addHistory: true, model });
  assert.equal(again.callbacks.length, 1);
  assert.equal(model.history, own);
});

test("CallbackList refuses what is not a Callback, naming the index and what it got", async () => {
  assert.throws(
    () => new CallbackList([new LambdaCallback({}), { onBatchEnd() {} } as never]),
    (e: unknown) =>
      e instanceof TypeError &&
      e.message.startsWith(
        "callbacks[1] is not a keras.callbacks.Callback (got a plain object with onBatchEnd)",
      ) &&
      e.message.includes("LambdaCallback"),
  );
  assert.throws(
    () => new CallbackList([null as never]),
    /callbacks\[0\] is not a keras\.callbacks\.Callback \(got null\)/,
  );
  assert.throws(
    () => new CallbackList({} as never),
    /callbacks must be an array of keras\.callbacks\.Callback; got an empty object/,
  );
  // Through fit, before any step runs.
  const model = new keras.Sequential([keras.Input({ shape: [2] }), new keras.layers.Dense(1)]);
  model.compile({ optimizer: "sgd", loss: "mse" });
  const before = model.getWeights().map((w) => w.dataSync().slice());
  await assert.rejects(
    model.fit(keras.ops.ones([4, 2]), keras.ops.ones([4, 1]), {
      epochs: 1,
      verbose: 0,
      callbacks: [{ onEpochEnd() {} } as never],
    }),
    /callbacks\[0\] is not a keras\.callbacks\.Callback \(got a plain object with onEpochEnd\)/,
  );
  assert.deepEqual(
    model.getWeights().map((w) => w.dataSync()),
    before,
  );
});

test("CallbackList awaits async hooks in order, sorts batch logs, shares epoch logs", async () => {
  const events: string[] = [];
  const slow = new LambdaCallback({
    onEpochEnd: async (epoch: number, logs?: Logs) => {
      await new Promise((r) => setTimeout(r, 5));
      events.push(`slow ${epoch}`);
      logs!.added = 1;
    },
    onTrainBatchEnd: (_batch: number, logs?: Logs) => void events.push(Object.keys(logs!).join(",")),
  });
  const next = new LambdaCallback({
    onEpochEnd: (epoch: number, logs?: Logs) => void events.push(`next ${epoch} sees added=${logs!.added}`),
  });
  const list = new CallbackList([slow, next]);
  await list.onTrainBatchEnd(0, { loss: 1, accuracy: 0.5, mse: 2 });
  await list.onEpochEnd(0, { loss: 1 });
  assert.deepEqual(events, ["accuracy,loss,mse", "slow 0", "next 0 sees added=1"]);
});

test("History records every epoch's logs and the epoch indices", async () => {
  const model = new TinyModel();
  await fakeFit(
    model,
    [],
    [
      { loss: 1, accuracy: 0.5 },
      { loss: 0.5, accuracy: 0.75 },
    ],
  );
  const history = model.history as History;
  assert.deepEqual(history.history, { loss: [1, 0.5], accuracy: [0.5, 0.75] });
  assert.deepEqual(history.epoch, [0, 1]);
});

test("EarlyStopping stops after `patience` epochs without improvement and prints when verbose", async () => {
  const model = new TinyModel();
  const out = recorder();
  const stop = new EarlyStopping({ monitor: "loss", patience: 2, verbose: 1, write: out.write });
  const ran = await fakeFit(model, [stop], losses([1, 0.9, 0.95, 0.92, 0.8, 0.7]));
  assert.deepEqual(ran, [0, 1, 2, 3]);
  assert.equal(stop.stoppedEpoch, 3);
  assert.equal(stop.best, 0.9);
  assert.deepEqual((model.history as History).history.loss, [1, 0.9, 0.95, 0.92]);
  assert.equal(out.text(), "Epoch 4: early stopping\n");
  assert.equal(model.weightMarker(), 3); // weights of the last epoch are kept
});

test("EarlyStopping restoreBestWeights sets the best epoch's weights back at the end", async () => {
  const model = new TinyModel();
  const out = recorder();
  const stop = new EarlyStopping({
    monitor: "loss",
    patience: 2,
    restoreBestWeights: true,
    verbose: 1,
    write: out.write,
  });
  await fakeFit(model, [stop], losses([1, 0.9, 0.95, 0.92, 0.8]));
  assert.equal(stop.bestEpoch, 1);
  assert.equal(model.weightMarker(), 1);
  assert.equal(
    out.text(),
    "Epoch 4: early stopping\nRestoring model weights from the end of the best epoch: 2.\n",
  );
  // Restores even when training was not stopped early.
  const model2 = new TinyModel();
  await fakeFit(
    model2,
    [new EarlyStopping({ monitor: "loss", patience: 5, restoreBestWeights: true })],
    losses([3, 1, 2]),
  );
  assert.equal(model2.weightMarker(), 1);
});

test("EarlyStopping baseline: the wait only restarts once the metric beats the baseline", async () => {
  const values = [0.5, 0.4, 0.45, 0.95].map((v) => ({ val_accuracy: v }));
  const withBaseline = await fakeFit(
    new TinyModel(),
    [new EarlyStopping({ monitor: "val_accuracy", patience: 2, baseline: 0.9 })],
    values,
  );
  assert.deepEqual(withBaseline, [0, 1]);
  const without = await fakeFit(
    new TinyModel(),
    [new EarlyStopping({ monitor: "val_accuracy", patience: 2 })],
    values,
  );
  assert.deepEqual(without, [0, 1, 2]); // "auto" infers that accuracy goes up
});

test("EarlyStopping minDelta, startFromEpoch, mode and reuse across fits", async () => {
  const model = new TinyModel();
  assert.deepEqual(
    await fakeFit(model, [new EarlyStopping({ monitor: "loss", minDelta: 0.1 })], losses([1, 0.95, 0.5])),
    [0, 1],
  );
  const warm = new EarlyStopping({ monitor: "loss", startFromEpoch: 2 });
  assert.deepEqual(await fakeFit(model, [warm], losses([1, 2, 3, 4, 5])), [0, 1, 2, 3]);
  assert.equal(warm.stoppedEpoch, 3);
  // Reused: state is reset at train begin.
  assert.deepEqual(await fakeFit(model, [warm], losses([5, 4, 3, 2, 1])), [0, 1, 2, 3, 4]);
  assert.equal(warm.stoppedEpoch, 0);
  const max = new EarlyStopping({ monitor: "score", mode: "max" });
  assert.deepEqual(await fakeFit(model, [max], [{ score: 1 }, { score: 2 }, { score: 1.5 }]), [0, 1, 2]);
});

test("EarlyStopping: a missing metric warns and never stops; an unknown direction throws", async (t) => {
  const warn = t.mock.method(console, "warn", () => {});
  const model = new TinyModel();
  assert.deepEqual(await fakeFit(model, [new EarlyStopping()], losses([1, 2, 3])), [0, 1, 2]);
  assert.match(
    String(warn.mock.calls[0]!.arguments[0]),
    /`val_loss` which is not available. Available metrics are: loss/,
  );
  await assert.rejects(
    fakeFit(model, [new EarlyStopping({ monitor: "foo" })], [{ foo: 1 }]),
    (e: unknown) => e instanceof keras.ValueError && /monitor=foo.*mode: "max"/.test(e.message),
  );
});

test("ReduceLROnPlateau: patience, cooldown, minLr; adds learning_rate to the logs", async () => {
  const model = new TinyModel();
  const out = recorder();
  const reduce = new ReduceLROnPlateau({
    monitor: "loss",
    factor: 0.5,
    patience: 1,
    cooldown: 2,
    minLr: 0.02,
    verbose: 1,
    write: out.write,
  });
  await fakeFit(model, [reduce], losses([1, 1, 1, 1, 1, 1, 1, 1]));
  const lrs = (model.history as History).history.learning_rate!;
  const expected = [0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02];
  assert.equal(lrs.length, expected.length);
  lrs.forEach((lr, i) =>
    assert.ok(Math.abs(lr - expected[i]!) < 1e-8, `epoch ${i}: ${lr} vs ${expected[i]}`),
  );
  assert.ok(Math.abs(learningRate(model) - 0.02) < 1e-8);
  assert.equal(
    out.text(),
    "\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.05000000074505806.\n" +
      "\nEpoch 4: ReduceLROnPlateau reducing learning rate to 0.02500000037252903.\n" +
      "\nEpoch 6: ReduceLROnPlateau reducing learning rate to 0.02.\n",
  );
});

test("ReduceLROnPlateau: improvements (beyond minDelta) reset the wait; factor >= 1 is refused", async () => {
  const model = new TinyModel();
  const reduce = new ReduceLROnPlateau({ monitor: "val_loss", patience: 2, minDelta: 0.01 });
  await fakeFit(
    model,
    [reduce],
    [1, 0.9, 0.895, 0.8, 0.799, 0.798].map((v) => ({ val_loss: v })),
  );
  // 0.895 and 0.799 are within minDelta: waits 1, then 1 and 2 → one reduction at epoch 6.
  assert.ok(Math.abs(learningRate(model) - 0.01) < 1e-8);
  assert.throws(() => new ReduceLROnPlateau({ factor: 1 }), /factor >= 1.0/);
});

test("LearningRateScheduler sets the rate from schedule(epoch, lr) and logs it", async () => {
  const model = new TinyModel();
  const out = recorder();
  const scheduler = new LearningRateScheduler((epoch, lr) => (epoch < 2 ? lr : lr * 0.5), {
    verbose: 1,
    write: out.write,
  });
  await fakeFit(model, [scheduler], losses([1, 1, 1, 1]));
  const lrs = (model.history as History).history.learning_rate!;
  [0.1, 0.1, 0.05, 0.025].forEach((v, i) => assert.ok(Math.abs(lrs[i]! - v) < 1e-8));
  assert.match(
    out.text(),
    /^\nEpoch 1: LearningRateScheduler setting learning rate to 0\.10000000149011612\.\n/,
  );
  assert.match(
    out.text(),
    /\nEpoch 3: LearningRateScheduler setting learning rate to 0\.05000000074505806\.\n/,
  );
  const bad = new LearningRateScheduler(() => "fast" as unknown as number);
  await assert.rejects(fakeFit(model, [bad], losses([1])), /should be a number/);
});

test("TerminateOnNaN stops on a NaN or infinite loss, or throws with raiseError", async () => {
  const model = new TinyModel();
  const out = recorder();
  const nanAt = (e: number, b: number) => ({ loss: e === 1 && b === 1 ? NaN : 0.5 });
  const ran = await fakeFit(model, [new TerminateOnNaN({ write: out.write })], losses([1, 1, 1]), {
    steps: 3,
    batchLogs: nanAt,
  });
  assert.deepEqual(ran, [0, 1]);
  assert.equal(out.text(), "Batch 1: Invalid loss, terminating training\n");
  const inf = await fakeFit(model, [new TerminateOnNaN({ write: () => {} })], losses([1, 1]), {
    batchLogs: () => ({ loss: -Infinity }),
  });
  assert.deepEqual(inf, [0]);
  await assert.rejects(
    fakeFit(model, [new TerminateOnNaN({ raiseError: true })], losses([1]), {
      batchLogs: () => ({ loss: NaN }),
    }),
    /NaN or Inf loss encountered at batch 0\. Loss value: NaN/,
  );
});

test("LambdaCallback runs the given functions; a Callback subclass gets legacy onBatchEnd", async () => {
  const calls: string[] = [];
  const lambda = new LambdaCallback({
    onTrainBegin: () => void calls.push("train begin"),
    onEpochBegin: (e: number) => void calls.push(`epoch ${e} begin`),
    onTrainBatchEnd: (b: number, logs?: Logs) => void calls.push(`batch ${b} loss ${logs!.loss}`),
    onEpochEnd: (e: number, logs?: Logs) => void calls.push(`epoch ${e} end loss ${logs!.loss}`),
    onTrainEnd: () => void calls.push("train end"),
  });
  class Legacy extends Callback {
    seen: number[] = [];
    override onBatchEnd(batch: number) {
      this.seen.push(batch);
    }
  }
  const legacy = new Legacy();
  await fakeFit(new TinyModel(), [lambda, legacy], losses([0.5]), { steps: 2 });
  assert.deepEqual(calls, [
    "train begin",
    "epoch 0 begin",
    "batch 0 loss 1",
    "batch 1 loss 1",
    "epoch 0 end loss 0.5",
    "train end",
  ]);
  assert.deepEqual(legacy.seen, [0, 1]);
});

test("fit awaits an async batch hook before the next step, and skips awaits for sync hooks", async () => {
  const model = new keras.Sequential([keras.Input({ shape: [2] }), new keras.layers.Dense(1)]);
  model.compile({ optimizer: "sgd", loss: "mse" });
  const events: string[] = [];
  let pending = false;
  const hooks = new LambdaCallback({
    onTrainBatchBegin: (batch: number) =>
      void events.push(`begin ${batch}${pending ? " while pending" : ""}`),
    onTrainBatchEnd: async (batch: number) => {
      pending = true;
      await new Promise((r) => setTimeout(r, 2));
      pending = false;
      events.push(`end ${batch}`);
    },
  });
  const x = keras.ops.ones([6, 2]);
  await model.fit(x, keras.ops.zeros([6, 1]), { batchSize: 2, epochs: 1, verbose: 0, callbacks: [hooks] });
  assert.deepEqual(events, ["begin 0", "end 0", "begin 1", "end 1", "begin 2", "end 2"]);
});
