/**
 * What `compile` leaves on a model: the optimizer, the compiled loss and metrics, the loss tracker
 * (a `Mean` named "loss"), and the output names, resolved once so that no step rebuilds them.
 */
import type { Variable } from "../core/variable.js";
import type { Tensor } from "../core/tensor.js";
import type { Model } from "../engine/model.js";
import { Mean, type Metric } from "../metrics/index.js";
import type { Optimizer } from "../optimizers/index.js";
import { CompileLoss, resolveOptimizer, type CompileOptions } from "./compile-config.js";
import { CompileMetrics } from "./compile-metrics.js";
import { notCompiled } from "./errors.js";

/**
 * The trainer's state on a compiled model.
 *
 * @example
 * ```ts
 * const state = compileModel(model, { optimizer: "sgd", loss: "mse" });
 * state.lossTracker.name; // "loss"
 * ```
 */
export class TrainerState {
  readonly optimizer: Optimizer;
  /** null when `compile` got no `loss` (the model's own `addLoss` losses are then the loss). */
  readonly compileLoss: CompileLoss | null;
  readonly compileMetrics: CompileMetrics;
  readonly lossTracker = new Mean({ name: "loss" });
  /**
   * `model.trainableWeights` cached for the train steps of one epoch of `fit` (null: not cached),
   * as Keras's compiled train function captures them; fit clears it at every epoch start.
   */
  epochTrainableWeights: Variable[] | null = null;
  /** True while fit runs a train step (the only time `epochTrainableWeights` is used). */
  cacheTrainableWeights = false;
  /** Output names, fixed at the first batch. */
  outputNames: readonly string[] | null = null;

  constructor(readonly options: CompileOptions) {
    this.optimizer = resolveOptimizer(options.optimizer);
    this.compileLoss =
      options.loss === undefined || options.loss === null
        ? null
        : new CompileLoss(options.loss, options.lossWeights);
    this.compileMetrics = new CompileMetrics(options.metrics, options.weightedMetrics);
  }

  /** Every metric the logs report, in Keras's order: loss, compiled metrics, per-output losses. */
  get metrics(): Metric[] {
    return [this.lossTracker, ...this.compileMetrics.metrics, ...(this.compileLoss?.metrics ?? [])];
  }

  /** Resets every metric (at the start of each epoch and of each evaluation). */
  resetMetrics(): void {
    for (const m of this.metrics) m.resetState();
  }

  /** The log keys, in Keras's order (`model.metricsNames`). */
  get metricsNames(): string[] {
    return [
      this.lossTracker.name,
      ...this.compileMetrics.names,
      ...(this.compileLoss?.metrics ?? []).map((m) => m.name),
    ];
  }

  /** The current metric results as logs. */
  results(): Record<string, number> {
    const logs: Record<string, number> = {
      [this.lossTracker.name]: Number(this.lossTracker.result().item()),
    };
    Object.assign(logs, this.compileMetrics.results());
    for (const m of this.compileLoss?.metrics ?? []) logs[m.name] = Number((m.result() as Tensor).item());
    return sortedLogs(logs);
  }
}

/** Logs with keys in sorted order, as Keras's `pythonify_logs` returns them (the progress bar prints them so). */
export function sortedLogs<V>(logs: Record<string, V>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const key of Object.keys(logs).sort()) out[key] = logs[key]!;
  return out;
}

const states = new WeakMap<Model, TrainerState>();

/**
 * Compiles `model`: resolves the optimizer, loss and metrics and stores them for the trainer.
 *
 * @example
 * ```ts
 * compileModel(model, { optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"] });
 * ```
 */
export function compileModel(model: Model, options: CompileOptions): TrainerState {
  const state = new TrainerState(options);
  states.set(model, state);
  return state;
}

/**
 * The trainer state of a compiled model, or null.
 *
 * @example
 * ```ts
 * trainerState(model)?.optimizer;
 * ```
 */
export function trainerState(model: Model): TrainerState | null {
  return states.get(model) ?? null;
}

/**
 * The trainer state, or Keras's "You must call `compile()`" error naming `method`.
 *
 * @example
 * ```ts
 * const state = requireCompiled(model, "fit");
 * ```
 */
export function requireCompiled(model: Model, method: string): TrainerState {
  const state = states.get(model);
  if (!state) throw notCompiled(model.name, method);
  return state;
}
