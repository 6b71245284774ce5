// Shared pieces of the callback tests: a tiny model with real weights and optimizer, a fake
// training loop that drives a CallbackList as the trainer does, and a scripted clock.
import * as keras from "../../src/index.js";
import { CallbackList, type Callback, type Logs } from "../../src/callbacks/index.js";

const { layers, ops } = keras;

/** A model with what callbacks touch: weights, an optimizer, `stopTraining`, `history`, `save`. */
export class TinyModel {
  readonly dense = new layers.Dense(2);
  optimizer = new keras.optimizers.SGD({ learningRate: 0.1 });
  stopTraining = false;
  history: unknown = null;
  metricsNames: string[] = [];
  readonly saved: string[] = [];
  saveContent = "model";

  constructor() {
    this.dense.apply(ops.ones([1, 3]));
  }
  getWeights(): keras.Tensor[] {
    return this.dense.getWeights();
  }
  setWeights(weights: unknown[]): void {
    this.dense.setWeights(weights as keras.Tensor[]);
  }
  /** Every weight set to `value` (a marker of the epoch that produced them). */
  fillWeights(value: number): void {
    this.setWeights(this.getWeights().map((w) => ops.full(w.shape, value)));
  }
  /** The marker value of the current weights. */
  weightMarker(): number {
    return this.getWeights()[0]!.dataSync()[0]!;
  }
  async save(path: string): Promise<void> {
    const { writeFile } = await import("node:fs/promises");
    this.saved.push(path);
    await writeFile(path, this.saveContent);
  }
  async saveWeights(path: string): Promise<void> {
    const { writeFile } = await import("node:fs/promises");
    this.saved.push(path);
    await writeFile(path, "weights:" + this.saveContent);
  }
}

/** Current learning rate of the model's optimizer, as a number. */
export function learningRate(model: TinyModel): number {
  return model.optimizer.learningRate.dataSync()[0]!;
}

/**
 * Runs the hooks of `fit` over `epochLogs` (one record per epoch) with `steps` batches per epoch,
 * stopping when `model.stopTraining` is set, as the trainer does. After each epoch's batches the
 * weights are set to the epoch index, so tests can tell which epoch's weights are restored.
 * Returns the epochs that ran.
 */
export async function fakeFit(
  model: TinyModel,
  callbacks: Callback[],
  epochLogs: Logs[],
  options: { steps?: number; batchLogs?: (epoch: number, batch: number) => Logs } = {},
): Promise<number[]> {
  const steps = options.steps ?? 2;
  const list = new CallbackList(callbacks, {
    addHistory: true,
    model,
    verbose: 0,
    epochs: epochLogs.length,
    steps,
  });
  model.stopTraining = false;
  const ran: number[] = [];
  await list.onTrainBegin();
  let last: Logs = {};
  for (let epoch = 0; epoch < epochLogs.length; epoch++) {
    await list.onEpochBegin(epoch);
    for (let batch = 0; batch < steps; batch++) {
      await list.onTrainBatchBegin(batch);
      await list.onTrainBatchEnd(batch, options.batchLogs?.(epoch, batch) ?? { loss: 1 });
      if (model.stopTraining) break;
    }
    model.fillWeights(epoch);
    last = { ...epochLogs[epoch]! };
    await list.onEpochEnd(epoch, last);
    ran.push(epoch);
    if (model.stopTraining) break;
  }
  await list.onTrainEnd(last);
  return ran;
}

/** A clock the test sets by hand: `clock.t = 1000.887`. */
export function manualClock(start = 1000): { t: number; now: () => number } {
  const clock = { t: start, now: () => clock.t };
  return clock;
}

/** A writer that records every write. */
export function recorder(): { writes: string[]; write: (s: string) => void; text: () => string } {
  const writes: string[] = [];
  return { writes, write: (s: string) => void writes.push(s), text: () => writes.join("") };
}
