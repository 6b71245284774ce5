/**
 * `model.evaluate(x, y, options)` (Keras 3's `Trainer.evaluate`): metrics reset, one pass over the
 * data in order with `testStep`, results as `[loss, ...metrics]` (a single number when there is only
 * the loss) or, with `returnDict`, a record.
 */
import type { Callback, Logs } from "../callbacks/callback.js";
import { CallbackList } from "../callbacks/callback-list.js";
import type { Model } from "../engine/model.js";
import { ArrayEpochs, DatasetEpochs, stepper, type EpochSource } from "./epoch-iterator.js";
import { prepareData } from "./make-data.js";
import { requireCompiled, type TrainerState } from "./trainer-state.js";

/** Options of `model.evaluate`. */
export interface EvaluateOptions {
  /** Samples per batch. Default 32. */
  batchSize?: number;
  /** 0 = silent, 1 = progress bar, "auto" = 1. Default "auto". */
  verbose?: number | "auto";
  /** Per-sample weights for the loss and weighted metrics. */
  sampleWeight?: unknown;
  /** Stop after this many batches (datasets: the batches to draw). */
  steps?: number;
  /** Callbacks to call (`onTest*` hooks). */
  callbacks?: Callback[] | CallbackList;
  /** Return `{ loss, accuracy, ... }` instead of an array. Default false. */
  returnDict?: boolean;
}

/**
 * Keras's `_flatten_metrics_in_order`: the logs in the model's metric order (loss first), then any
 * other keys sorted; a single value is returned alone.
 *
 * @example
 * ```ts
 * flattenMetricsInOrder(state, { accuracy: 0.9, loss: 0.3 }); // [0.3, 0.9]
 * ```
 */
export function flattenMetricsInOrder(state: TrainerState, logs: Logs): number | number[] {
  const names = state.metricsNames;
  const out: number[] = [];
  for (const name of names) if (name in logs) out.push(logs[name]!);
  for (const key of Object.keys(logs).sort()) if (!names.includes(key)) out.push(logs[key]!);
  return out.length === 1 ? out[0]! : out;
}

/**
 * Keras's `_get_metrics_result_or_logs`: the compiled metrics' results when the step's logs are
 * exactly those, else the step's own logs (a custom `trainStep` returning its own keys).
 *
 * @example
 * ```ts
 * metricsResultOrLogs(state, logs);
 * ```
 */
export function metricsResultOrLogs(state: TrainerState, logs: Record<string, unknown>): Logs {
  const results = state.results();
  const same =
    Object.keys(logs).length === Object.keys(results).length && Object.keys(logs).every((k) => k in results);
  if (same) return results;
  const out: Logs = {};
  for (const [k, v] of Object.entries(logs)) out[k] = toNumber(v); // a custom step's own order, as Keras
  return out;
}

/**
 * A log value as a number (scalar tensors are read).
 *
 * @example
 * ```ts
 * toNumber(keras.tensor(0.5)); // 0.5
 * ```
 */
export function toNumber(v: unknown): number {
  if (typeof v === "number") return v;
  if (v && typeof (v as { item?: unknown }).item === "function")
    return Number((v as { item(): unknown }).item());
  return Number(v);
}

/** @internal Runs evaluation over `source` with an existing callback list (used by `fit`). */
export async function runEvaluation(
  model: Model,
  state: TrainerState,
  source: EpochSource,
  callbacks: CallbackList,
): Promise<Logs> {
  model.stopEvaluating = false;
  await callbacks.onTestBegin();
  state.resetMetrics();
  let logs: Record<string, unknown> = {};
  let step = 0;
  const batches = stepper(source);
  for (;;) {
    const next = batches.next();
    const { done, value: batch } = next instanceof Promise ? await next : next;
    if (done) break;
    const begun = callbacks.onTestBatchBegin(step);
    if (begun) await begun;
    logs = model.testStep(batch);
    const ended = callbacks.onTestBatchEnd(step, logs as Logs);
    if (ended) await ended;
    step++;
    if (model.stopEvaluating) {
      await batches.return?.();
      break;
    }
  }
  const result = metricsResultOrLogs(state, logs);
  await callbacks.onTestEnd(result);
  return result;
}

/**
 * Evaluates a compiled model: see `Model.evaluate`.
 *
 * @example
 * ```ts
 * const [loss, acc] = (await evaluate(model, xTest, yTest)) as number[];
 * ```
 */
export async function evaluate(
  model: Model,
  x: unknown,
  y?: unknown,
  options: EvaluateOptions = {},
): Promise<number | number[] | Logs> {
  const state = requireCompiled(model, "evaluate");
  const prepared = prepareData(model, x, y, options.sampleWeight, undefined, "evaluate");
  const source: EpochSource =
    prepared.kind === "arrays"
      ? new ArrayEpochs(prepared.data, options.batchSize ?? 32, false, options.steps)
      : new DatasetEpochs(model, prepared.dataset, options.steps);
  const verbose = options.verbose ?? "auto";
  const callbacks =
    options.callbacks instanceof CallbackList
      ? options.callbacks
      : new CallbackList(options.callbacks ?? [], {
          addProgbar: verbose !== 0,
          verbose,
          epochs: 1,
          steps: source.steps,
          model,
        });
  const logs = await runEvaluation(model, state, source, callbacks);
  return options.returnDict ? logs : flattenMetricsInOrder(state, logs);
}
