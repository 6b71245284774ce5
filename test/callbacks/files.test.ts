// CSVLogger and ModelCheckpoint against real files in a temporary folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as keras from "../../src/index.js";
import { CSVLogger, ModelCheckpoint, type Logs } from "../../src/callbacks/index.js";
import { fakeFit, recorder, TinyModel } from "./helpers.js";

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "keras-ts-callbacks-"));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const f32 = (v: number) => Math.fround(v);

test("CSVLogger writes Keras's columns (epoch, sorted keys, expected val_ metrics) and Python's numbers", async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, "log.csv");
    const model = new TinyModel();
    model.metricsNames = ["loss", "accuracy", "val_loss", "val_accuracy"];
    const logs: Logs[] = [
      { loss: f32(0.6931), accuracy: 0.5, val_loss: 1 },
      { loss: f32(0.3), accuracy: 0.75, val_loss: 2e-5, val_accuracy: 1 },
    ];
    await fakeFit(model, [new CSVLogger(file)], logs);
    assert.equal(
      await readFile(file, "utf8"),
      "epoch,accuracy,loss,val_loss,val_accuracy\r\n" +
        "0,0.5,0.6930999755859375,1.0,NA\r\n" +
        "1,0.75,0.30000001192092896,2e-05,1.0\r\n",
    );
    // append: rows go after the existing ones, without a second header.
    await fakeFit(
      model,
      [new CSVLogger(file, { append: true })],
      [{ loss: 0.25, accuracy: 1, val_loss: 0.5 }],
    );
    const lines = (await readFile(file, "utf8")).split("\r\n");
    assert.deepEqual(lines.slice(2), ["1,0.75,0.30000001192092896,2e-05,1.0", "0,1.0,0.25,0.5,NA", ""]);
    // Without append the file starts over; a custom separator.
    await fakeFit(new TinyModel(), [new CSVLogger(file, { separator: ";" })], [{ loss: 0.5, note: 1 }]);
    assert.equal(await readFile(file, "utf8"), "epoch;loss;note\r\n0;0.5;1.0\r\n");
  });
});

test("CSVLogger in append mode writes the header when the file is new or empty", async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, "new.csv");
    await fakeFit(new TinyModel(), [new CSVLogger(file, { append: true })], [{ loss: 1 }]);
    assert.equal(await readFile(file, "utf8"), "epoch,loss\r\n0,1.0\r\n");
  });
});

test("ModelCheckpoint saveBestOnly saves only improvements, atomically, with Keras's messages", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "sub", "best.keras");
    const model = new TinyModel();
    const out = recorder();
    const ckpt = new ModelCheckpoint(path, { saveBestOnly: true, verbose: 1, write: out.write });
    const contents: string[] = [];
    const save = model.save.bind(model);
    model.save = async (p: string) => {
      model.saveContent = `epoch ${model.weightMarker()}`;
      await save(p);
      // Written to a temporary file next to the target, with the same ending; the target is untouched.
      contents.push(await readFile(path, "utf8").catch(() => "absent"));
    };
    await fakeFit(
      model,
      [ckpt],
      [1, 0.8, 0.9, 0.5].map((v) => ({ val_loss: v })),
    );
    assert.equal(model.saved.length, 3);
    for (const p of model.saved) {
      assert.equal(join(p, ".."), join(path, ".."));
      assert.match(p, /\/\.tmp-[^/]+-best\.keras$/);
    }
    assert.deepEqual(contents, ["absent", "epoch 0", "epoch 1"]);
    assert.equal(await readFile(path, "utf8"), "epoch 3");
    assert.deepEqual(await readdir(join(dir, "sub")), ["best.keras"]);
    assert.equal(ckpt.best, 0.5);
    assert.equal(
      out.text(),
      `\nEpoch 1: val_loss improved from inf to 1.00000, saving model to ${path}\n` +
        `\nEpoch 1: finished saving model to ${path}\n` +
        `\nEpoch 2: val_loss improved from 1.00000 to 0.80000, saving model to ${path}\n` +
        `\nEpoch 2: finished saving model to ${path}\n` +
        `\nEpoch 3: val_loss did not improve from 0.80000\n` +
        `\nEpoch 4: val_loss improved from 0.80000 to 0.50000, saving model to ${path}\n` +
        `\nEpoch 4: finished saving model to ${path}\n`,
    );
  });
});

test("ModelCheckpoint: a failed save leaves the previous checkpoint and no temporary file", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "model.keras");
    const model = new TinyModel();
    model.saveContent = "good";
    await fakeFit(model, [new ModelCheckpoint(path)], [{ loss: 1 }]);
    model.save = async (p: string) => {
      await writeFile(p, "partial");
      throw new Error("disk full");
    };
    await assert.rejects(fakeFit(model, [new ModelCheckpoint(path)], [{ loss: 1 }]), /disk full/);
    assert.equal(await readFile(path, "utf8"), "good");
    assert.deepEqual(await readdir(dir), ["model.keras"]);
  });
});

test("ModelCheckpoint fills {epoch:02d}/{val_loss:.2f} paths; saveWeightsOnly; saveFreq in batches", async () => {
  await withTempDir(async (dir) => {
    const model = new TinyModel();
    await fakeFit(
      model,
      [new ModelCheckpoint(join(dir, "ckpt-{epoch:02d}-{val_loss:.2f}.keras"))],
      [{ val_loss: 1 }, { val_loss: 0.125 }],
    );
    const weights = new ModelCheckpoint(join(dir, "w{epoch}.weights.h5"), { saveWeightsOnly: true });
    await fakeFit(model, [weights], [{ loss: 1 }]);
    const batches = new ModelCheckpoint(join(dir, "b{epoch}-{batch}.keras"), { saveFreq: 2 });
    await fakeFit(model, [batches], [{ loss: 1 }, { loss: 1 }], { steps: 3 });
    assert.deepEqual((await readdir(dir)).sort(), [
      "b1-2.keras",
      "b2-1.keras",
      "b2-3.keras",
      "ckpt-01-1.00.keras",
      "ckpt-02-0.12.keras",
      "w1.weights.h5",
    ]);
    assert.equal(await readFile(join(dir, "w1.weights.h5"), "utf8"), "weights:model");
  });
});

test("ModelCheckpoint checks its arguments and refuses a directory as the target", async () => {
  assert.throws(
    () => new ModelCheckpoint("model.h5", { saveWeightsOnly: true }),
    /must end in `\.weights\.h5`/,
  );
  assert.throws(() => new ModelCheckpoint("model.bin"), /must end in `\.keras`/);
  assert.throws(() => new ModelCheckpoint("m.keras", { saveFreq: 0 }), keras.ValueError);
  await withTempDir(async (dir) => {
    const target = join(dir, "taken.keras");
    await mkdir(target);
    await assert.rejects(
      fakeFit(new TinyModel(), [new ModelCheckpoint(target)], [{ loss: 1 }]),
      /non-directory filepath/,
    );
    const missing = new ModelCheckpoint(join(dir, "{nope}.keras"));
    await assert.rejects(
      fakeFit(new TinyModel(), [missing], [{ loss: 1 }]),
      /Failed to format this callback filepath/,
    );
  });
});

test("ModelCheckpoint on a model without save() is a clear ValueError, not a TypeError", async () => {
  const cb = new ModelCheckpoint("/tmp/keras-ts-never-written.keras");
  cb.setModel({} as never);
  await assert.rejects(
    async () => cb.onEpochEnd(0, { val_loss: 1 }),
    (e: Error) => e instanceof keras.ValueError && e.message.includes("model.save(path)"),
  );
});
