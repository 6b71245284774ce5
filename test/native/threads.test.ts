// keras.backend.setNumThreads / getNumThreads, and training results that do not depend on the
// thread count: the same seeded fit with 1, 2 and 3 threads gives bitwise-identical weights.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { skipUnlessNative } from "./helpers.js";
import { assertBitwise, input } from "../fused/helpers.js";

const opts = skipUnlessNative();

test("setNumThreads / getNumThreads, with typed errors for bad counts", opts, () => {
  const before = keras.backend.getNumThreads();
  try {
    keras.backend.setNumThreads(1);
    assert.equal(keras.backend.getNumThreads(), 1);
    keras.backend.setNumThreads(3);
    assert.equal(keras.backend.getNumThreads(), 3);
    assert.throws(() => keras.backend.setNumThreads(0), {
      name: "BackendError",
      message: "setNumThreads expects an integer in [1, 1024], received 0.",
    });
    assert.throws(() => keras.backend.setNumThreads(1.5), { name: "BackendError" });
  } finally {
    keras.backend.setNumThreads(before);
  }
});

test("a seeded fit gives bitwise-identical weights with 1, 2 and 3 threads", opts, async () => {
  const before = keras.backend.getNumThreads();
  const x = input([256, 784], 1);
  const y = new keras.Tensor(
    Float32Array.from({ length: 256 }, (_, i) => i % 10),
    [256],
    "float32",
  );
  const train = async (threads: number) => {
    keras.backend.setNumThreads(threads);
    keras.utils.setRandomSeed(7);
    const model = new keras.Sequential([
      keras.Input({ shape: [784] }),
      new keras.layers.Dense(300, { activation: "relu" }),
      new keras.layers.Dense(100, { activation: "relu" }),
      new keras.layers.Dense(10, { activation: "softmax" }),
    ]);
    model.compile({ optimizer: "adam", loss: "sparse_categorical_crossentropy" });
    await model.fit(x, y, { batchSize: 64, epochs: 2, verbose: 0 });
    assert.equal(keras.backend.getBackend(), "native");
    return model.getWeights();
  };
  const backendBefore = keras.backend.getBackend();
  keras.backend.setBackend("native");
  try {
    const one = await train(1);
    for (const n of [2, 3])
      (await train(n)).forEach((w, i) => assertBitwise(w, one[i]!, `${n} threads, weight ${i}`));
  } finally {
    keras.backend.setNumThreads(before);
    keras.backend.setBackend(backendBefore);
  }
});
