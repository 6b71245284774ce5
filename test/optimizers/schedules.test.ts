// Learning-rate schedules: documented values, validation, (de)serialization, use in optimizers;
// and the gradient-clipping helpers.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith } from "../helpers/gradcheck.js";

const { optimizers } = keras;
const { schedules } = optimizers;

const value = (s: keras.optimizers.LearningRateSchedule, step: number) => s.call(step).item() as number;

test("schedules give the documented values", () => {
  const exp = new schedules.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96 });
  assertClose([value(exp, 1000)], [0.096]);
  const inv = new schedules.InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 });
  assertClose([value(inv, 2)], [0.05]);
  const pw = new schedules.PiecewiseConstantDecay({ boundaries: [100, 200], values: [1.0, 0.5, 0.1] });
  assertClose(
    [100, 150, 201].map((s) => value(pw, s)),
    [1, 0.5, 0.1],
  );
  const poly = new schedules.PolynomialDecay({
    initialLearningRate: 0.1,
    decaySteps: 100,
    endLearningRate: 0.01,
  });
  assertClose([value(poly, 50), value(poly, 500)], [0.055, 0.01]);
  const cos = new schedules.CosineDecay({
    initialLearningRate: 0,
    decaySteps: 1000,
    warmupTarget: 0.1,
    warmupSteps: 100,
  });
  assertClose([value(cos, 50), value(cos, 600), value(cos, 5000)], [0.05, 0.05, 0]);
  const sgdr = new schedules.CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 10 });
  assertClose([value(sgdr, 0), value(sgdr, 10)], [0.1, 0.1]);
});

test("schedules validate their arguments", () => {
  assertThrowsWith(
    () => new schedules.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 }),
    keras.ValueError,
    "decaySteps",
    "> 0",
  );
  assertThrowsWith(
    () => new schedules.PiecewiseConstantDecay({ boundaries: [1, 2], values: [1, 2] }),
    keras.ValueError,
    "1 less than",
  );
  assertThrowsWith(
    () => new schedules.CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: -1 }),
    keras.ValueError,
    "firstDecaySteps",
  );
  assertThrowsWith(
    () => new schedules.PolynomialDecay({ initialLearningRate: NaN, decaySteps: 10 }),
    keras.ValueError,
    "initialLearningRate",
  );
  assertThrowsWith(() => schedules.deserialize({ className: "Nope", config: {} }), keras.ValueError, "Nope");
});

test("schedules round-trip through serialize / deserialize in any name casing", () => {
  const s = new schedules.CosineDecay({ initialLearningRate: 0.2, decaySteps: 40, alpha: 0.1 });
  const serialized = schedules.serialize(s);
  assert.equal(serialized.className, "CosineDecay");
  assert.deepEqual(schedules.deserialize(serialized).getConfig(), s.getConfig());
  const snake = schedules.deserialize({ className: "cosine_decay", config: s.getConfig() });
  assert.ok(snake instanceof schedules.CosineDecay);
});

test("an optimizer evaluates its schedule at its step counter", () => {
  const opt = new optimizers.SGD({
    learningRate: new schedules.PiecewiseConstantDecay({ boundaries: [1], values: [1.0, 0.1] }),
  });
  const w = new keras.Variable([0]);
  for (let i = 0; i < 3; i++) opt.applyGradients([[keras.tensor([1]), w]]);
  // steps 0 and 1 use 1.0, step 2 uses 0.1
  assertClose(w.value.values, [-2.1]);
});

test("clipping helpers follow Keras", () => {
  assertClose(optimizers.clipByNorm(keras.tensor([3, 4]), 1).values, [0.6, 0.8]);
  assertClose(optimizers.clipByNorm(keras.tensor([0.3, 0.4]), 1).values, [0.3, 0.4]);
  assertClose(optimizers.clipByNorm(keras.tensor([0, 0]), 1).values, [0, 0]);
  assertClose([optimizers.globalNorm([keras.tensor([3]), null, keras.tensor([4])]).item() as number], [5]);
  const clipped = optimizers.clipByGlobalNorm([keras.tensor([3]), null, keras.tensor([4])], 1);
  assert.equal(clipped[1], null);
  assertClose([clipped[0]!.item() as number, clipped[2]!.item() as number], [0.6, 0.8]);
  assertClose(optimizers.clipByValue(keras.tensor([-2, 0.5, 3]), 1).values, [-1, 0.5, 1]);
});
