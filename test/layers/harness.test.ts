// The layer harness must fail on broken layers; these cases prove each check has teeth.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { registerSerializable } from "../../src/engine/registry.js";
import { runLayerTest } from "../helpers/layer-harness.js";

const failsWith = (fn: () => unknown, fragment: string) =>
  assert.throws(
    fn,
    (e: Error) => e.message.includes(fragment) || assert.fail(`message "${e.message}" lacks "${fragment}"`),
  );

class LyingShape extends keras.layers.Dense {
  static override className = "TestLyingShape";
  override computeOutputShape(s: keras.SymbolicShape) {
    return [...s.slice(0, -1), this.units + 1];
  }
}
class DeadWeight extends keras.Layer {
  static override className = "TestDeadWeight";
  w!: keras.Variable;
  v!: keras.Variable;
  override build(s: keras.SymbolicShape) {
    this.w = this.addWeight({ name: "w", shape: [s[1]!] });
    this.v = this.addWeight({ name: "v", shape: [1] });
  }
  call(x: keras.Tensor) {
    return keras.ops.multiply(x, this.w);
  }
}
class ForgetfulDense extends keras.layers.Dense {
  static override className = "TestForgetfulDense";
  override getConfig() {
    const config = super.getConfig();
    delete config.activation;
    return config;
  }
}
class Unregistered extends keras.layers.Identity {
  static override className = "TestUnregistered";
}
for (const cls of [LyingShape, DeadWeight, ForgetfulDense]) registerSerializable("layer", cls.className, cls);

test("runLayerTest catches a computeOutputShape that disagrees with call()", () => {
  failsWith(
    () => runLayerTest(() => new LyingShape(2), { inputShape: [2, 3] }),
    "eager output vs symbolic output shape",
  );
});

test("runLayerTest catches a trainable weight that gets no gradient", () => {
  failsWith(
    () => runLayerTest(() => new DeadWeight(), { inputShape: [2, 3] }),
    "gradient of test_dead_weight/v is null",
  );
});

test("runLayerTest catches a config that loses an argument", () => {
  // Seeded: with unseeded weights, all 8 pre-activations are ≥ 0 about once in 256 runs, and then a
  // clone without relu computes the same outputs (the check could not see the lost argument).
  keras.utils.setRandomSeed(1);
  failsWith(
    () => runLayerTest(() => new ForgetfulDense(2, { activation: "relu" }), { inputShape: [4, 3] }),
    "index",
  );
});

test("runLayerTest catches an unregistered class and a wrong expected shape", () => {
  failsWith(() => runLayerTest(() => new Unregistered(), { inputShape: [2, 3] }), "TestUnregistered");
  failsWith(
    () => runLayerTest(() => new keras.layers.Dense(2), { inputShape: [2, 3], expectedOutputShape: [2, 3] }),
    "eager output shape",
  );
});
