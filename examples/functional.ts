/**
 * The seed's Fashion-MNIST MLP with the Functional API. Run: npx tsx examples/functional.ts [--epochs N]
 */
import * as keras from "../src/index.js";
import { isMain, trainSeedModel } from "./train-seed.js";

const { layers } = keras;

export function buildFunctional(): keras.Model {
  const inputs = keras.Input({ shape: [28, 28] });
  let x = new layers.Flatten().apply(inputs);
  x = new layers.Dense(300, { activation: "relu" }).apply(x);
  x = new layers.Dense(100, { activation: "relu" }).apply(x);
  const outputs = new layers.Dense(10, { activation: "softmax" }).apply(x);
  return new keras.Model({ inputs, outputs });
}

if (isMain(import.meta.url)) await trainSeedModel(buildFunctional);
