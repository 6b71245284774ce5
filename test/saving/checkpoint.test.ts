// ModelCheckpoint end to end: fit with saveBestOnly + saveWeightsOnly, then reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import * as keras from "../../src/index.js";
import { buildSequential, inputData } from "./models.js";
import { predictFlat, rows, withTempDir } from "./helpers.js";

test("ModelCheckpoint(saveBestOnly, saveWeightsOnly) over 2 epochs writes a .weights.h5 that reloads", async () => {
  await withTempDir(async (dir) => {
    keras.utils.setRandomSeed(7);
    const model = buildSequential();
    model.compile({ optimizer: "adam", loss: "sparse_categorical_crossentropy" });
    const x = rows(inputData(32, 6));
    const y = keras.tensor(Array.from({ length: 32 }, (_, i) => i % 3));
    const path = join(dir, "best.weights.h5");
    const ckpt = new keras.callbacks.ModelCheckpoint(path, {
      monitor: "loss",
      saveBestOnly: true,
      saveWeightsOnly: true,
    });
    await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, callbacks: [ckpt] });
    assert.deepEqual(await readdir(dir), ["best.weights.h5"]);
    const reloaded = buildSequential();
    await reloaded.loadWeights(path);
    // Loss decreases over these 2 epochs, so the best checkpoint holds the final weights.
    assert.deepEqual(await predictFlat(reloaded, x), await predictFlat(model, x));
  });
});

test("ModelCheckpoint without saveWeightsOnly writes a .keras model that loadModel reads", async () => {
  await withTempDir(async (dir) => {
    keras.utils.setRandomSeed(8);
    const model = buildSequential();
    model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy" });
    const x = rows(inputData(16, 6));
    const y = keras.tensor(Array.from({ length: 16 }, (_, i) => i % 3));
    const path = join(dir, "model-{epoch:02d}.keras");
    const ckpt = new keras.callbacks.ModelCheckpoint(path);
    await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, callbacks: [ckpt] });
    assert.deepEqual((await readdir(dir)).sort(), ["model-01.keras", "model-02.keras"]);
    const loaded = await keras.saving.loadModel(join(dir, "model-02.keras"));
    assert.deepEqual(await predictFlat(loaded, x), await predictFlat(model, x));
  });
});
