/**
 * `keras.metrics`: stateful metric classes, per-sample metric functions, and `get` / `serialize` /
 * `deserialize` over Keras's names (snake_case or camelCase; aliases "mse", "mae").
 */
import { ValueError } from "../core/errors.js";
import { toSnakeCase } from "../engine/naming.js";
import {
  Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  SparseCategoricalAccuracy,
  SparseTopKCategoricalAccuracy,
  TopKCategoricalAccuracy,
} from "./accuracy.js";
import { AUC } from "./auc.js";
import {
  FalseNegatives,
  FalsePositives,
  Precision,
  Recall,
  TrueNegatives,
  TruePositives,
} from "./confusion.js";
import { Metric, type MetricConfig } from "./metric.js";
import { Mean, MeanMetricWrapper, Sum } from "./reduction.js";
import { MeanAbsoluteError, MeanSquaredError, RootMeanSquaredError } from "./regression.js";
import { F1Score, FBetaScore } from "./f-score.js";
import { IoU, MeanIoU } from "./iou.js";
import { R2Score } from "./r2-score.js";
import {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  SparseCategoricalCrossentropy,
} from "./probabilistic.js";

export { Metric, type MetricArgs, type MetricConfig } from "./metric.js";
export {
  divideNoNan,
  Mean,
  MeanMetricWrapper,
  reduceToSamplewiseValues,
  squeezeOrExpandToSameRank,
  Sum,
  type MeanMetricWrapperArgs,
  type MetricFn,
} from "./reduction.js";
export {
  Accuracy,
  accuracy,
  BinaryAccuracy,
  binaryAccuracy,
  CategoricalAccuracy,
  categoricalAccuracy,
  inTopK,
  SparseCategoricalAccuracy,
  sparseCategoricalAccuracy,
  SparseTopKCategoricalAccuracy,
  sparseTopKCategoricalAccuracy,
  TopKCategoricalAccuracy,
  topKCategoricalAccuracy,
  type BinaryAccuracyArgs,
  type TopKArgs,
} from "./accuracy.js";
export {
  MeanAbsoluteError,
  meanAbsoluteError,
  MeanSquaredError,
  meanSquaredError,
  RootMeanSquaredError,
} from "./regression.js";
export {
  FalseNegatives,
  FalsePositives,
  Precision,
  Recall,
  TrueNegatives,
  TruePositives,
  type PrecisionRecallArgs,
  type ThresholdArgs,
} from "./confusion.js";
export {
  BinaryCrossentropy,
  binaryCrossentropy,
  CategoricalCrossentropy,
  categoricalCrossentropy,
  SparseCategoricalCrossentropy,
  sparseCategoricalCrossentropy,
  type CategoricalCrossentropyArgs,
  type CrossentropyArgs,
  type SparseCategoricalCrossentropyArgs,
} from "./probabilistic.js";
export { F1Score, FBetaScore, type F1ScoreArgs, type FBetaScoreArgs, type FScoreAverage } from "./f-score.js";
export { R2Score, type R2ClassAggregation, type R2ScoreArgs } from "./r2-score.js";
export { IoU, MeanIoU, type IoUArgs, type MeanIoUArgs } from "./iou.js";
export { AUC, type AUCArgs, type AUCCurve, type AUCSummationMethod } from "./auc.js";
export { resolveAccuracy, accuracyForShapes } from "./resolve-accuracy.js";

/** A metric class as stored in the lookup table. */
export type MetricClass = (abstract new (...args: never[]) => Metric) & { className: string };

const table = new Map<string, MetricClass>();

function key(name: string): string {
  return name.replace(/_/g, "").toLowerCase();
}

/**
 * Makes a metric class known to `get` / `deserialize` under its `className` (any casing style) and
 * optional aliases.
 *
 * @example
 * ```ts
 * keras.metrics.register(MyMetric);
 * keras.metrics.get("my_metric");
 * ```
 */
export function register(cls: MetricClass, aliases: readonly string[] = []): void {
  for (const name of [cls.className, ...aliases]) table.set(key(name), cls);
}

for (const cls of [
  Mean,
  Sum,
  MeanMetricWrapper,
  Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  SparseCategoricalAccuracy,
  TopKCategoricalAccuracy,
  SparseTopKCategoricalAccuracy,
  MeanSquaredError,
  MeanAbsoluteError,
  RootMeanSquaredError,
  TruePositives,
  TrueNegatives,
  FalsePositives,
  FalseNegatives,
  Precision,
  Recall,
  AUC,
  BinaryCrossentropy,
  CategoricalCrossentropy,
  SparseCategoricalCrossentropy,
  FBetaScore,
  F1Score,
  R2Score,
  IoU,
  MeanIoU,
] as MetricClass[]) {
  register(cls);
}
register(MeanSquaredError, ["mse"]);
register(MeanAbsoluteError, ["mae"]);
register(BinaryCrossentropy, ["bce"]);

/** The serialized form of a metric: its class name and config. */
export interface SerializedMetric {
  className: string;
  config: MetricConfig;
}

function lookup(name: string): MetricClass {
  const cls = table.get(key(name));
  if (!cls) {
    const valid = [...new Set([...table.values()].map((c) => toSnakeCase(c.className)))].sort();
    throw new ValueError(
      `Could not interpret metric identifier: "${name}". Valid metric names are: ${valid.join(", ")}.`,
      {
        received: name,
        valid,
      },
    );
  }
  return cls;
}

type Constructible = new (config?: MetricConfig) => Metric;

/**
 * `{ className, config }` for a metric.
 *
 * @example
 * ```ts
 * keras.metrics.serialize(new keras.metrics.Mean({ name: "avg" }));
 * // { className: "Mean", config: { name: "avg", dtype: "float32" } }
 * ```
 */
export function serialize(metric: Metric): SerializedMetric {
  return { className: (metric.constructor as MetricClass).className, config: metric.getConfig() };
}

/**
 * Rebuilds a metric from a name or from `serialize`'s output.
 *
 * @example
 * ```ts
 * keras.metrics.deserialize({ className: "BinaryAccuracy", config: { threshold: 0.7 } });
 * ```
 */
export function deserialize(config: string | SerializedMetric): Metric {
  if (typeof config === "string") return new (lookup(config) as unknown as Constructible)();
  const cls = lookup(config.className) as unknown as Constructible;
  return new cls(config.config);
}

/**
 * Turns an identifier into a metric: an instance passes through; a class is constructed; a name
 * ("accuracy", "sparse_categorical_accuracy", "mse", "AUC") or `{ className, config }` is looked up.
 *
 * @example
 * ```ts
 * keras.metrics.get("sparse_categorical_accuracy"); // a SparseCategoricalAccuracy
 * keras.metrics.get("mse").name; // "mean_squared_error"
 * ```
 */
export function get(identifier: string | SerializedMetric | Metric | MetricClass): Metric {
  if (identifier instanceof Metric) return identifier;
  if (typeof identifier === "function") return new (identifier as unknown as Constructible)();
  if (typeof identifier === "string" || (typeof identifier === "object" && identifier !== null)) {
    return deserialize(identifier);
  }
  throw new ValueError(`Could not interpret metric identifier: ${String(identifier)}.`);
}
