/**
 * MNIST: 60,000 training and 10,000 test 28x28 grayscale images of handwritten digits (Keras's
 * `keras.datasets.mnist`), read from Keras's `mnist.npz`. Yann LeCun and Corinna Cortes hold the
 * copyright; available under CC BY-SA 3.0.
 */
import type { Tensor } from "../core/tensor.js";
import { DatasetFormatError } from "./errors.js";
import { resolveDatasetFiles, type DatasetSpec, type LoadDataOptions } from "./files.js";
import { parseNpz } from "./npz.js";

/** Keras's file, URL and SHA-256. */
export const MNIST: DatasetSpec = {
  name: "mnist",
  files: [
    {
      name: "mnist.npz",
      url: "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz",
      sha256: "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1",
    },
  ],
  systemDirs: [],
};

/**
 * Loads MNIST as `[[xTrain, yTrain], [xTest, yTest]]`: `uint8` images of shape `[60000, 28, 28]` /
 * `[10000, 28, 28]` and `uint8` digit labels (0–9) of shape `[60000]` / `[10000]`. The file
 * `mnist.npz` comes from the cache (`~/.keras-ts/datasets/mnist/`, or `$KERAS_TS_HOME/...`), else
 * from Keras's URL (SHA-256-checked). Node only.
 *
 * @throws DatasetUnavailableError when no copy is found and downloading is impossible.
 * @throws DatasetFormatError when the archive is truncated, corrupt or lacks an array.
 * @example
 * ```ts
 * const [[xTrain, yTrain], [xTest, yTest]] = await keras.datasets.mnist.loadData();
 * xTest.shape; // [10000, 28, 28]
 * ```
 */
export async function loadData(options: LoadDataOptions = {}): Promise<[[Tensor, Tensor], [Tensor, Tensor]]> {
  const [file] = await resolveDatasetFiles(MNIST, options);
  const fs = await import("node:fs/promises");
  const arrays = await parseNpz(new Uint8Array(await fs.readFile(file!)), file!);
  const get = (key: string, rank: number): Tensor => {
    const t = arrays.get(key);
    if (t === undefined)
      throw new DatasetFormatError(
        file!,
        `array "${key}" is missing (found: ${[...arrays.keys()].join(", ")})`,
      );
    if (t.rank !== rank || (rank === 3 && (t.shape[1] !== 28 || t.shape[2] !== 28)))
      throw new DatasetFormatError(
        file!,
        `array "${key}" has shape (${t.shape.join(", ")}), expected ${rank === 3 ? "(n, 28, 28)" : "(n,)"}`,
      );
    return t;
  };
  const split = (x: string, y: string): [Tensor, Tensor] => {
    const images = get(x, 3);
    const labels = get(y, 1);
    if (images.shape[0] !== labels.shape[0])
      throw new DatasetFormatError(
        file!,
        `"${x}" has ${images.shape[0]} images but "${y}" has ${labels.shape[0]} labels`,
      );
    return [images, labels];
  };
  return [split("x_train", "y_train"), split("x_test", "y_test")];
}
