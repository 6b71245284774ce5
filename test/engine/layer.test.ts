import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { TinyDense, TinyFlatten } from "./helpers.js";

const { ops } = keras;

test("lazy build: weights are created from the first input's shape", () => {
  const dense = new TinyDense(3, { name: "lazy" });
  assert.equal(dense.built, false);
  assert.equal(dense.weights.length, 0);
  assert.throws(() => dense.countParams(), {
    message:
      'You tried to call `countParams` on layer "lazy", but the layer isn\'t built. You can build it manually via: `lazy.build(batchInputShape)`.',
  });
  const y = dense.apply(ops.ones([2, 4]));
  assert.deepEqual(y.shape, [2, 3]);
  assert.equal(dense.built, true);
  assert.deepEqual(
    dense.weights.map((w) => [w.name, w.path, w.shape]),
    [
      ["kernel", "lazy/kernel", [4, 3]],
      ["bias", "lazy/bias", [3]],
    ],
  );
  assert.equal(dense.countParams(), 15);
  // build() called directly also marks the layer built.
  const manual = new TinyDense(2);
  manual.build([null, 5]);
  assert.equal(manual.built, true);
  assert.equal(manual.countParams(), 12);
});

test("symbolic output shape equals eager output shape", () => {
  const dense = new TinyDense(3);
  const sym = dense.apply(keras.Input({ shape: [4] }));
  assert.ok(sym instanceof keras.SymbolicTensor);
  assert.deepEqual(sym.shape, [null, 3]);
  assert.deepEqual(dense.apply(ops.ones([7, 4])).shape, [7, 3]);
  assert.equal(dense.inboundNodes.length, 1);
  assert.equal(dense.output, sym);
});

test("computeOutputShape override is used for symbolic calls", () => {
  class Fixed extends keras.Layer {
    static override className = "Fixed";
    calls = 0;
    call(x: keras.Tensor) {
      this.calls++;
      return ops.sum(x, -1);
    }
    override computeOutputShape(shape: keras.SymbolicShape) {
      return shape.slice(0, -1);
    }
  }
  const layer = new Fixed();
  const y = layer.apply(keras.Input({ shape: [3, 5] }));
  assert.deepEqual(y.shape, [null, 3]);
  assert.equal(layer.calls, 0);
});

test("weights are found by walking fields: arrays, Maps, records, nested layers, raw variables", () => {
  class Block extends keras.Layer {
    static override className = "Block";
    list = [new TinyDense(2, { name: "l0" }), new TinyDense(2, { name: "l1" })];
    map = new Map([["m", new TinyDense(2, { name: "m0" })]]);
    record = { inner: { deep: new TinyDense(2, { name: "r0" }) } };
    scale = new keras.Variable([1, 1], { name: "scale" });
    frozen = new keras.Variable([0, 0], { name: "counter", trainable: false });
    notALayer = { count: 3, label: "x" };
    call(x: keras.Tensor) {
      let y = x;
      for (const l of this.list) y = l.apply(y);
      y = this.map.get("m")!.apply(y);
      y = this.record.inner.deep.apply(y);
      return ops.multiply(y, this.scale);
    }
  }
  const block = new Block({ name: "block" });
  block.apply(ops.ones([1, 2]));
  assert.deepEqual(
    block.weights.map((w) => w.path),
    [
      "scale",
      "counter",
      "l0/kernel",
      "l0/bias",
      "l1/kernel",
      "l1/bias",
      "m0/kernel",
      "m0/bias",
      "r0/kernel",
      "r0/bias",
    ],
  );
  assert.equal(block.trainableWeights.length, 9);
  assert.deepEqual(
    block.nonTrainableWeights.map((w) => w.name),
    ["counter"],
  );
  assert.equal(block.countParams(), 4 * 6 + 4);
  assert.equal(block.getWeights().length, 10);

  block.list[1]!.trainable = false;
  assert.equal(block.trainableWeights.length, 7);
  assert.deepEqual(
    block.nonTrainableWeights.map((w) => w.path),
    ["counter", "l1/kernel", "l1/bias"],
  );
  block.trainable = false;
  assert.equal(block.trainableWeights.length, 0);
  assert.equal(block.list[0]!.trainable, false);
  assert.equal(block.nonTrainableWeights.length, 10);
  block.trainable = true;
  assert.equal(block.trainableWeights.length, 9);
});

test("setWeights checks count and shapes, naming the layer; getWeights round-trips", () => {
  const dense = new TinyDense(2, { name: "dense" });
  dense.build([null, 3]);
  assert.throws(
    () => dense.setWeights([ops.ones([3, 2])]),
    (e: unknown) => {
      assert.ok(e instanceof keras.ValueError);
      assert.equal(
        e.message,
        'You called `setWeights(weights)` on layer "dense" with a weight list of length 1, but the layer was expecting 2 weights.',
      );
      return true;
    },
  );
  assert.throws(
    () => dense.setWeights([ops.ones([2, 3]), ops.ones([2])]),
    /Layer "dense" weight shape \(3, 2\) is not compatible with provided weight shape \(2, 3\)/,
  );
  // Nothing was assigned by the failed call.
  assert.notDeepEqual(dense.kernel!.arraySync(), [
    [1, 1],
    [1, 1],
    [1, 1],
  ]);
  dense.setWeights([
    [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    [10, 20],
  ]);
  assert.deepEqual(
    dense.getWeights().map((t) => t.arraySync()),
    [
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      [10, 20],
    ],
  );
  assert.deepEqual(dense.apply(ops.ones([1, 3])).arraySync(), [[19, 32]]);
});

test("losses: regularizers of own and nested weights, addLoss cleared at each outer call", () => {
  const l2: keras.Regularizer = { call: (w) => ops.sum(ops.square(w)), getConfig: () => ({}) };
  class WithLoss extends keras.Layer {
    static override className = "WithLoss";
    dense = new TinyDense(1, { kernelRegularizer: l2, useBias: false });
    call(x: keras.Tensor) {
      this.addLoss(ops.sum(x));
      return this.dense.apply(x);
    }
  }
  const layer = new WithLoss();
  layer.apply(ops.ones([1, 2]));
  layer.dense.setWeights([[[1], [2]]]);
  assert.deepEqual(
    layer.losses.map((t) => t.item()),
    [2, 5],
  );
  layer.apply(ops.ones([1, 2]));
  assert.equal(layer.losses.length, 2, "addLoss losses do not pile up across calls");
  // Symbolic calls record no losses.
  layer.apply(keras.Input({ shape: [2] }));
  assert.equal(layer.losses.length, 2);
});

test("config round trip of a simple layer", () => {
  const dense = new TinyDense(4, { name: "d", trainable: false, inputShape: [3], useBias: false });
  const config = dense.getConfig();
  assert.deepEqual(config, {
    name: "d",
    trainable: false,
    dtype: "float32",
    batchInputShape: [null, 3],
    units: 4,
    useBias: false,
  });
  const copy = TinyDense.fromConfig(config);
  assert.ok(copy instanceof TinyDense);
  assert.deepEqual(copy.getConfig(), config);
  const flatten = TinyFlatten.fromConfig(new TinyFlatten({ name: "f" }).getConfig());
  assert.equal(flatten.name, "f");
  assert.equal(flatten.dtype, "float32");
});

test("autocast: float64 inputs are cast to the layer dtype; int inputs are kept", () => {
  const dense = new TinyDense(1);
  assert.equal(dense.apply(ops.ones([1, 2], "float64")).dtype, "float32");
  const f64 = new TinyDense(1, { dtype: "float64" });
  assert.equal(f64.apply(ops.ones([1, 2])).dtype, "float64");
  assert.equal(f64.kernel!.dtype, "float64");
});
