/**
 * Fashion-MNIST: 60,000 training and 10,000 test 28x28 grayscale images of 10 fashion categories
 * (Keras's `keras.datasets.fashion_mnist`). Copyright Zalando SE, MIT license.
 */
import type { Tensor } from "../core/tensor.js";
import { resolveDatasetFiles, type DatasetSpec, type LoadDataOptions } from "./files.js";
import { readMnistStyleSplit } from "./mnist-idx.js";

const BASE = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";

/** Keras's files, URLs and SHA-256 hashes; the Debian package `dataset-fashion-mnist` also has them. */
export const FASHION_MNIST: DatasetSpec = {
  name: "fashion-mnist",
  files: [
    {
      name: "train-labels-idx1-ubyte.gz",
      url: `${BASE}train-labels-idx1-ubyte.gz`,
      sha256: "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
    },
    {
      name: "train-images-idx3-ubyte.gz",
      url: `${BASE}train-images-idx3-ubyte.gz`,
      sha256: "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
    },
    {
      name: "t10k-labels-idx1-ubyte.gz",
      url: `${BASE}t10k-labels-idx1-ubyte.gz`,
      sha256: "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
    },
    {
      name: "t10k-images-idx3-ubyte.gz",
      url: `${BASE}t10k-images-idx3-ubyte.gz`,
      sha256: "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
    },
  ],
  systemDirs: ["/usr/share/datasets/fashion-mnist"],
  aptPackage: "dataset-fashion-mnist",
};

/** Class names of Fashion-MNIST, indexed by label. */
export const CLASS_NAMES: readonly string[] = [
  "T-shirt/top",
  "Trouser",
  "Pullover",
  "Dress",
  "Coat",
  "Sandal",
  "Shirt",
  "Sneaker",
  "Bag",
  "Ankle boot",
];

/**
 * Loads Fashion-MNIST as `[[xTrain, yTrain], [xTest, yTest]]`: `uint8` images of shape
 * `[60000, 28, 28]` / `[10000, 28, 28]` and `uint8` labels (0–9) of shape `[60000]` / `[10000]`.
 * Files come from the cache (`~/.keras-ts/datasets/fashion-mnist/`, or `$KERAS_TS_HOME/...`), then
 * `/usr/share/datasets/fashion-mnist/` (`apt-get install dataset-fashion-mnist`), then Keras's URLs.
 * Node only.
 *
 * @throws DatasetUnavailableError when no copy is found and downloading is impossible.
 * @throws DatasetFormatError when a file is truncated or corrupt.
 * @example
 * ```ts
 * const [[xTrain, yTrain], [xTest, yTest]] = await keras.datasets.fashionMnist.loadData();
 * xTrain.shape; // [60000, 28, 28]
 * yTest.dtype;  // "uint8"
 * ```
 */
export async function loadData(options: LoadDataOptions = {}): Promise<[[Tensor, Tensor], [Tensor, Tensor]]> {
  const [trainLabels, trainImages, testLabels, testImages] = await resolveDatasetFiles(
    FASHION_MNIST,
    options,
  );
  return [
    await readMnistStyleSplit(trainImages!, trainLabels!),
    await readMnistStyleSplit(testImages!, testLabels!),
  ];
}
