/**
 * The default `trainStep` / `testStep` / `predictStep` bodies (Keras 3's `Trainer.train_step`):
 * forward under a GradientTape, compiled loss plus the model's own losses, gradients of the
 * trainable weights, `optimizer.apply`, then the loss tracker and compiled metrics.
 */
import { GradientTape } from "../autodiff/tape.js";
import { ValueError } from "../core/errors.js";
import type { AnyTensor } from "../core/symbolic.js";
import { Tensor } from "../core/tensor.js";
import { withPrivateVariableReads } from "../core/variable.js";
import type { Model } from "../engine/model.js";
import { isPlainObject } from "../engine/structure.js";
import { add, convertToTensor } from "../ops/index.js";
import { requireCompiled, type TrainerState } from "./trainer-state.js";

/**
 * Splits a batch into `[x, y, sampleWeight]` (Keras's `unpack_x_y_sample_weight`).
 *
 * @example
 * ```ts
 * const [x, y, sw] = unpackXYSampleWeight([xb, yb]); // sw undefined
 * ```
 */
export function unpackXYSampleWeight(data: unknown): [unknown, unknown, unknown] {
  if (Array.isArray(data) && data.length >= 1 && data.length <= 3) {
    return [data[0], data[1], data[2]];
  }
  return [data, undefined, undefined];
}

function flatOutputs(yPred: unknown): { flat: Tensor[]; keys: string[] | null } {
  if (yPred instanceof Tensor) return { flat: [yPred], keys: null };
  if (Array.isArray(yPred)) return { flat: yPred as Tensor[], keys: null };
  if (isPlainObject(yPred)) {
    const keys = Object.keys(yPred);
    return { flat: keys.map((k) => yPred[k] as Tensor), keys };
  }
  throw new ValueError(
    `The model returned ${String(yPred)}; expected a tensor, an array or a record of tensors.`,
  );
}

function outputNamesOf(model: Model, flat: readonly Tensor[], keys: string[] | null): string[] {
  if (keys) return keys;
  const graph = model._graph;
  if (graph && graph.outputs.length === flat.length)
    return graph.outputs.map((t, i) => t.history?.node.operation.name ?? `output_${i}`);
  return flat.map((_, i) => `output_${i}`);
}

function asTensor(x: unknown): Tensor | null {
  if (x === undefined || x === null) return null;
  return x instanceof Tensor ? x : convertToTensor(x as Tensor);
}

/** Matches `y` (or sample weights) to the outputs: one for all, an array in order, or a record by name. */
function perOutput(
  value: unknown,
  names: readonly string[],
  what: string,
  broadcast: boolean,
): (Tensor | null)[] {
  const n = names.length;
  if (value === undefined || value === null) return names.map(() => null);
  if (isPlainObject(value)) return names.map((name) => asTensor(value[name]));
  if (Array.isArray(value) && n > 1 && value.length === n) return value.map(asTensor);
  if (Array.isArray(value) && n === 1 && value.length === 1 && value[0] instanceof Tensor) return [value[0]];
  const t = asTensor(value);
  if (n > 1 && !broadcast)
    throw new ValueError(
      `The model has ${n} outputs (${names.join(", ")}) but \`${what}\` holds one tensor: pass an array or a record of ${n}.`,
    );
  return names.map(() => t);
}

/** The structure of one batch's targets and predictions, aligned by output. */
export interface AlignedBatch {
  readonly yTrue: (Tensor | null)[];
  readonly yPred: Tensor[];
  readonly sampleWeight: (Tensor | null)[] | null;
  readonly names: readonly string[];
}

/**
 * Aligns `y`, `yPred` and `sampleWeight` by output (fixing the output names on the first batch).
 *
 * @example
 * ```ts
 * const a = alignOutputs(model, state, y, yPred, sw);
 * ```
 */
export function alignOutputs(
  model: Model,
  state: TrainerState,
  y: unknown,
  yPred: unknown,
  sampleWeight: unknown,
): AlignedBatch {
  const { flat, keys } = flatOutputs(yPred);
  state.outputNames ??= outputNamesOf(model, flat, keys);
  const names = state.outputNames;
  return {
    yTrue: perOutput(y, names, "y", false),
    yPred: flat,
    sampleWeight:
      sampleWeight === undefined || sampleWeight === null
        ? null
        : perOutput(sampleWeight, names, "sampleWeight", true),
    names,
  };
}

/**
 * The total loss (Keras's `compute_loss`): the compiled loss plus every loss in `model.losses`
 * (regularization penalties and `addLoss` losses of the last forward pass).
 *
 * @example
 * ```ts
 * const loss = computeLoss(model, y, yPred, sampleWeight);
 * ```
 */
export function computeLoss(model: Model, y: unknown, yPred: unknown, sampleWeight?: unknown): Tensor {
  const state = requireCompiled(model, "computeLoss");
  const a = alignOutputs(model, state, y, yPred, sampleWeight);
  let total: Tensor | null =
    state.compileLoss && y !== undefined && y !== null
      ? state.compileLoss.call(a.yTrue, a.yPred, a.sampleWeight, a.names)
      : null;
  if (state.compileLoss && total === null)
    throw new ValueError(
      `The model "${model.name}" was compiled with a loss, but no targets \`y\` were given. Pass ` +
        "`y` to fit / evaluate (or yield `[x, y]` batches).",
    );
  for (const extra of model.losses)
    total = total === null ? extra : (add(total, extra as AnyTensor) as Tensor);
  if (total === null)
    throw new ValueError(
      "No loss to compute. Provide a `loss` argument in `compile()`, or add losses in `call()` with `addLoss`.",
    );
  return total;
}

function batchSizeOf(x: unknown): number {
  if (x instanceof Tensor) return x.shape[0] ?? 1;
  if (Array.isArray(x)) return batchSizeOf(x[0]);
  if (isPlainObject(x)) return batchSizeOf(Object.values(x)[0]);
  return 1;
}

/**
 * Updates the loss tracker (weighted by the batch size) and the compiled metrics, and returns the
 * logs (Keras's `compute_metrics`).
 *
 * @example
 * ```ts
 * const logs = computeMetrics(model, x, y, yPred, sw, loss); // { loss, accuracy }
 * ```
 */
export function computeMetrics(
  model: Model,
  x: unknown,
  y: unknown,
  yPred: unknown,
  sampleWeight: unknown,
  loss: Tensor,
): Record<string, number> {
  const state = requireCompiled(model, "computeMetrics");
  state.lossTracker.updateState(loss, batchSizeOf(x));
  const a = alignOutputs(model, state, y, yPred, sampleWeight);
  state.compileMetrics.update(a.yTrue, a.yPred, a.sampleWeight, a.names);
  return state.results();
}

/**
 * One training step: forward with `training: true` under a tape, loss, gradients of
 * `model.trainableWeights`, optimizer update, metrics. The default body of `Model.trainStep`.
 *
 * @example
 * ```ts
 * defaultTrainStep(model, [xBatch, yBatch]); // { loss: 2.3, accuracy: 0.1 }
 * ```
 */
export function defaultTrainStep(model: Model, data: unknown): Record<string, number> {
  // The step's reads of weights end with it, so the optimizer may update them in place.
  return withPrivateVariableReads(() => trainStepBody(model, data));
}

function trainStepBody(model: Model, data: unknown): Record<string, number> {
  const state = requireCompiled(model, "fit");
  const [x, y, sw] = unpackXYSampleWeight(data);
  const tape = new GradientTape();
  const [loss, yPred] = tape.record(() => {
    const out = model.apply(x as AnyTensor, { training: true });
    return [computeLoss(model, y, out, sw), out] as const;
  });
  const vars = state.cacheTrainableWeights
    ? (state.epochTrainableWeights ??= model.trainableWeights)
    : model.trainableWeights;
  if (vars.length > 0) (model.optimizer ?? state.optimizer).apply(tape.gradient(loss, vars), vars);
  return computeMetrics(model, x, y, yPred, sw, loss);
}

/**
 * One evaluation step: forward with `training: false`, loss, metrics. The default `Model.testStep`.
 *
 * @example
 * ```ts
 * defaultTestStep(model, [xBatch, yBatch]); // { loss: 0.4, accuracy: 0.9 }
 * ```
 */
export function defaultTestStep(model: Model, data: unknown): Record<string, number> {
  requireCompiled(model, "evaluate");
  const [x, y, sw] = unpackXYSampleWeight(data);
  const yPred = model.apply(x as AnyTensor, { training: false });
  const loss = computeLoss(model, y, yPred, sw);
  return computeMetrics(model, x, y, yPred, sw, loss);
}

/**
 * One prediction step: the model applied with `training: false`. The default `Model.predictStep`.
 *
 * @example
 * ```ts
 * defaultPredictStep(model, xBatch); // Tensor
 * ```
 */
export function defaultPredictStep(model: Model, x: unknown): unknown {
  return model.apply(x as AnyTensor, { training: false });
}
