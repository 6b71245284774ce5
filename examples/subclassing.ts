/**
 * The seed's Fashion-MNIST MLP by subclassing keras.Model. Run: npx tsx examples/subclassing.ts [--epochs N]
 */
import * as keras from "../src/index.js";
import { isMain, trainSeedModel } from "./train-seed.js";

const { layers } = keras;

export class MyModel extends keras.Model {
  flatten = new layers.Flatten();
  dense1 = new layers.Dense(300, { activation: "relu" });
  dense2 = new layers.Dense(100, { activation: "relu" });
  dense3 = new layers.Dense(10, { activation: "softmax" });
  call(inputs: keras.Tensor) {
    return this.dense3.apply(this.dense2.apply(this.dense1.apply(this.flatten.apply(inputs))));
  }
}

export function buildSubclassed(): keras.Model {
  return new MyModel();
}

if (isMain(import.meta.url)) await trainSeedModel(buildSubclassed);
