/**
 * `Callback`: the base class of objects whose hooks `fit`, `evaluate` and `predict` call at the
 * start and end of training, of each epoch and of each batch (Keras's `keras.callbacks.Callback`).
 */

/** Logs passed to hooks: metric name → value (`loss`, `accuracy`, `val_loss`, …). */
export type Logs = Record<string, number>;

/** What a hook returns: nothing, or a promise that the trainer awaits before going on. */
export type HookResult = void | Promise<void>;

/** Parameters of the loop, set by the trainer: `{ epochs, steps, verbose }`. */
export interface CallbackParams {
  epochs?: number;
  /** Steps per epoch (or per evaluation/prediction); null when unknown. */
  steps?: number | null;
  /** 0, 1, 2 or "auto" (= 1). */
  verbose?: number | "auto";
  [key: string]: unknown;
}

/**
 * Base class of callbacks. Override the hooks you need; each may return a promise.
 * `model` and `params` are set by the trainer (through `CallbackList`) before training starts.
 *
 * @example
 * ```ts
 * class PrintLoss extends keras.callbacks.Callback {
 *   override onEpochEnd(epoch: number, logs: keras.callbacks.Logs = {}) {
 *     console.log(`epoch ${epoch}: loss ${logs.loss}`);
 *   }
 * }
 * await model.fit(x, y, { epochs: 3, callbacks: [new PrintLoss()] });
 * ```
 */
export abstract class Callback {
  /** The model being trained, evaluated or used for prediction. */
  model: any = null;
  /** Loop parameters: `epochs`, `steps`, `verbose`. */
  params: CallbackParams = {};

  /** Sets the loop parameters (called by the trainer). */
  setParams(params: CallbackParams): void {
    this.params = params;
  }

  /** Sets the model (called by the trainer). */
  setModel(model: any): void {
    this.model = model;
  }

  /** Called once at the start of `fit`. */
  onTrainBegin(_logs?: Logs): HookResult {}
  /** Called once at the end of `fit`, with the last epoch's logs. */
  onTrainEnd(_logs?: Logs): HookResult {}
  /** Called at the start of each epoch (0-based `epoch`). */
  onEpochBegin(_epoch: number, _logs?: Logs): HookResult {}
  /** Called at the end of each epoch with its training and validation metrics. */
  onEpochEnd(_epoch: number, _logs?: Logs): HookResult {}
  /** Called before each training batch. By default it calls the legacy `onBatchBegin`. */
  onTrainBatchBegin(batch: number, logs?: Logs): HookResult {
    return this.onBatchBegin(batch, logs);
  }
  /** Called after each training batch with the running metrics. By default it calls `onBatchEnd`. */
  onTrainBatchEnd(batch: number, logs?: Logs): HookResult {
    return this.onBatchEnd(batch, logs);
  }
  /** Legacy alias of `onTrainBatchBegin` (Keras's `on_batch_begin`). */
  onBatchBegin(_batch: number, _logs?: Logs): HookResult {}
  /** Legacy alias of `onTrainBatchEnd` (Keras's `on_batch_end`). */
  onBatchEnd(_batch: number, _logs?: Logs): HookResult {}
  /** Called at the start of `evaluate` (and of validation inside `fit`). */
  onTestBegin(_logs?: Logs): HookResult {}
  /** Called at the end of `evaluate` with its metrics. */
  onTestEnd(_logs?: Logs): HookResult {}
  /** Called before each evaluation batch. */
  onTestBatchBegin(_batch: number, _logs?: Logs): HookResult {}
  /** Called after each evaluation batch with the running metrics. */
  onTestBatchEnd(_batch: number, _logs?: Logs): HookResult {}
  /** Called at the start of `predict`. */
  onPredictBegin(_logs?: Logs): HookResult {}
  /** Called at the end of `predict`. */
  onPredictEnd(_logs?: Logs): HookResult {}
  /** Called before each prediction batch. */
  onPredictBatchBegin(_batch: number, _logs?: Logs): HookResult {}
  /** Called after each prediction batch. */
  onPredictBatchEnd(_batch: number, _logs?: Logs): HookResult {}
}
