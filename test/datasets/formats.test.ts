import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as keras from "../../src/index.js";
import { assertThrowsWith } from "../helpers/gradcheck.js";
import { gzip, idxBytes, npyBytes, zipBytes } from "./fixtures.js";

const { datasets } = keras;
const { DatasetFormatError } = datasets;

async function rejectsWith(promise: Promise<unknown>, ...fragments: string[]): Promise<Error> {
  let caught: unknown;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof DatasetFormatError, `expected DatasetFormatError, got ${String(caught)}`);
  for (const f of fragments) assert.ok(caught.message.includes(f), `"${caught.message}" lacks "${f}"`);
  return caught;
}

test("parseIdx reads uint8 IDX files of rank 1 and 3", () => {
  const labels = datasets.parseIdx(idxBytes([4], [3, 1, 4, 1]), "labels");
  assert.deepEqual(labels.shape, [4]);
  assert.equal(labels.dtype, "uint8");
  assert.deepEqual(labels.arraySync(), [3, 1, 4, 1]);
  const images = datasets.parseIdx(idxBytes([2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]), "x");
  assert.deepEqual(images.shape, [2, 2, 3]);
  assert.deepEqual(images.arraySync(), [
    [
      [0, 1, 2],
      [3, 4, 5],
    ],
    [
      [6, 7, 8],
      [9, 10, 255],
    ],
  ]);
});

test("parseIdx rejects bad magic numbers, unsupported types, truncation and trailing bytes", () => {
  const good = idxBytes([3], [1, 2, 3]);
  const badMagic = good.slice();
  badMagic[0] = 0x12;
  const err = assertThrowsWith(
    () => datasets.parseIdx(badMagic, "a.idx"),
    DatasetFormatError,
    "a.idx",
    "magic",
  );
  assert.equal((err as InstanceType<typeof DatasetFormatError>).file, "a.idx");
  const int32 = good.slice();
  int32[2] = 0x0c;
  assertThrowsWith(() => datasets.parseIdx(int32, "b"), DatasetFormatError, "int32", "not supported");
  assertThrowsWith(() => datasets.parseIdx(good.subarray(0, 6), "c"), DatasetFormatError, "truncated header");
  assertThrowsWith(
    () => datasets.parseIdx(good.subarray(0, good.length - 1), "d"),
    DatasetFormatError,
    "truncated data",
    "needs 3 bytes",
    "has 2",
  );
  const long = new Uint8Array([...good, 0]);
  assertThrowsWith(() => datasets.parseIdx(long, "e"), DatasetFormatError, "trailing");
  assertThrowsWith(() => datasets.parseIdx(new Uint8Array(2), "f"), DatasetFormatError, "too short");
  assertThrowsWith(() => datasets.parseIdx(gzip(good), "g.gz"), DatasetFormatError, "gzip");
});

test("readIdxFile reads gzip and plain files and names the file in errors", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "keras-ts-idx-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const plain = idxBytes(
    [2, 28, 28],
    Array.from({ length: 2 * 784 }, (_, i) => i % 256),
  );
  await writeFile(join(dir, "x.idx"), plain);
  await writeFile(join(dir, "x.idx.gz"), gzip(plain));
  const a = await datasets.readIdxFile(join(dir, "x.idx"));
  const b = await datasets.readIdxFile(join(dir, "x.idx.gz"));
  assert.deepEqual(a.shape, [2, 28, 28]);
  assert.deepEqual(Array.from(b.values), Array.from(a.values));
  const gz = gzip(plain);
  await writeFile(join(dir, "cut.gz"), gz.subarray(0, gz.length >> 1));
  await rejectsWith(datasets.readIdxFile(join(dir, "cut.gz")), join(dir, "cut.gz"), "gzip");
  await writeFile(join(dir, "short.gz"), gzip(plain.subarray(0, 100)));
  await rejectsWith(datasets.readIdxFile(join(dir, "short.gz")), join(dir, "short.gz"), "truncated data");
});

test("parseNpy reads uint8 arrays and rejects other dtypes and bad sizes", () => {
  const t1 = datasets.parseNpy(npyBytes([2, 3], [1, 2, 3, 4, 5, 6]), "a.npy");
  assert.deepEqual(t1.shape, [2, 3]);
  assert.equal(t1.dtype, "uint8");
  assert.deepEqual(t1.arraySync(), [
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assert.deepEqual(datasets.parseNpy(npyBytes([3], [7, 8, 9]), "b.npy").shape, [3]);
  assertThrowsWith(() => datasets.parseNpy(npyBytes([1], [0], "<f4"), "c.npy"), DatasetFormatError, "'<f4'");
  const bytes = npyBytes([2, 3], [1, 2, 3, 4, 5, 6]);
  assertThrowsWith(
    () => datasets.parseNpy(bytes.subarray(0, bytes.length - 2), "d.npy"),
    DatasetFormatError,
    "needs 6",
  );
  assertThrowsWith(() => datasets.parseNpy(idxBytes([1], [1]), "e.npy"), DatasetFormatError, "NUMPY");
});

test("parseNpz reads stored and deflated archives and detects corruption", async () => {
  const entries = {
    "x.npy": npyBytes([2, 2], [1, 2, 3, 4]),
    "y.npy": npyBytes([2], [5, 6]),
  };
  for (const deflate of [false, true]) {
    const arrays = await datasets.parseNpz(zipBytes(entries, deflate), "a.npz");
    assert.deepEqual([...arrays.keys()], ["x", "y"]);
    assert.deepEqual(arrays.get("x")!.arraySync(), [
      [1, 2],
      [3, 4],
    ]);
    assert.deepEqual(arrays.get("y")!.arraySync(), [5, 6]);
  }
  const zip = zipBytes(entries, false);
  await rejectsWith(datasets.parseNpz(zip.subarray(0, zip.length - 30), "cut.npz"), "cut.npz");
  const flipped = zip.slice();
  flipped[30 + "x.npy".length + 130] ^= 0xff; // a value byte of x.npy
  await rejectsWith(datasets.parseNpz(flipped, "crc.npz"), "crc.npz:x.npy", "CRC-32");
  await rejectsWith(datasets.parseNpz(idxBytes([30], new Array(30).fill(0)), "not.npz"), "not.npz", "zip");
});
