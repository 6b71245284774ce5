import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { weightConstraint } from "../../src/engine/layer-weights.js";
import {
  getRegistered,
  registerSerializable,
  resolveConstraint,
  resolveInitializer,
  resolveRegularizer,
} from "../../src/engine/registry.js";

const { ops } = keras;

class Sevens implements keras.Initializer {
  static className = "EngineTestSevens";
  constructor(readonly config: { value?: number } = {}) {}
  call(shape: readonly number[], dtype: keras.DType) {
    return ops.full(shape, this.config.value ?? 7, dtype);
  }
  getConfig() {
    return { value: this.config.value ?? 7 };
  }
}
registerSerializable("initializer", Sevens.className, Sevens, ["engine_test_sevens_alias"]);

test("identifiers resolve in snake_case, camelCase and PascalCase", () => {
  for (const name of [
    "engine_test_sevens",
    "engineTestSevens",
    "EngineTestSevens",
    "engine_test_sevens_alias",
  ]) {
    const init = resolveInitializer(name);
    assert.ok(init instanceof Sevens, name);
    assert.deepEqual(init.call([2], "float32").arraySync(), [7, 7]);
  }
  assert.equal(getRegistered("initializer", "ENGINE_TEST_SEVENS"), Sevens);
  const fromConfig = resolveInitializer({ className: "EngineTestSevens", config: { value: 3 } });
  assert.deepEqual(fromConfig.call([1], "float32").arraySync(), [3]);
  assert.ok(resolveInitializer(Sevens as never) instanceof Sevens, "a registered class is constructed");
  const instance = new Sevens();
  assert.equal(resolveInitializer(instance), instance);
  const fn = resolveInitializer((shape, dtype) => ops.ones(shape, dtype));
  assert.deepEqual(fn.call([2], "float32").arraySync(), [1, 1]);
  assert.equal(resolveRegularizer(null), null);
  assert.equal(resolveConstraint(undefined), null);
});

test("unknown identifiers throw ValueError listing valid names", () => {
  assert.throws(
    () => resolveInitializer("engine_test_nope"),
    (e: unknown) => {
      assert.ok(e instanceof keras.ValueError);
      assert.match(
        e.message,
        /^Could not interpret initializer identifier: "engine_test_nope". Valid initializer names are: .*engine_test_sevens/,
      );
      return true;
    },
  );
  assert.throws(
    () => resolveInitializer(42 as never),
    /Could not interpret initializer: received 42 \(of type number\)/,
  );
});

test("addWeight resolves initializers, checks shapes, records constraints", () => {
  class W extends keras.Layer {
    static override className = "W";
    w!: keras.Variable;
    override build() {
      const nonNeg: keras.Constraint = { call: (w) => ops.maximum(w, 0), getConfig: () => ({}) };
      this.w = this.addWeight({
        name: "w",
        shape: [2],
        initializer: "engine_test_sevens",
        constraint: nonNeg,
      });
    }
    call(x: keras.Tensor) {
      return ops.multiply(x, this.w);
    }
  }
  const layer = new W({ name: "w_layer" });
  layer.apply(ops.ones([1, 2]));
  assert.equal(layer.w.name, "w");
  assert.equal(layer.w.path, "w_layer/w");
  assert.deepEqual(layer.w.arraySync(), [7, 7]);
  assert.ok(weightConstraint(layer.w));
  const bad = new (class extends keras.Layer {
    override build() {
      this.addWeight({ name: "k", shape: [3], initializer: (_s, d) => ops.ones([2], d) });
    }
    call(x: keras.Tensor) {
      return x;
    }
  })({ name: "bad" });
  assert.throws(
    () => bad.apply(ops.ones([1])),
    /Layer "bad": the initializer of weight "k" returned \(2,\), expected a tensor of shape \(3,\)/,
  );
});
