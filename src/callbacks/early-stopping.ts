/** `EarlyStopping`: stops training when a monitored metric has stopped improving. */
import { Tensor } from "../core/tensor.js";
import { Callback, type Logs } from "./callback.js";
import { defaultWriter, printMsg, warn, type Writer } from "./io.js";
import { checkMode, monitorDirection, type MonitorMode } from "./monitor.js";

/** Options of {@link EarlyStopping} (Keras's arguments in camelCase). */
export interface EarlyStoppingOptions {
  /** Quantity to watch. Default "val_loss". */
  monitor?: string;
  /** Smallest change that counts as an improvement (absolute value). Default 0. */
  minDelta?: number;
  /** Epochs without improvement after which training stops. Default 0. */
  patience?: number;
  /** 1 prints a message when stopping or restoring. Default 0. */
  verbose?: number;
  /** "min", "max" or "auto" (inferred from the metric). Default "auto". */
  mode?: MonitorMode;
  /** Training stops unless the metric improves on this value within `patience` epochs. */
  baseline?: number | null;
  /** At the end of training, set the weights of the best epoch back. Default false. */
  restoreBestWeights?: boolean;
  /** Epochs to wait before monitoring starts (warm-up). Default 0. */
  startFromEpoch?: number;
  /** Where messages go (default: standard output). */
  write?: Writer;
}

/**
 * Stops training (`model.stopTraining = true`) when `monitor` has not improved by more than
 * `minDelta` for `patience` epochs; optionally restores the best epoch's weights at the end.
 *
 * @example
 * ```ts
 * const stop = new keras.callbacks.EarlyStopping({ monitor: "loss", patience: 3 });
 * const history = await model.fit(x, y, { epochs: 10, callbacks: [stop] });
 * history.history.loss.length; // fewer than 10 once the loss stops falling
 * ```
 */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly patience: number;
  readonly verbose: number;
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  readonly mode: MonitorMode;
  minDelta: number;
  /** Epochs since the last improvement. */
  wait = 0;
  /** The epoch at which training was stopped (0 when it was not). */
  stoppedEpoch = 0;
  /** Best value seen so far (null before the first monitored epoch). */
  best: number | null = null;
  /** The epoch of `best`. */
  bestEpoch = 0;
  /** Weights of the best epoch, when `restoreBestWeights`. */
  bestWeights: unknown[] | null = null;
  private direction: "min" | "max" | null = null;
  private readonly write: Writer;

  constructor(options: EarlyStoppingOptions = {}) {
    super();
    this.monitor = options.monitor ?? "val_loss";
    this.patience = options.patience ?? 0;
    this.verbose = options.verbose ?? 0;
    this.baseline = options.baseline ?? null;
    this.minDelta = Math.abs(options.minDelta ?? 0);
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.startFromEpoch = options.startFromEpoch ?? 0;
    this.mode = checkMode(options.mode ?? "auto", "EarlyStopping");
    this.write = options.write ?? defaultWriter;
  }

  override onTrainBegin(): void {
    // Allows reuse across fits.
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = null;
    this.bestWeights = null;
    this.bestEpoch = 0;
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    if (this.direction === null) {
      // Resolved late, once the model's metrics exist.
      this.direction = monitorDirection(this.monitor, this.mode, this.model, "EarlyStopping");
      if (this.direction === "min") this.minDelta *= -1;
    }
    const current = this.getMonitorValue(logs);
    if (current === undefined || epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights === null) {
      // Until something better is seen, the current weights are the best.
      this.bestWeights = snapshotWeights(this.model);
      this.bestEpoch = epoch;
    }
    this.wait += 1;
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.bestWeights = snapshotWeights(this.model);
      // Restart the wait only when beating both the baseline and the previous best.
      if (this.baseline === null || this.isImprovement(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.verbose > 0) {
      printMsg(`Epoch ${this.stoppedEpoch + 1}: early stopping`, this.write);
    }
    if (this.restoreBestWeights && this.bestWeights !== null) {
      if (this.verbose > 0) {
        printMsg(
          `Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`,
          this.write,
        );
      }
      this.model.setWeights(this.bestWeights);
    }
  }

  /** The monitored value in `logs`, or undefined (with a warning) when it is missing. */
  getMonitorValue(logs: Logs): number | undefined {
    const value = logs[this.monitor];
    if (value === undefined || value === null) {
      warn(
        `Early stopping conditioned on metric \`${this.monitor}\` which is not available. ` +
          `Available metrics are: ${Object.keys(logs).join(",")}`,
      );
      return undefined;
    }
    return value;
  }

  private isImprovement(value: number, reference: number | null): boolean {
    if (reference === null) return true;
    return this.direction === "min" ? value - this.minDelta < reference : value - this.minDelta > reference;
  }
}

/** `model.getWeights()`, copied so that later in-place updates cannot change the snapshot. */
function snapshotWeights(model: any): unknown[] {
  const weights: unknown[] = model.getWeights();
  return weights.map((w) => (w instanceof Tensor ? new Tensor(w.dataSync(), w.shape, w.dtype) : w));
}
