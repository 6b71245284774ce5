/**
 * Reading NumPy `.npz` archives (zip files of `.npy` arrays, stored or deflated), as Keras's
 * `mnist.npz`. Only `uint8` arrays in C order are supported, which is what the datasets use.
 */
import { Tensor } from "../core/tensor.js";
import { DatasetFormatError } from "./errors.js";

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const U32_MAX = 0xffffffff;

interface ZipEntry {
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function findEndOfCentralDirectory(view: DataView, file: string): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the end of the file.
  const last = view.byteLength - 22;
  for (let i = last; i >= Math.max(0, last - 65535); i--)
    if (view.getUint32(i, true) === EOCD_SIGNATURE) return i;
  throw new DatasetFormatError(file, "no zip end-of-central-directory record (truncated or not a zip file)");
}

/** Reads a zip64 extra field for the fields that the 32-bit header marks as 0xFFFFFFFF. */
function applyZip64(view: DataView, start: number, length: number, entry: ZipEntry): void {
  let p = start;
  while (p + 4 <= start + length) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === 0x0001) {
      let q = p + 4;
      const next = (): number => {
        const v = Number(view.getBigUint64(q, true));
        q += 8;
        return v;
      };
      if (entry.size === U32_MAX) entry.size = next();
      if (entry.compressedSize === U32_MAX) entry.compressedSize = next();
      if (entry.localOffset === U32_MAX) entry.localOffset = next();
      return;
    }
    p += 4 + size;
  }
}

function readCentralDirectory(view: DataView, file: string): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(view, file);
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > view.byteLength || view.getUint32(p, true) !== CENTRAL_SIGNATURE)
      throw new DatasetFormatError(file, `zip central directory entry ${i} is missing or corrupt`);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const entry: ZipEntry = {
      name: decoder.decode(new Uint8Array(view.buffer, view.byteOffset + p + 46, nameLength)),
      method: view.getUint16(p + 10, true),
      crc32: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
    };
    applyZip64(view, p + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function extract(
  bytes: Uint8Array,
  view: DataView,
  entry: ZipEntry,
  file: string,
): Promise<Uint8Array> {
  const where = `${file}:${entry.name}`;
  const p = entry.localOffset;
  if (p + 30 > view.byteLength || view.getUint32(p, true) !== LOCAL_SIGNATURE)
    throw new DatasetFormatError(where, "zip local header is missing or corrupt");
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  if (start + entry.compressedSize > bytes.length)
    throw new DatasetFormatError(
      where,
      `truncated: entry needs ${entry.compressedSize} bytes, ${Math.max(0, bytes.length - start)} remain`,
    );
  const raw = bytes.subarray(start, start + entry.compressedSize);
  const zlib = await import("node:zlib");
  let data: Uint8Array;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) {
    try {
      data = new Uint8Array(zlib.inflateRawSync(raw));
    } catch (e) {
      throw new DatasetFormatError(where, `deflate data is corrupt (${(e as Error).message})`);
    }
  } else throw new DatasetFormatError(where, `zip compression method ${entry.method} is not supported`);
  if (data.length !== entry.size)
    throw new DatasetFormatError(
      where,
      `entry is ${data.length} bytes, the zip directory says ${entry.size}`,
    );
  if (typeof zlib.crc32 === "function" && zlib.crc32(data) >>> 0 !== entry.crc32)
    throw new DatasetFormatError(where, "CRC-32 mismatch: the entry is corrupt");
  return data;
}

/**
 * Parses one `.npy` array of `uint8` values in C order into a tensor.
 *
 * @throws DatasetFormatError when the magic string, header, dtype or size is wrong.
 * @example
 * ```ts
 * const t = keras.datasets.parseNpy(bytes, "x_train.npy"); // e.g. uint8 [60000, 28, 28]
 * ```
 */
export function parseNpy(bytes: Uint8Array, file: string): Tensor {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b))
    throw new DatasetFormatError(file, "bad magic string, expected \\x93NUMPY (.npy format)");
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (major < 1 || major > 3) throw new DatasetFormatError(file, `.npy version ${major} is not supported`);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = 8 + lengthBytes + headerLength;
  if (dataStart > bytes.length) throw new DatasetFormatError(file, "truncated .npy header");
  const header = new TextDecoder().decode(bytes.subarray(8 + lengthBytes, dataStart));
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    throw new DatasetFormatError(file, `unreadable .npy header ${JSON.stringify(header.trim())}`);
  if (descr !== "|u1" && descr !== "<u1" && descr !== ">u1")
    throw new DatasetFormatError(file, `array dtype '${descr}' is not supported, expected uint8 ('|u1')`);
  if (fortran === "True") throw new DatasetFormatError(file, "Fortran-ordered arrays are not supported");
  const shape = shapeText
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0))
    throw new DatasetFormatError(file, `bad shape (${shapeText}) in .npy header`);
  const size = shape.reduce((a, b) => a * b, 1);
  const available = bytes.length - dataStart;
  if (available !== size)
    throw new DatasetFormatError(
      file,
      `shape (${shape.join(", ")}) needs ${size} bytes of values, the file has ${available}`,
    );
  return new Tensor(bytes.subarray(dataStart), shape, "uint8");
}

/**
 * Reads every array of an `.npz` archive's bytes, keyed by name without `.npy` (Node only: the
 * `node:zlib` module is loaded on demand for deflated entries).
 *
 * @throws DatasetFormatError naming `file` (and the entry) when the archive is truncated or corrupt.
 * @example
 * ```ts
 * const arrays = await keras.datasets.parseNpz(bytes, "mnist.npz");
 * arrays.get("x_train")?.shape; // [60000, 28, 28]
 * ```
 */
export async function parseNpz(bytes: Uint8Array, file: string): Promise<Map<string, Tensor>> {
  if (bytes.length < 22)
    throw new DatasetFormatError(file, `file is ${bytes.length} bytes, too short for a zip`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const arrays = new Map<string, Tensor>();
  for (const entry of readCentralDirectory(view, file)) {
    const data = await extract(bytes, view, entry, file);
    arrays.set(entry.name.replace(/\.npy$/, ""), parseNpy(data, `${file}:${entry.name}`));
  }
  return arrays;
}
