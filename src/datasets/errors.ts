/**
 * Typed errors of `keras.datasets`. Each names the file or dataset at fault and says how to fix it.
 */
import { KerasError } from "../core/errors.js";

/**
 * A dataset file is truncated, corrupt or not in the expected format (IDX, gzip, `.npz`, `.npy`).
 *
 * @example
 * ```ts
 * try {
 *   keras.datasets.parseIdx(bytes, "train-images-idx3-ubyte");
 * } catch (e) {
 *   if (e instanceof keras.datasets.DatasetFormatError) console.log(e.file, e.reason);
 * }
 * ```
 */
export class DatasetFormatError extends KerasError {
  override name = "DatasetFormatError";
  constructor(
    /** The file that could not be read, as given (a path or a file name). */
    readonly file: string,
    /** What is wrong with it. */
    readonly reason: string,
  ) {
    super(
      `Dataset file "${file}" is corrupt or not in the expected format: ${reason}. ` +
        `Delete or replace the file, then load the dataset again.`,
    );
  }
}

/**
 * A downloaded file's SHA-256 differs from the hash Keras publishes for it.
 *
 * @example
 * ```ts
 * // Thrown by loadData() when a download is damaged; nothing is written to the cache.
 * err instanceof keras.datasets.DatasetIntegrityError; // err.expected, err.received
 * ```
 */
export class DatasetIntegrityError extends KerasError {
  override name = "DatasetIntegrityError";
  constructor(
    readonly file: string,
    readonly url: string,
    readonly expected: string,
    readonly received: string,
  ) {
    super(
      `Downloaded file "${file}" from ${url} has SHA-256 ${received}, expected ${expected}. ` +
        `The transfer was damaged or the file was replaced; it was not saved. Try again.`,
    );
  }
}

/** Where the files of a dataset can be placed by hand, carried by {@link DatasetUnavailableError}. */
export interface DatasetSources {
  /** The dataset name, e.g. "fashion-mnist". */
  readonly dataset: string;
  /** The cache directory that is searched first (and written to after a download). */
  readonly cacheDir: string;
  /** The file names expected in that directory. */
  readonly files: readonly string[];
  /** Other directories that were searched. */
  readonly searchedDirs: readonly string[];
  /** The URLs a download would use. */
  readonly urls: readonly string[];
  /** A Debian/Ubuntu package that installs the files, if there is one. */
  readonly aptPackage?: string;
  /** Why the download did not happen or failed. */
  readonly cause: string;
}

/**
 * No local copy of a dataset was found and it could not be downloaded (offline, or
 * `KERAS_TS_OFFLINE=1`). The message lists the files, the cache directory and the apt package.
 *
 * @example
 * ```ts
 * process.env.KERAS_TS_OFFLINE = "1";
 * await keras.datasets.mnist.loadData(); // throws DatasetUnavailableError if nothing is cached
 * ```
 */
export class DatasetUnavailableError extends KerasError {
  override name = "DatasetUnavailableError";
  constructor(readonly sources: DatasetSources) {
    const apt = sources.aptPackage ? `  - install it: sudo apt-get install ${sources.aptPackage}, or\n` : "";
    super(
      `Dataset "${sources.dataset}" is not available locally and could not be downloaded ` +
        `(${sources.cause}).\nSearched: ${[sources.cacheDir, ...sources.searchedDirs].join(", ")}.\n` +
        `To fix:\n${apt}` +
        `  - place ${sources.files.map((f) => `"${f}"`).join(", ")} in ${sources.cacheDir} ` +
        `(set KERAS_TS_HOME to move the cache), from ${sources.urls.join(" ")}, or\n` +
        `  - connect to the network and unset KERAS_TS_OFFLINE.`,
    );
  }
}
