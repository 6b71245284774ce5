/**
 * The compiled metrics of a model (Keras 3's `compile_utils.CompileMetrics`): one list per output,
 * resolved on the first batch. "accuracy" / "acc" become binary, categorical or sparse categorical
 * accuracy from the shapes of the first batch (as Keras 3) and keep the name the user wrote; with several
 * outputs, names are prefixed `<output>_`.
 */
import { ValueError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import {
  accuracyForShapes,
  get as getMetric,
  MeanMetricWrapper,
  Metric,
  type MetricFn,
} from "../metrics/index.js";

/** One metric as `compile` accepts it: a name, a per-sample function, a class, or an instance. */
export type MetricIdentifier = string | Metric | MetricFn | (new () => Metric);

/** `compile`'s `metrics` / `weightedMetrics`: a list, one list per output, or a record of them. */
export type MetricsSpec =
  | readonly (MetricIdentifier | readonly MetricIdentifier[] | null)[]
  | Readonly<Record<string, MetricIdentifier | readonly MetricIdentifier[] | null>>
  | null;

interface OutputMetric {
  readonly index: number;
  readonly metric: Metric;
  readonly weighted: boolean;
  /** The key of its result in the logs. */
  readonly logName: string;
}

function resolveOne(id: MetricIdentifier, yTrue: Tensor, yPred: Tensor): Metric {
  if (typeof id === "string") {
    if (id === "accuracy" || id === "acc") {
      // Keras 3's `get_metric`: binary, sparse or categorical from the shapes of the first batch.
      return accuracyForShapes(yTrue.shape, yPred.shape, id);
    }
    return getMetric(id);
  }
  if (id instanceof Metric) return id;
  if (typeof id === "function") {
    if (id.prototype instanceof Metric) return new (id as new () => Metric)();
    const fn = id as MetricFn;
    return new MeanMetricWrapper({ fn, name: fn.name || "mean_metric_wrapper" });
  }
  throw new ValueError(`Could not interpret metric identifier: ${String(id)}.`);
}

/**
 * The compiled metrics: built on the first batch, updated every step (weighted metrics with the
 * sample weights), read as a flat record of results in Keras's order.
 *
 * @example
 * ```ts
 * const metrics = new CompileMetrics(["accuracy"], null);
 * metrics.update([yTrue], [yPred], null, ["dense"]);
 * metrics.results(); // { accuracy: 0.5 }
 * ```
 */
export class CompileMetrics {
  private entries: OutputMetric[] | null = null;

  constructor(
    readonly metricsSpec: MetricsSpec | undefined,
    readonly weightedSpec: MetricsSpec | undefined,
  ) {}

  /** The metric objects in log order (unweighted first, then weighted); empty until built. */
  get metrics(): Metric[] {
    return (this.entries ?? []).map((e) => e.metric);
  }

  private perOutput(
    spec: MetricsSpec | undefined,
    names: readonly string[],
    what: string,
  ): MetricIdentifier[][] {
    const n = names.length;
    const asList = (x: unknown): MetricIdentifier[] =>
      x === null || x === undefined
        ? []
        : Array.isArray(x)
          ? [...(x as MetricIdentifier[])]
          : [x as MetricIdentifier];
    if (spec === null || spec === undefined) return names.map(() => []);
    if (Array.isArray(spec)) {
      if (n === 1) return [spec.flatMap((x) => asList(x))];
      if (spec.length !== n)
        throw new ValueError(
          `For a model with multiple outputs, when providing the \`${what}\` argument as a list, it should ` +
            `have as many entries as the model has outputs. Received: ${what} with ${spec.length} entries; ` +
            `the model has ${n} outputs: ${JSON.stringify(names)}.`,
        );
      return spec.map((x) => asList(x));
    }
    if (typeof spec === "object") {
      const record = spec as Record<string, unknown>;
      for (const key of Object.keys(record))
        if (!names.includes(key))
          throw new ValueError(
            `In the dict argument \`${what}\`, key "${key}" does not correspond to any model output. ` +
              `Output names: ${JSON.stringify(names)}.`,
          );
      return names.map((name) => asList(record[name]));
    }
    throw new ValueError(`Expected \`${what}\` to be a list or a record, received ${String(spec)}.`);
  }

  private build(yTrue: readonly (Tensor | null)[], yPred: readonly Tensor[], names: readonly string[]): void {
    const entries: OutputMetric[] = [];
    const used = new Map<string, number>();
    const prefix = (index: number, name: string): string =>
      names.length > 1 ? `${names[index]}_${name}` : name;
    const add = (spec: MetricsSpec | undefined, weighted: boolean, what: string): void => {
      this.perOutput(spec, names, what).forEach((ids, index) => {
        const yt = yTrue[index];
        if (!yt) return;
        for (const id of ids) {
          const metric = resolveOne(id, yt, yPred[index]!);
          // Keras's CompileMetrics.result(): `<output>_<name>`; a clash gets `_1`, `_2`, ...
          // (weighted metrics first try `<output>_weighted_<name>`). User instances keep their name.
          let logName = prefix(index, metric.name);
          if (used.has(logName) && weighted) logName = prefix(index, `weighted_${metric.name}`);
          if (used.has(logName)) {
            const k = used.get(logName)!;
            used.set(logName, k + 1);
            logName = `${logName}_${k}`;
          } else used.set(logName, 1);
          entries.push({ index, metric, weighted, logName });
        }
      });
    };
    add(this.metricsSpec, false, "metrics");
    add(this.weightedSpec, true, "weightedMetrics");
    this.entries = entries;
  }

  /** The names the results are logged under, in order. */
  get names(): string[] {
    return (this.entries ?? []).map((e) => e.logName);
  }

  /** Updates every metric with one batch (building them on the first). */
  update(
    yTrue: readonly (Tensor | null)[],
    yPred: readonly Tensor[],
    sampleWeight: readonly (Tensor | null)[] | null,
    names: readonly string[],
  ): void {
    if (!this.entries) this.build(yTrue, yPred, names);
    for (const e of this.entries!) {
      const yt = yTrue[e.index]!;
      const sw = e.weighted ? (sampleWeight?.[e.index] ?? undefined) : undefined;
      (e.metric as unknown as { updateState(a: Tensor, b: Tensor, c?: Tensor): void }).updateState(
        yt,
        yPred[e.index]!,
        sw ?? undefined,
      );
    }
  }

  /** The current results, keyed by metric name. */
  results(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.entries ?? []) out[e.logName] = Number(e.metric.result().item());
    return out;
  }

  /** Resets every metric's state. */
  resetState(): void {
    for (const m of this.metrics) m.resetState();
  }
}
