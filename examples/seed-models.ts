/**
 * The seed's Fashion-MNIST MLP written with each of Keras's three model APIs (DESIGN.md). With the
 * same `keras.utils.setRandomSeed(n)` before each, all three build bitwise-identical weights.
 */
import * as keras from "../src/index.js";

const { layers } = keras;

/** 1. Sequential. */
export function seedSequential(): keras.Model {
  return new keras.Sequential([
    new layers.Flatten({ inputShape: [28, 28] }),
    new layers.Dense(300, { activation: "relu" }),
    new layers.Dense(100, { activation: "relu" }),
    new layers.Dense(10, { activation: "softmax" }),
  ]);
}

/** 2. Functional. */
export function seedFunctional(): keras.Model {
  const inputs = keras.Input({ shape: [28, 28] });
  let x = new layers.Flatten().apply(inputs);
  x = new layers.Dense(300, { activation: "relu" }).apply(x);
  x = new layers.Dense(100, { activation: "relu" }).apply(x);
  const outputs = new layers.Dense(10, { activation: "softmax" }).apply(x);
  return new keras.Model({ inputs, outputs });
}

/** 3. Subclassing. */
export class MyModel extends keras.Model {
  flatten = new layers.Flatten();
  dense1 = new layers.Dense(300, { activation: "relu" });
  dense2 = new layers.Dense(100, { activation: "relu" });
  dense3 = new layers.Dense(10, { activation: "softmax" });
  call(inputs: keras.Tensor) {
    return this.dense3.apply(this.dense2.apply(this.dense1.apply(this.flatten.apply(inputs))));
  }
}
