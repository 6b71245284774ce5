/** `History`: records the logs of every epoch; `fit` returns it (Keras's `keras.callbacks.History`). */
import { Callback, type Logs } from "./callback.js";

/**
 * Records each epoch's logs into `history` (metric name → one value per epoch) and the epoch
 * indices into `epoch`. `CallbackList` adds one to every `fit`, and sets `model.history` to it.
 *
 * @example
 * ```ts
 * const history = await model.fit(x, y, { epochs: 3 });
 * history.history.loss;  // [0.9, 0.6, 0.4]
 * history.epoch;         // [0, 1, 2]
 * ```
 */
export class History extends Callback {
  /** Metric name → its value at the end of each epoch. */
  history: Record<string, number[]> = {};
  /** Indices of the epochs recorded in the last `fit`. */
  epoch: number[] = [];

  override onTrainBegin(): void {
    this.epoch = [];
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
    // As Keras: the model's `history` is the latest state.
    if (this.model) this.model.history = this;
  }
}
