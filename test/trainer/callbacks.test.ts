// The trainer with the callbacks of src/callbacks: stopping (TerminateOnNaN, EarlyStopping), the
// learning rate set by ReduceLROnPlateau, and the order of hooks.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { Callback } from "../../src/callbacks/callback.js";
import { EarlyStopping, ReduceLROnPlateau, TerminateOnNaN } from "../../src/callbacks/index.js";
import { blobs, compiledMlp } from "./helpers.js";

test("TerminateOnNaN stops fit cleanly after the first NaN batch", async () => {
  const { x, y } = blobs(64);
  const bad = new Float32Array(x.values as Float32Array);
  bad.fill(NaN, 0, 4);
  keras.utils.setRandomSeed(5);
  const model = new keras.Sequential([new keras.layers.Dense(3, { activation: "softmax", inputShape: [4] })]);
  model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy" });
  const out: string[] = [];
  const history = await model.fit(new keras.Tensor(bad, x.shape, "float32"), y, {
    epochs: 3,
    shuffle: false,
    callbacks: [new TerminateOnNaN({ write: (s) => out.push(s) })],
    verbose: 0,
  });
  assert.deepEqual(history.epoch, [0]);
  assert.ok(Number.isNaN(history.history.loss![0]));
  assert.deepEqual(out, ["Batch 0: Invalid loss, terminating training\n"]);
});

test("EarlyStopping on val_loss ends training; ReduceLROnPlateau lowers the optimizer's rate", async () => {
  const { x, y } = blobs(64);
  const model = compiledMlp(7, ["accuracy"], 0); // learning rate 0: val_loss never improves
  const stop = new EarlyStopping({ monitor: "val_loss", patience: 1 });
  const history = await model.fit(x, y, {
    epochs: 10,
    validationData: [x, y],
    callbacks: [stop],
    verbose: 0,
  });
  assert.deepEqual(history.epoch, [0, 1]);

  // A tiny rate: the loss moves by less than minDelta, so the plateau is reached after one epoch.
  const m2 = compiledMlp(7, ["accuracy"], 1e-9);
  const reduce = new ReduceLROnPlateau({ monitor: "loss", patience: 0, factor: 0.5, minLr: 0, verbose: 0 });
  await m2.fit(x, y, { epochs: 2, callbacks: [reduce], verbose: 0 });
  const lr = keras.ops.convertToTensor(m2.optimizer!.learningRate).item() as number;
  assert.ok(Math.abs(lr - 5e-10) < 1e-15, `learning rate ${lr}`);
});

test("hooks run in Keras's order, with validation inside the epoch", async () => {
  const { x, y } = blobs(40);
  const calls: string[] = [];
  class Recorder extends Callback {
    override onTrainBegin() {
      calls.push("train_begin");
    }
    override onEpochBegin(e: number) {
      calls.push(`epoch_begin ${e}`);
    }
    override onTrainBatchEnd(b: number) {
      calls.push(`batch_end ${b}`);
    }
    override onTestBegin() {
      calls.push("test_begin");
    }
    override onTestEnd() {
      calls.push("test_end");
    }
    override onEpochEnd(e: number, logs: Record<string, number> = {}) {
      calls.push(`epoch_end ${e} ${Object.keys(logs).join(",")}`);
    }
    override onTrainEnd() {
      calls.push("train_end");
    }
  }
  const model = compiledMlp();
  await model.fit(x, y, {
    epochs: 1,
    batchSize: 20,
    validationSplit: 0.5,
    callbacks: [new Recorder()],
    verbose: 0,
  });
  assert.deepEqual(calls, [
    "train_begin",
    "epoch_begin 0",
    "batch_end 0",
    "test_begin",
    "test_end",
    "epoch_end 0 accuracy,loss,val_accuracy,val_loss",
    "train_end",
  ]);
});
