// Every reduction of the native backend against the reference js kernel, called on the backends
// directly: sum/prod/max/min/any/all × input dtype (float32, float64, int32, uint8, bool) × output
// dtype (the front end's: int32 sums of bools, float32 means of ints) × axis sets (contiguous or
// not, all, none, with size-1 and empty axes), with NaN, ±Infinity, ±0 and int32 edges mixed in.
// Reductions involve no C library function: every result must equal js bitwise (the same double
// accumulation in the same order), on any number of threads. Each case checks the addon ran it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { allocArray, type DType, type TypedArray } from "../../src/core/dtype.js";
import type { TensorData } from "../../src/core/tensor.js";
import type { Backend, ReduceOp } from "../../src/backends/backend.js";
import { createJsBackend } from "../../src/backends/js/index.js";
import {
  createNativeBackend,
  getNumThreads,
  setNativeSmallThreshold,
  setNumThreads,
} from "../../src/backends/native/index.js";
import { loadNativeAddon, type NativeAddon } from "../../src/backends/native/addon.js";
import { skipUnlessNative } from "./helpers.js";

const opts = skipUnlessNative();
const js = createJsBackend();
let nativeBackend: Backend | undefined;
const native = () => (nativeBackend ??= createNativeBackend());

/** Counts the calls `fn` makes to `addon.reduce`. */
function reduceCalls(fn: () => void): number {
  const addon = loadNativeAddon() as NativeAddon;
  const original = addon.reduce;
  let calls = 0;
  addon.reduce = (...args) => {
    calls++;
    return original.apply(addon, args);
  };
  try {
    fn();
  } finally {
    addon.reduce = original;
  }
  return calls;
}

function data(dtype: DType, n: number, seed: number, specials: boolean): TypedArray {
  let s = (seed * 2654435761) >>> 0;
  const r = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const out = allocArray(dtype, n);
  const F = [NaN, Infinity, -Infinity, 0, -0, 1e38, -1e38, 1e-45, 2, 0.5];
  const I = [2147483647, -2147483648, 0, 1, -1, 65536];
  for (let i = 0; i < n; i++) {
    if (dtype === "bool") out[i] = r() < 0.7 ? 1 : 0;
    else if (dtype === "uint8") out[i] = r() < 0.1 ? 0 : (r() * 256) | 0;
    else if (dtype === "int32")
      out[i] = specials && i % 11 === 0 ? I[(i / 11) % I.length]! : ((r() * 2 - 1) * 1000) | 0;
    else
      out[i] =
        specials && i % 13 === 0 ? F[(i / 13 + seed) % F.length]! : (r() * 2 - 1) * 2 ** ((r() * 8) | 0);
  }
  return out;
}

function assertBitwise(got: TypedArray, want: TypedArray, what: string): void {
  assert.equal(got.constructor, want.constructor, `${what}: array type`);
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (!Object.is(g, w) && !(Number.isNaN(g) && Number.isNaN(w)))
      assert.fail(
        `${what} [${i}]: native ${Object.is(g, -0) ? "-0" : g} vs js ${Object.is(w, -0) ? "-0" : w}`,
      );
  }
}

/** Every subset of the axes of `rank`, as sorted lists. */
function axisSets(rank: number): number[][] {
  const sets: number[][] = [];
  for (let m = 0; m < 1 << rank; m++) sets.push([...Array(rank).keys()].filter((a) => m & (1 << a)));
  return sets;
}

const OPS: ReduceOp[] = ["sum", "prod", "max", "min", "any", "all"];

/** The output dtypes the front end asks for, plus the float32 of a mean of integers. */
function outDtypes(op: ReduceOp, dtype: DType): DType[] {
  if (op === "any" || op === "all") return ["bool"];
  if (op === "max" || op === "min") return [dtype];
  if (dtype === "bool" || dtype === "uint8") return ["int32", "float32"];
  if (dtype === "int32") return ["int32", "float32"];
  return [dtype];
}

const SHAPES: number[][] = [[7], [3, 5], [4, 1, 6], [2, 3, 4, 5], [3, 1, 2, 1, 4], [2, 0, 3], [1], []];

test("setup: small threshold 0 (every size runs natively)", opts, () => {
  setNativeSmallThreshold(0);
});

for (const dtype of ["float32", "float64", "int32", "uint8", "bool"] as DType[]) {
  test(`reduce: every op, axis set and output dtype on ${dtype} equals js bitwise`, opts, () => {
    let seed = 1;
    for (const shape of SHAPES) {
      const n = shape.reduce((p, d) => p * d, 1);
      for (const specials of [true, false]) {
        const x: TensorData = { values: data(dtype, n, seed++, specials), shape, dtype };
        for (const axes of axisSets(shape.length))
          for (const op of OPS)
            for (const out of outDtypes(op, dtype)) {
              const what = `${op} ${dtype}[${shape}] axes [${axes}] → ${out}`;
              // The empty tensor's max/min have no identity (the front end refuses them); js gives ±Infinity.
              let got: TypedArray | undefined;
              const calls = reduceCalls(() => (got = native().reduce(op, x, axes, out)));
              const outSize = shape.filter((_d, i) => !axes.includes(i)).reduce((p, d) => p * d, 1);
              assert.equal(calls, outSize === 0 ? 0 : 1, `${what}: ran natively`);
              assertBitwise(got!, js.reduce(op, x, axes, out), what);
            }
      }
    }
  });
}

test("reduce: one reduced element copies (sum keeps -0), as js", opts, () => {
  const x: TensorData = { values: new Float32Array([-0, 0, -0, 1]), shape: [2, 1, 2], dtype: "float32" };
  assertBitwise(native().reduce("sum", x, [1], "float32"), new Float32Array([-0, 0, -0, 1]), "sum of one");
  assertBitwise(native().reduce("sum", x, [0], "float32"), new Float32Array([0, 1]), "sum of two");
  const y: TensorData = { values: new Float32Array([-0, -0]), shape: [2], dtype: "float32" };
  assertBitwise(native().reduce("sum", y, [0], "float32"), js.reduce("sum", y, [0], "float32"), "-0 + -0");
});

test("reduce: rank 8 and non-contiguous axis sets on larger tensors; 1 and 2 threads agree", opts, () => {
  const before = getNumThreads();
  const cases: [number[], number[]][] = [
    [
      [64, 300, 40],
      [0, 2],
    ],
    [[64, 300, 40], [1]],
    [[64, 300, 40], [0]],
    [[3000, 200], [1]],
    [
      [3, 5, 200, 7, 40],
      [0, 2, 4],
    ],
    [
      [2, 3, 2, 3, 2, 3, 2, 3],
      [1, 3, 5, 7],
    ],
    [
      [2, 3, 2, 3, 2, 3, 2, 3, 2],
      [0, 2, 4, 6, 8],
    ], // 9 alternating axes: js runs
  ];
  try {
    let seed = 40;
    for (const [shape, axes] of cases) {
      const n = shape.reduce((p, d) => p * d, 1);
      for (const dtype of ["float32", "int32"] as DType[]) {
        const x: TensorData = { values: data(dtype, n, seed++, true), shape, dtype };
        for (const op of OPS) {
          const out = op === "any" || op === "all" ? "bool" : dtype;
          const want = js.reduce(op, x, axes, out);
          const results: TypedArray[] = [];
          for (const threads of [1, 2]) {
            setNumThreads(threads);
            let got: TypedArray | undefined;
            const calls = reduceCalls(() => (got = native().reduce(op, x, axes, out)));
            assert.equal(calls, shape.length === 9 ? 0 : 1, `${op} [${shape}] axes [${axes}]: ran natively`);
            results.push(got!);
          }
          assertBitwise(results[0]!, want, `${op} ${dtype} [${shape}] axes [${axes}] (1 thread)`);
          assertBitwise(results[1]!, want, `${op} ${dtype} [${shape}] axes [${axes}] (2 threads)`);
        }
      }
    }
  } finally {
    setNumThreads(before);
  }
});

test("reduce: below the SMALL threshold js runs, from it the addon", opts, () => {
  setNativeSmallThreshold(2048);
  try {
    const small: TensorData = { values: data("float32", 2047, 1, false), shape: [23, 89], dtype: "float32" };
    const large: TensorData = { values: data("float32", 2048, 2, false), shape: [32, 64], dtype: "float32" };
    assert.equal(
      reduceCalls(() => native().reduce("sum", small, [0], "float32")),
      0,
    );
    assert.equal(
      reduceCalls(() => native().reduce("sum", large, [0], "float32")),
      1,
    );
  } finally {
    setNativeSmallThreshold(0);
  }
});
