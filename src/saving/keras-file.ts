/**
 * Keras 3's `.keras` file (keras/src/saving/saving_lib.py): a zip of `metadata.json`,
 * `config.json` and `model.weights.h5`, stored uncompressed, in that order.
 */
import { ValueError } from "../core/errors.js";
import type { ModelClass } from "../engine/model.js";
import { deserializeModel, serializeModel } from "./model-config.js";
import type { JsonObject } from "./keras-json.js";
import { tempFilePath, writeAtomically } from "./paths.js";
import { readWeightsH5, writeWeightsH5 } from "./weights-h5.js";

/** The Keras version whose file format keras-ts writes (metadata.json `keras_version`). */
export const KERAS_FORMAT_VERSION = "3.15.1";

function dateSaved(now = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, "0");
  return (
    `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}@` +
    `${p(now.getHours())}:${p(now.getMinutes())}:${p(now.getSeconds())}`
  );
}

async function weightsBytes(model: ModelClass): Promise<Uint8Array> {
  const fs = await import("node:fs/promises");
  const temp = await tempFilePath(".weights.h5");
  try {
    await writeWeightsH5(model, temp);
    return new Uint8Array(await fs.readFile(temp));
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/**
 * Saves `model` (architecture and weights) to a `.keras` file, atomically.
 * @throws ValueError when `path` does not end in `.keras`, or the model is subclassed.
 *
 * @example
 * ```ts
 * await keras.saving.saveModel(model, "model.keras");
 * ```
 */
export async function saveModel(model: ModelClass, path: string): Promise<void> {
  if (!path.endsWith(".keras")) {
    throw new ValueError(
      "Invalid filepath extension for saving. Please add either a `.keras` extension for the native " +
        "Keras format (recommended) or a `.h5` extension. Use `model.export(filepath)` if you want to " +
        `export a SavedModel for use with TFLite/TFServing/etc. Received: filepath=${path}.`,
      { filepath: path },
    );
  }
  const config = serializeModel(model);
  const weights = await weightsBytes(model);
  const { zipSync, strToU8 } = await import("fflate");
  const metadata = { keras_version: KERAS_FORMAT_VERSION, date_saved: dateSaved() };
  const zip = zipSync(
    {
      "metadata.json": strToU8(JSON.stringify(metadata)),
      "config.json": strToU8(JSON.stringify(config)),
      "model.weights.h5": weights,
    },
    { level: 0 },
  );
  const fs = await import("node:fs/promises");
  await writeAtomically(path, (temp) => fs.writeFile(temp, zip));
}

/** Reads the members of a `.keras` zip. */
async function readKerasZip(path: string): Promise<{ config: JsonObject; weights: Uint8Array | null }> {
  const fs = await import("node:fs/promises");
  const { unzipSync, strFromU8 } = await import("fflate");
  const files = unzipSync(new Uint8Array(await fs.readFile(path)));
  const config = files["config.json"];
  if (!config) throw new ValueError(`The file ${path} is not a valid .keras file: it has no config.json.`);
  if (files["model.weights.npz"] && !files["model.weights.h5"]) {
    throw new ValueError(`The file ${path} stores its weights as .npz, which keras-ts cannot read yet.`);
  }
  return { config: JSON.parse(strFromU8(config)) as JsonObject, weights: files["model.weights.h5"] ?? null };
}

/**
 * Loads the weights stored in a `.keras` file into `model` (as Keras's `load_weights("x.keras")`).
 *
 * @example
 * ```ts
 * await loadWeightsFromKeras(model, "model.keras");
 * ```
 */
export async function loadWeightsFromKeras(model: ModelClass, path: string): Promise<void> {
  const { weights } = await readKerasZip(path);
  if (weights) await loadWeightsBytes(model, weights);
}

async function loadWeightsBytes(model: ModelClass, bytes: Uint8Array): Promise<void> {
  const fs = await import("node:fs/promises");
  const temp = await tempFilePath(".weights.h5");
  try {
    await fs.writeFile(temp, bytes);
    await readWeightsH5(model, temp);
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/**
 * Loads a model saved in Keras 3's `.keras` format (by keras-ts or by Keras itself): Sequential
 * and Functional models of the layers keras-ts has. The model is not compiled.
 * @throws ValueError for other file endings.
 *
 * @example
 * ```ts
 * const model = await keras.saving.loadModel("mnist_model.keras");
 * const probs = await model.predict(x);
 * ```
 */
export async function loadModel(path: string): Promise<ModelClass> {
  if (!path.endsWith(".keras")) {
    throw new ValueError(
      `File format not supported: filepath=${path}. keras-ts supports Keras 3's native \`.keras\` files ` +
        "(use model.loadWeights for `.weights.h5` files).",
      { filepath: path },
    );
  }
  const { config, weights } = await readKerasZip(path);
  const model = deserializeModel(config);
  if (weights) await loadWeightsBytes(model, weights);
  return model;
}
