// keras.metrics.Mean's per-step fast path (fit's cases: per-sample values without weights, and a
// scalar loss weighted by a batch size given as a number) against its op path, which the same
// inputs take when the weight is a tensor: every state value and result bitwise equal.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { input } from "./helpers.js";

function states(m: keras.metrics.Mean): number[] {
  return [...m.variables.map((v) => v.value.values[0]!), m.result().values[0]!];
}

for (const dtype of ["float32", "float64"] as const)
  test(`Mean fast path = op path, bitwise (${dtype})`, () => {
    const fast = new keras.metrics.Mean({ dtype });
    const slow = new keras.metrics.Mean({ dtype });
    for (let step = 0; step < 5; step++) {
      const batch = input([32], step + 1, dtype, 3);
      fast.updateState(batch);
      slow.updateState(batch, keras.ops.ones([32], dtype) as keras.Tensor);
      const loss = input([], step + 11, dtype, 2);
      fast.updateState(loss, 32);
      slow.updateState(loss, keras.ops.convertToTensor(32, dtype));
      assert.deepEqual(states(fast), states(slow), `step ${step}`);
    }
    assert.equal(fast.variables[1]!.value.values[0], 5 * 64);
  });
