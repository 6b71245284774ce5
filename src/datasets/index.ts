/**
 * `keras.datasets`: small standard datasets as tensors, like Keras's `keras.datasets`.
 * Loading reads files from disk or the network, so it works in Node only; importing does not.
 *
 * @example
 * ```ts
 * const [[xTrain, yTrain], [xTest, yTest]] = await keras.datasets.fashionMnist.loadData();
 * ```
 */
export * as fashionMnist from "./fashion-mnist.js";
export * as mnist from "./mnist.js";
export { parseIdx, readIdxFile, gunzipIfNeeded } from "./idx.js";
export { parseNpy, parseNpz } from "./npz.js";
export {
  datasetCacheDir,
  resolveDatasetFiles,
  type Downloader,
  type LoadDataOptions,
  type DatasetSpec,
  type RemoteFile,
} from "./files.js";
export {
  DatasetFormatError,
  DatasetIntegrityError,
  DatasetUnavailableError,
  type DatasetSources,
} from "./errors.js";
