// model.save / keras.saving.loadModel in Keras 3's .keras format.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import * as keras from "../../src/index.js";
import { buildFunctional, buildSequential, inputData } from "./models.js";
import { predictFlat, rows, withTempDir } from "./helpers.js";

test("save writes a stored zip of metadata.json, config.json, model.weights.h5 with Keras's config", async () => {
  await withTempDir(async (dir) => {
    keras.utils.setRandomSeed(4);
    const model = buildSequential();
    const path = join(dir, "m.keras");
    await model.save(path);
    assert.deepEqual(await readdir(dir), ["m.keras"]);
    const files = unzipSync(new Uint8Array(await readFile(path)));
    assert.deepEqual(Object.keys(files), ["metadata.json", "config.json", "model.weights.h5"]);
    const metadata = JSON.parse(strFromU8(files["metadata.json"]!));
    assert.equal(metadata.keras_version, "3.15.1");
    assert.match(metadata.date_saved, /^\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d$/);
    const config = JSON.parse(strFromU8(files["config.json"]!));
    assert.equal(config.module, "keras");
    assert.equal(config.class_name, "Sequential");
    assert.equal(config.registered_name, null);
    assert.deepEqual(config.build_config, { input_shape: [null, 6] });
    const [input, dense] = config.config.layers;
    assert.deepEqual(input.config.batch_shape, [null, 6]);
    assert.equal(input.class_name, "InputLayer");
    assert.equal(dense.module, "keras.layers");
    assert.equal(dense.config.use_bias, true);
    assert.equal(dense.config.kernel_initializer.module, "keras.initializers");
    assert.equal(dense.config.kernel_initializer.class_name, "GlorotUniform");
    assert.deepEqual(dense.config.dtype.config, { name: "float32" });
    assert.deepEqual(dense.build_config, { input_shape: [null, 6] });
  });
});

test("save → loadModel gives the same architecture and bitwise-identical predictions", async () => {
  await withTempDir(async (dir) => {
    keras.utils.setRandomSeed(5);
    const cases = [
      [buildSequential(), rows(inputData(4, 6))],
      [buildFunctional(), [rows(inputData(4, 6, 1)), rows(inputData(4, 3, 2))]],
    ] as const;
    for (const [model, x] of cases) {
      const path = join(dir, `${model.name}.keras`);
      await model.save(path);
      const loaded = await keras.saving.loadModel(path);
      assert.equal(loaded.name, model.name);
      assert.deepEqual(
        loaded.layers.map((l) => [l.name, l.constructor.name]),
        model.layers.map((l) => [l.name, l.constructor.name]),
      );
      assert.deepEqual(await predictFlat(loaded, x), await predictFlat(model, x));
    }
  });
});

test("functional config records Keras 3 nodes: __keras_tensor__ args, a list for merge layers", async () => {
  await withTempDir(async (dir) => {
    const model = buildFunctional();
    const path = join(dir, "f.keras");
    await model.save(path);
    const files = unzipSync(new Uint8Array(await readFile(path)));
    const config = JSON.parse(strFromU8(files["config.json"]!));
    assert.equal(config.class_name, "Functional");
    assert.equal(config.module, "keras.src.models.functional");
    assert.equal(config.registered_name, "Functional");
    const byClass = (name: string) =>
      config.config.layers.find((l: { class_name: string }) => l.class_name === name);
    const add = byClass("Add");
    assert.equal(add.inbound_nodes.length, 1);
    const [args] = add.inbound_nodes[0].args;
    assert.equal(args.length, 2);
    assert.equal(args[0].class_name, "__keras_tensor__");
    assert.deepEqual(config.config.input_layers, [
      ["a", 0, 0],
      ["b", 0, 0],
    ]);
  });
});

test("save and loadModel reject other endings with Keras's messages; subclassed models cannot be saved", async () => {
  const model = buildSequential();
  await assert.rejects(model.save("/tmp/m.h5x"), /^ValueError: Invalid filepath extension for saving/);
  await assert.rejects(
    keras.saving.loadModel("/tmp/m.pb"),
    /File format not supported: filepath=\/tmp\/m\.pb/,
  );
  class Sub extends keras.Model {
    d = new keras.layers.Dense(2);
    call(x: keras.Tensor): keras.Tensor {
      return this.d.apply(x) as keras.Tensor;
    }
  }
  const sub = new Sub();
  sub.apply(rows(inputData(1, 3)));
  await assert.rejects(sub.save("/tmp/sub.keras"), /subclassed model/);
});

test("loadWeights also reads the weights inside a .keras file", async () => {
  await withTempDir(async (dir) => {
    keras.utils.setRandomSeed(6);
    const a = buildSequential();
    const b = buildSequential();
    const path = join(dir, "a.keras");
    await a.save(path);
    await b.loadWeights(path);
    const x = rows(inputData(3, 6));
    assert.deepEqual(await predictFlat(b, x), await predictFlat(a, x));
  });
});
