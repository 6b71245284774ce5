import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith } from "../helpers/gradcheck.js";

const { initializers } = keras;

function stats(t: keras.Tensor): { mean: number; std: number; min: number; max: number } {
  const v = t.values;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const x of v) {
    sum += x;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const mean = sum / v.length;
  let ss = 0;
  for (const x of v) ss += (x - mean) ** 2;
  return { mean, std: Math.sqrt(ss / v.length), min, max };
}

test("Zeros, Ones, Constant and Identity give their values", () => {
  assert.deepEqual(new initializers.Zeros().call([2, 2]).arraySync(), [
    [0, 0],
    [0, 0],
  ]);
  assert.deepEqual(new initializers.Ones().call([3]).arraySync(), [1, 1, 1]);
  assert.deepEqual(new initializers.Constant(2.5).call([2]).arraySync(), [2.5, 2.5]);
  assert.deepEqual(new initializers.Constant({ value: -1 }).call([1, 2], "float64").arraySync(), [[-1, -1]]);
  assert.equal(new initializers.Constant(1).call([1], "float64").dtype, "float64");
  assert.deepEqual(new initializers.Identity({ gain: 2 }).call([2, 3]).arraySync(), [
    [2, 0, 0],
    [0, 2, 0],
  ]);
  assertThrowsWith(
    () => new initializers.Identity().call([2, 2, 2]),
    keras.ValueError,
    "2D matrices",
    "(2, 2, 2)",
  );
});

test("computeFans follows Keras for vectors, matrices and conv kernels", () => {
  assert.deepEqual(initializers.computeFans([]), [1, 1]);
  assert.deepEqual(initializers.computeFans([5]), [5, 5]);
  assert.deepEqual(initializers.computeFans([784, 300]), [784, 300]);
  assert.deepEqual(initializers.computeFans([3, 3, 16, 32]), [144, 288]);
  assert.deepEqual(initializers.computeFans([2, 3, 4], [0, 1], [2]), [6, 4]);
});

test("GlorotUniform for a 784x300 kernel stays within sqrt(6 / (784 + 300)) with uniform variance", () => {
  const limit = Math.sqrt(6 / (784 + 300));
  const w = new initializers.GlorotUniform({ seed: 3 }).call([784, 300]);
  const s = stats(w);
  assert.ok(s.min >= -limit && s.max <= limit, `values outside ±${limit}: [${s.min}, ${s.max}]`);
  assert.ok(s.max > 0.99 * limit && s.min < -0.99 * limit, "the range should be nearly filled");
  assert.ok(Math.abs(s.mean) < 0.001, `mean ${s.mean}`);
  assertClose([s.std], [limit / Math.sqrt(3)], 0, 0.01);
});

test("VarianceScaling truncated normal: std sqrt(scale / n) after truncation, values within 2 raw stddevs", () => {
  const init = new initializers.VarianceScaling({ scale: 2, mode: "fan_out", seed: 11 });
  const w = init.call([400, 500]);
  const target = Math.sqrt(2 / 500);
  const s = stats(w);
  assertClose([s.std], [target], 0, 0.02);
  const raw = target / initializers.TRUNCATED_NORMAL_STD_CORRECTION;
  assert.ok(s.max <= 2 * raw + 1e-6 && s.min >= -2 * raw - 1e-6, `[${s.min}, ${s.max}] vs ±${2 * raw}`);
  assert.equal(initializers.TRUNCATED_NORMAL_STD_CORRECTION, 0.87962566103423978);
  // fan_avg and untruncated normal
  const u = new initializers.VarianceScaling({
    mode: "fan_avg",
    distribution: "untruncated_normal",
    seed: 2,
  }).call([300, 500]);
  assertClose([stats(u).std], [Math.sqrt(1 / 400)], 0, 0.02);
  // "normal" is an alias of "truncated_normal"
  assert.equal(new initializers.VarianceScaling({ distribution: "normal" }).distribution, "truncated_normal");
});

test("He, LeCun and Glorot normal variants have Keras's scales", () => {
  const shape = [500, 400];
  const cases: [keras.initializers.Initializer, number, "normal" | "uniform"][] = [
    [new initializers.HeNormal({ seed: 1 }), Math.sqrt(2 / 500), "normal"],
    [new initializers.HeUniform({ seed: 1 }), Math.sqrt(6 / 500), "uniform"],
    [new initializers.LecunNormal({ seed: 1 }), Math.sqrt(1 / 500), "normal"],
    [new initializers.LecunUniform({ seed: 1 }), Math.sqrt(3 / 500), "uniform"],
    [new initializers.GlorotNormal({ seed: 1 }), Math.sqrt(2 / 900), "normal"],
  ];
  for (const [init, scale, kind] of cases) {
    const s = stats(init.call(shape));
    if (kind === "normal") assertClose([s.std], [scale], 0, 0.02);
    else {
      assert.ok(s.max <= scale && s.min >= -scale, `${init.className} outside ±${scale}`);
      assertClose([s.std], [scale / Math.sqrt(3)], 0, 0.02);
    }
  }
});

test("RandomNormal, RandomUniform and TruncatedNormal use Keras defaults", () => {
  const n = new initializers.RandomNormal({ seed: 5 });
  assert.deepEqual(n.getConfig(), { seed: 5, mean: 0, stddev: 0.05 });
  const sn = stats(n.call([200, 200]));
  assertClose([sn.mean, sn.std], [0, 0.05], 0.002, 0.02);
  const u = new initializers.RandomUniform();
  assert.deepEqual(u.getConfig(), { seed: null, minval: -0.05, maxval: 0.05 });
  const su = stats(new initializers.RandomUniform({ minval: 1, maxval: 3, seed: 1 }).call([10000]));
  assert.ok(su.min >= 1 && su.max < 3);
  const t = stats(new initializers.TruncatedNormal({ mean: 1, stddev: 1, seed: 4 }).call([10000]));
  assert.ok(t.min >= -1 && t.max <= 3, `truncated at 2 stddev: [${t.min}, ${t.max}]`);
});

test("seeds: same seed, same values; setRandomSeed makes unseeded initializers deterministic", () => {
  const a = new initializers.GlorotUniform({ seed: 42 }).call([4, 3]);
  const b = new initializers.GlorotUniform({ seed: 42 }).call([4, 3]);
  const c = new initializers.GlorotUniform({ seed: 43 }).call([4, 3]);
  assert.deepEqual(a.arraySync(), b.arraySync());
  assert.notDeepEqual(a.arraySync(), c.arraySync());

  keras.utils.setRandomSeed(7);
  const x1 = new initializers.HeNormal().call([5, 5]);
  const y1 = new initializers.RandomNormal().call([5]);
  keras.utils.setRandomSeed(7);
  const x2 = new initializers.HeNormal().call([5, 5]);
  const y2 = new initializers.RandomNormal().call([5]);
  assert.deepEqual(x1.arraySync(), x2.arraySync());
  assert.deepEqual(y1.arraySync(), y2.arraySync());

  // As in Keras, an unseeded initializer takes its seed at construction, so it repeats its values;
  // a SeedGenerator advances at each call.
  const unseeded = new initializers.RandomUniform();
  assert.deepEqual(unseeded.call([3]).arraySync(), unseeded.call([3]).arraySync());
  assert.equal(unseeded.getConfig().seed, null);
  const gen = new initializers.RandomUniform({ seed: new keras.random.SeedGenerator(1) });
  assert.notDeepEqual(gen.call([3]).arraySync(), gen.call([3]).arraySync());
  assertThrowsWith(() => new initializers.RandomNormal({ seed: 1.5 }), keras.ValueError, "seed");
});

test("Orthogonal gives orthonormal columns (or rows), with gain, for any rank >= 2", () => {
  const { ops } = keras;
  const eye = (n: number) => Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0));
  const tall = new initializers.Orthogonal({ seed: 1 }).call([7, 4], "float64");
  assertClose(ops.matmul(ops.transpose(tall), tall).values, eye(4), 1e-12);
  const wide = new initializers.Orthogonal({ seed: 2 }).call([3, 8], "float64");
  assertClose(ops.matmul(wide, ops.transpose(wide)).values, eye(3), 1e-12);
  const cube = new initializers.Orthogonal({ seed: 3, gain: 2 }).call([2, 3, 5], "float64");
  assert.deepEqual(cube.shape, [2, 3, 5]);
  const flat = ops.reshape(cube, [6, 5]);
  assertClose(
    ops.matmul(ops.transpose(flat), flat).values,
    eye(5).map((v) => 4 * v),
    1e-12,
  );
  const f32 = new initializers.Orthogonal({ seed: 4 }).call([5, 5]);
  assert.equal(f32.dtype, "float32");
  assertClose(ops.matmul(ops.transpose(f32), f32).values, eye(5), 1e-5);
  assertThrowsWith(
    () => new initializers.Orthogonal().call([3]),
    keras.ValueError,
    "at least two-dimensional",
  );
});

test("orthonormalColumns matches the sign-corrected QR (R with a positive diagonal)", () => {
  // A = [[3, 1], [4, 2]] → q1 = [0.6, 0.8]; with R11 = 5 > 0 the sign is already positive.
  const q = initializers.orthonormalColumns([3, 1, 4, 2], 2, 2);
  assertClose(Array.from(q).slice(0, 1), [0.6], 1e-12);
  assertClose([q[2]!], [0.8], 1e-12);
  // A = -I = (-I)(I): the factor with a positive R diagonal is Q = -I.
  assertClose(initializers.orthonormalColumns([-1, 0, 0, -1], 2, 2), [-1, 0, 0, -1], 1e-12);
  // Q·R reproduces A for a random 5x3 matrix (R = Qᵀ·A is upper triangular with a positive diagonal).
  const a = Array.from({ length: 15 }, (_, i) => Math.sin(3 * i + 1));
  const q3 = initializers.orthonormalColumns(a, 5, 3);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let r = 0;
      for (let k = 0; k < 5; k++) r += q3[k * 3 + i]! * a[k * 3 + j]!;
      if (i > j) assert.ok(Math.abs(r) < 1e-12, `R[${i}][${j}] = ${r}`);
      if (i === j) assert.ok(r > 0, `R[${i}][${i}] = ${r}`);
    }
  }
});

test("get / serialize / deserialize accept Keras names in snake_case and camelCase", () => {
  assert.ok(initializers.get("glorot_uniform") instanceof initializers.GlorotUniform);
  assert.ok(initializers.get("glorotUniform") instanceof initializers.GlorotUniform);
  assert.ok(initializers.get("GlorotUniform") instanceof initializers.GlorotUniform);
  assert.ok(initializers.get("he_normal") instanceof initializers.HeNormal);
  assert.ok(initializers.get("zeros") instanceof initializers.Zeros);
  assert.ok(initializers.get("uniform") instanceof initializers.RandomUniform);
  assert.equal(initializers.get(null), null);
  const inst = new initializers.Ones();
  assert.equal(initializers.get(inst), inst);
  assertThrowsWith(() => initializers.get("glorot_unifrom"), keras.ValueError, "glorot_unifrom");

  const all: keras.initializers.Initializer[] = [
    new initializers.Zeros(),
    new initializers.Ones(),
    new initializers.Constant(3),
    new initializers.Identity({ gain: 0.5 }),
    new initializers.RandomNormal({ mean: 1, stddev: 2, seed: 3 }),
    new initializers.RandomUniform({ minval: -1, maxval: 1, seed: 4 }),
    new initializers.TruncatedNormal({ stddev: 0.1 }),
    new initializers.VarianceScaling({ scale: 2, mode: "fan_avg", distribution: "uniform", seed: 5 }),
    new initializers.GlorotNormal({ seed: 6 }),
    new initializers.GlorotUniform(),
    new initializers.HeNormal(),
    new initializers.HeUniform(),
    new initializers.LecunNormal(),
    new initializers.LecunUniform(),
    new initializers.Orthogonal({ gain: 2, seed: 7 }),
  ];
  for (const init of all) {
    const s = initializers.serialize(init);
    const back = initializers.deserialize(JSON.parse(JSON.stringify(s)));
    assert.equal(back.constructor, init.constructor);
    assert.deepEqual(back.getConfig(), init.getConfig());
  }
  assert.deepEqual(initializers.serialize(new initializers.GlorotUniform({ seed: 1 })), {
    className: "GlorotUniform",
    config: { seed: 1, inputAxes: null, outputAxes: null },
  });
  // A seeded initializer rebuilt from its config draws the same values.
  const seeded = new initializers.HeUniform({ seed: 9 });
  assert.deepEqual(seeded.clone().call([3, 3]).arraySync(), seeded.call([3, 3]).arraySync());
});

test("invalid VarianceScaling arguments throw ValueError naming the argument", () => {
  assertThrowsWith(() => new initializers.VarianceScaling({ scale: 0 }), keras.ValueError, "scale");
  assertThrowsWith(
    () => new initializers.VarianceScaling({ mode: "fan_x" as "fan_in" }),
    keras.ValueError,
    "mode",
  );
  assertThrowsWith(
    () => new initializers.VarianceScaling({ distribution: "gamma" as "uniform" }),
    keras.ValueError,
    "distribution",
  );
});

test("get accepts classes and plain functions, as Keras accepts classes and callables", () => {
  assert.ok(initializers.get(initializers.HeUniform) instanceof initializers.HeUniform);
  const half = initializers.get((shape, dtype) => keras.ops.full(shape, 0.5, dtype))!;
  assert.deepEqual(half.call([2]).arraySync(), [0.5, 0.5]);
  assert.deepEqual(initializers.serialize(half), { className: "FunctionInitializer", config: {} });
  assert.ok(keras.regularizers.get(keras.regularizers.L2) instanceof keras.regularizers.L2);
  assert.ok(keras.constraints.get(keras.constraints.NonNeg) instanceof keras.constraints.NonNeg);
  const dense = new keras.layers.Dense(2, {
    kernelInitializer: (shape, dtype) => keras.ops.ones(shape, dtype),
  });
  assert.deepEqual(dense.apply(keras.tensor([[1, 2]])).arraySync(), [[3, 3]]);
});
