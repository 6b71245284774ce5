import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertThrowsWith } from "../helpers/gradcheck.js";
import { runLayerTest } from "../helpers/layer-harness.js";

const { layers, ops } = keras;
const arange = (shape: number[]) =>
  ops.reshape(keras.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i)), shape);

test("Flatten: (batch, ...) → (batch, prod), channels_first order, rank-1 inputs", () => {
  runLayerTest(() => new layers.Flatten(), {
    inputShape: [2, 28, 28],
    expectedOutputShape: [2, 784],
    expectedNumTrainableWeights: 0,
  });
  runLayerTest(() => new layers.Flatten(), { inputShape: [3], expectedOutputShape: [3, 1] });
  runLayerTest(() => new layers.Flatten({ dataFormat: "channels_first" }), {
    inputShape: [2, 3, 2, 2],
    expectedOutputShape: [2, 12],
  });
  assert.deepEqual(new layers.Flatten().apply(keras.Input({ shape: [28, 28] })).shape, [null, 784]);
  assert.deepEqual(new layers.Flatten().apply(keras.Input({ shape: [null, 4] })).shape, [null, null]);
  // channels_first: (1, C=2, 2) → move channels last → [[0, 2], [1, 3]] flattened
  assert.deepEqual(
    new layers.Flatten({ dataFormat: "channels_first" }).apply(arange([1, 2, 2])).arraySync(),
    [[0, 2, 1, 3]],
  );
  assert.deepEqual(new layers.Flatten().apply(arange([1, 2, 2])).arraySync(), [[0, 1, 2, 3]]);
  assertThrowsWith(
    () => new layers.Flatten({ dataFormat: "nhwc" as "channels_last" }),
    keras.ValueError,
    "dataFormat",
  );
});

test("Reshape: target shapes with and without -1", () => {
  runLayerTest(() => new layers.Reshape([3, 4]), { inputShape: [2, 12], expectedOutputShape: [2, 3, 4] });
  runLayerTest(() => new layers.Reshape([-1, 2]), { inputShape: [2, 3, 4], expectedOutputShape: [2, 6, 2] });
  assert.deepEqual(new layers.Reshape([-1, 3]).apply(keras.Input({ shape: [12] })).shape, [null, 4, 3]);
  assert.deepEqual(new layers.Reshape([2, -1]).apply(arange([1, 4])).arraySync(), [
    [
      [0, 1],
      [2, 3],
    ],
  ]);
  assertThrowsWith(
    () => new layers.Reshape([5]).apply(keras.Input({ shape: [12] })),
    keras.ValueError,
    "(12,)",
    "must be unchanged",
  );
  assertThrowsWith(() => new layers.Reshape([-1, -1]), keras.ValueError, "at most one -1");
  assertThrowsWith(() => new layers.Reshape([0, 2]), keras.ValueError, "targetShape");
});

test("Permute reorders non-batch axes", () => {
  runLayerTest(() => new layers.Permute([2, 1]), { inputShape: [2, 3, 4], expectedOutputShape: [2, 4, 3] });
  runLayerTest(() => new layers.Permute([3, 1, 2]), {
    inputShape: [2, 3, 4, 5],
    expectedOutputShape: [2, 5, 3, 4],
  });
  assert.deepEqual(new layers.Permute([2, 1]).apply(arange([1, 2, 3])).arraySync(), [
    [
      [0, 3],
      [1, 4],
      [2, 5],
    ],
  ]);
  assertThrowsWith(() => new layers.Permute([0, 1]), keras.ValueError, "start from 1");
  assertThrowsWith(
    () => new layers.Permute([2, 1]).apply(keras.Input({ shape: [3] })),
    keras.ValueError,
    "expected ndim=3",
  );
});

test("RepeatVector repeats along a new axis 1", () => {
  runLayerTest(() => new layers.RepeatVector(3), { inputShape: [2, 4], expectedOutputShape: [2, 3, 4] });
  assert.deepEqual(
    new layers.RepeatVector(2)
      .apply(
        keras.tensor([
          [1, 2],
          [3, 4],
        ]),
      )
      .arraySync(),
    [
      [
        [1, 2],
        [1, 2],
      ],
      [
        [3, 4],
        [3, 4],
      ],
    ],
  );
  assertThrowsWith(() => new layers.RepeatVector(0), keras.ValueError, "n=0");
  assertThrowsWith(
    () => new layers.RepeatVector(2).apply(keras.Input({ shape: [2, 3] })),
    keras.ValueError,
    "expected ndim=2",
  );
});
