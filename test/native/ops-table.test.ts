// Conformance of the native backend with the reference js backend: a table of ops covering every
// Backend primitive (through keras.ops), on float32 and float64 inputs with NaN, ±Infinity, ±0 and
// overflow-range values mixed in, and with the broadcast layouts the native kernels specialize
// (same shape, scalar, row, column, leading, N-D). Results must be bitwise equal, except float64
// results of the ops marked with an ulp budget: they call the C library's double functions (exp,
// log, sin, pow, ...) natively and V8's in js, which may differ in the last bit(s) (the bounds of
// native/src/elementwise.h); float32 results round those doubles identically, so they stay bitwise.
// softmax/logSoftmax (the fused row kernels) keep their budget on both dtypes.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { seedSequential } from "../../examples/seed-models.js";
import { skipUnlessNative, values } from "./helpers.js";

const { ops } = keras;
const opts = skipUnlessNative();
type T = keras.Tensor;
type Float = "float32" | "float64";

const SPECIALS = [NaN, Infinity, -Infinity, 0, -0, 100, -100, 1e-30, 0.5, -0.5, 2, 1];

/** Uniform values in [-1, 1) scaled by `scale`, with the special values at fixed positions. */
function input(shape: number[], seed: number, dtype: Float, scale = 3): T {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = values(n, seed, false, dtype);
  for (let i = 0; i < n; i++) v[i] = v[i]! * scale;
  for (let i = 0; i < n; i += 7) v[i] = SPECIALS[(i / 7 + seed) % SPECIALS.length]!;
  return new keras.Tensor(v, shape, dtype);
}

/** Distance in units in the last place between two floats of `dtype` (0 when both NaN). */
function ulps(a: number, b: number, dtype: string): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (Object.is(a, b)) return 0;
  // +0 vs -0, a sign flip, or a differing integer/bool result: never acceptable.
  if (a === b || (dtype !== "float32" && dtype !== "float64") || Math.sign(a) !== Math.sign(b))
    return Infinity;
  // Exact: the bit patterns of |x| order like |x|, and a BigInt difference keeps every bit.
  const key = (x: number) =>
    dtype === "float32"
      ? BigInt(new Int32Array(new Float32Array([Math.abs(x)]).buffer)[0]!)
      : new BigInt64Array(new Float64Array([Math.abs(x)]).buffer)[0]!;
  const d = key(a) - key(b);
  return Number(d < 0n ? -d : d);
}

function run(backend: string, fn: () => T | T[]): { dtype: string; shape: number[]; v: number[] }[] {
  const before = keras.backend.getBackend();
  keras.backend.setBackend(backend);
  try {
    const r = fn();
    return (Array.isArray(r) ? r : [r]).map((t) => ({
      dtype: t.dtype,
      shape: [...t.shape],
      v: Array.from(t.dataSync() as ArrayLike<number>),
    }));
  } finally {
    keras.backend.setBackend(before);
  }
}

const show = (x: number) => (Object.is(x, -0) ? "-0" : String(x));

/** Runs `fn` on native and js and asserts the results agree within `maxUlps` (0: bitwise). */
function conform(what: string, fn: () => T | T[], maxUlps = 0): void {
  const got = run("native", fn);
  const want = run("js", fn);
  assert.equal(got.length, want.length, what);
  got.forEach((g, j) => {
    const w = want[j]!;
    assert.equal(g.dtype, w.dtype, `${what}: dtype`);
    assert.deepEqual(g.shape, w.shape, `${what}: shape`);
    for (let i = 0; i < w.v.length; i++) {
      const d = ulps(g.v[i]!, w.v[i]!, w.dtype);
      if (d > maxUlps)
        assert.fail(`${what} [${j}][${i}]: native ${show(g.v[i]!)} vs js ${show(w.v[i]!)} (${d} ulps)`);
    }
  });
}

/** Unary ops with their float64 ulp budget (0: bitwise); float32 is bitwise except the row kernels. */
const UNARY: [string, (x: T) => T, number][] = [
  ["negative", ops.negative, 0],
  ["abs", ops.abs, 0],
  ["sign", ops.sign, 0],
  ["square", ops.square, 0],
  ["sqrt", ops.sqrt, 0],
  ["rsqrt", ops.rsqrt, 0],
  ["reciprocal", ops.reciprocal, 0],
  ["exp", ops.exp, 1],
  ["expm1", ops.expm1, 1],
  ["log", ops.log, 1],
  ["log1p", ops.log1p, 1],
  ["sin", ops.sin, 1],
  ["cos", ops.cos, 1],
  ["tanh", ops.tanh, 3],
  ["arctan", ops.arctan, 1],
  ["floor", ops.floor, 0],
  ["ceil", ops.ceil, 0],
  ["round", ops.round, 0],
  ["trunc", ops.trunc, 0],
  ["erf", ops.erf, 2],
  ["relu", ops.relu, 0],
  ["relu6", keras.activations.get("relu6") as (x: T) => T, 0],
  ["leakyRelu", (x) => ops.leakyRelu(x, 0.1), 0],
  ["elu", ops.elu, 2],
  ["sigmoid", ops.sigmoid, 2],
  ["softplus", ops.softplus, 2],
  ["silu", ops.silu, 2],
  ["gelu", ops.gelu, 2],
  ["logSigmoid", ops.logSigmoid, 2],
  ["isnan", ops.isnan, 0],
  ["isfinite", ops.isfinite, 0],
  ["softmax", (x) => ops.softmax(x, -1), 4],
  ["logSoftmax", (x) => ops.logSoftmax(x, -1), 4],
];
/** The row kernels, whose budget holds for float32 too. */
const ROW_KERNELS = new Set(["softmax", "logSoftmax"]);

/** Binary ops, with their float64 ulp budget where it is not 0. */
const BINARY: [string, (a: T, b: T) => T, number?][] = [
  ["add", ops.add],
  ["subtract", ops.subtract],
  ["multiply", ops.multiply],
  ["divide", ops.divide],
  ["maximum", ops.maximum],
  ["minimum", ops.minimum],
  ["squaredDifference", ops.squaredDifference],
  ["power", ops.power, 1],
  ["mod", ops.mod],
  ["floorDivide", ops.floorDivide],
  ["equal", ops.equal],
  ["notEqual", ops.notEqual],
  ["less", ops.less],
  ["lessEqual", ops.lessEqual],
  ["greater", ops.greater],
  ["greaterEqual", ops.greaterEqual],
  ["logicalAnd", ops.logicalAnd],
];

/** Shapes of b against a = [6, 7, 9]: the 2-D layouts first, then N-D ones. */
const B_SHAPES: number[][] = [[6, 7, 9], [], [9], [6, 7, 1], [1, 7, 9], [6, 1, 1], [7, 1], [6, 1, 9]];

for (const dtype of ["float32", "float64"] as const) {
  test(`unary ops agree with js (${dtype})`, opts, () => {
    const x = input([6, 7, 9], 1, dtype);
    const pos = ops.abs(input([5, 11], 2, dtype, 50)); // exp/log over a wide range
    for (const [name, f, f64Ulps] of UNARY) {
      const u = dtype === "float64" || ROW_KERNELS.has(name) ? f64Ulps : 0;
      conform(`${name} ${dtype}`, () => f(x), u);
      conform(`${name} ${dtype} wide`, () => f(pos), u);
    }
  });

  test(`binary ops agree with js for every broadcast layout (${dtype})`, opts, () => {
    const a = input([6, 7, 9], 3, dtype);
    for (const bShape of B_SHAPES) {
      const b = input(bShape, 4, dtype);
      for (const [name, f, f64Ulps = 0] of BINARY) {
        const u = dtype === "float64" ? f64Ulps : 0;
        conform(`${name} ${dtype} [6,7,9]∘[${bShape}]`, () => f(a, b), u);
        conform(`${name} ${dtype} [${bShape}]∘[6,7,9]`, () => f(b, a), u);
      }
    }
  });

  test(`reductions agree with js (${dtype})`, opts, () => {
    const x = input([6, 7, 9], 5, dtype);
    const clean = new keras.Tensor(values(6 * 7 * 9, 6, false, dtype), [6, 7, 9], dtype);
    const axes: (number | number[] | undefined)[] = [-1, 0, 1, [0, 2], [1, 2], undefined];
    for (const t of [x, clean])
      for (const axis of axes) {
        const tag = `${dtype} axis ${JSON.stringify(axis)}`;
        conform(`reductions ${tag}`, () => [
          ops.sum(t, axis),
          ops.max(t, axis),
          ops.min(t, axis),
          ops.prod(t, axis),
          ops.mean(t, axis, true),
          ops.any(t, axis),
          ops.all(t, axis),
        ]);
        // log and exp: the C library's in float64 (see the header).
        conform(`logsumexp ${tag}`, () => ops.logsumexp(t, axis), dtype === "float64" ? 2 : 0);
      }
    conform(`argmax/argmin/cumsum/cumprod ${dtype}`, () => [
      ops.argmax(clean, -1),
      ops.argmin(clean, 0),
      ops.cumsum(clean, 1),
      ops.cumprod(clean, -1),
    ]);
  });

  test(`where, cast, data movement, indexing and matmul agree with js (${dtype})`, opts, () => {
    const x = input([6, 7, 9], 7, dtype);
    const y = input([6, 7, 9], 8, dtype);
    const c = ops.greater(input([6, 7, 9], 9, dtype), 0);
    const cRow = ops.greater(input([9], 10, dtype), 0);
    const cCol = ops.greater(input([6, 7, 1], 11, dtype), 0);
    conform(`where ${dtype}`, () => [
      ops.where(c, x, y),
      ops.where(cRow, x, y),
      ops.where(cCol, x, 0.5),
      ops.where(c, 2, y),
      ops.where(ops.greater(input([7, 1], 12, dtype), 0), x, y), // an N-D broadcast: whereStrided
    ]);
    conform(`cast ${dtype}`, () => [
      ops.cast(x, dtype === "float32" ? "float64" : "float32"),
      ops.cast(ops.clip(x, -100, 100), "int32"),
      ops.cast(x, "bool"),
    ]);
    const idx = new keras.Tensor(new Int32Array([3, 0, 8, 8, 1]), [5], "int32");
    conform(`data movement and indexing ${dtype}`, () => [
      ops.transpose(x, [2, 0, 1]),
      ops.broadcastTo(ops.slice(x, [0, 0, 0], [1, 7, 9]), [4, 7, 9]),
      ops.slice(x, [1, 2, 3], [3, 4, 5]),
      ops.concatenate([x, y], 1),
      ops.pad(x, [
        [1, 0],
        [0, 2],
        [1, 1],
      ]),
      ops.take(x, idx, 2),
      ops.sort(ops.nanToNum(x), -1),
      ...ops.topK(ops.nanToNum(x), 3),
    ]);
    conform(`scatterAdd (the gradient of take) ${dtype}`, () =>
      keras.grad((t: T) => ops.sum(ops.square(ops.take(t, idx, 2))))(ops.nanToNum(x)),
    );
    const w = new keras.Tensor(values(9 * 5, 13, true, dtype), [9, 5], dtype);
    const xi = new keras.Tensor(values(6 * 7 * 9, 14, true, dtype), [6, 7, 9], dtype);
    conform(`matmul on small integers (exact) ${dtype}`, () => ops.matmul(xi, w));
  });
}

test("the seed MLP trains identically on js and native: 200 images, 1 epoch, same seed", opts, async () => {
  const curves: number[][] = [];
  const before = keras.backend.getBackend();
  for (const backend of ["js", "native"]) {
    keras.backend.setBackend(backend);
    try {
      keras.utils.setRandomSeed(42);
      const x = keras.random.uniform([200, 28, 28], { seed: 1 });
      const y = ops.cast(ops.floor(ops.multiply(keras.random.uniform([200], { seed: 2 }), 10)), "int32");
      const model = seedSequential();
      model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"] });
      const losses: number[] = [];
      const cb = new keras.callbacks.LambdaCallback({
        onTrainBatchEnd: (_batch, logs) => void losses.push(Number(logs?.loss)),
      });
      await model.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0, shuffle: false, callbacks: [cb] });
      curves.push(losses);
    } finally {
      keras.backend.setBackend(before);
    }
  }
  const [js, native] = curves as [number[], number[]];
  assert.equal(js.length, 7);
  assert.equal(native.length, js.length);
  js.forEach((l, i) => {
    assert.ok(Number.isFinite(l), `batch ${i} loss ${l}`);
    assert.ok(Math.abs(native[i]! - l) <= 1e-5 * Math.abs(l), `batch ${i}: native ${native[i]} vs js ${l}`);
  });
});
