/** `ReduceLROnPlateau`: lowers the learning rate when a metric has stopped improving. */
import { ValueError } from "../core/errors.js";
import { Callback, type Logs } from "./callback.js";
import { defaultWriter, printMsg, toNumber, warn, type Writer } from "./io.js";
import type { MonitorMode } from "./monitor.js";
import { pyFloatStr } from "./pyformat.js";

/** Options of {@link ReduceLROnPlateau} (Keras's arguments in camelCase). */
export interface ReduceLROnPlateauOptions {
  /** Quantity to watch. Default "val_loss". */
  monitor?: string;
  /** The new learning rate is `lr * factor` (must be < 1). Default 0.1. */
  factor?: number;
  /** Epochs without improvement after which the learning rate is reduced. Default 10. */
  patience?: number;
  /** 1 prints a message on each reduction. Default 0. */
  verbose?: number;
  /** "min", "max", or "auto" (max when the monitor's name contains "acc"). Default "auto". */
  mode?: MonitorMode;
  /** Threshold for measuring a new optimum. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** Lower bound on the learning rate. Default 0. */
  minLr?: number;
  /** Where messages go (default: standard output). */
  write?: Writer;
}

/**
 * Multiplies the optimizer's learning rate by `factor` when `monitor` has not improved for
 * `patience` epochs, never below `minLr`; then waits `cooldown` epochs. As Keras, it adds the
 * current `learning_rate` to each epoch's logs (so `History` records it).
 *
 * @example
 * ```ts
 * const reduceLr = new keras.callbacks.ReduceLROnPlateau({ factor: 0.2, patience: 5, minLr: 0.001 });
 * await model.fit(x, y, { epochs: 50, validationSplit: 0.1, callbacks: [reduceLr] });
 * ```
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly verbose: number;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  mode: MonitorMode;
  /** Epochs left in the current cooldown. */
  cooldownCounter = 0;
  /** Epochs since the last improvement. */
  wait = 0;
  /** Best value seen so far. */
  best = 0;
  private lowerIsBetter = true;
  private readonly write: Writer;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    this.monitor = options.monitor ?? "val_loss";
    this.factor = options.factor ?? 0.1;
    if (this.factor >= 1) {
      throw new ValueError(
        `ReduceLROnPlateau does not support a factor >= 1.0. Received factor=${this.factor}`,
        {
          factor: this.factor,
        },
      );
    }
    this.patience = options.patience ?? 10;
    this.verbose = options.verbose ?? 0;
    this.minDelta = options.minDelta ?? 1e-4;
    this.cooldown = options.cooldown ?? 0;
    this.minLr = options.minLr ?? 0;
    this.mode = options.mode ?? "auto";
    this.write = options.write ?? defaultWriter;
    this.reset();
  }

  private reset(): void {
    if (this.mode !== "auto" && this.mode !== "min" && this.mode !== "max") {
      warn(`Learning rate reduction mode ${String(this.mode)} is unknown, fallback to auto mode.`);
      this.mode = "auto";
    }
    this.lowerIsBetter = this.mode === "min" || (this.mode === "auto" && !this.monitor.includes("acc"));
    this.best = this.lowerIsBetter ? Infinity : -Infinity;
    this.cooldownCounter = 0;
    this.wait = 0;
  }

  /** Whether a reduction happened less than `cooldown` epochs ago. */
  inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  override onTrainBegin(): void {
    this.reset();
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    logs.learning_rate = toNumber(this.model.optimizer.learningRate);
    const current = logs[this.monitor];
    if (current === undefined || current === null) {
      warn(
        `Learning rate reduction is conditioned on metric \`${this.monitor}\` which is not available. ` +
          `Available metrics are: ${Object.keys(logs).join(",")}.`,
      );
      return;
    }
    if (this.inCooldown()) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    const improved = this.lowerIsBetter
      ? current < this.best - this.minDelta
      : current > this.best + this.minDelta;
    if (improved) {
      this.best = current;
      this.wait = 0;
    } else if (!this.inCooldown()) {
      this.wait += 1;
      if (this.wait >= this.patience) {
        const oldLr = toNumber(this.model.optimizer.learningRate);
        if (oldLr > Math.fround(this.minLr)) {
          const newLr = Math.max(oldLr * this.factor, this.minLr);
          this.model.optimizer.learningRate = newLr;
          if (this.verbose > 0) {
            printMsg(
              `\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${pyFloatStr(newLr)}.`,
              this.write,
            );
          }
          this.cooldownCounter = this.cooldown;
          this.wait = 0;
        }
      }
    }
  }
}
