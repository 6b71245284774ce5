/**
 * `keras.callbacks`: hooks into `fit`, `evaluate` and `predict`, and Keras's progress bar.
 *
 * @example
 * ```ts
 * await model.fit(x, y, {
 *   epochs: 20,
 *   validationSplit: 0.1,
 *   callbacks: [new keras.callbacks.EarlyStopping({ patience: 3, restoreBestWeights: true })],
 * });
 * ```
 */
export { Callback, type Logs, type HookResult, type CallbackParams } from "./callback.js";
export { CallbackList, type CallbackListOptions } from "./callback-list.js";
export { History } from "./history.js";
export { ProgbarLogger, type ProgbarLoggerOptions } from "./progbar-logger.js";
export { Progbar, type ProgbarOptions, type ProgbarValues } from "./progbar.js";
export { EarlyStopping, type EarlyStoppingOptions } from "./early-stopping.js";
export { ModelCheckpoint, type ModelCheckpointOptions } from "./model-checkpoint.js";
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from "./reduce-lr-on-plateau.js";
export {
  LearningRateScheduler,
  type LearningRateSchedule,
  type LearningRateSchedulerOptions,
} from "./learning-rate-scheduler.js";
export { CSVLogger, type CSVLoggerOptions } from "./csv-logger.js";
export { TerminateOnNaN, type TerminateOnNaNOptions } from "./terminate-on-nan.js";
export { LambdaCallback, type LambdaHooks, type HookName } from "./lambda-callback.js";
export { type Writer, type Clock } from "./io.js";
export type { MonitorMode } from "./monitor.js";
