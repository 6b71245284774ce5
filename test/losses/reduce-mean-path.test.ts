// The averaging reductions run as one `mean` op; value and gradient must be bitwise those of the
// sum-then-divide composition Keras's reduce_weighted_values spells out.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { reduceWeightedValues } from "../../src/losses/loss.js";

const ops = keras.ops;

for (const dtype of ["float32", "float64"] as const) {
  for (const reduction of ["sum_over_batch_size", "mean", "mean_with_sample_weight"] as const) {
    test(`${reduction} (${dtype}) equals sum / count bitwise, value and gradient`, () => {
      keras.utils.setRandomSeed(3);
      const values = new keras.Variable(keras.random.uniform([37, 3], { minval: 0, maxval: 5, dtype }));
      const tape1 = new keras.GradientTape();
      const fast = tape1.record(() =>
        reduceWeightedValues(ops.multiply(values, 1), null, undefined, reduction),
      ) as keras.Tensor;
      const [gFast] = tape1.gradient(fast, [values]);
      const tape2 = new keras.GradientTape();
      const slow = tape2.record(() => ops.divide(ops.sum(ops.multiply(values, 1)), 111)) as keras.Tensor;
      const [gSlow] = tape2.gradient(slow, [values]);
      assert.equal(fast.dtype, dtype);
      assert.deepEqual(fast.values, slow.values);
      assert.deepEqual(gFast!.values, gSlow!.values);
    });
  }
}

test("the mean of a partial reduction keeps its gradient shape (keepdims and not)", () => {
  const x = new keras.Variable([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  for (const keepdims of [true, false]) {
    const tape = new keras.GradientTape();
    const weights = keepdims ? [[1], [2]] : [1, 2];
    const y = tape.record(() => ops.sum(ops.multiply(ops.mean(x, 1, keepdims), weights)));
    const [g] = tape.gradient(y as keras.Tensor, [x]);
    assert.deepEqual(g!.shape, [2, 3]);
    assert.deepEqual(Array.from(g!.values), [1 / 3, 1 / 3, 1 / 3, 2 / 3, 2 / 3, 2 / 3].map(Math.fround));
  }
});
