// Small synthetic problems shared by the trainer tests.
import * as keras from "../../src/index.js";

const { layers } = keras;

/** `n` points in 4-D, labelled by which of 3 directions they lean to (learnable by a small MLP). */
export function blobs(n: number, seed = 0): { x: keras.Tensor; y: keras.Tensor } {
  const x = keras.random.normal([n, 4], { seed });
  const v = x.values as Float32Array;
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = v[i * 4]! + v[i * 4 + 1]!;
    const b = v[i * 4 + 2]! - v[i * 4 + 3]!;
    labels[i] = a > 0.3 ? 0 : b > 0 ? 1 : 2;
  }
  return { x, y: new keras.Tensor(labels, [n], "int32") };
}

/** A small seeded classifier for `blobs`. */
export function mlp(seed = 7): keras.Model {
  keras.utils.setRandomSeed(seed);
  return new keras.Sequential([
    new layers.Dense(16, { activation: "relu", inputShape: [4] }),
    new layers.Dense(3, { activation: "softmax" }),
  ]);
}

/** A fresh compiled `mlp`. */
export function compiledMlp(seed = 7, metrics: string[] = ["accuracy"], lr = 0.1): keras.Model {
  const model = mlp(seed);
  model.compile({
    optimizer: new keras.optimizers.SGD({ learningRate: lr }),
    loss: "sparse_categorical_crossentropy",
    metrics,
  });
  return model;
}

/** Rows `start..end` of a tensor. */
export function rows(t: keras.Tensor, start: number, end: number): keras.Tensor {
  const size = t.size / t.shape[0]!;
  return new keras.Tensor(
    t.values.slice(start * size, end * size),
    [end - start, ...t.shape.slice(1)],
    t.dtype,
  );
}

/** Whether two models have bitwise-identical weights. */
export function sameWeights(a: keras.Model, b: keras.Model): boolean {
  const wa = a.getWeights();
  const wb = b.getWeights();
  if (wa.length !== wb.length) return false;
  return wa.every((t, i) => {
    const u = wb[i]!;
    return t.size === u.size && t.values.every((v, j) => Object.is(v, u.values[j]));
  });
}
