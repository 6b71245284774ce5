/**
 * The seed MLP three ways, identical with the same seed; its summary; and a custom training loop
 * with GradientTape on a synthetic problem. Run: npx tsx examples/custom-loop.ts
 */
import * as keras from "../src/index.js";
import { MyModel, seedFunctional, seedSequential } from "./seed-models.js";

const { ops } = keras;

const images = keras.random.uniform([4, 28, 28], { seed: 7 });
const built = [seedSequential, seedFunctional, () => new MyModel()].map((make) => {
  keras.utils.setRandomSeed(42);
  const model = make();
  const predictions = model.apply(images) as keras.Tensor;
  return { model, predictions };
});
built[0]!.model.summary();
const same = built.every(({ model, predictions }) => {
  const w = model.getWeights();
  const ref = built[0]!.model.getWeights();
  const equalArrays = (a: ArrayLike<number>, b: ArrayLike<number>) =>
    a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => v === b[i]);
  return (
    w.length === ref.length &&
    w.every((t, i) => equalArrays(t.values, ref[i]!.values)) &&
    equalArrays(predictions.values, built[0]!.predictions.values)
  );
});
console.log(`Sequential, Functional and subclassed seed models identical with seed 42: ${same}`);

// A custom training loop: logistic regression on two Gaussian blobs.
keras.utils.setRandomSeed(0);
const n = 256;
const labels = ops.cast(ops.greater(keras.random.uniform([n, 1]), 0.5), "float32");
const features = ops.add(keras.random.normal([n, 2]), ops.multiply(ops.subtract(labels, 0.5), 4));
const w = new keras.Variable(keras.random.normal([2, 1], { stddev: 0.1 }), { name: "w" });
const b = new keras.Variable(ops.zeros([1]), { name: "b" });
for (let step = 0; step <= 100; step++) {
  const tape = new keras.GradientTape();
  const loss = tape.record(() => {
    const logits = ops.add(ops.matmul(features, w), b);
    // binary cross-entropy from logits: softplus(z) - y·z
    return ops.mean(ops.subtract(ops.softplus(logits), ops.multiply(labels, logits)));
  });
  const [dw, db] = tape.gradient(loss, [w, b]);
  w.assign(ops.subtract(w, ops.multiply(dw!, 0.5)));
  b.assign(ops.subtract(b, ops.multiply(db!, 0.5)));
  if (step % 25 === 0) console.log(`step ${step}: loss ${(loss.item() as number).toFixed(4)}`);
}
const predicted = ops.greater(ops.add(ops.matmul(features, w), b), 0);
const accuracy = ops.mean(ops.cast(ops.equal(predicted, ops.greater(labels, 0.5)), "float32"));
console.log(`training accuracy: ${(accuracy.item() as number).toFixed(3)}`);
