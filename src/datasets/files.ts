/**
 * Finding dataset files: the keras-ts cache, then system directories (e.g. Debian packages), then a
 * download from Keras's own URLs, checked against Keras's SHA-256 and written atomically to the cache.
 * Node only; `node:*` modules are imported on demand so that importing keras-ts in a browser works.
 */
import { DatasetIntegrityError, DatasetUnavailableError, type DatasetSources } from "./errors.js";

/** Fetches the bytes at `url`; rejects when it cannot. */
export type Downloader = (url: string) => Promise<Uint8Array>;

/**
 * Options of every `loadData()`. All are optional; the defaults follow Keras.
 *
 * @example
 * ```ts
 * // Never touch the network; read only what is cached under /data/keras-ts/datasets/mnist.
 * await keras.datasets.mnist.loadData({ cacheDir: "/data/keras-ts/datasets/mnist", download: false });
 * ```
 */
export interface LoadDataOptions {
  /** The cache directory of this dataset. Default `$KERAS_TS_HOME/datasets/<name>`, where
   * `KERAS_TS_HOME` defaults to `~/.keras-ts`. */
  cacheDir?: string;
  /** Directories searched after the cache (default: the dataset's system directories, such as
   * `/usr/share/datasets/fashion-mnist`). Pass `[]` to search only the cache. */
  searchDirs?: readonly string[];
  /** How to download a missing file, or `false` to stay offline. Default: `fetch`, unless the
   * environment variable `KERAS_TS_OFFLINE` is `1` or `true`. */
  download?: Downloader | false;
}

/** One file of a dataset, with its origin URL and Keras's published SHA-256. */
export interface RemoteFile {
  readonly name: string;
  readonly url: string;
  readonly sha256: string;
}

/** Where a dataset lives. */
export interface DatasetSpec {
  /** Name of the dataset and of its cache subdirectory, e.g. "fashion-mnist". */
  readonly name: string;
  readonly files: readonly RemoteFile[];
  /** System directories searched after the cache. */
  readonly systemDirs: readonly string[];
  /** A Debian/Ubuntu package that installs the files into one of `systemDirs`. */
  readonly aptPackage?: string;
}

function env(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env?.[name];
}

/** True when `KERAS_TS_OFFLINE` asks keras-ts never to download. */
function offlineByEnv(): boolean {
  const v = env("KERAS_TS_OFFLINE")?.toLowerCase();
  return v === "1" || v === "true" || v === "yes";
}

/**
 * The cache directory of dataset `name`: `$KERAS_TS_HOME/datasets/<name>`, with `KERAS_TS_HOME`
 * defaulting to `~/.keras-ts` (Node only).
 *
 * @example
 * ```ts
 * await keras.datasets.datasetCacheDir("fashion-mnist"); // "/home/me/.keras-ts/datasets/fashion-mnist"
 * ```
 */
export async function datasetCacheDir(name: string): Promise<string> {
  const path = await import("node:path");
  const home = env("KERAS_TS_HOME") || path.join((await import("node:os")).homedir(), ".keras-ts");
  return path.join(home, "datasets", name);
}

async function exists(file: string): Promise<boolean> {
  const fs = await import("node:fs/promises");
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The default downloader: `fetch`, following redirects, failing on HTTP errors. */
const fetchDownloader: Downloader = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
};

/** Writes `bytes` to `file` through a temporary file and a rename, so readers never see half a file. */
async function writeAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const fs = await import("node:fs/promises");
  const path = await import("node:path");
  const crypto = await import("node:crypto");
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(6).toString("hex")}.tmp`;
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Returns the local path of every file of `spec`, in order, looking in the cache directory, then
 * in the search directories, then downloading (SHA-256-checked) into the cache (Node only).
 *
 * @throws DatasetUnavailableError when a file is nowhere local and cannot be downloaded.
 * @throws DatasetIntegrityError when a download's SHA-256 differs from Keras's.
 * @example
 * ```ts
 * const [labels] = await keras.datasets.resolveDatasetFiles(spec, { download: false });
 * ```
 */
export async function resolveDatasetFiles(
  spec: DatasetSpec,
  options: LoadDataOptions = {},
): Promise<string[]> {
  const path = await import("node:path");
  const cacheDir = options.cacheDir ?? (await datasetCacheDir(spec.name));
  const searchDirs = options.searchDirs ?? spec.systemDirs;
  const download =
    options.download === false
      ? undefined
      : (options.download ?? (offlineByEnv() ? undefined : fetchDownloader));
  const sources = (cause: string): DatasetSources => ({
    dataset: spec.name,
    cacheDir,
    files: spec.files.map((f) => f.name),
    searchedDirs: searchDirs,
    urls: spec.files.map((f) => f.url),
    ...(spec.aptPackage === undefined ? {} : { aptPackage: spec.aptPackage }),
    cause,
  });

  const paths: string[] = [];
  for (const file of spec.files) {
    const candidates = [cacheDir, ...searchDirs].map((dir) => path.join(dir, file.name));
    let found: string | undefined;
    for (const candidate of candidates) {
      if (await exists(candidate)) {
        found = candidate;
        break;
      }
    }
    if (found === undefined) {
      if (download === undefined)
        throw new DatasetUnavailableError(
          sources(
            options.download === false
              ? "downloads disabled with download: false"
              : "downloads disabled with KERAS_TS_OFFLINE",
          ),
        );
      let bytes: Uint8Array;
      try {
        bytes = await download(file.url);
      } catch (e) {
        throw new DatasetUnavailableError(sources(`downloading ${file.url} failed: ${(e as Error).message}`));
      }
      const crypto = await import("node:crypto");
      const hash = crypto.createHash("sha256").update(bytes).digest("hex");
      if (hash !== file.sha256) throw new DatasetIntegrityError(file.name, file.url, file.sha256, hash);
      found = path.join(cacheDir, file.name);
      await writeAtomic(found, bytes);
    }
    paths.push(found);
  }
  return paths;
}
