import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertThrowsWith } from "../helpers/gradcheck.js";

const { random, ops } = keras;

test("permutation(n) is a permutation; permutation(x) shuffles rows", () => {
  const p = random.permutation(50, { seed: 3 });
  assert.equal(p.dtype, "int32");
  assert.deepEqual(
    Array.from(p.values).sort((a, b) => a - b),
    Array.from({ length: 50 }, (_, i) => i),
  );
  assert.notDeepEqual(
    Array.from(p.values),
    Array.from({ length: 50 }, (_, i) => i),
  );
  assert.deepEqual(random.permutation(50, { seed: 3 }).arraySync(), p.arraySync());
  assert.deepEqual(random.permutation(0).shape, [0]);
  const rows = random
    .permutation(
      keras.tensor([
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
      ]),
      { seed: 1 },
    )
    .arraySync() as number[][];
  assert.deepEqual(rows.map((r) => r[0]).sort(), [1, 2, 3, 4]);
  for (const r of rows) assert.equal(r[0], r[1]);
  assertThrowsWith(() => random.permutation(-1), keras.ValueError, "non-negative");
});

test("permutation is uniform: each of the 6 orders of 3 items about equally often", () => {
  const gen = new random.SeedGenerator(0);
  const counts = new Map<string, number>();
  for (let i = 0; i < 6000; i++) {
    const key = random.permutation(3, { seed: gen }).arraySync().toString();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  assert.equal(counts.size, 6);
  for (const c of counts.values()) assert.ok(Math.abs(c - 1000) < 150, `count ${c}`);
});

test("shuffle along an axis keeps the other axes together; gradient permutes back", () => {
  const x = keras.tensor([
    [1, 2, 3, 4],
    [10, 20, 30, 40],
  ]);
  const y = random.shuffle(x, { axis: 1, seed: 4 }).arraySync() as number[][];
  assert.deepEqual(
    [...y[0]!].sort((a, b) => a - b),
    [1, 2, 3, 4],
  );
  for (let j = 0; j < 4; j++) assert.equal(y[1]![j], 10 * y[0]![j]!);
  assert.deepEqual(random.shuffle(x, { axis: -1, seed: 4 }).arraySync(), y);
  const w = keras.tensor([1, 2, 3, 4]);
  const g = keras.grad((t: keras.Tensor) => ops.sum(ops.multiply(random.shuffle(t, { seed: 8 }), w)))(
    keras.tensor([5, 6, 7, 8]),
  );
  const shuffled = random.shuffle(keras.tensor([5, 6, 7, 8]), { seed: 8 }).arraySync() as number[];
  // d/dx[i] = w[j] where y[j] = x[i]
  const expected = [5, 6, 7, 8].map((v) => w.values[shuffled.indexOf(v)]);
  assert.deepEqual(g.arraySync(), expected);
  assertThrowsWith(() => random.shuffle(keras.tensor(1)), keras.AxisError);
  assertThrowsWith(() => random.shuffle(x, { axis: 2 }), keras.AxisError);
});

/** Replays the graph behind `t` with `feed` as the value of `input` (a minimal functional runner). */
function evaluate(t: keras.SymbolicTensor, input: keras.SymbolicTensor, feed: keras.Tensor): keras.Tensor {
  if (t === input) return feed;
  const { node, index } = t.history!;
  return node.replay(
    node.inputs.map((x) => evaluate(x, input, feed)),
    {},
  )[index]!;
}

test("shuffle and dropout on symbolic tensors draw at run time", () => {
  const input = new keras.SymbolicTensor([null, 3], "float32");
  const s = random.shuffle(input, { axis: 1 });
  const d = random.dropout(input, 0.5, { noiseShape: [1, null], seed: new random.SeedGenerator(1) });
  assert.ok(s.isSymbolic && d.isSymbolic);
  assert.deepEqual(s.shape, [null, 3]);
  assert.deepEqual(d.shape, [null, 3]);
  const feed = keras.tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const shuffled = evaluate(s, input, feed).arraySync() as number[][];
  assert.deepEqual([...shuffled[0]!].sort(), [1, 2, 3]);
  assert.deepEqual(
    shuffled[1],
    shuffled[0]!.map((v) => v + 3),
  );
  const ones = ops.ones([2, 300]);
  const wide = new keras.SymbolicTensor([null, 300], "float32");
  const dw = random.dropout(wide, 0.5, { seed: new random.SeedGenerator(2) });
  assert.notDeepEqual(evaluate(dw, wide, ones).arraySync(), evaluate(dw, wide, ones).arraySync());
});

test("dropout zeroes about `rate` of the entries and scales the rest", () => {
  const x = ops.ones([100, 100]);
  const y = random.dropout(x, 0.3, { seed: 1 });
  const kept = Array.from(y.values).filter((v) => v !== 0);
  assert.ok(Math.abs(kept.length / 1e4 - 0.7) < 0.02, `kept ${kept.length}`);
  for (const v of kept) assert.equal(v, Math.fround(1 / 0.7));
  assert.deepEqual(random.dropout(x, 0.3, { seed: 1 }).arraySync(), y.arraySync());
  assert.equal(random.dropout(x, 0), x);
});

test("dropout noiseShape shares the mask along broadcast axes", () => {
  const y = random
    .dropout(ops.ones([4, 50]), 0.5, { noiseShape: [1, 50], seed: 2 })
    .arraySync() as number[][];
  for (const row of y) assert.deepEqual(row, y[0]);
  const z = random
    .dropout(ops.ones([4, 50]), 0.5, { noiseShape: [null, 1], seed: 2 })
    .arraySync() as number[][];
  for (const row of z) assert.ok(row.every((v) => v === row[0]));
  assertThrowsWith(
    () => random.dropout(ops.ones([4, 5]), 0.5, { noiseShape: [4, 3] }),
    keras.ShapeError,
    "noiseShape",
    "(4, 5)",
  );
  assertThrowsWith(() => random.dropout(ops.ones([4, 5]), 0.5, { noiseShape: [5] }), keras.ShapeError);
});

test("dropout is differentiable: the gradient is the mask", () => {
  const gen = new random.SeedGenerator(5);
  const x = keras.tensor([1, 2, 3, 4, 5, 6, 7, 8], "float64");
  const tape = new keras.GradientTape();
  tape.watch(x);
  let y = x;
  const loss = tape.record(() => ops.sum((y = random.dropout(x, 0.5, { seed: gen }))));
  const g = tape.gradient(loss, x)!;
  const yv = y.values;
  g.values.forEach((gi, i) => assert.equal(gi, yv[i] === 0 ? 0 : 2));
});

test("dropout validates rate and dtype", () => {
  assertThrowsWith(() => random.dropout([1, 2], 1), keras.ValueError, "[0, 1)");
  assertThrowsWith(() => random.dropout([1, 2], -0.1), keras.ValueError, "rate");
  assertThrowsWith(() => random.dropout(keras.tensor([1, 2], "int32"), 0.5), keras.DTypeError);
});

test("categorical samples classes in proportion to softmax(logits)", () => {
  const logits = keras.tensor([
    [Math.log(0.2), Math.log(0.3), Math.log(0.5)],
    [0, -Infinity, 0],
  ]);
  const s = random.categorical(logits, 10000, { seed: 3 });
  assert.deepEqual(s.shape, [2, 10000]);
  assert.equal(s.dtype, "int32");
  const row0 = Array.from(s.values.subarray(0, 10000));
  for (const [cls, p] of [
    [0, 0.2],
    [1, 0.3],
    [2, 0.5],
  ] as const) {
    const f = row0.filter((v) => v === cls).length / 10000;
    assert.ok(Math.abs(f - p) < 0.02, `class ${cls}: ${f}`);
  }
  assert.ok(Array.from(s.values.subarray(10000)).every((v) => v !== 1));
  assertThrowsWith(() => random.categorical([1, 2], 3), keras.ShapeError, "2-D");
  assertThrowsWith(() => random.categorical([[1, 2]], -1), keras.ValueError, "numSamples");
});
