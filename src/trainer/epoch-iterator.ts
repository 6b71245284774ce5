/**
 * Epochs of batches (Keras's `EpochIterator`): in-memory arrays (reshuffled every epoch from the
 * seeded global generator when `shuffle`), or a dataset: an (async) iterable of `[x, y]` /
 * `[x, y, sampleWeight]` batches, or a function returning a fresh one per epoch.
 */
import { ValueError } from "../core/errors.js";
import { Tensor } from "../core/tensor.js";
import type { Model } from "../engine/model.js";
import { permutation } from "../random/shuffle.js";
import { ArrayData, type Batch } from "./data-adapter.js";
import { flattenData, packLike } from "./data-structure.js";

type AnyIterator<T> = Iterator<T> | AsyncIterator<T>;
type AnyIterable<T> = Iterable<T> | AsyncIterable<T>;

/** Batches that do not fit in memory: an (async) iterable, or a function returning one per epoch. */
export type Dataset<T = readonly unknown[]> = AnyIterable<T> | (() => AnyIterable<T> | AnyIterator<T>);

/**
 * Whether `x` is a dataset (an iterable that is not an array, a TypedArray or a tensor; or a
 * function), rather than in-memory data.
 *
 * @example
 * ```ts
 * isDataset(function* () { yield [x, y]; }); // true
 * isDataset(xTrain); // false
 * ```
 */
export function isDataset(x: unknown): x is Dataset {
  if (typeof x === "function") return true;
  if (x === null || typeof x !== "object") return false;
  if (Array.isArray(x) || ArrayBuffer.isView(x) || x instanceof Tensor) return false;
  return Symbol.asyncIterator in x || Symbol.iterator in x;
}

/** A source of epochs of batches. */
export interface EpochSource {
  /** Steps in one epoch, or null when unknown (a dataset run to exhaustion). */
  readonly steps: number | null;
  /** The batches of one epoch. */
  epoch(): AnyIterable<Batch>;
}

/** Bytes of shuffled rows gathered at once by {@link ArrayEpochs}. */
const CHUNK_BYTES = 4 << 20;

/**
 * Epochs over in-memory arrays: `steps` batches of `batchSize` (the last one smaller), in a fresh
 * random order each epoch when `shuffle` (one permutation drawn from the global seed generator).
 *
 * @example
 * ```ts
 * for (const [x, y] of new ArrayEpochs(data, 32, true).epoch()) { ... }
 * ```
 */
export class ArrayEpochs implements EpochSource {
  readonly steps: number;
  private readonly perEpoch: number;
  private cursor = 0;
  /** The last gathered chunk, whose arrays the next chunk overwrites when `reuseChunks`. */
  private spent: ArrayData | null = null;

  constructor(
    readonly data: ArrayData,
    readonly batchSize: number,
    readonly shuffle: boolean,
    stepsPerEpoch?: number | null,
    /**
     * Whether a chunk's arrays may be overwritten once its batches were handed out: true only when
     * each batch dies with the step that consumed it (`fit`'s default train step).
     */
    readonly reuseChunks = false,
  ) {
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new ValueError(`\`batchSize\` must be a positive integer. Received: batchSize=${batchSize}.`);
    this.perEpoch = data.numBatches(batchSize);
    this.steps = stepsPerEpoch ?? this.perEpoch;
  }

  *epoch(): Iterable<Batch> {
    const { data, batchSize } = this;
    let order: Int32Array | null = null;
    // Shuffled epochs gather the rows of many batches at once (at most ~4 MiB); batches are views.
    const perChunk = Math.max(1, Math.floor(CHUNK_BYTES / (batchSize * Math.max(1, data.rowBytes))));
    let chunk: ArrayData | null = null;
    let chunkFirst = 0;
    for (let step = 0; step < this.steps; step++) {
      const b = this.cursor % this.perEpoch;
      if (b === 0 || order === null) {
        order = this.shuffle ? (permutation(data.size).values as Int32Array) : null;
        chunk = null;
      }
      this.cursor++;
      const start = b * batchSize;
      const end = Math.min(start + batchSize, data.size);
      if (!order) {
        yield data.batch(start, end, null);
        continue;
      }
      if (!chunk || b < chunkFirst || b >= chunkFirst + perChunk) {
        chunkFirst = b;
        const chunkEnd = Math.min(start + perChunk * batchSize, data.size);
        chunk = data.gathered(order, start, chunkEnd, this.reuseChunks ? this.spent : null);
        if (!this.spent || chunk.size >= this.spent.size) this.spent = chunk; // keep the roomiest
      }
      const offset = (b - chunkFirst) * batchSize;
      yield chunk.batch(offset, offset + (end - start), null);
    }
    if (this.steps === this.perEpoch) this.cursor = 0;
  }
}

function toBatch(model: Model | null, item: unknown): Batch {
  if (!Array.isArray(item) || item.length < 1 || item.length > 3)
    throw new ValueError(
      `A dataset must yield \`[x, y]\` or \`[x, y, sampleWeight]\` batches; received ${
        Array.isArray(item) ? `an array of ${item.length} items` : String(item)
      }.`,
    );
  const x = flattenData(model, item[0], "x", true);
  const xs = {
    ...x,
    flat: x.flat.map((t) => (t.dtype === "float32" || t.dtype === "float64" ? t : castF32(t))),
  };
  const out: unknown[] = [packLike(xs, xs.flat)];
  for (let i = 1; i < item.length; i++) {
    const v = item[i];
    if (v === undefined || v === null) out.push(undefined);
    else {
      const data = flattenData(model, v, i === 1 ? "y" : "sampleWeight");
      out.push(packLike(data, data.flat));
    }
  }
  if (out.length === 1) out.push(undefined);
  return out as Batch;
}

function castF32(t: Tensor): Tensor {
  return new Tensor(Float32Array.from(t.values as ArrayLike<number>), t.shape, "float32");
}

function iteratorOf(source: AnyIterable<unknown> | AnyIterator<unknown>): AnyIterator<unknown> {
  if (Symbol.asyncIterator in source) return (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  if (Symbol.iterator in source) return (source as Iterable<unknown>)[Symbol.iterator]();
  if (typeof (source as AnyIterator<unknown>).next === "function") return source as AnyIterator<unknown>;
  throw new ValueError("A dataset function must return an iterable or an iterator of batches.");
}

/**
 * Epochs over a dataset. A function is called for a fresh iterator each epoch; an iterable that
 * restarts (an array of batches, a class with `[Symbol.iterator]`) restarts each epoch; a one-shot
 * iterator (a generator object) continues where it stopped, `stepsPerEpoch` batches at a time.
 *
 * @example
 * ```ts
 * await model.fit(function* () { for (const b of batches) yield b; }, undefined, { epochs: 2 });
 * ```
 */
export class DatasetEpochs implements EpochSource {
  readonly steps: number | null;
  private shared: AnyIterator<unknown> | null = null;
  /** Set when a one-shot iterator ran out. */
  exhausted = false;

  constructor(
    readonly model: Model | null,
    readonly dataset: Dataset,
    stepsPerEpoch?: number | null,
  ) {
    this.steps = stepsPerEpoch ?? null;
  }

  private fresh(): AnyIterator<unknown> {
    const ds = this.dataset;
    if (typeof ds === "function") return iteratorOf(ds());
    const it = iteratorOf(ds as AnyIterable<unknown>);
    const oneShot = (it as unknown) === (ds as unknown);
    if (!oneShot) return it;
    this.shared ??= it;
    return this.shared;
  }

  async *epoch(): AsyncIterable<Batch> {
    const it = this.fresh();
    for (let step = 0; this.steps === null || step < this.steps; step++) {
      const r = await it.next();
      if (r.done) {
        this.exhausted = true;
        return;
      }
      yield toBatch(this.model, r.value);
    }
  }
}

/**
 * Steps through one epoch of `source`, awaiting only where the source is asynchronous: in-memory
 * arrays yield batches synchronously, and `for await` would spend a microtask on each.
 *
 * @example
 * ```ts
 * for (const step = stepper(source); ; ) {
 *   const r = step.next();
 *   const { done, value } = r instanceof Promise ? await r : r;
 *   if (done) break;
 * }
 * ```
 */
export function stepper(source: EpochSource): Iterator<Batch> | AsyncIterator<Batch> {
  const batches = source.epoch();
  return Symbol.iterator in batches
    ? (batches as Iterable<Batch>)[Symbol.iterator]()
    : (batches as AsyncIterable<Batch>)[Symbol.asyncIterator]();
}
