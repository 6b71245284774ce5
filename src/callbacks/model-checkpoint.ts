/** `ModelCheckpoint`: saves the model or its weights during training (Node only). */
import { KerasError, ValueError } from "../core/errors.js";
import { Callback, type Logs } from "./callback.js";
import { defaultWriter, printMsg, warn, type Writer } from "./io.js";
import { checkMode, monitorDirection, type MonitorMode } from "./monitor.js";
import { formatFixed, pyFormat } from "./pyformat.js";

/** Options of {@link ModelCheckpoint} (Keras's arguments in camelCase). */
export interface ModelCheckpointOptions {
  /** Quantity to watch when `saveBestOnly`. Default "val_loss". */
  monitor?: string;
  /** 1 prints a message for each save decision. Default 0. */
  verbose?: number;
  /** Save only when `monitor` improves on the best value so far. Default false. */
  saveBestOnly?: boolean;
  /** Save `model.saveWeights(path)` (path ends in ".weights.h5") rather than `model.save(path)`. */
  saveWeightsOnly?: boolean;
  /** "min", "max" or "auto". Default "auto". */
  mode?: MonitorMode;
  /** "epoch" (after each epoch) or a number of training batches. Default "epoch". */
  saveFreq?: "epoch" | number;
  /** Initial best value: only better values are saved (with `saveBestOnly`). */
  initialValueThreshold?: number | null;
  /** Where messages go (default: standard output). */
  write?: Writer;
}

let tempCounter = 0;

/**
 * Saves the model (`model.save(path)`) or its weights (`model.saveWeights(path)`) after each epoch
 * or every `saveFreq` batches. `filepath` may hold Python format fields filled from `epoch`
 * (1-based), `batch` and the logs: `"ckpt/{epoch:02d}-{val_loss:.2f}.keras"`. Each save is atomic:
 * written to a temporary file in the same folder, then renamed over the target.
 *
 * @example
 * ```ts
 * const checkpoint = new keras.callbacks.ModelCheckpoint("best.keras", {
 *   monitor: "val_accuracy", mode: "max", saveBestOnly: true,
 * });
 * await model.fit(x, y, { epochs: 10, validationSplit: 0.1, callbacks: [checkpoint] });
 * ```
 */
export class ModelCheckpoint extends Callback {
  readonly filepath: string;
  readonly monitor: string;
  readonly verbose: number;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly saveFreq: "epoch" | number;
  readonly mode: MonitorMode;
  /** Best monitored value so far (null before the first). */
  best: number | null;
  private direction: "min" | "max" | null = null;
  private currentEpoch = 0;
  private batchesSinceLastSave = 0;
  private lastBatchSeen = 0;
  private readonly write: Writer;

  constructor(filepath: string, options: ModelCheckpointOptions = {}) {
    super();
    this.filepath = filepath;
    this.monitor = options.monitor ?? "val_loss";
    this.verbose = options.verbose ?? 0;
    this.saveBestOnly = options.saveBestOnly ?? false;
    this.saveWeightsOnly = options.saveWeightsOnly ?? false;
    this.saveFreq = options.saveFreq ?? "epoch";
    this.mode = checkMode(options.mode ?? "auto", "ModelCheckpoint");
    this.best = options.initialValueThreshold ?? null;
    this.write = options.write ?? defaultWriter;
    if (this.saveFreq !== "epoch" && !(Number.isInteger(this.saveFreq) && this.saveFreq > 0)) {
      throw new ValueError(
        `Unrecognized saveFreq: ${String(this.saveFreq)}. Expected saveFreq are "epoch" or positive integer values.`,
        { saveFreq: this.saveFreq },
      );
    }
    if (this.saveWeightsOnly) {
      if (!filepath.endsWith(".weights.h5")) {
        throw new ValueError(
          "When using `saveWeightsOnly: true` in `ModelCheckpoint`, the filepath provided must end in " +
            `\`.weights.h5\` (Keras weights format). Received: filepath=${filepath}`,
          { filepath },
        );
      }
    } else if (!filepath.endsWith(".keras") && !filepath.endsWith(".h5")) {
      throw new ValueError(
        `The filepath provided must end in \`.keras\` (Keras model format). Received: filepath=${filepath}`,
        { filepath },
      );
    }
  }

  override onEpochBegin(epoch: number): void {
    this.currentEpoch = epoch;
  }

  override async onTrainBatchEnd(batch: number, logs: Logs = {}): Promise<void> {
    if (this.shouldSaveOnBatch(batch)) await this.saveModel(this.currentEpoch, batch, logs);
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if (this.saveFreq === "epoch") await this.saveModel(epoch, null, logs);
  }

  private shouldSaveOnBatch(batch: number): boolean {
    if (this.saveFreq === "epoch") return false;
    // A batch index that does not grow means a new epoch started.
    const added = batch <= this.lastBatchSeen ? batch + 1 : batch - this.lastBatchSeen;
    this.batchesSinceLastSave += added;
    this.lastBatchSeen = batch;
    if (this.batchesSinceLastSave >= this.saveFreq) {
      this.batchesSinceLastSave = 0;
      return true;
    }
    return false;
  }

  /** The path for this save: `filepath` with `epoch` (1-based), `batch` (1-based) and the logs filled in. */
  getFilePath(epoch: number, batch: number | null, logs: Logs): string {
    const values: Record<string, unknown> = { ...logs, epoch: epoch + 1 };
    if (batch !== null && !("batch" in logs)) values.batch = batch + 1;
    return pyFormat(this.filepath, values, ["epoch", "batch"]);
  }

  private shouldSave(epoch: number, logs: Logs, filepath: string): boolean {
    if (!this.saveBestOnly) {
      if (this.verbose > 0) printMsg(`\nEpoch ${epoch + 1}: saving model to ${filepath}`, this.write);
      return true;
    }
    if (this.direction === null) {
      this.direction = monitorDirection(this.monitor, this.mode, this.model, "ModelCheckpoint");
      this.best ??= this.direction === "min" ? Infinity : -Infinity;
    }
    const current = logs[this.monitor];
    if (current === undefined || current === null) {
      warn(`Can save best model only with ${this.monitor} available.`);
      return true;
    }
    const bestStr = this.best === null ? "None" : formatFixed(this.best, 5);
    const improved =
      this.best === null || (this.direction === "min" ? current < this.best : current > this.best);
    if (improved) {
      if (this.verbose > 0) {
        printMsg(
          `\nEpoch ${epoch + 1}: ${this.monitor} improved from ${bestStr} to ${formatFixed(current, 5)}, ` +
            `saving model to ${filepath}`,
          this.write,
        );
      }
      this.best = current;
      return true;
    }
    if (this.verbose > 0)
      printMsg(`\nEpoch ${epoch + 1}: ${this.monitor} did not improve from ${bestStr}`, this.write);
    return false;
  }

  private async saveModel(epoch: number, batch: number | null, logs: Logs): Promise<void> {
    const filepath = this.getFilePath(epoch, batch, logs);
    if (!this.shouldSave(epoch, logs, filepath)) return;
    const method = this.saveWeightsOnly ? "saveWeights" : "save";
    if (typeof this.model?.[method] !== "function") {
      throw new ValueError(
        `ModelCheckpoint needs model.${method}(path), which this model does not have. keras-ts models ` +
          `gain save/saveWeights with the serialization (.keras / .weights.h5) support; until then, pass ` +
          `a model class that implements ${method}, or save weights yourself from a LambdaCallback.`,
      );
    }
    const fs = await import("node:fs/promises");
    const path = await import("node:path");
    const stat = await fs.stat(filepath).catch(() => null);
    if (stat?.isDirectory()) {
      throw new KerasError(
        `Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an existing directory: ${filepath}`,
      );
    }
    const dir = path.dirname(filepath);
    await fs.mkdir(dir, { recursive: true });
    // Same folder (so the rename is atomic) and same ending (so the saver picks the same format).
    const unique = `${Date.now().toString(36)}-${(tempCounter++).toString(36)}`;
    const temp = path.join(dir, `.tmp-${unique}-${path.basename(filepath)}`);
    try {
      if (this.saveWeightsOnly) await this.model.saveWeights(temp);
      else await this.model.save(temp);
      await fs.rename(temp, filepath);
    } catch (error) {
      await fs.rm(temp, { recursive: true, force: true });
      throw error;
    }
    if (this.verbose > 0) printMsg(`\nEpoch ${epoch + 1}: finished saving model to ${filepath}`, this.write);
  }
}
