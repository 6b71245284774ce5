import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith, checkGradients, f64 } from "../helpers/gradcheck.js";

const { ops } = keras;
type T = keras.Tensor;

const iota = (shape: number[]) =>
  ops.reshape(keras.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_v, i) => i)), shape);

test("transpose, swapaxes, moveaxis: values and any-rank permutations", () => {
  const x = iota([2, 3]);
  assert.deepEqual(ops.transpose(x).arraySync(), [
    [0, 3],
    [1, 4],
    [2, 5],
  ]);
  const y = iota([2, 3, 4]);
  // element [i, j, k] of y is 12i + 4j + k; transpose [2, 0, 1] puts it at [k, i, j]
  const t = ops.transpose(y, [2, 0, 1]);
  assert.deepEqual(t.shape, [4, 2, 3]);
  assert.equal((t.arraySync() as number[][][])[3]![1]![2], 12 + 8 + 3);
  assert.deepEqual(ops.transpose(y, [0, 2, 1]).values, ops.swapaxes(y, 1, 2).values); // batched 2-D path
  assert.deepEqual(ops.transpose(y, [-1, 0, 1]).shape, [4, 2, 3]);
  assert.deepEqual(ops.moveaxis(y, 0, -1).shape, [3, 4, 2]);
  assert.deepEqual(ops.moveaxis(y, [0, 1], [2, 0]).shape, [3, 4, 2]);
  assert.deepEqual(ops.moveaxis(y, 2, 0).values, ops.transpose(y, [2, 0, 1]).values);
  const z = iota([2, 1, 3, 2, 2]);
  const p = ops.transpose(z, [4, 2, 0, 3, 1]);
  assert.deepEqual(p.shape, [2, 3, 2, 2, 1]);
  assert.deepEqual(ops.transpose(p, [2, 4, 1, 3, 0]).values, z.values); // inverse permutation
  assert.equal(ops.transpose(keras.tensor(5)).item(), 5);
});

test("expandDims, squeeze, flip: values and shapes", () => {
  const x = iota([2, 3]);
  assert.deepEqual(ops.expandDims(x, 0).shape, [1, 2, 3]);
  assert.deepEqual(ops.expandDims(x, -1).shape, [2, 3, 1]);
  assert.deepEqual(ops.expandDims(x, [0, 2]).shape, [1, 2, 1, 3]);
  assert.deepEqual(ops.expandDims(x, [-1, 0]).shape, [1, 2, 3, 1]);
  assert.deepEqual(ops.squeeze(ops.zeros([1, 3, 1])).shape, [3]);
  assert.deepEqual(ops.squeeze(ops.zeros([1, 3, 1]), 2).shape, [1, 3]);
  assert.deepEqual(ops.squeeze(ops.zeros([1, 3, 1]), [0, -1]).shape, [3]);
  assert.deepEqual(ops.flip(x, 1).arraySync(), [
    [2, 1, 0],
    [5, 4, 3],
  ]);
  assert.deepEqual(ops.flip(x).arraySync(), [
    [5, 4, 3],
    [2, 1, 0],
  ]);
  assert.deepEqual(ops.flip(iota([2, 2, 2]), [0, 2]).values, Float32Array.from([5, 4, 7, 6, 1, 0, 3, 2]));
});

test("concatenate, stack, split, slice: values", () => {
  const a = iota([2, 2]);
  const b = ops.add(iota([2, 1]), 10);
  assert.deepEqual(ops.concatenate([a, b], 1).arraySync(), [
    [0, 1, 10],
    [2, 3, 11],
  ]);
  assert.deepEqual(ops.concatenate([a, ops.transpose(b)], 0).arraySync(), [
    [0, 1],
    [2, 3],
    [10, 11],
  ]);
  const mixed = ops.concatenate([keras.tensor([1, 2], "int32"), keras.tensor([0.5])]);
  assert.equal(mixed.dtype, "float32");
  assert.deepEqual(mixed.arraySync(), [1, 2, 0.5]);
  assert.deepEqual(ops.stack([a, ops.add(a, 4)], 0).shape, [2, 2, 2]);
  assert.deepEqual(ops.stack([a, ops.add(a, 4)], -1).arraySync(), [
    [
      [0, 4],
      [1, 5],
    ],
    [
      [2, 6],
      [3, 7],
    ],
  ]);
  assert.deepEqual(ops.stack([1, 2, 3]).arraySync(), [1, 2, 3]);
  const x = iota([6, 2]);
  assert.deepEqual(
    ops.split(x, 3).map((t) => t.arraySync()),
    [
      [
        [0, 1],
        [2, 3],
      ],
      [
        [4, 5],
        [6, 7],
      ],
      [
        [8, 9],
        [10, 11],
      ],
    ],
  );
  assert.deepEqual(
    ops.split(x, [1, 4]).map((t) => t.shape),
    [
      [1, 2],
      [3, 2],
      [2, 2],
    ],
  );
  assert.deepEqual(
    ops.split(x, [2, -1, 9]).map((t) => t.shape[0]),
    [2, 3, 1, 0],
  ); // NumPy index rules
  assert.deepEqual(ops.split(x, 2, 1)[1]!.arraySync(), [[1], [3], [5], [7], [9], [11]]);
  assert.deepEqual(ops.slice(iota([3, 4]), [1, 1], [2, 2]).arraySync(), [
    [5, 6],
    [9, 10],
  ]);
  assert.deepEqual(ops.slice(iota([3, 4]), [1, 2], [-1, -1]).arraySync(), [
    [6, 7],
    [10, 11],
  ]);
  assert.deepEqual(
    ops.slice(iota([2, 3, 4]), [1, 0, 1], [1, 3, 3]).values,
    Float32Array.from([13, 14, 15, 17, 18, 19, 21, 22, 23]),
  );
});

test("pad (all modes), tile, repeat: values", () => {
  assert.deepEqual(ops.pad([1, 2, 3], [[1, 2]]).arraySync(), [0, 1, 2, 3, 0, 0]);
  assert.deepEqual(ops.pad([1, 2, 3], 1, "constant", 9).arraySync(), [9, 1, 2, 3, 9]);
  assert.deepEqual(
    ops
      .pad(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      )
      .arraySync(),
    [
      [0, 0, 0],
      [1, 2, 0],
      [3, 4, 0],
    ],
  );
  assert.deepEqual(
    ops.pad(
      [
        [1, 2],
        [3, 4],
      ],
      [1, 1],
    ).shape,
    [4, 4],
  );
  assert.deepEqual(ops.pad([1, 2, 3], [[2, 2]], "reflect").arraySync(), [3, 2, 1, 2, 3, 2, 1]);
  assert.deepEqual(ops.pad([1, 2, 3], [[2, 3]], "symmetric").arraySync(), [2, 1, 1, 2, 3, 3, 2, 1]);
  assert.deepEqual(ops.pad([1, 2, 3], [[2, 1]], "edge").arraySync(), [1, 1, 1, 2, 3, 3]);
  assert.deepEqual(
    ops
      .pad(
        [
          [1, 2],
          [3, 4],
        ],
        1,
        "reflect",
      )
      .arraySync(),
    [
      [4, 3, 4, 3],
      [2, 1, 2, 1],
      [4, 3, 4, 3],
      [2, 1, 2, 1],
    ],
  );
  assert.deepEqual(ops.tile([1, 2], 2).arraySync(), [1, 2, 1, 2]);
  assert.deepEqual(ops.tile([[1, 2]], [2, 2]).arraySync(), [
    [1, 2, 1, 2],
    [1, 2, 1, 2],
  ]);
  assert.deepEqual(ops.tile([1, 2], [2, 1]).arraySync(), [
    [1, 2],
    [1, 2],
  ]);
  assert.deepEqual(
    ops.tile(
      [
        [1, 2],
        [3, 4],
      ],
      [2],
    ).shape,
    [2, 4],
  );
  assert.deepEqual(ops.tile([1, 2], [0]).shape, [0]);
  assert.deepEqual(ops.repeat([1, 2], 2).arraySync(), [1, 1, 2, 2]);
  assert.deepEqual(
    ops
      .repeat(
        [
          [1, 2],
          [3, 4],
        ],
        2,
      )
      .arraySync(),
    [1, 1, 2, 2, 3, 3, 4, 4],
  );
  assert.deepEqual(
    ops
      .repeat(
        [
          [1, 2],
          [3, 4],
        ],
        2,
        1,
      )
      .arraySync(),
    [
      [1, 1, 2, 2],
      [3, 3, 4, 4],
    ],
  );
  assert.deepEqual(
    ops
      .repeat(
        [
          [1, 2],
          [3, 4],
        ],
        [1, 2],
        0,
      )
      .arraySync(),
    [
      [1, 2],
      [3, 4],
      [3, 4],
    ],
  );
  assert.deepEqual(ops.repeat([1, 2, 3], [0, 2, 1]).arraySync(), [2, 2, 3]);
});

test("gradient checks: transpose, swapaxes, moveaxis, expandDims, squeeze, flip", () => {
  const x = f64([2, 3, 4], 1);
  checkGradients("transpose", (a) => ops.transpose(a, [2, 0, 1]), [x]);
  checkGradients("transpose default", (a) => ops.transpose(a), [x]);
  checkGradients("swapaxes", (a) => ops.swapaxes(a, 1, 2), [x]);
  checkGradients("moveaxis", (a) => ops.moveaxis(a, [0, 1], [2, 0]), [x]);
  checkGradients("expandDims", (a) => ops.expandDims(a, [0, 2]), [x]);
  checkGradients("squeeze", (a) => ops.squeeze(a, [0, 2]), [f64([1, 3, 1, 2], 2)]);
  checkGradients("flip", (a) => ops.flip(a, [0, 2]), [x]);
  // broadcasting after a shape op
  checkGradients("transpose then broadcast multiply", (a, b) => ops.multiply(ops.transpose(a, [1, 0]), b), [
    f64([3, 2], 3),
    f64([3], 4),
  ]);
  checkGradients("broadcastTo", (a) => ops.broadcastTo(a, [2, 3, 4]), [f64([3, 1], 5)]);
  checkGradients("reshape", (a) => ops.reshape(a, [4, -1]), [x]);
});

test("gradient checks: concatenate, stack, split, slice", () => {
  const a = f64([2, 3], 1);
  const b = f64([2, 4], 2);
  checkGradients("concatenate", (p, q) => ops.concatenate([p, q], -1), [a, b]);
  checkGradients("concatenate axis 0, three inputs", (p, q, r) => ops.concatenate([p, q, r], 0), [
    a,
    f64([1, 3], 3),
    f64([3, 3], 4),
  ]);
  checkGradients("stack", (p, q) => ops.stack([p, q], 1), [a, f64([2, 3], 5)]);
  checkGradients(
    "split (unused and reordered pieces)",
    (p) => {
      const [s0, , s2] = ops.split(p, [1, 3], 1);
      return ops.concatenate([s2!, s0!], 1);
    },
    [f64([2, 5], 6)],
  );
  checkGradients("split sections", (p) => ops.multiply(...(ops.split(p, 2, 0) as [T, T])), [f64([4, 3], 7)]);
  checkGradients("slice", (p) => ops.slice(p, [1, 0, 1], [1, 3, 2]), [f64([2, 3, 4], 8)]);
});

test("gradient checks: pad (every mode), tile, repeat", () => {
  const x = f64([3, 4], 1);
  checkGradients(
    "pad constant",
    (p) =>
      ops.pad(
        p,
        [
          [1, 2],
          [0, 3],
        ],
        "constant",
        2,
      ),
    [x],
  );
  checkGradients(
    "pad reflect",
    (p) =>
      ops.pad(
        p,
        [
          [2, 1],
          [3, 2],
        ],
        "reflect",
      ),
    [x],
  );
  checkGradients(
    "pad symmetric",
    (p) =>
      ops.pad(
        p,
        [
          [3, 2],
          [1, 4],
        ],
        "symmetric",
      ),
    [x],
  );
  checkGradients(
    "pad edge",
    (p) =>
      ops.pad(
        p,
        [
          [2, 3],
          [1, 0],
        ],
        "edge",
      ),
    [x],
  );
  checkGradients("tile", (p) => ops.tile(p, [2, 1, 3]), [x]);
  checkGradients("tile shorter repeats", (p) => ops.tile(p, [2]), [f64([2, 3], 2)]);
  checkGradients("repeat int", (p) => ops.repeat(p, 3, 1), [x]);
  checkGradients("repeat flattened", (p) => ops.repeat(p, 2), [f64([2, 3], 3)]);
  checkGradients("repeat list", (p) => ops.repeat(p, [2, 0, 1], 0), [f64([3, 2], 4)]);
  checkGradients("pad then broadcast add", (p, q) => ops.add(ops.pad(p, 1), q), [
    f64([2, 2], 5),
    f64([4], 6),
  ]);
});

test("kernels: strided slice with negative strides, concat, pad with a value", () => {
  // Runs on the active backend (npm test runs the suite on js and on native): the expected values
  // are hand-built, so this checks whichever kernels the backend uses for these ops.
  const x = iota([3, 4]);
  // flip via reversed reads matches a hand-built reverse
  assert.deepEqual(ops.flip(x, [0, 1]).values, Float32Array.from([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]));
  // large contiguous runs (TypedArray.set path) and small ones agree
  const big = iota([3, 40]);
  const parts = ops.split(big, [17, 30], 1);
  assert.deepEqual(ops.concatenate(parts, 1).values, big.values);
  assert.deepEqual(
    ops
      .pad(
        big,
        [
          [0, 0],
          [1, 1],
        ],
        "constant",
        -1,
      )
      .values.slice(0, 3),
    Float32Array.from([-1, 0, 1]),
  );
});

test("kernels: broadcastTo agrees with naive indexing for mixed broadcast layouts", () => {
  const cases: [number[], number[]][] = [
    [
      [3, 1],
      [3, 4],
    ],
    [
      [1, 4],
      [3, 4],
    ],
    [[4], [2, 3, 4]],
    [
      [2, 1, 3],
      [2, 5, 3],
    ],
    [
      [1, 3, 1],
      [2, 3, 4],
    ],
    [
      [2, 1, 1, 3],
      [4, 2, 2, 5, 3],
    ],
    [[], [2, 2]],
    [[1], [3]],
    [
      [2, 1],
      [2, 0],
    ],
  ];
  for (const [from, to] of cases) {
    const x = f64(from, 3);
    const y = ops.broadcastTo(x, to);
    const size = to.reduce((a, b) => a * b, 1);
    const lead = to.length - from.length;
    const expected: number[] = [];
    for (let flat = 0; flat < size; flat++) {
      let rest = flat;
      const idx = to.map(() => 0);
      for (let k = to.length - 1; k >= 0; k--) {
        idx[k] = rest % to[k]!;
        rest = Math.floor(rest / to[k]!);
      }
      let off = 0;
      from.forEach((d, i) => (off = off * d + (d === 1 ? 0 : idx[i + lead]!)));
      expected.push(x.values[off]!);
    }
    assert.deepEqual(Array.from(y.values), expected, `${from} -> ${to}`);
  }
});

test("errors name the op and the shapes", () => {
  assertThrowsWith(
    () => ops.reshape(ops.zeros([2, 3]), [4, 2]),
    keras.ShapeError,
    "reshape",
    "(2, 3)",
    "(4, 2)",
  );
  assertThrowsWith(
    () => ops.reshape(ops.zeros([2, 3]), [4, -1]),
    keras.ShapeError,
    "reshape",
    "(2, 3)",
    "(4, None)",
  );
  assertThrowsWith(
    () => ops.concatenate([ops.zeros([2, 3]), ops.zeros([3, 3])], 1),
    keras.ShapeError,
    "concatenate",
    "(2, 3)",
    "(3, 3)",
    "axis 0",
  );
  assertThrowsWith(
    () => ops.concatenate([ops.zeros([2, 3]), ops.zeros([2])], 0),
    keras.ShapeError,
    "concatenate",
    "same rank",
    "(2,)",
  );
  assertThrowsWith(() => ops.concatenate([]), keras.ValueError, "concatenate", "empty");
  assertThrowsWith(
    () => ops.stack([ops.zeros([2]), ops.zeros([3])]),
    keras.ShapeError,
    "stack",
    "(2,)",
    "(3,)",
  );
  assertThrowsWith(
    () => ops.squeeze(ops.zeros([1, 3]), 1),
    keras.ShapeError,
    "squeeze",
    "axis 1",
    "(1, 3)",
    "not 1",
  );
  assertThrowsWith(
    () => ops.split(ops.zeros([5, 2]), 2),
    keras.ShapeError,
    "split",
    "size 5",
    "(5, 2)",
    "2 equal sections",
  );
  assertThrowsWith(() => ops.split(ops.zeros([4]), 0), keras.ValueError, "split", "positive");
  assertThrowsWith(
    () => ops.transpose(ops.zeros([2, 3]), [0]),
    keras.ValueError,
    "transpose",
    "rank 2",
    "(2, 3)",
  );
  assertThrowsWith(() => ops.transpose(ops.zeros([2, 3]), [0, 0]), keras.ValueError, "transpose", "repeat");
  assertThrowsWith(
    () => ops.transpose(ops.zeros([2, 3]), [0, 2]),
    keras.AxisError,
    "transpose",
    "axis 2",
    "rank 2",
  );
  assertThrowsWith(
    () => ops.expandDims(ops.zeros([2, 3]), 3),
    keras.AxisError,
    "expandDims",
    "axis 3",
    "rank 3",
  );
  assertThrowsWith(() => ops.flip(ops.zeros([2]), 1), keras.AxisError, "flip", "axis 1", "rank 1");
  assertThrowsWith(() => ops.swapaxes(ops.zeros([2]), 0, 1), keras.AxisError, "swapaxes");
  assertThrowsWith(
    () => ops.slice(ops.zeros([3, 4]), [2, 0], [2, 4]),
    keras.ShapeError,
    "slice",
    "axis 0",
    "(3, 4)",
  );
  assertThrowsWith(
    () => ops.slice(ops.zeros([3, 4]), [0], [2]),
    keras.ShapeError,
    "slice",
    "(3, 4)",
    "rank 2",
  );
  assertThrowsWith(
    () => ops.pad(ops.zeros([3]), [[3, 0]], "reflect"),
    keras.ShapeError,
    "pad",
    "reflect",
    "(3,)",
    "at most 2",
  );
  assertThrowsWith(
    () =>
      ops.pad(ops.zeros([3, 2]), [
        [1, 0],
        [1, 0],
        [1, 0],
      ]),
    keras.ValueError,
    "pad",
    "(3, 2)",
  );
  assertThrowsWith(
    () => ops.pad(ops.zeros([3]), 1, "wrap" as "edge"),
    keras.ValueError,
    "pad",
    "wrap",
    "constant",
  );
  assertThrowsWith(() => ops.pad(ops.zeros([3]), 1, "edge", 5), keras.ValueError, "pad", "constantValues");
  assertThrowsWith(() => ops.repeat(ops.zeros([3]), [1, 2]), keras.ShapeError, "repeat", "(3,)", "2 entries");
  assertThrowsWith(() => ops.tile(ops.zeros([3]), [-1]), keras.ValueError, "tile", "repeats");
  assertThrowsWith(
    () => ops.concatenate([ops.zeros([]), ops.zeros([])]),
    keras.ShapeError,
    "concatenate",
    "scalars",
  );
});

test("symbolic inputs with an unknown batch give the right shapes", () => {
  const s = new keras.SymbolicTensor([null, 3], "float32");
  const u = new keras.SymbolicTensor([null, 4], "float32");
  const cases: [keras.AnyTensor, (number | null)[]][] = [
    [ops.transpose(s), [3, null]],
    [ops.swapaxes(s, 0, 1), [3, null]],
    [ops.moveaxis(ops.expandDims(s, 1), 0, -1), [1, 3, null]],
    [ops.expandDims(s, -1), [null, 3, 1]],
    [ops.expandDims(s, [0, 2]), [1, null, 1, 3]],
    [ops.squeeze(new keras.SymbolicTensor([null, 1, 3], "float32")), [null, 3]],
    [ops.squeeze(new keras.SymbolicTensor([null, 1], "float32"), -1), [null]],
    [ops.flip(s, 0), [null, 3]],
    [ops.concatenate([s, u], -1), [null, 7]],
    [ops.concatenate([s, s], 0), [null, 3]],
    [ops.concatenate([s, ops.zeros([2, 3])], 0), [null, 3]],
    [ops.stack([s, s], 1), [null, 2, 3]],
    [ops.split(s, 3, 1)[0]!, [null, 1]],
    [ops.split(s, 2, 0)[1]!, [null, 3]],
    [ops.split(s, [1], 0)[0]!, [1, 3]],
    [ops.slice(s, [0, 1], [-1, 2]), [null, 2]],
    [
      ops.pad(s, [
        [0, 0],
        [1, 2],
      ]),
      [null, 6],
    ],
    [ops.pad(s, 1, "reflect"), [null, 5]],
    [ops.tile(s, [2, 2]), [null, 6]],
    [ops.tile(s, [3, 1, 1]), [3, null, 3]],
    [ops.repeat(s, 2, 1), [null, 6]],
    [ops.repeat(s, [1, 0, 2], 1), [null, 3]],
    [ops.repeat(s, 2), [null]],
    [ops.reshape(s, [-1]), [null]],
  ];
  for (const [y, shape] of cases) {
    assert.ok(y instanceof keras.SymbolicTensor, `expected a symbolic result for ${shape}`);
    assert.deepEqual(y.shape, shape);
    assert.equal(y.dtype, "float32");
  }
  assertThrowsWith(
    () => ops.concatenate([s, new keras.SymbolicTensor([null, 3, 1], "float32")], 0),
    keras.ShapeError,
    "(None, 3)",
    "(None, 3, 1)",
  );
  assertThrowsWith(
    () => ops.concatenate([s, new keras.SymbolicTensor([null, 4], "float32")], 0),
    keras.ShapeError,
    "(None, 3)",
    "(None, 4)",
  );
  // nodes replay on data
  const y = ops.concatenate([s, u], -1) as keras.SymbolicTensor;
  const [out] = y.history!.node.replay([f64([2, 3], 1), f64([2, 4], 2)], {});
  assert.deepEqual(out!.shape, [2, 7]);
  assertClose(out!.values.slice(3, 7), f64([2, 4], 2).values.slice(0, 4), 0);
});
