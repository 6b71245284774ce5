import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith, f64 } from "../helpers/gradcheck.js";
import { runLayerTest } from "../helpers/layer-harness.js";

const { layers, ops } = keras;
const a = () =>
  keras.tensor([
    [1, 5],
    [-2, 0],
  ]);
const b = () =>
  keras.tensor([
    [3, 4],
    [1, -1],
  ]);

test("elementwise merge layers: harness and values", () => {
  const cases: [() => keras.Layer, number[][]][] = [
    [
      () => new layers.Add(),
      [
        [4, 9],
        [-1, -1],
      ],
    ],
    [
      () => new layers.Subtract(),
      [
        [-2, 1],
        [-3, 1],
      ],
    ],
    [
      () => new layers.Multiply(),
      [
        [3, 20],
        [-2, -0],
      ],
    ],
    [
      () => new layers.Average(),
      [
        [2, 4.5],
        [-0.5, -0.5],
      ],
    ],
    [
      () => new layers.Maximum(),
      [
        [3, 5],
        [1, 0],
      ],
    ],
    [
      () => new layers.Minimum(),
      [
        [1, 4],
        [-2, -1],
      ],
    ],
  ];
  for (const [make, expected] of cases) {
    runLayerTest(make, {
      inputShapes: [
        [2, 3],
        [2, 3],
      ],
      expectedOutputShape: [2, 3],
      expectedNumTrainableWeights: 0,
    });
    assert.deepEqual(make().apply([a(), b()]).arraySync(), expected);
  }
  runLayerTest(() => new layers.Add(), {
    inputShapes: [
      [2, 3],
      [2, 3],
      [2, 3],
    ],
    expectedOutputShape: [2, 3],
  });
  assert.deepEqual(
    new layers.Average()
      .apply([
        a(),
        b(),
        keras.tensor([
          [2, 0],
          [4, 4],
        ]),
      ])
      .arraySync(),
    [
      [2, 3],
      [1, 1],
    ],
  );
});

test("merge layers broadcast shapes and insert axes for lower-rank inputs", () => {
  runLayerTest(() => new layers.Add(), {
    inputShapes: [
      [2, 3, 4],
      [2, 4],
    ],
    expectedOutputShape: [2, 3, 4],
  });
  runLayerTest(() => new layers.Multiply(), {
    inputShapes: [
      [2, 3, 1],
      [2, 3, 5],
    ],
    expectedOutputShape: [2, 3, 5],
  });
  const sum = new layers.Add().apply([
    keras.tensor([[[1, 2]], [[3, 4]]]),
    keras.tensor([
      [10, 20],
      [30, 40],
    ]),
  ]);
  assert.deepEqual(sum.arraySync(), [[[11, 22]], [[33, 44]]]);
  assert.deepEqual(
    new layers.Add().apply([keras.Input({ shape: [3, 1] }), keras.Input({ shape: [3, 4] })]).shape,
    [null, 3, 4],
  );
});

test("merge layer errors", () => {
  assertThrowsWith(
    () =>
      new layers.Add({ name: "add_check" }).apply([keras.Input({ shape: [3] }), keras.Input({ shape: [4] })]),
    keras.ValueError,
    'Layer "add_check"',
    "incompatible shapes",
    "(3,) and (4,)",
  );
  assertThrowsWith(
    () =>
      new layers.Subtract().apply([
        keras.Input({ shape: [3] }),
        keras.Input({ shape: [3] }),
        keras.Input({ shape: [3] }),
      ]),
    keras.ValueError,
    "exactly 2 inputs",
  );
  assertThrowsWith(
    () => new layers.Add().apply([ops.ones([2, 3]), ops.ones([4, 3])]),
    keras.ValueError,
    "different batch sizes",
  );
  assertThrowsWith(() => new layers.Add().apply(ops.ones([2, 3])), keras.ValueError, "list");
});

test("Concatenate joins along an axis and checks the other axes", () => {
  runLayerTest(() => new layers.Concatenate(), {
    inputShapes: [
      [2, 3],
      [2, 5],
    ],
    expectedOutputShape: [2, 8],
  });
  runLayerTest(() => new layers.Concatenate({ axis: 1 }), {
    inputShapes: [
      [2, 1, 4],
      [2, 2, 4],
      [2, 3, 4],
    ],
    expectedOutputShape: [2, 6, 4],
  });
  assert.deepEqual(new layers.Concatenate({ axis: 0 }).apply([a(), b()]).shape, [4, 2]);
  assert.deepEqual(
    new layers.Concatenate().apply([keras.Input({ shape: [null] }), keras.Input({ shape: [2] })]).shape,
    [null, null],
  );
  assertThrowsWith(
    () => new layers.Concatenate().apply([keras.Input({ shape: [2, 3] }), keras.Input({ shape: [4, 3] })]),
    keras.ValueError,
    "matching shapes except for the concatenation axis",
    "(None, 2, 3)",
  );
  assert.equal(new layers.Concatenate({ axis: 2 }).getConfig().axis, 2);
});

test("Dot: batch dot products over given axes, with normalize", () => {
  runLayerTest(() => new layers.Dot(1), {
    inputShapes: [
      [3, 4],
      [3, 4],
    ],
    expectedOutputShape: [3, 1],
  });
  runLayerTest(() => new layers.Dot([2, 1]), {
    inputShapes: [
      [2, 3, 4],
      [2, 4, 5],
    ],
    expectedOutputShape: [2, 3, 5],
  });
  runLayerTest(() => new layers.Dot([1, 2]), {
    inputShapes: [
      [2, 4, 3],
      [2, 5, 4],
    ],
    expectedOutputShape: [2, 3, 5],
  });
  runLayerTest(() => new layers.Dot(-1, { normalize: true }), {
    inputShapes: [
      [2, 3, 4],
      [2, 5, 4],
    ],
    expectedOutputShape: [2, 3, 5],
  });
  runLayerTest(() => new layers.Dot([2, 1]), {
    inputShapes: [
      [2, 3, 4, 2],
      [2, 4, 5],
    ],
    expectedOutputShape: [2, 3, 2, 5],
  });
  assert.deepEqual(new layers.Dot(1).apply([a(), b()]).arraySync(), [[23], [-2]]);
  // (b, 2, 3)·(b, 3, 2) over axes [2, 1] is a batched matmul.
  const x = f64([2, 2, 3], 1);
  const y = f64([2, 3, 2], 2);
  assertClose(
    new layers.Dot([2, 1], { dtype: "float64" }).apply([x, y]).values,
    ops.matmul(x, y).values,
    1e-12,
  );
  // Over axes [1, 1]: xᵀ·y per sample.
  assertClose(
    new layers.Dot(1, { dtype: "float64" }).apply([x, f64([2, 2, 4], 3)]).values,
    ops.matmul(ops.transpose(x, [0, 2, 1]), f64([2, 2, 4], 3)).values,
    1e-12,
  );
  // normalize=true gives cosine similarity.
  const cos = new layers.Dot(1, { normalize: true }).apply([
    keras.tensor([
      [3, 4],
      [1, 0],
    ]),
    keras.tensor([
      [4, 3],
      [0, 2],
    ]),
  ]);
  assertClose(cos.values, [24 / 25, 0], 1e-6);
  assertThrowsWith(
    () => new layers.Dot(1).apply([keras.Input({ shape: [3] }), keras.Input({ shape: [4] })]),
    keras.ValueError,
    "Incompatible input shapes",
    "3 (at axis 1) != 4 (at axis 1)",
  );
  assertThrowsWith(
    () => new layers.Dot([1, 2, 3] as unknown as [number, number]),
    keras.ValueError,
    "two elements",
  );
  assert.deepEqual(new layers.Dot([2, 1], { normalize: true }).getConfig().axes, [2, 1]);
});
