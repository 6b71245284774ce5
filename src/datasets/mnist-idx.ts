/** Reading one split (images + labels) of an MNIST-style dataset stored as IDX files. */
import type { Tensor } from "../core/tensor.js";
import { DatasetFormatError } from "./errors.js";
import { readIdxFile } from "./idx.js";

/**
 * Reads an images file (`[n, 28, 28]`) and a labels file (`[n]`) and checks that they agree.
 *
 * @throws DatasetFormatError when a file has the wrong rank, image size or count.
 * @example
 * ```ts
 * const [x, y] = await readMnistStyleSplit("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
 * ```
 */
export async function readMnistStyleSplit(imagesPath: string, labelsPath: string): Promise<[Tensor, Tensor]> {
  const [images, labels] = await Promise.all([readIdxFile(imagesPath), readIdxFile(labelsPath)]);
  if (labels.rank !== 1)
    throw new DatasetFormatError(
      labelsPath,
      `labels have shape (${labels.shape.join(", ")}), expected rank 1`,
    );
  if (images.rank !== 3 || images.shape[1] !== 28 || images.shape[2] !== 28)
    throw new DatasetFormatError(
      imagesPath,
      `images have shape (${images.shape.join(", ")}), expected (n, 28, 28)`,
    );
  if (images.shape[0] !== labels.shape[0])
    throw new DatasetFormatError(
      imagesPath,
      `${images.shape[0]} images but ${labels.shape[0]} labels in "${labelsPath}"`,
    );
  return [images, labels];
}
