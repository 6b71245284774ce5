/**
 * The seed's Fashion-MNIST MLP with the Sequential API. Run: npx tsx examples/sequential.ts [--epochs N]
 */
import * as keras from "../src/index.js";
import { isMain, trainSeedModel } from "./train-seed.js";

const { layers } = keras;

export function buildSequential(): keras.Model {
  return new keras.Sequential([
    new layers.Flatten({ inputShape: [28, 28] }),
    new layers.Dense(300, { activation: "relu" }),
    new layers.Dense(100, { activation: "relu" }),
    new layers.Dense(10, { activation: "softmax" }),
  ]);
}

if (isMain(import.meta.url)) await trainSeedModel(buildSequential);
