// The native data-movement kernels (transpose, broadcastTo, slice, concat, gather, cast) against the
// reference js kernels: bitwise-identical outputs (Object.is per element, so -0 and NaN count) for
// ranks 0–5, size-1 and empty axes, negative strides and every dtype, on 1 and 2 threads. Each case
// also checks that the native kernel ran (js fallbacks are only for the unusual cases tested last).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import type { DType, TypedArray } from "../../src/core/dtype.js";
import type { TensorData } from "../../src/core/tensor.js";
import { createJsBackend } from "../../src/backends/js/index.js";
import {
  createNativeBackend,
  nativeAvailable,
  setNativeSmallThreshold,
} from "../../src/backends/native/index.js";
import { loadNativeAddon } from "../../src/backends/native/addon.js";
import { skipUnlessNative } from "./helpers.js";

const opts = skipUnlessNative();
const js = createJsBackend();
const native = nativeAvailable() ? createNativeBackend() : js;

// Counts the addon calls that did the work (returned true or nothing), to prove the native path ran.
let nativeRuns = 0;
if (nativeAvailable()) {
  const addon = loadNativeAddon() as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ["copyStrided", "gather", "cast"]) {
    const fn = addon[name]!;
    addon[name] = (...args: unknown[]) => {
      const r = fn(...args);
      if (r !== false) nativeRuns++;
      return r;
    };
  }
}

/** A seeded generator of integers in [0, n). */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor(((s >>> 8) / (1 << 24)) * n);
  };
}

const DTYPES: readonly DType[] = ["float32", "float64", "int32", "uint8", "bool"];

/** Distinct, non-zero values (floats include -0 and NaN), so a misplaced element shows. */
function tensor(shape: readonly number[], dtype: DType, seed = 1): TensorData {
  const n = shape.reduce((a, b) => a * b, 1);
  const r = rng(seed);
  let values: TypedArray;
  if (dtype === "float32" || dtype === "float64") {
    values = dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = (i + 1) * (r(2) ? 1.25 : -1.5) + r(1000) / 1024;
    if (n > 3) {
      values[1] = -0;
      values[2] = NaN;
    }
  } else if (dtype === "int32") {
    values = new Int32Array(n);
    for (let i = 0; i < n; i++) values[i] = (i + 1) * (r(2) ? 7919 : -7919);
  } else {
    values = new Uint8Array(n);
    for (let i = 0; i < n; i++) values[i] = dtype === "bool" ? r(2) : 1 + (i % 255);
  }
  return { values, shape: [...shape], dtype };
}

function assertSame(got: TypedArray, want: TypedArray, what: string): void {
  assert.equal(got.constructor, want.constructor, `${what}: array type`);
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++)
    if (!Object.is(got[i], want[i])) assert.fail(`${what}: element ${i} is ${got[i]}, expected ${want[i]}`);
}

/** Runs `fn` on both backends and compares; `expectNative` asserts the addon did the work. */
function check(what: string, fn: (b: typeof js) => TypedArray, expectNative = true): void {
  const want = fn(js);
  const before = nativeRuns;
  const got = fn(native);
  if (expectNative) assert.ok(nativeRuns > before, `${what}: the native kernel did not run`);
  assertSame(got, want, what);
}

function permutations(r: number): number[][] {
  if (r === 0) return [[]];
  return permutations(r - 1).flatMap((p) =>
    Array.from({ length: r }, (_, i) => [...p.slice(0, i), r - 1, ...p.slice(i)]),
  );
}

const SHAPES: readonly (readonly number[])[] = [
  [],
  [1],
  [7],
  [0],
  [3, 5],
  [1, 9],
  [6, 1],
  [4, 0],
  [33, 65],
  [2, 3, 4],
  [5, 1, 7],
  [3, 0, 2],
  [2, 3, 1, 5],
  [4, 2, 3, 2],
  [2, 3, 2, 2, 3],
  [3, 1, 2, 1, 4],
];

test("transpose: every permutation of ranks 0-4, some of rank 5, every dtype", opts, () => {
  const r = rng(3);
  for (const shape of SHAPES) {
    let perms = permutations(shape.length);
    if (perms.length > 24) perms = Array.from({ length: 12 }, () => perms[r(perms.length)]!);
    for (const dtype of DTYPES) {
      const x = tensor(shape, dtype);
      for (const perm of perms) {
        const identity = perm.every((p, i) => p === i);
        check(`transpose ${dtype}[${shape}] by [${perm}]`, (b) => b.transpose(x, perm), !identity);
      }
    }
  }
});

test("transpose: large and ragged tiles, long thin shapes, rank 6-8", opts, () => {
  const cases: [number[], number[]][] = [
    [
      [67, 1029],
      [1, 0],
    ],
    [
      [1024, 1024],
      [1, 0],
    ],
    [
      [2, 40001],
      [1, 0],
    ],
    [
      [40001, 3],
      [1, 0],
    ],
    [
      [3, 70, 200],
      [2, 0, 1],
    ],
    [
      [3, 70, 200],
      [1, 2, 0],
    ],
    [
      [5, 31, 33, 7],
      [0, 3, 1, 2],
    ],
    [
      [9, 37, 45],
      [0, 2, 1],
    ],
    [
      [2, 3, 2, 3, 2, 3],
      [5, 0, 4, 1, 3, 2],
    ],
    [
      [2, 2, 3, 2, 2, 3, 2, 2],
      [7, 6, 5, 4, 3, 2, 1, 0],
    ],
  ];
  for (const [shape, perm] of cases)
    for (const dtype of ["float32", "float64", "int32", "uint8"] as const) {
      const x = tensor(shape, dtype, 5);
      check(`transpose ${dtype}[${shape}] by [${perm}]`, (b) => b.transpose(x, perm));
    }
});

test("broadcastTo: leading, inner and trailing broadcast axes, scalars, empty outputs", opts, () => {
  const cases: [number[], number[]][] = [
    [[], [5]],
    [[], [2, 3, 4]],
    [[1], [9]],
    [[3], [4, 3]],
    [
      [4, 1],
      [4, 6],
    ],
    [
      [1, 6],
      [4, 6],
    ],
    [
      [2, 1, 3],
      [2, 5, 3],
    ],
    [
      [1, 3, 1],
      [4, 3, 5],
    ],
    [
      [2, 1, 3, 1],
      [2, 4, 3, 5],
    ],
    [
      [5, 1, 1, 2, 1],
      [5, 2, 3, 2, 2],
    ],
    [[3], [0, 3]],
    [
      [1, 1],
      [1, 1],
    ],
    [
      [1, 300],
      [200, 300],
    ],
    [
      [300, 1],
      [300, 200],
    ],
    [[], [70000]],
    [
      [7, 1, 9],
      [7, 1000, 9],
    ],
  ];
  for (const [from, to] of cases)
    for (const dtype of DTYPES) {
      const x = tensor(from, dtype, 7);
      check(`broadcastTo ${dtype}[${from}] to [${to}]`, (b) => b.broadcastTo(x, to));
    }
});

test("slice: random begins, sizes and strides (negative too) of ranks 0-5", opts, () => {
  const r = rng(11);
  const shapes = [...SHAPES, [40, 50], [3, 200, 100], [70000]];
  for (const shape of shapes)
    for (const dtype of DTYPES) {
      const x = tensor(shape, dtype, 13);
      for (let t = 0; t < 8; t++) {
        const begin: number[] = [];
        const size: number[] = [];
        const strides: number[] = [];
        for (const d of shape) {
          const stride = (r(3) + 1) * (r(2) ? 1 : -1);
          if (d === 0) {
            begin.push(0);
            size.push(0);
            strides.push(1);
            continue;
          }
          const start = r(d);
          const room = stride > 0 ? Math.ceil((d - start) / stride) : Math.ceil((start + 1) / -stride);
          begin.push(start);
          size.push(t === 0 ? room : r(room) + 1);
          strides.push(stride);
        }
        const empty = size.includes(0);
        check(
          `slice ${dtype}[${shape}] at [${begin}] size [${size}] strides [${strides}]`,
          (b) => b.slice(x, begin, size, strides),
          !empty,
        );
      }
      // Whole trailing axes (contiguous runs) and a full reverse.
      if (shape.length > 0 && !shape.includes(0)) {
        const begin = shape.map((_d, i) => (i === 0 ? Math.floor(shape[0]! / 2) : 0));
        const size = shape.map((d, i) => (i === 0 ? d - begin[0]! : d));
        check(`slice rows of ${dtype}[${shape}]`, (b) =>
          b.slice(
            x,
            begin,
            size,
            shape.map(() => 1),
          ),
        );
        const rb = shape.map((d) => d - 1);
        const rs = shape.map(() => -1);
        check(`reverse ${dtype}[${shape}]`, (b) => b.slice(x, rb, shape, rs));
      }
    }
});

test("concat: along every axis, with empty and size-1 pieces", opts, () => {
  const cases: [number[][], number][] = [
    [[[3], [0], [5]], 0],
    [
      [
        [2, 3],
        [4, 3],
      ],
      0,
    ],
    [
      [
        [2, 3],
        [2, 1],
        [2, 0],
        [2, 5],
      ],
      1,
    ],
    [
      [
        [2, 3, 4],
        [2, 1, 4],
      ],
      1,
    ],
    [
      [
        [2, 3, 4],
        [2, 3, 1],
        [2, 3, 2],
      ],
      2,
    ],
    [
      [
        [1, 2, 3, 4, 5],
        [1, 2, 3, 4, 2],
      ],
      4,
    ],
    [
      [
        [1, 2, 3, 4, 5],
        [2, 2, 3, 4, 5],
      ],
      0,
    ],
    [
      [
        [3, 1, 2, 2, 2],
        [3, 4, 2, 2, 2],
        [3, 2, 2, 2, 2],
      ],
      1,
    ],
    [
      [
        [300, 100],
        [300, 250],
      ],
      1,
    ],
    [[[40000], [30000]], 0],
    [
      [
        [0, 3],
        [0, 4],
      ],
      1,
    ],
  ];
  for (const [shapes, axis] of cases)
    for (const dtype of DTYPES) {
      const xs = shapes.map((s, i) => tensor(s, dtype, 17 + i));
      const outShape = [...shapes[0]!];
      outShape[axis] = shapes.reduce((t, s) => t + s[axis]!, 0);
      const empty = outShape.includes(0);
      check(
        `concat ${dtype} [${shapes.join("] [")}] on ${axis}`,
        (b) => b.concat(xs, axis, outShape),
        !empty,
      );
    }
});

test("concat at the default size threshold: tiny pieces copied in js, large ones natively", opts, () => {
  setNativeSmallThreshold(2048);
  try {
    for (const dtype of DTYPES) {
      const shapes = [
        [3, 2],
        [3, 700],
        [3, 1],
        [3, 0],
        [3, 900],
      ];
      const xs = shapes.map((s, i) => tensor(s, dtype, 53 + i));
      check(`concat ${dtype} of tiny and large pieces`, (b) => b.concat(xs, 1, [3, 1603]));
    }
  } finally {
    setNativeSmallThreshold(0);
  }
});

test("gather: every axis, repeated and empty index lists, inner size 1 and more", opts, () => {
  const r = rng(19);
  const shapes = [[7], [5, 3], [1, 4], [3, 4, 5], [2, 6, 1, 3], [2, 3, 2, 4, 2], [50, 700], [70000]];
  for (const shape of shapes)
    for (const dtype of DTYPES) {
      const x = tensor(shape, dtype, 23);
      for (let axis = 0; axis < shape.length; axis++)
        for (const m of [0, 1, 5, 37]) {
          const idx = Int32Array.from({ length: m }, () => r(shape[axis]!));
          const indices: TensorData = { values: idx, shape: [m], dtype: "int32" };
          const outShape = [...shape.slice(0, axis), m, ...shape.slice(axis + 1)];
          const empty = outShape.includes(0);
          check(
            `gather ${dtype}[${shape}] axis ${axis} [${idx}]`,
            (b) => b.gather(x, indices, axis, outShape),
            !empty,
          );
        }
      // 2-D indices: the output takes the indices' shape in place of the axis.
      const idx = Int32Array.from({ length: 6 }, () => r(shape[0]!));
      const indices: TensorData = { values: idx, shape: [2, 3], dtype: "int32" };
      const outShape = [2, 3, ...shape.slice(1)];
      check(`gather ${dtype}[${shape}] by [2, 3] indices`, (b) => b.gather(x, indices, 0, outShape));
    }
});

test("gather fills a fitting `into` array and returns it; an unfitting one is left alone", opts, () => {
  const r = rng(29);
  for (const dtype of ["float32", "int32", "uint8"] as const) {
    const x = tensor([50, 700], dtype, 31);
    const idx = Int32Array.from({ length: 37 }, () => r(50));
    const indices: TensorData = { values: idx, shape: [37], dtype: "int32" };
    const want = js.gather(x, indices, 0, [37, 700]);
    for (const [name, b] of [
      ["js", js],
      ["native", native],
    ] as const) {
      const into = allocLike(x.values, 37 * 700).fill(7);
      const before = nativeRuns;
      const got = b.gather(x, indices, 0, [37, 700], into);
      assert.equal(got, into, `${name} ${dtype}: the result is the given array`);
      assert.deepEqual(Array.from(got), Array.from(want), `${name} ${dtype}: values`);
      if (name === "native") assert.equal(nativeRuns, before + 1, "the native kernel ran");
      for (const wrong of [
        allocLike(x.values, 37 * 700 - 1),
        dtype === "float32" ? new Float64Array(37 * 700) : new Float32Array(37 * 700),
      ]) {
        wrong.fill(7);
        const fresh = b.gather(x, indices, 0, [37, 700], wrong);
        assert.notEqual(fresh, wrong, `${name} ${dtype}: an unfitting array is not used`);
        assert.ok(
          wrong.every((v) => v === 7),
          `${name} ${dtype}: an unfitting array is not written`,
        );
        assert.deepEqual(Array.from(fresh), Array.from(want));
      }
    }
  }
});

/** A zeroed array of `like`'s type. */
function allocLike(like: TypedArray, n: number): TypedArray {
  return new (like.constructor as new (n: number) => TypedArray)(n);
}

test(
  "cast: float32 <-> float64 and int32/uint8/bool to floats, with rounding and special values",
  opts,
  () => {
    const specials = [
      0,
      -0,
      NaN,
      Infinity,
      -Infinity,
      1 + 2 ** -24, // a float32 tie: rounds to even
      1 + 3 * 2 ** -24,
      -(1 + 2 ** -24),
      3.4028235677973366e38, // above float32's max: rounds to Infinity
      3.4028234663852886e38,
      1e-45, // float32 subnormals
      7e-46,
      -1e-40,
      5e-324,
      Math.PI,
      -1 / 3,
      2 ** 31 - 1,
      -(2 ** 31),
      16777217, // int32 values above 2^24 round in float32
      -16777219,
    ];
    const r = rng(29);
    const f64 = new Float64Array(5000);
    f64.forEach(
      (_v, i) => (f64[i] = i < specials.length ? specials[i]! : (r(2 ** 20) - 2 ** 19) * 2 ** (r(80) - 40)),
    );
    const i32 = new Int32Array(5000);
    i32.forEach(
      (_v, i) => (i32[i] = i < specials.length ? specials[i]! | 0 : r(2 ** 31) * (r(2) ? 1 : -1) + r(3)),
    );
    const u8 = Uint8Array.from({ length: 5000 }, (_v, i) => i % 256);
    const bool = Uint8Array.from({ length: 5000 }, () => r(2));
    const sources: TensorData[] = [
      { values: f64, shape: [5000], dtype: "float64" },
      { values: Float32Array.from(f64), shape: [50, 100], dtype: "float32" },
      { values: i32, shape: [5000], dtype: "int32" },
      { values: u8, shape: [5000], dtype: "uint8" },
      { values: bool, shape: [5000], dtype: "bool" },
      { values: new Float64Array(0), shape: [0], dtype: "float64" },
      { values: Float64Array.from({ length: 100001 }, (_v, i) => i / 7), shape: [100001], dtype: "float64" },
    ];
    for (const x of sources)
      for (const dtype of ["float32", "float64"] as const) {
        if (dtype === x.dtype) continue;
        check(`cast ${x.dtype}[${x.shape}] to ${dtype}`, (b) => b.cast(x, dtype), x.values.length > 0);
      }
    // Casts to integer types stay on js.
    check("cast float32 to int32", (b) => b.cast(sources[1]!, "int32"), false);
  },
);

test("results do not depend on the thread count", opts, () => {
  const before = keras.backend.getNumThreads();
  const x = tensor([300, 257, 3], "float32", 31);
  const y = tensor([4, 1, 130000], "float64", 37);
  const idx: TensorData = {
    values: Int32Array.from({ length: 1000 }, (_v, i) => (i * 7919) % 300),
    shape: [1000],
    dtype: "int32",
  };
  const run = () => [
    native.transpose(x, [2, 0, 1]),
    native.transpose(x, [1, 0, 2]),
    native.broadcastTo(y, [4, 3, 130000]),
    native.slice(x, [299, 1, 0], [150, 128, 3], [-2, 2, 1]),
    native.concat([x, x], 1, [300, 514, 3]),
    native.gather(x, idx, 0, [1000, 257, 3]),
    native.cast(y, "float32"),
  ];
  try {
    keras.backend.setNumThreads(1);
    const one = run();
    keras.backend.setNumThreads(2);
    const two = run();
    one.forEach((a, i) => assertSame(two[i]!, a, `op ${i} on 2 threads`));
  } finally {
    keras.backend.setNumThreads(before);
  }
});

test("unusual inputs defer to js and give its results", opts, () => {
  const x = tensor([4, 5], "float32", 41);
  // Out-of-range and negative indices (the front end never passes them): js reads undefined.
  for (const bad of [
    [0, 4],
    [-1, 2],
    [1, 9],
  ]) {
    const indices: TensorData = { values: Int32Array.from(bad), shape: [2], dtype: "int32" };
    check(`gather with [${bad}]`, (b) => b.gather(x, indices, 0, [2, 5]), false);
    check(`gather axis 1 with [${bad}]`, (b) => b.gather(x, indices, 1, [4, 2]), false);
  }
  // A slice reading past the end.
  check("slice past the end", (b) => b.slice(x, [3, 0], [2, 5], [1, 1]), false);
  // Rank 9 transposes run in js.
  const big = tensor([2, 1, 2, 1, 2, 1, 2, 1, 2], "float32", 43);
  check("rank-9 transpose", (b) => b.transpose(big, [8, 7, 6, 5, 4, 3, 2, 1, 0]), false);
  // Mixed array types in a concat.
  const f64 = tensor([4, 5], "float64", 47);
  check("concat of mixed arrays", (b) => b.concat([x, f64], 0, [8, 5]), false);
});
