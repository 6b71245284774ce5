/**
 * `trainOnBatch` / `testOnBatch` / `predictOnBatch` (Keras 3): one step on one batch given as arrays.
 * Metrics are not reset between calls, as in Keras.
 */
import type { Logs } from "../callbacks/callback.js";
import type { Model } from "../engine/model.js";
import { flattenMetricsInOrder, metricsResultOrLogs } from "./evaluate.js";
import { prepareData, type ClassWeight } from "./make-data.js";
import { requireCompiled } from "./trainer-state.js";

/** Options of `trainOnBatch` / `testOnBatch`. */
export interface OnBatchOptions {
  /** Per-sample weights. */
  sampleWeight?: unknown;
  /** Class index → weight (trainOnBatch only). */
  classWeight?: ClassWeight;
  /** Return a record instead of `[loss, ...metrics]`. Default false. */
  returnDict?: boolean;
}

function wholeBatch(
  model: Model,
  x: unknown,
  y: unknown,
  sw: unknown,
  cw: ClassWeight | undefined,
  method: string,
) {
  const prepared = prepareData(model, x, y, sw, cw, method);
  if (prepared.kind !== "arrays") return prepared.dataset;
  return prepared.data.batch(0, prepared.data.size, null);
}

/**
 * Runs one `trainStep` on the batch `(x, y)`.
 *
 * @example
 * ```ts
 * const [loss, acc] = (await trainOnBatch(model, xb, yb)) as number[];
 * ```
 */
export async function trainOnBatch(
  model: Model,
  x: unknown,
  y?: unknown,
  options: OnBatchOptions = {},
): Promise<number | number[] | Logs> {
  const state = requireCompiled(model, "trainOnBatch");
  const logs = metricsResultOrLogs(
    state,
    model.trainStep(wholeBatch(model, x, y, options.sampleWeight, options.classWeight, "trainOnBatch")),
  );
  return options.returnDict ? logs : flattenMetricsInOrder(state, logs);
}

/**
 * Runs one `testStep` on the batch `(x, y)`.
 *
 * @example
 * ```ts
 * const [loss, acc] = (await testOnBatch(model, xb, yb)) as number[];
 * ```
 */
export async function testOnBatch(
  model: Model,
  x: unknown,
  y?: unknown,
  options: OnBatchOptions = {},
): Promise<number | number[] | Logs> {
  const state = requireCompiled(model, "testOnBatch");
  const logs = metricsResultOrLogs(
    state,
    model.testStep(wholeBatch(model, x, y, options.sampleWeight, undefined, "testOnBatch")),
  );
  return options.returnDict ? logs : flattenMetricsInOrder(state, logs);
}

/**
 * Runs one `predictStep` on the batch `x`.
 *
 * @example
 * ```ts
 * const probs = await predictOnBatch(model, xb);
 * ```
 */
export async function predictOnBatch(model: Model, x: unknown): Promise<unknown> {
  const batch = wholeBatch(model, x, undefined, undefined, undefined, "predictOnBatch");
  return model.predictStep(Array.isArray(batch) ? batch[0] : batch);
}
