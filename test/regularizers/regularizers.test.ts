import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith } from "../helpers/gradcheck.js";

const { regularizers } = keras;

test("L1, L2 and L1L2 compute Keras's penalties with Keras's defaults", () => {
  const x = keras.tensor([
    [1, -2],
    [3, -4],
  ]);
  assertClose([new regularizers.L1().call(x).item() as number], [0.01 * 10], 1e-7);
  assertClose([new regularizers.L1({ l1: 0.5 }).call(x).item() as number], [5], 1e-6);
  assertClose([new regularizers.L2().call(x).item() as number], [0.01 * 30], 1e-7);
  assertClose([new regularizers.L2(0.1).call(x).item() as number], [3], 1e-6);
  assertClose([new regularizers.L1L2({ l1: 0.1, l2: 0.2 }).call(x).item() as number], [1 + 6], 1e-6);
  // Keras's L1L2 class defaults both factors to 0.
  assert.equal(new regularizers.L1L2().call(x).item(), 0);
  assert.deepEqual(new regularizers.L1L2().getConfig(), { l1: 0, l2: 0 });
});

test("regularizers keep the weight's dtype, read variables, and are differentiable", () => {
  const w = new keras.Variable(keras.tensor([[1, -2]], "float64"));
  const reg = new regularizers.L1L2({ l1: 0.5, l2: 0.25 });
  const tape = new keras.GradientTape();
  const penalty = tape.record(() => reg.call(w));
  assert.equal(penalty.dtype, "float64");
  assert.deepEqual(penalty.shape, []);
  const [g] = tape.gradient(penalty, [w]);
  // d/dw (0.5|w| + 0.25 w²) = 0.5 sign(w) + 0.5 w
  assertClose(g!.values, [0.5 + 0.5, -0.5 - 1], 1e-12);
});

test("regularizer get / serialize / deserialize, and invalid factors", () => {
  assert.ok(regularizers.get("l2") instanceof regularizers.L2);
  assert.ok(regularizers.get("L1") instanceof regularizers.L1);
  assert.ok(regularizers.get("l1_l2") instanceof regularizers.L1L2);
  assert.equal(regularizers.get(undefined), null);
  const r = new regularizers.L1L2({ l1: 0.3, l2: 0.4 });
  assert.deepEqual(regularizers.serialize(r), { className: "L1L2", config: { l1: 0.3, l2: 0.4 } });
  const back = regularizers.deserialize(regularizers.serialize(r));
  assert.ok(back instanceof regularizers.L1L2);
  assert.deepEqual(back.getConfig(), r.getConfig());
  assert.deepEqual(regularizers.get({ className: "L2", config: { l2: 0.5 } })!.getConfig(), { l2: 0.5 });
  assertThrowsWith(() => new regularizers.L2({ l2: -1 }), keras.ValueError, "l2", "non-negative");
  assertThrowsWith(() => new regularizers.L1({ l1: Infinity }), keras.ValueError, "l1");
  assertThrowsWith(() => regularizers.get("l3"), keras.ValueError, "l3");
});
