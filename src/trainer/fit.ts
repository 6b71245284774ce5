/**
 * `model.fit(x, y, options)` (Keras 3's `Trainer.fit`, JAX trainer loop): split off the validation
 * data, build the model, then per epoch: reset metrics, `trainStep` over the (reshuffled) batches,
 * evaluate on the validation data (keys prefixed `val_`), `onEpochEnd`, stop when a callback sets
 * `model.stopTraining`.
 */
import type { Callback, Logs } from "../callbacks/callback.js";
import { CallbackList } from "../callbacks/callback-list.js";
import { History } from "../callbacks/history.js";
import { ValueError } from "../core/errors.js";
import { Model } from "../engine/model.js";
import { trainValidationSplit, type ArrayData } from "./data-adapter.js";
import { ArrayEpochs, DatasetEpochs, stepper, type EpochSource } from "./epoch-iterator.js";
import { metricsResultOrLogs, runEvaluation } from "./evaluate.js";
import { prepareData, type ClassWeight } from "./make-data.js";
import { requireCompiled } from "./trainer-state.js";

/** Options of `model.fit`, as Keras 3's `fit` in camelCase. */
export interface FitOptions {
  /** Samples per gradient update. Default 32. */
  batchSize?: number;
  /** Epochs to train (the last epoch index + 1, counting from `initialEpoch`). Default 1. */
  epochs?: number;
  /** 0 = silent, 1 = progress bar, 2 = one line per epoch, "auto" = 1. Default "auto". */
  verbose?: number | "auto";
  /** Callbacks to call during training. */
  callbacks?: Callback[];
  /** Fraction (0..1) of the samples, taken from the END before shuffling, used for validation. */
  validationSplit?: number;
  /** `[xVal, yVal]` or `[xVal, yVal, sampleWeightVal]`, or a dataset, evaluated after each epoch. */
  validationData?: readonly unknown[] | unknown;
  /** Reshuffle the training samples before each epoch. Default true (ignored for datasets). */
  shuffle?: boolean;
  /** Class index → weight for the loss (single-output models). */
  classWeight?: ClassWeight;
  /** Per-sample weights for the loss and weighted metrics. */
  sampleWeight?: unknown;
  /** Epoch at which to start (to resume training). Default 0. */
  initialEpoch?: number;
  /** Batches per epoch (default: the whole data, or until a dataset ends). */
  stepsPerEpoch?: number;
  /** Batches of validation data to evaluate (default: all). */
  validationSteps?: number;
  /** Validation batch size. Default `batchSize`. */
  validationBatchSize?: number;
  /** Validate every `n` epochs (a number), or after the listed 1-based epochs (an array). Default 1. */
  validationFreq?: number | readonly number[];
}

function shouldEval(epoch: number, freq: number | readonly number[]): boolean {
  if (typeof freq === "number") {
    if (!Number.isInteger(freq) || freq < 1)
      throw new ValueError(
        `\`validationFreq\` must be a positive integer or an array of epochs, received ${freq}.`,
      );
    return (epoch + 1) % freq === 0;
  }
  return freq.includes(epoch + 1);
}

function validationSource(
  model: Model,
  options: FitOptions,
  train: ArrayData | null,
  batchSize: number,
): [ArrayData | null, EpochSource | null] {
  const vbs = options.validationBatchSize ?? batchSize;
  if (options.validationData !== undefined && options.validationData !== null) {
    const vd = options.validationData;
    const prepared = Array.isArray(vd)
      ? prepareData(model, vd[0], vd[1], vd[2], undefined, "fit (validationData)")
      : prepareData(model, vd, undefined, undefined, undefined, "fit (validationData)");
    const source =
      prepared.kind === "arrays"
        ? new ArrayEpochs(prepared.data, vbs, false, options.validationSteps)
        : new DatasetEpochs(model, prepared.dataset, options.validationSteps);
    return [train, source];
  }
  if (options.validationSplit && options.validationSplit > 0) {
    if (!train)
      throw new ValueError(
        "`validationSplit` is only supported for in-memory data (tensors, TypedArrays, arrays); with a " +
          "dataset, pass `validationData` instead.",
      );
    const [t, v] = trainValidationSplit(train, options.validationSplit);
    return [t, new ArrayEpochs(v, vbs, false, options.validationSteps)];
  }
  return [train, null];
}

function ensureBuilt(model: Model, data: ArrayData | null): void {
  if (model.built || !data) return;
  const shapes = data.parts.x.flat.map((t) => [null, ...t.shape.slice(1)]);
  if (data.parts.x.kind === "record") return; // built on the first batch
  model.build(data.parts.x.kind === "single" ? shapes[0]! : shapes);
}

/**
 * Trains a compiled model: see `Model.fit`.
 *
 * @example
 * ```ts
 * const history = await fit(model, xTrain, yTrain, { epochs: 5, validationSplit: 0.1, verbose: 0 });
 * ```
 */
export async function fit(model: Model, x: unknown, y?: unknown, options: FitOptions = {}): Promise<History> {
  const state = requireCompiled(model, "fit");
  const batchSize = options.batchSize ?? 32;
  const epochs = options.epochs ?? 1;
  const verbose = options.verbose ?? "auto";
  const prepared = prepareData(model, x, y, options.sampleWeight, options.classWeight, "fit");
  const [trainArrays, val] = validationSource(
    model,
    options,
    prepared.kind === "arrays" ? prepared.data : null,
    batchSize,
  );
  const source: EpochSource =
    prepared.kind === "arrays"
      ? new ArrayEpochs(
          trainArrays!,
          batchSize,
          options.shuffle ?? true,
          options.stepsPerEpoch,
          model.trainStep === Model.prototype.trainStep, // the default step's batches die with it
        )
      : new DatasetEpochs(model, prepared.dataset, options.stepsPerEpoch);
  // As Keras's `_symbolic_build`: weights exist before the first shuffle is drawn, so the seeded
  // generator yields the same sequence whichever API built the model.
  ensureBuilt(model, trainArrays);

  const history = new History();
  const callbacks = new CallbackList([...(options.callbacks ?? []), history], {
    addHistory: true,
    addProgbar: verbose !== 0,
    verbose,
    epochs,
    steps: source.steps,
    model,
  });
  model.stopTraining = false;
  let trainingLogs: Logs = {};
  await callbacks.onTrainBegin();
  for (let epoch = options.initialEpoch ?? 0; epoch < epochs; epoch++) {
    state.resetMetrics();
    state.epochTrainableWeights = null;
    await callbacks.onEpochBegin(epoch);
    let logs: Record<string, unknown> = {};
    let step = 0;
    const batches = stepper(source);
    for (;;) {
      const next = batches.next();
      const { done, value: batch } = next instanceof Promise ? await next : next;
      if (done) break;
      const begun = callbacks.onTrainBatchBegin(step);
      if (begun) await begun;
      state.cacheTrainableWeights = true;
      try {
        logs = model.trainStep(batch);
      } finally {
        state.cacheTrainableWeights = false;
      }
      const ended = callbacks.onTrainBatchEnd(step, logs as Logs);
      if (ended) await ended;
      step++;
      if (model.stopTraining) {
        await batches.return?.();
        break;
      }
    }
    if (step === 0) {
      // As Keras's EpochIterator: a dataset that yields nothing more ends training with a warning.
      console.warn(
        "Your input ran out of data; interrupting training. Make sure that your dataset or generator " +
          "can generate at least `stepsPerEpoch * epochs` batches.",
      );
      break;
    }
    const epochLogs: Logs = metricsResultOrLogs(state, logs);
    if (val && shouldEval(epoch, options.validationFreq ?? 1)) {
      const valLogs = await runEvaluation(model, state, val, callbacks);
      for (const [k, v] of Object.entries(valLogs)) epochLogs[`val_${k}`] = v;
    }
    await callbacks.onEpochEnd(epoch, epochLogs);
    trainingLogs = epochLogs;
    if (model.stopTraining) break;
  }
  if (epochs > 0) state.optimizer.finalizeVariableValues(model.trainableWeights);
  await callbacks.onTrainEnd(trainingLogs);
  return history;
}
