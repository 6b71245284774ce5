// The native sort and topK kernels against the reference js kernels: bitwise-identical values and
// indices (Object.is per element) for ranks 0–5, empty and size-1 last axes, every dtype, rows full
// of duplicates, NaN, ±0, ±Inf and subnormals, both directions and every k path, on 1 and 2 threads.
// Each case also checks that the native kernel ran.
import { test } from "node:test";
import type { TensorData } from "../../src/core/tensor.js";
import { setNativeSmallThreshold } from "../../src/backends/native/index.js";
import { skipUnlessNative } from "./helpers.js";
import { DTYPES, check, countCalls, onThreads, tensor } from "./compare.js";

const opts = skipUnlessNative();
countCalls(["sortRows", "topK"]);

const SHAPES: readonly (readonly number[])[] = [
  [],
  [1],
  [9],
  [0],
  [4, 0],
  [5, 1],
  [6, 17],
  [2, 3, 8],
  [3, 1, 2, 5],
  [2, 2, 3, 2, 6],
  [3, 700], // rows longer than the comparator's insertion-sort cutoffs
  [5000, 7], // enough rows for several threads
  [1, 40000], // one long row
];

test("sort: ranks 0-5, both directions, every dtype, special values and duplicates", opts, () => {
  onThreads((threads) => {
    for (const shape of SHAPES)
      for (const dtype of DTYPES) {
        const x = tensor(shape, dtype, 3 + shape.length);
        const empty = shape.includes(0);
        for (const descending of [false, true])
          check(
            `sort ${dtype}[${shape}] ${descending ? "desc" : "asc"} ${threads}T`,
            (b) => b.sort(x, descending),
            !empty,
          );
      }
  });
});

test("sort: rows of one repeated value, of ±0 only, of NaN only, already sorted or reversed", opts, () => {
  const L = 300; // past the radix sort's cutoff (128); the first 50 of each row go to std::sort
  const rows: number[][] = [
    Array.from({ length: L }, () => 2),
    Array.from({ length: L }, (_, i) => (i % 3 ? -0 : 0)),
    Array.from({ length: L }, () => NaN),
    Array.from({ length: L }, (_, i) => i),
    Array.from({ length: L }, (_, i) => L - i),
    Array.from({ length: L }, (_, i) => [NaN, -Infinity, Infinity, -0, 0][i % 5]!),
  ];
  for (const dtype of ["float32", "float64"] as const)
    for (const row of rows.flatMap((r) => [r, r.slice(0, 50)])) {
      const values = dtype === "float32" ? Float32Array.from(row) : Float64Array.from(row);
      const x: TensorData = { values, shape: [row.length], dtype };
      for (const descending of [false, true])
        check(`sort ${dtype} [${row.slice(0, 5)}…] ${descending}`, (b) => b.sort(x, descending));
      check(`topK ${dtype} [${row.slice(0, 5)}…]`, (b) => b.topK(x, 4));
    }
  // float64 values that differ only in low bits, and int32 extremes.
  const f = Float64Array.from([1 + 2 ** -52, 1, -(1 + 2 ** -52), -1, 5e-324, -5e-324, 1.7e308, -1.7e308]);
  check("sort float64 low bits", (b) => b.sort({ values: f, shape: [8], dtype: "float64" }, false));
  const i = Int32Array.from([2147483647, -2147483648, 0, -1, 1, -2147483648, 2147483647]);
  check("sort int32 extremes", (b) => b.sort({ values: i, shape: [7], dtype: "int32" }, true));
});

test("topK: every k path (none, partial selection, whole row), every dtype, ranks 0-5", opts, () => {
  onThreads((threads) => {
    for (const shape of SHAPES)
      for (const dtype of DTYPES) {
        const x = tensor(shape, dtype, 11 + shape.length);
        const n = shape.length === 0 ? 1 : shape[shape.length - 1]!;
        const ks = [...new Set([0, 1, 2, 3, 16, 17, Math.floor(n / 9), Math.floor(n / 2), n])].filter(
          (k) => k <= n,
        );
        for (const k of ks)
          check(
            `topK ${dtype}[${shape}] k=${k} ${threads}T`,
            (b) => b.topK(x, k),
            n > 0 && !shape.includes(0),
          );
      }
  });
});

test("sort and topK below SMALL run in js; at or above it natively", opts, () => {
  setNativeSmallThreshold(2048);
  try {
    const small = tensor([2, 1000], "float32", 5);
    check("sort of 2000 elements", (b) => b.sort(small, false), false);
    check("topK of 2000 elements", (b) => b.topK(small, 5), false);
    const large = tensor([4, 512], "float32", 6);
    check("sort of 2048 elements", (b) => b.sort(large, true));
    check("topK of 2048 elements", (b) => b.topK(large, 1));
  } finally {
    setNativeSmallThreshold(0);
  }
});

test("topK with k beyond the row defers to js (which the front end never asks)", opts, () => {
  const x = tensor([3, 4], "float32", 7);
  check("topK k=5 of rows of 4", (b) => b.topK(x, 5), false);
});
