/**
 * What `model.compile(...)` takes, resolved once: the optimizer, the `CompileLoss` (one loss per
 * output, weighted and summed, as Keras 3's `compile_utils.CompileLoss`) and the loss tracker.
 * Metrics live in compile-metrics.ts.
 */
import { ValueError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import {
  binaryCrossentropy,
  categoricalCrossentropy,
  Loss,
  LossFunctionWrapper,
  resolveLoss,
  sparseCategoricalCrossentropy,
  type LossIdentifier,
} from "../losses/index.js";
import { Mean } from "../metrics/index.js";
import { add, multiply } from "../ops/index.js";
import { get as getOptimizer, type OptimizerIdentifier, Optimizer } from "../optimizers/index.js";
import type { MetricsSpec } from "./compile-metrics.js";

/** A loss as `compile` accepts it: a name, a function `(yTrue, yPred) => Tensor`, a `Loss`, or null. */
export type LossSpec = LossIdentifier;

/** Options of `model.compile(...)`, as Keras 3's `compile`. */
export interface CompileOptions {
  /** An optimizer name ("sgd", "adam") or instance. Default "rmsprop", as Keras. */
  optimizer?: OptimizerIdentifier;
  /** One loss, or one per output (an array in output order, or a record keyed by output name). */
  loss?: LossSpec | readonly LossSpec[] | Readonly<Record<string, LossSpec>>;
  /** Scalars weighting each output's loss in the total (a number, array, or record). */
  lossWeights?: number | readonly number[] | Readonly<Record<string, number>>;
  /** Metrics evaluated without sample weights ("accuracy", names, functions, instances). */
  metrics?: MetricsSpec;
  /** Metrics evaluated with the sample (and class) weights. */
  weightedMetrics?: MetricsSpec;
}

/**
 * Resolves `compile`'s optimizer (Keras's default is "rmsprop").
 *
 * @example
 * ```ts
 * resolveOptimizer("sgd").learningRate; // 0.01
 * ```
 */
export function resolveOptimizer(identifier: OptimizerIdentifier | undefined): Optimizer {
  return getOptimizer(identifier ?? "rmsprop");
}

function isLossLike(x: unknown): boolean {
  return typeof x === "string" || typeof x === "function" || x instanceof Loss || x === null;
}

/**
 * Keras's `get_loss`: "crossentropy" / "ce" pick binary, sparse or categorical cross-entropy from
 * the shapes of the first batch; anything else goes through `keras.losses.get`.
 *
 * @example
 * ```ts
 * resolveCompileLoss("ce", yTrue, yPred).name; // "ce" (a sparse categorical cross-entropy for int labels)
 * ```
 */
export function resolveCompileLoss(spec: LossSpec, yTrue?: Tensor | null, yPred?: Tensor): Loss {
  if (typeof spec === "string" && ["crossentropy", "ce"].includes(spec.toLowerCase()) && yTrue && yPred) {
    const predLast = yPred.shape[yPred.rank - 1];
    const trueLast = yTrue.shape[yTrue.rank - 1];
    const fn =
      predLast === 1
        ? binaryCrossentropy
        : yTrue.rank < yPred.rank || (trueLast === 1 && (predLast ?? 0) > 1)
          ? sparseCategoricalCrossentropy
          : categoricalCrossentropy;
    return new LossFunctionWrapper(fn, { name: spec });
  }
  return resolveLoss(spec);
}

/** One output's loss: which output, its loss, weight and (for several outputs) its tracker. */
interface OutputLoss {
  readonly index: number;
  readonly loss: Loss;
  /** null when no `lossWeights` were given (no multiplication, as Keras). */
  readonly weight: number | null;
  tracker: Mean | null;
}

/**
 * The compiled loss of a model: per-output losses, weighted and summed (Keras's `CompileLoss`).
 * Built on the first batch, when the model's output structure is known.
 *
 * @example
 * ```ts
 * const loss = new CompileLoss("mse");
 * loss.call([yTrue], [yPred], null, ["dense"]); // a scalar tensor
 * ```
 */
export class CompileLoss {
  private entries: OutputLoss[] | null = null;
  private trackers: readonly Mean[] = [];
  private outputNames: readonly string[] = [];

  constructor(
    readonly spec: CompileOptions["loss"],
    readonly lossWeights?: CompileOptions["lossWeights"],
  ) {}

  /** Whether the structure has been resolved (after the first batch). */
  get built(): boolean {
    return this.entries !== null;
  }

  /** Per-output loss trackers (`<output>_loss`), present when the model has several outputs. */
  get metrics(): readonly Mean[] {
    return this.trackers;
  }

  /** Resolves the per-output losses for outputs named `outputNames`. */
  build(
    outputNames: readonly string[],
    yTrue: readonly (Tensor | null)[] = [],
    yPred: readonly Tensor[] = [],
  ): void {
    this.outputNames = outputNames;
    const n = outputNames.length;
    const specs = this.perOutput(this.spec, n, "loss") as (LossSpec | undefined)[];
    const weights = this.perOutput(this.lossWeights ?? null, n, "lossWeights") as (number | null)[];
    const entries: OutputLoss[] = [];
    const active = specs.filter((spec) => spec !== null && spec !== undefined).length;
    specs.forEach((spec, index) => {
      if (spec === null || spec === undefined) return;
      const weight = weights[index] ?? null;
      if (weight !== null && (typeof weight !== "number" || !Number.isFinite(weight)))
        throw new ValueError(`Expected \`lossWeights\` to hold numbers, received ${String(weight)}.`);
      const tracker = active > 1 ? new Mean({ name: `${outputNames[index]}_loss` }) : null;
      entries.push({ index, loss: resolveCompileLoss(spec, yTrue[index], yPred[index]), weight, tracker });
    });
    if (entries.length === 0)
      throw new ValueError("No loss to compute: every output's loss is null in `compile({ loss })`.");
    this.entries = entries;
    this.trackers = entries.flatMap((e) => (e.tracker ? [e.tracker] : []));
  }

  private perOutput(spec: unknown, n: number, what: string): unknown[] {
    if (spec === null || spec === undefined) return new Array(n).fill(null);
    if (Array.isArray(spec)) {
      if (spec.length !== n)
        throw new ValueError(
          `For a model with ${n} output(s), \`${what}\` given as an array must have ${n} entries, ` +
            `received ${spec.length}. Output names: ${JSON.stringify(this.outputNames)}.`,
        );
      return spec;
    }
    if (typeof spec === "object" && !(spec instanceof Loss)) {
      const record = spec as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (!this.outputNames.includes(key))
          throw new ValueError(
            `In the dict argument \`${what}\`, key "${key}" does not correspond to any model output. ` +
              `Received: ${what}=${JSON.stringify(Object.keys(record))}; output names: ${JSON.stringify(this.outputNames)}.`,
          );
      }
      return this.outputNames.map((name) => record[name] ?? null);
    }
    if (what === "loss" && !isLossLike(spec))
      throw new ValueError(`Could not interpret loss identifier: ${String(spec)}.`);
    // One loss (or weight) for every output, as Keras 3 maps it over the outputs.
    return new Array(n).fill(spec);
  }

  /**
   * The total loss of a batch: `sum_i weight_i * loss_i(yTrue_i, yPred_i, sampleWeight_i)`; also
   * updates the per-output trackers (weighted by the batch size).
   */
  call(
    yTrue: readonly (Tensor | null)[],
    yPred: readonly Tensor[],
    sampleWeight: readonly (Tensor | null)[] | null,
    outputNames: readonly string[],
  ): Tensor {
    if (!this.entries) this.build(outputNames, yTrue, yPred);
    let total: Tensor | null = null;
    for (const e of this.entries!) {
      const yt = yTrue[e.index];
      if (yt === null || yt === undefined)
        throw new ValueError(
          `The model's output "${this.outputNames[e.index]}" has a loss but no target was given in \`y\`.`,
        );
      let value = e.loss.apply(yt, yPred[e.index]!, sampleWeight?.[e.index] ?? null);
      // As Keras: the per-output trackers record the unweighted loss.
      if (e.tracker) e.tracker.updateState(value, yPred[e.index]!.shape[0] ?? 1);
      if (e.weight !== null) value = multiply(value, e.weight);
      total = total === null ? value : add(total, value);
    }
    return total!;
  }

  /** Resets the per-output trackers. */
  resetState(): void {
    for (const m of this.metrics) m.resetState();
  }
}
