import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertThrowsWith } from "../helpers/gradcheck.js";
import { runLayerTest } from "../helpers/layer-harness.js";

const { layers, ops } = keras;

test("Dropout: harness (inference is the identity, no weights)", () => {
  const { output, inputs } = runLayerTest(() => new layers.Dropout(0.5, { seed: 1 }), {
    inputShape: [4, 6],
    expectedOutputShape: [4, 6],
    expectedNumTrainableWeights: 0,
    expectedNumNonTrainableWeights: 0,
  });
  assert.deepEqual(output.arraySync(), inputs[0]!.arraySync());
});

test("Dropout is inactive unless training is true", () => {
  const drop = new layers.Dropout(0.5, { seed: 3 });
  const x = ops.ones([8, 8]);
  assert.deepEqual(drop.apply(x).arraySync(), x.arraySync());
  assert.deepEqual(drop.apply(x, { training: false }).arraySync(), x.arraySync());
  const zeroRate = new layers.Dropout(0);
  assert.deepEqual(zeroRate.apply(x, { training: true }).arraySync(), x.arraySync());
});

test("Dropout with training=true zeroes about `rate` of the inputs and scales the rest by 1/(1-rate)", () => {
  const rate = 0.3;
  const drop = new layers.Dropout(rate, { seed: 7 });
  const y = drop.apply(ops.ones([100, 100]), { training: true });
  const values = Array.from(y.values);
  assert.ok(
    values.every((v) => v === 0 || Math.abs(v - 1 / (1 - rate)) < 1e-6),
    "values are 0 or 1/(1-rate)",
  );
  const dropped = values.filter((v) => v === 0).length / values.length;
  assert.ok(Math.abs(dropped - rate) < 0.02, `dropped fraction ${dropped}`);
  // A SeedGenerator advances: two training calls differ; the same seed replays the same masks.
  const again = drop.apply(ops.ones([100, 100]), { training: true });
  assert.notDeepEqual(again.arraySync(), y.arraySync());
  const replay = new layers.Dropout(rate, { seed: 7 }).apply(ops.ones([100, 100]), { training: true });
  assert.deepEqual(replay.arraySync(), y.arraySync());
});

test("Dropout noiseShape shares the mask along axes; gradients are masked and scaled", () => {
  const drop = new layers.Dropout(0.5, { noiseShape: [null, 1, 4], seed: 2 });
  const y = drop.apply(ops.ones([3, 5, 4]), { training: true }).arraySync() as number[][][];
  for (const sample of y) for (const row of sample) assert.deepEqual(row, sample[0]);
  const x = keras.tensor([[1, 2, 3, 4]]);
  const tape = new keras.GradientTape();
  tape.watch(x);
  const out = tape.record(() => new layers.Dropout(0.5, { seed: 5 }).apply(x, { training: true }));
  const total = tape.record(() => ops.sum(out));
  const g = tape.gradient(total, x)!;
  Array.from(out.values).forEach((v, i) => assert.equal(g.values[i], v === 0 ? 0 : 2));
});

test("Dropout in a functional model is active only in training", () => {
  const inputs = keras.Input({ shape: [10] });
  const outputs = new layers.Dropout(0.5, { seed: 9 }).apply(inputs);
  const model = new keras.Model({ inputs, outputs });
  const x = ops.ones([4, 10]);
  assert.deepEqual(model.apply(x).arraySync(), x.arraySync());
  const trained = model.apply(x, { training: true });
  assert.ok(Array.from(trained.values).some((v) => v === 0));
});

test("Dropout argument checks", () => {
  assertThrowsWith(() => new layers.Dropout(1.5), keras.ValueError, "rate=1.5");
  assertThrowsWith(() => new layers.Dropout(-0.1), keras.ValueError, "rate");
  assertThrowsWith(() => new layers.Dropout(0.5, { noiseShape: [0, 1] }), keras.ValueError, "noiseShape");
  assert.deepEqual(new layers.Dropout(0.2, { seed: 4, noiseShape: [null, 1] }).getConfig().noiseShape, [
    null,
    1,
  ]);
});
