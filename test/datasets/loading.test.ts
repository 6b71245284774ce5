import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as keras from "../../src/index.js";
import { mnistStyleFiles, npyBytes, zipBytes } from "./fixtures.js";

const { datasets } = keras;
const FASHION_SYSTEM_DIR = "/usr/share/datasets/fashion-mnist";

/** Runs `fn` with environment variables set (undefined deletes), restoring them afterwards. */
async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, val] of Object.entries(v)) {
      if (val === undefined) delete process.env[k];
      else process.env[k] = val;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

/** Writes a small Fashion-MNIST-style copy (3 train, 2 test images; pixels start at `pixel`). */
async function writeFashionCopy(dir: string, pixel: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const train = mnistStyleFiles(3, pixel);
  const testSplit = mnistStyleFiles(2, pixel + 100);
  await writeFile(join(dir, "train-images-idx3-ubyte.gz"), train.images);
  await writeFile(join(dir, "train-labels-idx1-ubyte.gz"), train.labels);
  await writeFile(join(dir, "t10k-images-idx3-ubyte.gz"), testSplit.images);
  await writeFile(join(dir, "t10k-labels-idx1-ubyte.gz"), testSplit.labels);
}

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "keras-ts-datasets-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const noNetwork = (): Promise<Uint8Array> => {
  throw new Error("the tests must not download");
};

test("the cache dir is $KERAS_TS_HOME/datasets/<name>, defaulting to ~/.keras-ts", async () => {
  await withEnv({ KERAS_TS_HOME: "/some/home" }, async () => {
    assert.equal(await datasets.datasetCacheDir("mnist"), "/some/home/datasets/mnist");
  });
  await withEnv({ KERAS_TS_HOME: undefined }, async () => {
    assert.match(await datasets.datasetCacheDir("fashion-mnist"), /\.keras-ts\/datasets\/fashion-mnist$/);
  });
});

test("fashionMnist.loadData reads the cache under KERAS_TS_HOME before the system directories", async (t) => {
  const home = await tempDir(t);
  const system = join(home, "system");
  await writeFashionCopy(join(home, "datasets", "fashion-mnist"), 10);
  await writeFashionCopy(system, 50);
  await withEnv({ KERAS_TS_HOME: home }, async () => {
    const [[x, y], [xt, yt]] = await datasets.fashionMnist.loadData({
      searchDirs: [system],
      download: noNetwork,
    });
    assert.deepEqual([x.shape, y.shape, xt.shape, yt.shape], [[3, 28, 28], [3], [2, 28, 28], [2]]);
    assert.deepEqual([x.dtype, y.dtype, xt.dtype, yt.dtype], ["uint8", "uint8", "uint8", "uint8"]);
    assert.equal(x.values[0], 10, "read from the cache, not the system dir");
    assert.equal(xt.values[784], 111);
    assert.deepEqual(y.arraySync(), [0, 1, 2]);
  });
});

test("fashionMnist.loadData falls back to the system directory when the cache lacks the files", async (t) => {
  const home = await tempDir(t);
  const system = join(home, "system");
  await writeFashionCopy(system, 50);
  const [[x], [xt]] = await datasets.fashionMnist.loadData({
    cacheDir: join(home, "empty-cache"),
    searchDirs: [system],
    download: noNetwork,
  });
  assert.equal(x.values[0], 50);
  assert.equal(xt.values[0], 150);
});

test("offline with no copy: DatasetUnavailableError says how to get the files", async (t) => {
  const home = await tempDir(t);
  await withEnv({ KERAS_TS_HOME: home, KERAS_TS_OFFLINE: "1" }, async () => {
    const cacheDir = join(home, "datasets", "fashion-mnist");
    await assert.rejects(datasets.fashionMnist.loadData({ searchDirs: [] }), (e: unknown) => {
      assert.ok(e instanceof datasets.DatasetUnavailableError);
      for (const part of [
        "apt-get install dataset-fashion-mnist",
        cacheDir,
        "train-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz",
        "KERAS_TS_OFFLINE",
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/train-labels-idx1-ubyte.gz",
      ])
        assert.ok(e.message.includes(part), `message lacks "${part}":\n${e.message}`);
      assert.equal(e.sources.cacheDir, cacheDir);
      return true;
    });
    await assert.rejects(datasets.mnist.loadData(), (e: unknown) => {
      assert.ok(e instanceof datasets.DatasetUnavailableError);
      assert.ok(e.message.includes(join(home, "datasets", "mnist")) && e.message.includes('"mnist.npz"'));
      return true;
    });
  });
  await assert.rejects(
    datasets.mnist.loadData({ cacheDir: join(home, "none"), download: false }),
    /download: false/,
  );
});

test("a failed download becomes DatasetUnavailableError naming the URL", async (t) => {
  const home = await tempDir(t);
  await assert.rejects(
    datasets.mnist.loadData({
      cacheDir: home,
      download: async () => {
        throw new Error("getaddrinfo ENOTFOUND");
      },
    }),
    (e: unknown) =>
      e instanceof datasets.DatasetUnavailableError &&
      e.message.includes("mnist.npz failed: getaddrinfo ENOTFOUND"),
  );
});

test("downloads are checked against SHA-256 and written atomically to the cache", async (t) => {
  const cacheDir = await tempDir(t);
  const good = new Uint8Array([1, 2, 3]);
  const spec: keras.datasets.DatasetSpec = {
    name: "toy",
    files: [
      {
        name: "toy.bin",
        url: "https://example.invalid/toy.bin",
        sha256: createHash("sha256").update(good).digest("hex"),
      },
    ],
    systemDirs: [],
  };
  await assert.rejects(
    datasets.resolveDatasetFiles(spec, { cacheDir, download: async () => new Uint8Array([9]) }),
    (e: unknown) => e instanceof datasets.DatasetIntegrityError && e.expected === spec.files[0]!.sha256,
  );
  assert.deepEqual(await readdir(cacheDir), [], "a bad download leaves nothing behind");
  const urls: string[] = [];
  const download = async (url: string) => {
    urls.push(url);
    return good;
  };
  const [path] = await datasets.resolveDatasetFiles(spec, { cacheDir, download });
  assert.equal(path, join(cacheDir, "toy.bin"));
  assert.deepEqual(await readdir(cacheDir), ["toy.bin"], "no temporary file is left");
  await datasets.resolveDatasetFiles(spec, { cacheDir, download });
  assert.deepEqual(urls, ["https://example.invalid/toy.bin"], "the second call uses the cache");
});

test("mnist.loadData reads mnist.npz from the cache", async (t) => {
  const home = await tempDir(t);
  const cacheDir = join(home, "datasets", "mnist");
  await mkdir(cacheDir, { recursive: true });
  const arrays = {
    "x_train.npy": npyBytes([2, 28, 28], new Array(2 * 784).fill(7)),
    "y_train.npy": npyBytes([2], [5, 0]),
    "x_test.npy": npyBytes([1, 28, 28], new Array(784).fill(9)),
    "y_test.npy": npyBytes([1], [7]),
  };
  await writeFile(join(cacheDir, "mnist.npz"), zipBytes(arrays, true));
  await withEnv({ KERAS_TS_HOME: home, KERAS_TS_OFFLINE: "1" }, async () => {
    const [[x, y], [xt, yt]] = await datasets.mnist.loadData();
    assert.deepEqual([x.shape, y.shape, xt.shape, yt.shape], [[2, 28, 28], [2], [1, 28, 28], [1]]);
    assert.equal(x.dtype, "uint8");
    assert.deepEqual([y.arraySync(), yt.arraySync(), xt.values[0]], [[5, 0], [7], 9]);
  });
  const { "y_test.npy": _dropped, ...missing } = arrays;
  await writeFile(join(cacheDir, "mnist.npz"), zipBytes(missing, false));
  await assert.rejects(
    datasets.mnist.loadData({ cacheDir, download: false }),
    (e: unknown) => e instanceof datasets.DatasetFormatError && e.message.includes('"y_test" is missing'),
  );
});

test("fashionMnist.loadData rejects a labels/images count mismatch, naming the file", async (t) => {
  const dir = await tempDir(t);
  await writeFashionCopy(dir, 0);
  await writeFile(join(dir, "t10k-labels-idx1-ubyte.gz"), mnistStyleFiles(5, 0).labels);
  await assert.rejects(
    datasets.fashionMnist.loadData({ cacheDir: dir, searchDirs: [], download: false }),
    (e: unknown) =>
      e instanceof datasets.DatasetFormatError &&
      e.file.endsWith("t10k-images-idx3-ubyte.gz") &&
      e.message.includes("2 images but 5 labels"),
  );
});

test("fashionMnist.loadData reads the real Debian copy (uint8, Keras's shapes)", async (t) => {
  if (!existsSync(join(FASHION_SYSTEM_DIR, "train-images-idx3-ubyte.gz"))) {
    t.skip(`${FASHION_SYSTEM_DIR} not found; apt-get install dataset-fashion-mnist to run this test`);
    return;
  }
  const home = await tempDir(t);
  await withEnv({ KERAS_TS_HOME: home, KERAS_TS_OFFLINE: "1" }, async () => {
    const [[x, y], [xt, yt]] = await datasets.fashionMnist.loadData();
    assert.deepEqual(
      [x.shape, y.shape, xt.shape, yt.shape],
      [[60000, 28, 28], [60000], [10000, 28, 28], [10000]],
    );
    assert.deepEqual([x.dtype, y.dtype, xt.dtype, yt.dtype], ["uint8", "uint8", "uint8", "uint8"]);
    assert.deepEqual(Array.from(y.values.subarray(0, 10)), [9, 0, 0, 3, 0, 2, 7, 2, 5, 5]);
    assert.deepEqual(Array.from(yt.values.subarray(0, 10)), [9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
    const sum = (values: ArrayLike<number>, n: number) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += values[i]!;
      return s;
    };
    // Reference values computed with NumPy from the same files (Keras's loader reads them alike).
    assert.equal(sum(x.values, 784), 76247);
    assert.equal(sum(xt.values, 784), 33456);
    assert.equal(sum(x.values, x.size), 3431114169);
  });
});
