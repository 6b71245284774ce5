// One-pass optimizer updates (Backend.optimizerUpdate) against the op-by-op formulas, and the
// in-place rule: a fit step overwrites a weight's array only when no tensor of it was handed out.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { withPrivateVariableReads } from "../../src/core/variable.js";
import { BACKENDS, assertBitwise, input, onBackend } from "./helpers.js";

const { ops, optimizers } = keras;
type T = keras.Tensor;

/** Three steps of `opt` on a [40, 30] weight with fixed gradients; returns the final weight. */
function run(opt: keras.optimizers.Optimizer, dtype: "float32" | "float64"): T {
  const w = new keras.Variable(input([40, 30], 1, dtype));
  for (let s = 0; s < 3; s++) opt.applyGradients([[input([40, 30], 10 + s, dtype), w]]);
  return w.value;
}

/** The same steps with the formulas written as ops (Keras 3's update rules). */
function reference(kind: string, dtype: "float32" | "float64"): T {
  let w = input([40, 30], 1, dtype);
  let m = ops.zerosLike(w) as T;
  let v = ops.zerosLike(w) as T;
  const f = (x: number) => ops.convertToTensor(x, dtype);
  const lr = f(Math.fround(0.1)); // the learning-rate variable is float32, cast to the weight dtype
  for (let s = 0; s < 3; s++) {
    const g = input([40, 30], 10 + s, dtype);
    if (kind === "sgd") w = ops.subtract(w, ops.multiply(g, lr)) as T;
    else if (kind === "momentum" || kind === "nesterov") {
      m = ops.subtract(ops.multiply(m, f(0.9)), ops.multiply(g, lr)) as T;
      const step = kind === "nesterov" ? ops.subtract(ops.multiply(m, f(0.9)), ops.multiply(g, lr)) : m;
      w = ops.add(w, step) as T;
    } else {
      const t = f(s + 1);
      const alpha = ops.divide(
        ops.multiply(f(Math.fround(0.01)), ops.sqrt(ops.subtract(1, ops.power(f(0.999), t)))),
        ops.subtract(1, ops.power(f(0.9), t)),
      );
      m = ops.add(m, ops.multiply(ops.subtract(g, m), 1 - 0.9)) as T;
      v = ops.add(v, ops.multiply(ops.subtract(ops.square(g), v), 1 - 0.999)) as T;
      w = ops.subtract(w, ops.divide(ops.multiply(m, alpha), ops.add(ops.sqrt(v), 1e-7))) as T;
    }
  }
  return w;
}

const makers: Record<string, () => keras.optimizers.Optimizer> = {
  sgd: () => new optimizers.SGD({ learningRate: 0.1 }),
  momentum: () => new optimizers.SGD({ learningRate: 0.1, momentum: 0.9 }),
  nesterov: () => new optimizers.SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true }),
  adam: () => new optimizers.Adam({ learningRate: 0.01 }),
};

for (const backend of BACKENDS)
  for (const dtype of ["float32", "float64"] as const)
    for (const kind of Object.keys(makers))
      test(`fused ${kind} update = op formula bitwise (${backend}, ${dtype})`, () =>
        onBackend(backend, () => assertBitwise(run(makers[kind]!(), dtype), reference(kind, dtype), kind)));

test("an update never changes a tensor handed out before it", () => {
  const w = new keras.Variable(input([5, 4], 1));
  const opt = new optimizers.SGD({ learningRate: 0.5, momentum: 0.9 });
  const g = input([5, 4], 2);
  const seen: T[] = [];
  for (let s = 0; s < 3; s++) {
    seen.push(w.value);
    const copy = w.value.dataSync();
    opt.applyGradients([[g, w]]);
    assert.deepEqual(seen[s]!.dataSync(), copy, `step ${s} changed a handed-out value`);
  }
  assert.notEqual(w.value.values, seen[2]!.values);
});

test("inside a private-read scope, updates reuse the weight's array (in place)", () => {
  const w = new keras.Variable(input([5, 4], 1));
  const opt = new optimizers.SGD({ learningRate: 0.5 });
  const g = input([5, 4], 2);
  const arrays = withPrivateVariableReads(() => {
    const out = [];
    for (let s = 0; s < 3; s++) {
      ops.sum(w); // a forward-pass read
      opt.applyGradients([[g, w]]);
      out.push(w.value.values);
    }
    return out;
  });
  assert.equal(arrays[1], arrays[0]);
  assert.equal(arrays[2], arrays[0]);
});

test("fit updates weights in place and leaves getWeights() snapshots alone", async () => {
  keras.utils.setRandomSeed(3);
  const model = new keras.Sequential([keras.Input({ shape: [6] }), new keras.layers.Dense(4)]);
  model.compile({ optimizer: "sgd", loss: "mse" });
  const snapshot = model.getWeights();
  const copies = snapshot.map((t) => t.dataSync());
  const kernel = model.layers[0]!.weights[0]!;
  const arrays: unknown[] = [];
  const spy = new keras.callbacks.LambdaCallback({
    onTrainBatchEnd: () => void arrays.push((kernel as unknown as { current: T }).current.values),
  });
  await model.fit(input([40, 6], 4), input([40, 4], 5), {
    batchSize: 8,
    epochs: 1,
    verbose: 0,
    callbacks: [spy],
  });
  snapshot.forEach((t, i) => assert.deepEqual(t.dataSync(), copies[i]));
  assert.equal(arrays.length, 5);
  for (let s = 2; s < 5; s++) assert.equal(arrays[s], arrays[1], `step ${s} allocated a new kernel array`);
});
