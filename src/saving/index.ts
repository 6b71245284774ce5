/**
 * `keras.saving`: Keras 3's native formats. `.keras` files (`saveModel` / `loadModel`) and
 * `.weights.h5` files (`saveWeights` / `loadWeights`), readable and writable by Keras 3 itself.
 * Node only: HDF5 (`h5wasm`) and zip (`fflate`) are imported when first used.
 *
 * @example
 * ```ts
 * await model.save("model.keras");
 * const again = await keras.saving.loadModel("model.keras");
 * await model.saveWeights("model.weights.h5");
 * await model.loadWeights("model.weights.h5");
 * ```
 */
import { ValueError } from "../core/errors.js";
import type { ModelClass } from "../engine/model.js";
import { loadWeightsFromKeras } from "./keras-file.js";
import { checkWeightsPath, writeAtomically } from "./paths.js";
import { readWeightsH5, writeWeightsH5 } from "./weights-h5.js";

export { saveModel, loadModel, KERAS_FORMAT_VERSION } from "./keras-file.js";
export { serializeModel, deserializeModel } from "./model-config.js";
export { collectSaveables, type SaveableEntry } from "./weights-h5.js";
export { toKerasJson, fromKerasJson, type Json, type JsonObject } from "./keras-json.js";

/**
 * Saves `model`'s weights to a `.weights.h5` file in Keras 3's layout, atomically.
 * @throws ValueError when `path` does not end in `.weights.h5`.
 *
 * @example
 * ```ts
 * await keras.saving.saveWeights(model, "model.weights.h5");
 * ```
 */
export async function saveWeights(model: ModelClass, path: string): Promise<void> {
  checkWeightsPath(path);
  await writeAtomically(path, (temp) => writeWeightsH5(model, temp));
}

/**
 * Loads weights from a `.weights.h5` file (or the weights of a `.keras` file) into `model`.
 * @throws ValueError for other endings, and when a layer's weight count or shape differs.
 *
 * @example
 * ```ts
 * await keras.saving.loadWeights(model, "model.weights.h5");
 * ```
 */
export async function loadWeights(model: ModelClass, path: string): Promise<void> {
  if (path.endsWith(".keras")) return loadWeightsFromKeras(model, path);
  if (path.endsWith(".weights.h5")) return readWeightsH5(model, path);
  throw new ValueError(
    `File format not supported: filepath=${path}. Keras 3 only supports V3 \`.keras\` and ` +
      "`.weights.h5` files, or legacy V1/V2 `.h5` files.",
    { filepath: path },
  );
}
