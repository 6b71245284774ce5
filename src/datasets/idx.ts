/**
 * The IDX format of MNIST and Fashion-MNIST (optionally gzip-compressed): a 4-byte magic number
 * `00 00 <type> <rank>`, `rank` big-endian uint32 dimensions, then the values in row-major order.
 */
import { Tensor } from "../core/tensor.js";
import { DatasetFormatError } from "./errors.js";

/** IDX type code of unsigned bytes, the only type MNIST-style files use. */
const IDX_UINT8 = 0x08;
const TYPE_NAMES: Record<number, string> = {
  0x08: "uint8",
  0x09: "int8",
  0x0b: "int16",
  0x0c: "int32",
  0x0d: "float32",
  0x0e: "float64",
};

/** True when `bytes` starts with the gzip magic number `1f 8b`. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Parses an uncompressed IDX file of unsigned bytes into a `uint8` tensor. The values are a view
 * of `bytes` (no copy). `file` names the file in errors.
 *
 * @throws DatasetFormatError when the magic number, rank, type or size is wrong.
 * @example
 * ```ts
 * const bytes = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9]);
 * const t = keras.datasets.parseIdx(bytes, "labels.idx1");
 * t.shape; // [3]
 * t.dtype; // "uint8"
 * ```
 */
export function parseIdx(bytes: Uint8Array, file: string): Tensor {
  if (bytes.length < 4)
    throw new DatasetFormatError(file, `file is ${bytes.length} bytes, too short for an IDX header`);
  if (isGzip(bytes))
    throw new DatasetFormatError(file, "file is gzip-compressed; decompress it first (readIdxFile does)");
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new DatasetFormatError(file, `bad magic number ${magic}, expected 00 00 08 <rank>`);
  }
  const type = bytes[2]!;
  const rank = bytes[3]!;
  if (type !== IDX_UINT8) {
    const name = TYPE_NAMES[type] ?? `unknown (0x${type.toString(16)})`;
    throw new DatasetFormatError(file, `IDX value type ${name} is not supported, expected uint8 (0x08)`);
  }
  if (rank === 0) throw new DatasetFormatError(file, "IDX rank is 0, expected at least 1 dimension");
  const headerSize = 4 + 4 * rank;
  if (bytes.length < headerSize)
    throw new DatasetFormatError(
      file,
      `truncated header: rank ${rank} needs ${headerSize} bytes, file has ${bytes.length}`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  let size = 1;
  for (let i = 0; i < rank; i++) {
    const dim = view.getUint32(4 + 4 * i, false);
    shape.push(dim);
    size *= dim;
  }
  const available = bytes.length - headerSize;
  if (available < size)
    throw new DatasetFormatError(
      file,
      `truncated data: shape (${shape.join(", ")}) needs ${size} bytes of values, file has ${available}`,
    );
  if (available > size)
    throw new DatasetFormatError(
      file,
      `${available - size} unexpected trailing bytes after ${size} values of shape (${shape.join(", ")})`,
    );
  return new Tensor(bytes.subarray(headerSize), shape, "uint8");
}

/**
 * Decompresses `bytes` if they are gzip data (Node only: uses `node:zlib`, loaded on demand).
 *
 * @throws DatasetFormatError when the gzip stream is truncated or corrupt.
 * @example
 * ```ts
 * const raw = await keras.datasets.gunzipIfNeeded(gzBytes, "train-labels-idx1-ubyte.gz");
 * ```
 */
export async function gunzipIfNeeded(bytes: Uint8Array, file: string): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  const zlib = await import("node:zlib");
  try {
    return new Uint8Array(zlib.gunzipSync(bytes));
  } catch (e) {
    throw new DatasetFormatError(file, `gzip data is truncated or corrupt (${(e as Error).message})`);
  }
}

/**
 * Reads an IDX file (`.gz` or not) from disk into a `uint8` tensor (Node only).
 *
 * @throws DatasetFormatError naming `path` when the file is truncated or corrupt.
 * @example
 * ```ts
 * const y = await keras.datasets.readIdxFile("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz");
 * y.shape; // [10000]
 * ```
 */
export async function readIdxFile(path: string): Promise<Tensor> {
  const fs = await import("node:fs/promises");
  const bytes = new Uint8Array(await fs.readFile(path));
  return parseIdx(await gunzipIfNeeded(bytes, path), path);
}
