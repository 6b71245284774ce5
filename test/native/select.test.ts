// The native where (N-D broadcast, any condition and value dtype) and scatterAdd kernels against
// the reference js kernels, bitwise (Object.is per element): where over broadcasts of ranks 0–5 that
// do not collapse to 2-D, conditions of every dtype (NaN and -0 are false), values of every dtype;
// scatterAdd along every axis of ranks 1–5 with repeated, unused and no indices, every dtype, sums
// whose float rounding depends on their order, and int32/uint8 sums that wrap. On 1 and 2 threads;
// each case checks that a native kernel ran.
import { test } from "node:test";
import type { DType } from "../../src/core/dtype.js";
import type { TensorData } from "../../src/core/tensor.js";
import { setNativeSmallThreshold } from "../../src/backends/native/index.js";
import { skipUnlessNative } from "./helpers.js";
import { DTYPES, check, countCalls, onThreads, rng, tensor } from "./compare.js";

const opts = skipUnlessNative();
countCalls(["where", "whereStrided", "scatterAdd"]);

/** Broadcasts [out, cond, a, b]: 2-D-collapsible ones, and N-D ones that are not. */
const BROADCASTS: readonly (readonly (readonly number[])[])[] = [
  [[], [], [], []],
  [[5], [5], [], [1]],
  [[0, 3], [0, 3], [3], [0, 1]],
  [[4, 6], [4, 1], [6], [4, 6]],
  [
    [2, 3, 4],
    [2, 1, 4],
    [3, 1],
    [2, 3, 4],
  ],
  [[3, 1, 5], [1, 1, 5], [3, 1, 1], [5]],
  [
    [2, 3, 2, 4],
    [2, 1, 2, 1],
    [3, 1, 4],
    [2, 3, 2, 4],
  ],
  [
    [2, 2, 3, 2, 3],
    [2, 1, 3, 1, 3],
    [2, 2, 1, 2, 1],
    [1, 3, 2, 3],
  ],
  [
    [40, 30, 50],
    [40, 1, 50],
    [30, 1],
    [40, 30, 50],
  ], // several tasks
];

test("where: N-D broadcasts of ranks 0-5, conditions and values of every dtype", opts, () => {
  onThreads((threads) => {
    for (const [out, cs, as, bs] of BROADCASTS)
      for (const condType of DTYPES)
        for (const dtype of DTYPES) {
          // Conditions are mostly zeros (and -0, NaN for floats), so both branches are taken.
          const cond = tensor(cs!, condType, 3, true);
          const cv = cond.values;
          for (let i = 0; i < cv.length; i += 2) cv[i] = 0;
          const a = tensor(as!, dtype, 4);
          const b = tensor(bs!, dtype, 5);
          const size = out!.reduce((t, d) => t * d, 1);
          check(
            `where ${condType}[${cs}] ${dtype}[${as}] ${dtype}[${bs}] -> [${out}] ${threads}T`,
            (be) => be.where(cond, a, b, out!, dtype),
            size > 0,
          );
        }
  });
});

test("where: mismatched value arrays and ranks above 8 defer to js", opts, () => {
  const cond = tensor([4, 5], "bool", 1);
  const a = tensor([4, 5], "int32", 2);
  const b = tensor([4, 5], "float32", 3); // not the output's array type
  check("where int32/float32 -> float32", (be) => be.where(cond, a, b, [4, 5], "float32"), false);
  const shape9 = [2, 1, 2, 1, 2, 1, 2, 1, 2];
  const c9 = tensor(shape9, "bool", 4);
  check(
    "where of rank 9",
    (be) => be.where(c9, tensor([2], "int32", 5), tensor([], "int32", 6), shape9, "int32"),
    false,
  );
  setNativeSmallThreshold(2048);
  try {
    const c = tensor([2047], "bool", 7);
    check(
      "where below SMALL",
      (be) => be.where(c, tensor([2047], "uint8", 8), tensor([], "uint8", 9), [2047], "uint8"),
      false,
    );
  } finally {
    setNativeSmallThreshold(0);
  }
});

/** Updates whose float sums round differently in another order (large and small magnitudes). */
function orderProbe(shape: readonly number[], dtype: DType, seed: number): TensorData {
  const t = tensor(shape, dtype, seed, false);
  const r = rng(seed);
  if (dtype === "float32" || dtype === "float64")
    for (let i = 0; i < t.values.length; i++) t.values[i] = [1e8, 1e17, -1e8, 0.3, -0, 1, -1e17][r(7)]!;
  if (dtype === "int32") for (let i = 0; i < t.values.length; i++) t.values[i] = [2147483647, 1, -7][r(3)]!;
  return t;
}

test("scatterAdd: every axis of ranks 1-5, repeated and unused indices, every dtype", opts, () => {
  const r = rng(13);
  const shapes = [[6], [1], [5, 3], [3, 1, 4], [2, 5, 1, 3], [2, 2, 4, 2, 3], [300, 8], [4, 2000, 3]];
  onThreads((threads) => {
    for (const outShape of shapes)
      for (const dtype of DTYPES)
        for (let axis = 0; axis < outShape.length; axis++)
          for (const m of [0, 1, 7, 500]) {
            const n = outShape[axis]!;
            const idx = Int32Array.from({ length: m }, () => r(Math.min(n, 3)) * Math.floor(n / 3 || 1));
            const indices: TensorData = { values: idx, shape: [m], dtype: "int32" };
            const updShape = [...outShape.slice(0, axis), m, ...outShape.slice(axis + 1)];
            const updates = orderProbe(updShape, dtype, 17 + m);
            check(`scatterAdd ${dtype}[${updShape}] into [${outShape}] axis ${axis} ${threads}T`, (b) =>
              b.scatterAdd(updates, indices, axis, outShape),
            );
          }
  });
});

test("scatterAdd: an index out of range, or non-int32 indices, defer to js", opts, () => {
  const updates = tensor([3, 4], "float32", 1);
  const bad: TensorData = { values: Int32Array.from([0, 5, 1]), shape: [3], dtype: "int32" };
  check("scatterAdd index 5 of 4 rows", (b) => b.scatterAdd(updates, bad, 0, [4, 4]), false);
  const f: TensorData = { values: Float32Array.from([0, 2, 1]), shape: [3], dtype: "float32" };
  check("scatterAdd float32 indices", (b) => b.scatterAdd(updates, f, 0, [4, 4]), false);
});
