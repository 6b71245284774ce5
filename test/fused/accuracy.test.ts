// sparseCategoricalAccuracy's one-pass path (labels shaped like the predictions less their last
// axis) against its op chain (taken for labels with a trailing axis of 1): ties pick the first
// maximum, a NaN prediction wins, labels are compared after rounding to the predictions' dtype.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";

const probs = new keras.Tensor(
  Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.5, 0, NaN, 0.9, 0.1, 0.2, 0.3, 0.5, 0.3, 0.3, 0.4]),
  [5, 3],
  "float32",
);
const labelValues = [1, 1, 1, 2.00000001, 0];

for (const dtype of ["float32", "int32", "float64"] as const)
  test(`sparseCategoricalAccuracy one-pass = op chain (labels ${dtype})`, () => {
    const flat = new keras.Tensor(
      dtype === "int32" ? Int32Array.from(labelValues) : Float64Array.from(labelValues),
      [5],
      dtype === "int32" ? "int32" : "float64",
    );
    const column = keras.ops.reshape(flat, [5, 1]) as keras.Tensor;
    const fast = keras.metrics.sparseCategoricalAccuracy(flat, probs);
    const chain = keras.metrics.sparseCategoricalAccuracy(column, probs);
    assert.deepEqual(fast.shape, [5]);
    assert.equal(fast.dtype, chain.dtype);
    assert.deepEqual(Array.from(fast.values), Array.from(chain.values));
    assert.deepEqual(Array.from(fast.values), [1, 0, 0, 1, 0]);
  });
