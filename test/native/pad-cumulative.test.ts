// The native pad and cumulative kernels against the reference js kernels, bitwise (Object.is per
// element): pad for ranks 0–5, empty and size-1 axes, zero and asymmetric paddings, fill values that
// round or wrap in the dtype (±0, NaN, ±Inf, 300, -1.5); cumsum/cumprod along every axis of ranks
// 1–5, exclusive and reverse, every dtype, with NaN/±Inf/-0, float32 sums whose rounding shows the
// double accumulator, and int32/uint8 sums and products that wrap. On 1 and 2 threads; each case
// checks that the native kernel ran.
import { test } from "node:test";
import type { DType } from "../../src/core/dtype.js";
import type { TensorData } from "../../src/core/tensor.js";
import { setNativeSmallThreshold } from "../../src/backends/native/index.js";
import { skipUnlessNative } from "./helpers.js";
import { DTYPES, check, countCalls, onThreads, rng, tensor } from "./compare.js";

const opts = skipUnlessNative();
countCalls(["copyStrided", "cumulative"]);

const SHAPES: readonly (readonly number[])[] = [
  [],
  [1],
  [7],
  [0],
  [3, 0],
  [4, 1],
  [5, 6],
  [2, 3, 4],
  [3, 1, 2, 5],
  [2, 2, 3, 2, 3],
];

test("pad: ranks 0-5, empty and size-1 axes, every dtype, fill values that round or wrap", opts, () => {
  const r = rng(5);
  onThreads((threads) => {
    for (const shape of SHAPES)
      for (const dtype of DTYPES) {
        const x = tensor(shape, dtype, 2 + shape.length);
        const paddings = [
          shape.map(() => [0, 0] as const),
          shape.map(() => [r(3), r(3)] as const),
          shape.map((_d, i) => (i === shape.length - 1 ? ([2, 0] as const) : ([0, 1] as const))),
        ];
        for (const p of paddings)
          for (const value of [0, -0, NaN, -Infinity, 300, -1.5]) {
            const outSize = shape.reduce((t, d, i) => t * (d + p[i]![0] + p[i]![1]), 1);
            check(
              `pad ${dtype}[${shape}] by ${JSON.stringify(p)} with ${value} ${threads}T`,
              (b) => b.pad(x, p, value),
              outSize > 0,
            );
          }
      }
    // Large enough for several copy tasks: images padded spatially, a long padded vector.
    for (const dtype of ["float32", "uint8"] as DType[]) {
      const img = tensor([8, 30, 30, 3], dtype, 9, false);
      const p = [
        [0, 0],
        [2, 2],
        [1, 3],
        [0, 0],
      ] as const;
      check(`pad ${dtype} images ${threads}T`, (b) => b.pad(img, p, 0));
      check(`pad ${dtype} vector ${threads}T`, (b) => b.pad(tensor([70000], dtype, 4), [[5, 40000]], 1));
    }
  });
});

test("pad below SMALL runs in js", opts, () => {
  setNativeSmallThreshold(2048);
  try {
    const x = tensor([10, 10], "float32", 1);
    check(
      "pad to 2047 elements",
      (b) =>
        b.pad(
          x,
          [
            [0, 13],
            [0, 79],
          ] as const,
          1,
        ),
      false,
    );
  } finally {
    setNativeSmallThreshold(0);
  }
});

/** Values whose float32 partial sums differ between a double and a float accumulator. */
function roundingProbe(n: number): TensorData {
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = i % 3 === 0 ? 16777216 : i % 3 === 1 ? 1 : 1.5;
  return { values, shape: [n], dtype: "float32" };
}

test("cumulative: every axis of ranks 1-5, sum/prod, exclusive, reverse, every dtype", opts, () => {
  onThreads((threads) => {
    for (const shape of [...SHAPES.slice(1), [3, 4, 300], [2, 600, 3]])
      for (const dtype of DTYPES) {
        const x = tensor(shape, dtype, 7 + shape.length);
        const empty = shape.includes(0);
        for (let axis = 0; axis < shape.length; axis++)
          for (const op of ["sum", "prod"] as const)
            for (const exclusive of [false, true])
              for (const reverse of [false, true])
                check(
                  `cum${op} ${dtype}[${shape}] axis ${axis}${exclusive ? " exclusive" : ""}${reverse ? " reverse" : ""} ${threads}T`,
                  (b) => b.cumulative(op, x, axis, exclusive, reverse),
                  !empty,
                );
      }
    // Long lanes, many lanes (several tasks), a float32 sum that shows the accumulator's width.
    const long = tensor([50000], "float32", 3, false);
    const many = tensor([3000, 11], "int32", 4);
    const wide = tensor([40, 1100], "float64", 5);
    for (const op of ["sum", "prod"] as const) {
      check(`cum${op} float32 [50000] ${threads}T`, (b) => b.cumulative(op, long, 0, false, false));
      check(`cum${op} int32 [3000, 11] axis 1 ${threads}T`, (b) => b.cumulative(op, many, 1, true, false));
      check(`cum${op} float64 [40, 1100] axis 0 ${threads}T`, (b) => b.cumulative(op, wide, 0, false, true));
    }
    check(`cumsum float32 rounding ${threads}T`, (b) =>
      b.cumulative("sum", roundingProbe(999), 0, false, false),
    );
  });
});

test("cumulative: int32 and uint8 results wrap as a TypedArray store does", opts, () => {
  const i32: TensorData = {
    values: Int32Array.from([2147483647, 2147483647, -5, 3, 65536, 65536, 65536, -2147483648]),
    shape: [8],
    dtype: "int32",
  };
  const u8: TensorData = { values: Uint8Array.from([200, 100, 255, 3, 0, 7]), shape: [6], dtype: "uint8" };
  for (const x of [i32, u8])
    for (const op of ["sum", "prod"] as const)
      for (const reverse of [false, true])
        check(`cum${op} ${x.dtype} ${reverse}`, (b) => b.cumulative(op, x, 0, false, reverse));
});

test("cumulative below SMALL runs in js", opts, () => {
  setNativeSmallThreshold(2048);
  try {
    check("cumsum of 2047", (b) => b.cumulative("sum", tensor([2047], "float32", 2), 0, false, false), false);
    check("cumsum of 2048", (b) => b.cumulative("sum", tensor([2048], "float32", 2), 0, false, false));
  } finally {
    setNativeSmallThreshold(0);
  }
});
