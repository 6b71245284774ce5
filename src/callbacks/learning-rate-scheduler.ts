/** `LearningRateScheduler`: sets the learning rate at the start of each epoch from a function. */
import { ValueError } from "../core/errors.js";
import { Callback, type Logs } from "./callback.js";
import { defaultWriter, printMsg, toNumber, type Writer } from "./io.js";
import { pyFloatStr } from "./pyformat.js";

/** `schedule(epoch, lr)`: the learning rate for `epoch` (0-based) given the current one. */
export type LearningRateSchedule = (epoch: number, lr: number) => number;

/** Options of {@link LearningRateScheduler}. */
export interface LearningRateSchedulerOptions {
  /** 1 prints the new learning rate at each epoch. Default 0. */
  verbose?: number;
  /** Where messages go (default: standard output). */
  write?: Writer;
}

/**
 * At the start of every epoch, sets the optimizer's learning rate to `schedule(epoch, lr)`; at the
 * end, adds `learning_rate` to the epoch's logs.
 *
 * @example
 * ```ts
 * const scheduler = new keras.callbacks.LearningRateScheduler((epoch, lr) =>
 *   epoch < 10 ? lr : lr * Math.exp(-0.1),
 * );
 * await model.fit(x, y, { epochs: 15, callbacks: [scheduler] });
 * ```
 */
export class LearningRateScheduler extends Callback {
  readonly schedule: LearningRateSchedule;
  readonly verbose: number;
  private readonly write: Writer;

  constructor(schedule: LearningRateSchedule, options: LearningRateSchedulerOptions = {}) {
    super();
    this.schedule = schedule;
    this.verbose = options.verbose ?? 0;
    this.write = options.write ?? defaultWriter;
  }

  override onEpochBegin(epoch: number): void {
    const optimizer = this.model?.optimizer;
    if (!optimizer || !("learningRate" in optimizer)) {
      throw new ValueError('Optimizer must have a "learningRate" attribute.');
    }
    const lr = this.schedule(epoch, toNumber(optimizer.learningRate));
    if (typeof lr !== "number" || Number.isNaN(lr)) {
      throw new ValueError(`The output of the \`schedule\` function should be a number. Got: ${String(lr)}`, {
        received: lr,
      });
    }
    optimizer.learningRate = lr;
    if (this.verbose > 0) {
      printMsg(
        `\nEpoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${pyFloatStr(lr)}.`,
        this.write,
      );
    }
  }

  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    logs.learning_rate = toNumber(this.model.optimizer.learningRate);
  }
}
