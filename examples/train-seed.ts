/**
 * The seed's training run, shared by the three examples and `npm run demo`: Fashion-MNIST scaled to
 * [0, 1], the last 5,000 training images for validation (55,000 / 5,000 as in the seed), SGD,
 * sparse categorical cross-entropy, accuracy.
 */
import { fileURLToPath } from "node:url";
import * as keras from "../src/index.js";

const { ops } = keras;

/** Whether the module at `url` is the script node was started with. */
export function isMain(url: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(url) === process.argv[1];
}

/** Reads `--name value` from the command line. */
export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

/** Loads Fashion-MNIST as float32 in [0, 1] with the seed's 55,000 / 5,000 split. */
export async function loadSeedData() {
  const [[xTrainFull, yTrainFull], [xTest, yTest]] = await keras.datasets.fashionMnist.loadData();
  const scale = (x: keras.Tensor) => ops.divide(ops.cast(x, "float32"), 255);
  const xAll = scale(xTrainFull);
  return {
    xTrain: ops.slice(xAll, [0, 0, 0], [55000, 28, 28]),
    yTrain: ops.slice(yTrainFull, [0], [55000]),
    xValid: ops.slice(xAll, [55000, 0, 0], [5000, 28, 28]),
    yValid: ops.slice(yTrainFull, [55000], [5000]),
    xTest: scale(xTest),
    yTest,
  };
}

/** Builds the model with `build` after seeding, trains it for `--epochs` (default 30), evaluates. */
export async function trainSeedModel(build: () => keras.Model, epochs = Number(flag("epochs", "30"))) {
  keras.utils.setRandomSeed(42);
  const data = await loadSeedData();
  const model = build();
  const builtBeforeFit = model.built; // subclassed models are built by the first batch
  if (builtBeforeFit) model.summary();
  model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"] });
  const started = performance.now();
  const history = await model.fit(data.xTrain, data.yTrain, {
    epochs,
    validationData: [data.xValid, data.yValid],
  });
  const seconds = (performance.now() - started) / 1000;
  if (!builtBeforeFit) model.summary();
  const [loss, accuracy] = (await model.evaluate(data.xTest, data.yTest)) as number[];
  console.log(`test loss ${loss!.toFixed(4)}, test accuracy ${accuracy!.toFixed(4)}`);
  console.log(`${(seconds / epochs).toFixed(2)} s per epoch on the "${keras.backend.getBackend()}" backend`);
  return { model, history, loss: loss!, accuracy: accuracy! };
}
