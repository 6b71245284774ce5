/** `ProgbarLogger`: prints Keras's progress bar during `fit`, `evaluate` and `predict`. */
import { Callback, type CallbackParams, type Logs } from "./callback.js";
import { defaultWriter, printMsg, type Clock, type Writer } from "./io.js";
import { Progbar } from "./progbar.js";

/** Options of {@link ProgbarLogger}: where to write and which clock to read (for tests). */
export interface ProgbarLoggerOptions {
  /** Where the bytes go. Default: `process.stdout.write`, else `console.log`. */
  write?: Writer;
  /** Clock in seconds. Default: `performance.now() / 1000`. */
  now?: Clock;
  /** Redraw in place with `\b…\r` (default: on a terminal or a POSIX system, or when `write` is given). */
  dynamicDisplay?: boolean;
}

/**
 * Prints `Epoch i/N` (when N > 1) and a {@link Progbar} per epoch; during `fit` the validation run is
 * silent, and its metrics appear on the epoch's final line. `CallbackList` adds one when
 * `verbose != 0`; pass your own to redirect the output.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const logger = new keras.callbacks.ProgbarLogger({ write: (s) => lines.push(s) });
 * await model.fit(x, y, { epochs: 2, callbacks: [logger] });
 * ```
 */
export class ProgbarLogger extends Callback {
  /** Steps of the bar; null when unknown (then set from the steps seen when it ends). */
  target: number | null = null;
  verbose = 1;
  epochs = 1;
  private seen = 0;
  private progbar: Progbar | null = null;
  private calledInFit = false;
  private readonly write: Writer;
  private readonly options: ProgbarLoggerOptions;

  constructor(options: ProgbarLoggerOptions = {}) {
    super();
    this.options = options;
    this.write = options.write ?? defaultWriter;
  }

  override setParams(params: CallbackParams): void {
    super.setParams(params);
    const verbose = params.verbose ?? 1;
    this.verbose = verbose === "auto" ? 1 : verbose;
    this.epochs = params.epochs ?? 1;
    this.target = params.steps ?? null;
  }

  override onTrainBegin(): void {
    // Inside `fit`, validation is silent.
    this.calledInFit = true;
  }

  override onTrainEnd(): void {
    // Not in Keras: lets the same logger print a later `evaluate`.
    this.calledInFit = false;
  }

  override onTestBegin(): void {
    if (!this.calledInFit) {
      this.resetProgbar();
      this.maybeInitProgbar();
    }
  }

  override onPredictBegin(): void {
    this.resetProgbar();
    this.maybeInitProgbar();
  }

  override onEpochBegin(epoch: number): void {
    this.resetProgbar();
    this.maybeInitProgbar();
    if (this.verbose && this.epochs > 1) printMsg(`Epoch ${epoch + 1}/${this.epochs}`, this.write);
  }

  override onTrainBatchEnd(batch: number, logs?: Logs): void {
    this.updateProgbar(batch, logs);
  }

  override onTestBatchEnd(batch: number, logs?: Logs): void {
    if (!this.calledInFit) this.updateProgbar(batch, logs);
  }

  override onPredictBatchEnd(batch: number): void {
    // Prediction results are not displayed.
    this.updateProgbar(batch, undefined);
  }

  override onEpochEnd(_epoch: number, logs?: Logs): void {
    this.finalizeProgbar(logs);
  }

  override onTestEnd(logs?: Logs): void {
    if (!this.calledInFit) this.finalizeProgbar(logs);
  }

  override onPredictEnd(logs?: Logs): void {
    this.finalizeProgbar(logs);
  }

  private resetProgbar(): void {
    this.seen = 0;
    this.progbar = null;
  }

  private maybeInitProgbar(): Progbar {
    this.progbar ??= new Progbar(this.target, {
      verbose: this.verbose,
      unitName: "step",
      // Every value is shown as logged: the trainer's metrics are already running averages.
      statelessMetrics: [],
      write: this.options.write,
      now: this.options.now,
      dynamicDisplay: this.options.dynamicDisplay,
    });
    return this.progbar;
  }

  private updateProgbar(batch: number, logs?: Logs): void {
    const bar = this.maybeInitProgbar();
    this.seen = batch + 1; // one-indexed
    if (this.verbose === 1) bar.update(this.seen, logs ?? {}, false);
  }

  private finalizeProgbar(logs?: Logs): void {
    const bar = this.maybeInitProgbar();
    if (this.target === null) {
      this.target = this.seen;
      bar.target = this.target;
    }
    bar.update(this.target, logs ?? {}, true);
  }
}
