/** `TerminateOnNaN`: stops training when the loss becomes NaN or infinite. */
import { KerasError } from "../core/errors.js";
import { Callback, type Logs } from "./callback.js";
import { defaultWriter, printMsg, type Writer } from "./io.js";

/** Options of {@link TerminateOnNaN}. */
export interface TerminateOnNaNOptions {
  /** Throw at once instead of stopping gracefully (skips the other callbacks' `onTrainEnd`). Default false. */
  raiseError?: boolean;
  /** Where the message goes (default: standard output). */
  write?: Writer;
}

/**
 * After each training batch, checks the `loss` in the logs; on NaN or ±Infinity prints
 * `Batch {batch}: Invalid loss, terminating training` and sets `model.stopTraining` (or throws,
 * with `raiseError: true`).
 *
 * @example
 * ```ts
 * await model.fit(x, y, { epochs: 10, callbacks: [new keras.callbacks.TerminateOnNaN()] });
 * ```
 */
export class TerminateOnNaN extends Callback {
  readonly raiseError: boolean;
  private readonly write: Writer;

  constructor(options: TerminateOnNaNOptions = {}) {
    super();
    this.raiseError = options.raiseError ?? false;
    this.write = options.write ?? defaultWriter;
  }

  override onBatchEnd(batch: number, logs: Logs = {}): void {
    const loss = logs.loss;
    if (loss === undefined || loss === null || Number.isFinite(loss)) return;
    if (this.raiseError) {
      throw new KerasError(
        `NaN or Inf loss encountered at batch ${batch}. Loss value: ${loss}. Terminating training immediately.`,
      );
    }
    printMsg(`Batch ${batch}: Invalid loss, terminating training`, this.write);
    this.model.stopTraining = true;
  }
}
