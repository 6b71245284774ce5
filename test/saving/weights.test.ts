// model.saveWeights / model.loadWeights in Keras 3's .weights.h5 layout.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import * as keras from "../../src/index.js";
import { loadH5 } from "../../src/saving/h5.js";
import { buildFunctional, buildSequential, inputData } from "./models.js";
import { predictFlat, rows, withTempDir } from "./helpers.js";

async function h5Tree(path: string): Promise<Record<string, string>> {
  const h5 = await loadH5();
  const file = new h5.File(path, "r");
  const out: Record<string, string> = {};
  const visit = (group: InstanceType<typeof h5.Group>, prefix: string): void => {
    for (const key of group.keys()) {
      const p = prefix ? `${prefix}/${key}` : key;
      const item = group.get(key);
      if (item instanceof h5.Group) {
        const name = item.attrs.name?.value;
        out[p] = name === undefined ? "group" : `group name=${String(name)}`;
        visit(item, p);
      } else if (item instanceof h5.Dataset)
        out[p] = `dataset ${JSON.stringify(item.shape)} ${String(item.dtype)}`;
    }
  };
  try {
    visit(file, "");
  } finally {
    file.close();
  }
  return out;
}

test("saveWeights writes Keras 3's group layout for a Sequential model (layers/<snake_case class>[_n]/vars/<i>)", async () => {
  await withTempDir(async (dir) => {
    keras.utils.setRandomSeed(1);
    const model = buildSequential();
    const path = join(dir, "m.weights.h5");
    await model.saveWeights(path);
    const [dense, dropout, dense1] = model.layers;
    assert.deepEqual(await h5Tree(path), {
      layers: "group",
      "layers/dense": "group",
      "layers/dense/vars": `group name=${dense!.name}`,
      "layers/dense/vars/0": "dataset [6,8] <f",
      "layers/dense/vars/1": "dataset [8] <f",
      "layers/dropout": "group",
      "layers/dropout/vars": `group name=${dropout!.name}`,
      "layers/dense_1": "group",
      "layers/dense_1/vars": `group name=${dense1!.name}`,
      "layers/dense_1/vars/0": "dataset [8,3] <f",
      "layers/dense_1/vars/1": "dataset [3] <f",
      vars: `group name=${model.name}`,
    });
    assert.deepEqual(await readdir(dir), ["m.weights.h5"], "no temporary file is left behind");
  });
});

test("saveWeights → loadWeights restores bitwise-identical predictions (Sequential and Functional)", async () => {
  await withTempDir(async (dir) => {
    keras.utils.setRandomSeed(2);
    for (const [build, x] of [
      [buildSequential, rows(inputData(4, 6))],
      [buildFunctional, [rows(inputData(4, 6, 1)), rows(inputData(4, 3, 2))]],
    ] as const) {
      const a = build();
      const b = build();
      const path = join(dir, `${a.name}.weights.h5`);
      await a.saveWeights(path);
      const before = await predictFlat(b, x);
      await b.loadWeights(path);
      const expected = await predictFlat(a, x);
      assert.notDeepEqual(before, expected, "the second model starts with different weights");
      assert.deepEqual(await predictFlat(b, x), expected);
    }
  });
});

test("subclassed models save their layers under their field names", async () => {
  class Two extends keras.Model {
    first = new keras.layers.Dense(4);
    second = new keras.layers.Dense(2);
    call(x: keras.Tensor): keras.Tensor {
      return this.second.apply(this.first.apply(x)) as keras.Tensor;
    }
  }
  await withTempDir(async (dir) => {
    keras.utils.setRandomSeed(3);
    const x = rows(inputData(3, 5));
    const a = new Two();
    const b = new Two();
    a.apply(x);
    b.apply(x);
    const path = join(dir, "two.weights.h5");
    await a.saveWeights(path);
    const tree = await h5Tree(path);
    assert.equal(tree["first/vars/0"], "dataset [5,4] <f");
    assert.equal(tree["second/vars/1"], "dataset [2] <f");
    await b.loadWeights(path);
    assert.deepEqual(await predictFlat(b, x), await predictFlat(a, x));
  });
});

test("wrong suffixes raise Keras's ValueErrors", async () => {
  const model = buildSequential();
  await assert.rejects(model.saveWeights("/tmp/x.h5"), {
    name: "ValueError",
    message: "The filename must end in `.weights.h5`. Received: filepath=/tmp/x.h5",
  });
  await assert.rejects(model.loadWeights("/tmp/x.ckpt"), (e: Error) => {
    assert.equal(e.name, "ValueError");
    assert.match(e.message, /^File format not supported: filepath=\/tmp\/x\.ckpt\. Keras 3 only supports/);
    return true;
  });
});

test("loadWeights with a shape mismatch names the layer and both shapes, and changes nothing", async () => {
  await withTempDir(async (dir) => {
    const small = buildSequential();
    const path = join(dir, "small.weights.h5");
    await small.saveWeights(path);
    const big = new keras.Sequential([
      keras.Input({ shape: [6] }),
      new keras.layers.Dense(9, { activation: "relu", name: "wide" }),
      new keras.layers.Dropout(0.5),
      new keras.layers.Dense(3),
    ]);
    const before = big.getWeights().map((t) => t.dataSync());
    await assert.rejects(big.loadWeights(path), (e: Error) => {
      assert.equal(e.name, "ValueError");
      assert.match(e.message, /Layer "wide"/);
      assert.match(e.message, /\(6, 9\)/);
      assert.match(e.message, /\(6, 8\)/);
      return true;
    });
    assert.deepEqual(
      big.getWeights().map((t) => t.dataSync()),
      before,
    );
  });
});

test("loadWeights with a missing layer reports the expected variable count", async () => {
  await withTempDir(async (dir) => {
    const one = new keras.Sequential([keras.Input({ shape: [6] }), new keras.layers.Dense(8)]);
    const path = join(dir, "one.weights.h5");
    await one.saveWeights(path);
    const model = buildSequential();
    await assert.rejects(model.loadWeights(path), /expected 2 variables, but received 0 variables/);
  });
});
