import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith } from "../helpers/gradcheck.js";

const { constraints } = keras;
const EPS = 1e-7;

// Columns (axis 0 norms): [3, 4] has norm 5; [0.3, 0.4] has norm 0.5.
const w = () =>
  keras.tensor(
    [
      [3, 0.3],
      [4, 0.4],
    ],
    "float64",
  );

test("MaxNorm scales down only the slices whose norm exceeds maxValue", () => {
  const out = new constraints.MaxNorm({ maxValue: 2 }).call(w());
  const s1 = 2 / (5 + EPS);
  const s2 = 0.5 / (0.5 + EPS);
  assertClose(out.values, [3 * s1, 0.3 * s2, 4 * s1, 0.4 * s2], 1e-12);
  // axis 1: row norms
  const rows = new constraints.MaxNorm({ maxValue: 1, axis: 1 }).call(keras.tensor([[3, 4]], "float64"));
  assertClose(rows.values, [3 / (5 + EPS), 4 / (5 + EPS)], 1e-12);
  assert.deepEqual(new constraints.MaxNorm().getConfig(), { maxValue: 2, axis: 0 });
});

test("MinMaxNorm moves norms into [minValue, maxValue] at the given rate", () => {
  const out = new constraints.MinMaxNorm({ minValue: 1, maxValue: 2 }).call(w());
  assertClose(
    out.values,
    [3 * (2 / (5 + EPS)), 0.3 * (1 / (0.5 + EPS)), 4 * (2 / (5 + EPS)), 0.4 * (1 / (0.5 + EPS))],
    1e-12,
  );
  const half = new constraints.MinMaxNorm({ minValue: 0, maxValue: 1, rate: 0.5 }).call(w());
  const desired = 0.5 * 1 + 0.5 * 5; // column 0
  assertClose([half.values[0]!], [3 * (desired / (5 + EPS))], 1e-12);
  assert.deepEqual(new constraints.MinMaxNorm().getConfig(), { minValue: 0, maxValue: 1, rate: 1, axis: 0 });
});

test("NonNeg zeroes negatives; UnitNorm divides by the norm plus epsilon", () => {
  assert.deepEqual(new constraints.NonNeg().call(keras.tensor([-1, 0, 2])).arraySync(), [0, 0, 2]);
  const u = new constraints.UnitNorm().call(w());
  assertClose(u.values, [3 / (5 + EPS), 0.3 / (0.5 + EPS), 4 / (5 + EPS), 0.4 / (0.5 + EPS)], 1e-12);
  const v = new keras.Variable(keras.tensor([[6], [8]]));
  assertClose(new constraints.UnitNorm().call(v).values, [0.6, 0.8], 1e-6);
});

test("constraint get / serialize / deserialize", () => {
  assert.ok(constraints.get("non_neg") instanceof constraints.NonNeg);
  assert.ok(constraints.get("nonNeg") instanceof constraints.NonNeg);
  assert.ok(constraints.get("max_norm") instanceof constraints.MaxNorm);
  assert.ok(constraints.get("MinMaxNorm") instanceof constraints.MinMaxNorm);
  assert.ok(constraints.get("unit_norm") instanceof constraints.UnitNorm);
  assert.equal(constraints.get(null), null);
  for (const c of [
    new constraints.MaxNorm({ maxValue: 3, axis: [0, 1] }),
    new constraints.MinMaxNorm({ minValue: 0.5, maxValue: 2, rate: 0.9, axis: 1 }),
    new constraints.NonNeg(),
    new constraints.UnitNorm({ axis: -1 }),
  ]) {
    const back = constraints.deserialize(JSON.parse(JSON.stringify(constraints.serialize(c))));
    assert.equal(back.constructor, c.constructor);
    assert.deepEqual(back.getConfig(), c.getConfig());
  }
  assertThrowsWith(() => constraints.get("positive"), keras.ValueError, "positive");
});
