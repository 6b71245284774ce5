/**
 * `model.predict(x, options)` (Keras 3's `Trainer.predict`): `predictStep` over batches in order,
 * outputs concatenated along the batch axis (same structure as the model's outputs).
 */
import type { Callback } from "../callbacks/callback.js";
import { CallbackList } from "../callbacks/callback-list.js";
import { allocArray } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import { Tensor } from "../core/tensor.js";
import type { Model } from "../engine/model.js";
import { isPlainObject } from "../engine/structure.js";
import { ArrayEpochs, DatasetEpochs, type EpochSource } from "./epoch-iterator.js";
import { prepareData } from "./make-data.js";
import { unpackXYSampleWeight } from "./steps.js";

/** Options of `model.predict`. */
export interface PredictOptions {
  /** Samples per batch. Default 32. */
  batchSize?: number;
  /** 0 = silent, 1 = progress bar, "auto" = 1. Default "auto". */
  verbose?: number | "auto";
  /** Stop after this many batches. */
  steps?: number;
  /** Callbacks to call (`onPredict*` hooks). */
  callbacks?: Callback[];
}

/**
 * Concatenates tensors along the first axis with one copy.
 *
 * @example
 * ```ts
 * concatBatches([a, b]).shape[0] === a.shape[0] + b.shape[0]; // true
 * ```
 */
export function concatBatches(parts: readonly Tensor[]): Tensor {
  if (parts.length === 1) return parts[0]!;
  const first = parts[0]!;
  const total = parts.reduce((n, t) => n + t.size, 0);
  const out = allocArray(first.dtype, total);
  let offset = 0;
  for (const t of parts) {
    out.set(t.values as ArrayLike<number>, offset);
    offset += t.size;
  }
  const rows = parts.reduce((n, t) => n + (t.shape[0] ?? 0), 0);
  return new Tensor(out, [rows, ...first.shape.slice(1)], first.dtype);
}

/**
 * Generates predictions: see `Model.predict`.
 *
 * @example
 * ```ts
 * const probs = (await predict(model, xTest)) as keras.Tensor; // (10000, 10)
 * ```
 */
export async function predict(model: Model, x: unknown, options: PredictOptions = {}): Promise<unknown> {
  const prepared = prepareData(model, x, undefined, undefined, undefined, "predict");
  const source: EpochSource =
    prepared.kind === "arrays"
      ? new ArrayEpochs(prepared.data, options.batchSize ?? 32, false, options.steps)
      : new DatasetEpochs(model, prepared.dataset, options.steps);
  const verbose = options.verbose ?? "auto";
  const callbacks = new CallbackList(options.callbacks ?? [], {
    addProgbar: verbose !== 0,
    verbose,
    epochs: 1,
    steps: source.steps,
    model,
  });
  await callbacks.onPredictBegin();
  const outputs: Tensor[][] = [];
  let keys: string[] | null = null;
  let kind: "single" | "array" | "record" = "single";
  let step = 0;
  for await (const batch of source.epoch()) {
    await callbacks.onPredictBatchBegin(step);
    const [xb] = unpackXYSampleWeight(batch);
    const out = model.predictStep(xb);
    let flat: Tensor[];
    if (out instanceof Tensor) flat = [out];
    else if (Array.isArray(out)) {
      kind = "array";
      flat = out as Tensor[];
    } else if (isPlainObject(out)) {
      kind = "record";
      keys ??= Object.keys(out);
      flat = keys.map((k) => out[k] as Tensor);
    } else throw new ValueError(`predictStep returned ${String(out)}; expected tensors.`);
    flat.forEach((t, i) => (outputs[i] ??= []).push(t));
    await callbacks.onPredictBatchEnd(step, {});
    step++;
  }
  await callbacks.onPredictEnd();
  if (outputs.length === 0)
    throw new ValueError("Unexpected result of `predict`: no batches were produced. Is the data empty?");
  const merged = outputs.map(concatBatches);
  if (kind === "single") return merged[0];
  if (kind === "array") return merged;
  return Object.fromEntries(keys!.map((k, i) => [k, merged[i]]));
}
