/** `LambdaCallback`: a callback made of plain functions. */
import { Callback } from "./callback.js";

/** Names of the hooks a {@link LambdaCallback} can take. */
export type HookName =
  | "onTrainBegin"
  | "onTrainEnd"
  | "onEpochBegin"
  | "onEpochEnd"
  | "onTrainBatchBegin"
  | "onTrainBatchEnd"
  | "onBatchBegin"
  | "onBatchEnd"
  | "onTestBegin"
  | "onTestEnd"
  | "onTestBatchBegin"
  | "onTestBatchEnd"
  | "onPredictBegin"
  | "onPredictEnd"
  | "onPredictBatchBegin"
  | "onPredictBatchEnd";

/** Functions to run at each hook; each may return a promise, which the trainer awaits. */
export type LambdaHooks = Partial<Pick<Callback, HookName>>;

const HOOK_NAMES: readonly HookName[] = [
  "onTrainBegin",
  "onTrainEnd",
  "onEpochBegin",
  "onEpochEnd",
  "onTrainBatchBegin",
  "onTrainBatchEnd",
  "onBatchBegin",
  "onBatchEnd",
  "onTestBegin",
  "onTestEnd",
  "onTestBatchBegin",
  "onTestBatchEnd",
  "onPredictBegin",
  "onPredictEnd",
  "onPredictBatchBegin",
  "onPredictBatchEnd",
];

/**
 * Builds a callback from functions: `onEpochBegin(epoch, logs)`, `onEpochEnd(epoch, logs)`,
 * `onTrainBegin(logs)`, `onTrainEnd(logs)`, `onTrainBatchBegin(batch, logs)`, … (any hook of
 * `Callback`).
 *
 * @example
 * ```ts
 * const losses: number[] = [];
 * const record = new keras.callbacks.LambdaCallback({
 *   onEpochEnd: (epoch, logs) => void losses.push(logs!.loss!),
 * });
 * await model.fit(x, y, { epochs: 3, callbacks: [record] });
 * ```
 */
export class LambdaCallback extends Callback {
  constructor(hooks: LambdaHooks = {}) {
    super();
    for (const name of HOOK_NAMES) {
      const fn = hooks[name];
      if (fn !== undefined) (this as Record<HookName, unknown>)[name] = fn;
    }
  }
}
