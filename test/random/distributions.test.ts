import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertThrowsWith } from "../helpers/gradcheck.js";

const { random } = keras;

function moments(values: ArrayLike<number>): { mean: number; std: number; min: number; max: number } {
  let sum = 0;
  let sq = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    sum += v;
    sq += v * v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / values.length;
  return { mean, std: Math.sqrt(sq / values.length - mean * mean), min, max };
}

test("normal: 100k samples have the requested mean and stddev", () => {
  const x = random.normal([100000], { mean: 2, stddev: 3, seed: 11 });
  assert.equal(x.dtype, "float32");
  assert.deepEqual(x.shape, [100000]);
  const m = moments(x.values);
  assert.ok(Math.abs(m.mean - 2) < 0.05, `mean ${m.mean}`);
  assert.ok(Math.abs(m.std - 3) < 0.05, `std ${m.std}`);
  // about 4.55% of a normal lies beyond 2 stddev
  const beyond = Array.from(x.values).filter((v) => Math.abs(v - 2) > 6).length / 1e5;
  assert.ok(Math.abs(beyond - 0.0455) < 0.005, `tail mass ${beyond}`);
  assert.equal(random.normal([2, 3], { dtype: "float64", seed: 1 }).dtype, "float64");
});

test("truncatedNormal: every value within 2 stddev, std of the truncated law", () => {
  const x = random.truncatedNormal([100000], { mean: -1, stddev: 0.5, seed: 5 });
  const m = moments(x.values);
  assert.ok(m.min >= -2 && m.max <= 0, `range [${m.min}, ${m.max}]`);
  assert.ok(Math.abs(m.mean + 1) < 0.01, `mean ${m.mean}`);
  // std of a standard normal truncated to [-2, 2] is about 0.8796
  assert.ok(Math.abs(m.std - 0.5 * 0.8796) < 0.01, `std ${m.std}`);
});

test("uniform: bounds, mean, dtypes", () => {
  const x = random.uniform([100000], { minval: -3, maxval: 5, seed: 2 });
  const m = moments(x.values);
  assert.ok(m.min >= -3 && m.max < 5);
  assert.ok(Math.abs(m.mean - 1) < 0.05, `mean ${m.mean}`);
  assert.ok(Math.abs(m.std - 8 / Math.sqrt(12)) < 0.03, `std ${m.std}`);
  const d = random.uniform([1000], { dtype: "float64", seed: 2 });
  assert.equal(d.dtype, "float64");
  assert.ok(moments(d.values).min >= 0 && moments(d.values).max < 1);
  // a range narrower than float32's spacing still never reaches maxval
  const tight = random.uniform([1000], { minval: 1, maxval: 1 + 1e-7, seed: 3 });
  assert.ok(Array.from(tight.values).every((v) => v >= 1 && v < 1 + 1e-7));
});

test("randint: values in [minval, maxval), every value reached, dtypes", () => {
  const x = random.randint([10000], -2, 3, { seed: 9 });
  assert.equal(x.dtype, "int32");
  const counts = new Map<number, number>();
  for (const v of x.values) counts.set(v, (counts.get(v) ?? 0) + 1);
  assert.deepEqual(
    [...counts.keys()].sort((a, b) => a - b),
    [-2, -1, 0, 1, 2],
  );
  for (const c of counts.values()) assert.ok(Math.abs(c - 2000) < 200);
  assert.equal(random.randint([3], 0, 256, { dtype: "uint8", seed: 1 }).dtype, "uint8");
  assert.equal(random.randint([3], 0, 10, { dtype: "float32", seed: 1 }).dtype, "float32");
});

test("an integer seed gives the same values at every call; different seeds differ", () => {
  const a = random.normal([5], { seed: 42 }).arraySync();
  assert.deepEqual(random.normal([5], { seed: 42 }).arraySync(), a);
  assert.notDeepEqual(random.normal([5], { seed: 43 }).arraySync(), a);
  assert.deepEqual(
    random.uniform([4], { seed: 7 }).arraySync(),
    random.uniform([4], { seed: 7 }).arraySync(),
  );
  assert.deepEqual(
    random.randint([4], 0, 100, { seed: 7 }).arraySync(),
    random.randint([4], 0, 100, { seed: 7 }).arraySync(),
  );
});

test("SeedGenerator advances: consecutive draws differ, a new generator replays them", () => {
  const gen = new random.SeedGenerator(42);
  const a = random.normal([4], { seed: gen }).arraySync();
  const b = random.normal([4], { seed: gen }).arraySync();
  assert.notDeepEqual(a, b);
  const again = new random.SeedGenerator(42);
  assert.deepEqual(random.normal([4], { seed: again }).arraySync(), a);
  assert.deepEqual(random.normal([4], { seed: again }).arraySync(), b);
  // As in Keras, an integer seed s acts like the first draw of SeedGenerator(s).
  assert.deepEqual(random.normal([4], { seed: 42 }).arraySync(), a);
  assert.deepEqual(Array.from(new random.SeedGenerator(5).state.value.values), [5, 0]);
  assert.deepEqual(gen.state.value.arraySync(), [42, 2]);
  assert.equal(gen.state.trainable, false);
  assert.deepEqual(gen.getConfig(), { seed: 42 });
  assert.deepEqual(random.SeedGenerator.fromConfig({ seed: 42 }).next(), [42, 0]);
});

test("setRandomSeed resets the global generator and default seeds", () => {
  keras.utils.setRandomSeed(1);
  assert.equal(keras.utils.getRandomSeed(), 1);
  const a = random.normal([3]).arraySync();
  const a2 = random.normal([3]).arraySync();
  const seedA = random.makeDefaultSeed();
  const genA = random.uniform([3], { seed: new random.SeedGenerator() }).arraySync();
  assert.notDeepEqual(a, a2);
  keras.utils.setRandomSeed(1);
  assert.deepEqual(random.normal([3]).arraySync(), a);
  assert.deepEqual(random.normal([3]).arraySync(), a2);
  assert.equal(random.makeDefaultSeed(), seedA);
  assert.deepEqual(random.uniform([3], { seed: new random.SeedGenerator() }).arraySync(), genA);
  assert.ok(seedA >= 1 && seedA <= 1e9 && Number.isInteger(seedA));
  keras.utils.setRandomSeed(2);
  assert.notDeepEqual(random.normal([3]).arraySync(), a);
});

test("invalid arguments raise typed errors", () => {
  assertThrowsWith(() => random.uniform([2], { minval: 1, maxval: 1 }), keras.ValueError, "minval", "maxval");
  assertThrowsWith(() => random.uniform([2, -1]), keras.ShapeError, "non-negative integers");
  assertThrowsWith(() => random.normal([1.5]), keras.ShapeError);
  assertThrowsWith(() => random.normal([2], { dtype: "int32" }), keras.DTypeError, "floating point");
  assertThrowsWith(() => random.normal([2], { stddev: NaN }), keras.ValueError, "stddev");
  assertThrowsWith(() => random.randint([2], 5, 5), keras.ValueError, "minval < maxval");
  assertThrowsWith(() => random.randint([2], 0.5, 5), keras.ValueError);
  assertThrowsWith(() => random.randint([2], -1, 5, { dtype: "uint8" }), keras.ValueError, "uint8");
  assertThrowsWith(() => random.randint([2], 0, 2, { dtype: "bool" }), keras.DTypeError);
  assertThrowsWith(() => random.normal([2], { seed: 1.5 }), keras.ValueError, "seed");
  assertThrowsWith(() => new random.SeedGenerator(0.5), keras.ValueError, "must be an integer");
  assertThrowsWith(() => keras.utils.setRandomSeed(Number.NaN), keras.ValueError, "integer");
});
