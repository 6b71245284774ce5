/**
 * `BuiltinMeanMetric`: the base of the built-in metrics that track the mean of a per-sample
 * function configured by a few plain options (accuracies, crossentropies, regression errors).
 */
import type { Tensor } from "../core/tensor.js";
import type { MetricArgs, MetricConfig } from "./metric.js";
import { MeanMetricWrapper } from "./reduction.js";

/**
 * A `MeanMetricWrapper` of `perSample(yTrue, yPred, options)`, built from a default name and the
 * options' defaults. Each option is read from the constructor arguments (`undefined` or `null` take
 * the default), exposed as a field of the same name, and serialized, in `defaults`' key order,
 * after `name` and `dtype`.
 * @example
 * ```ts
 * class ScaledError extends BuiltinMeanMetric<{ factor: number }> {
 *   declare readonly factor: number;
 *   constructor(args: MetricArgs & { factor?: number } = {}) {
 *     super(args, "scaled_error", { factor: 2 }, (t, p, o) =>
 *       keras.ops.multiply(keras.ops.abs(keras.ops.subtract(t, p)), o.factor));
 *   }
 * }
 * new ScaledError().getConfig(); // { name: "scaled_error", dtype: "float32", factor: 2 }
 * ```
 */
export abstract class BuiltinMeanMetric<O extends object = Record<never, never>> extends MeanMetricWrapper {
  private readonly options: O;

  constructor(
    args: MetricArgs & Partial<O>,
    defaultName: string,
    defaults: O,
    perSample: (yTrue: Tensor, yPred: Tensor, options: O) => Tensor,
  ) {
    const given = args as Record<string, unknown>;
    const options = Object.fromEntries(Object.entries(defaults).map(([k, d]) => [k, given[k] ?? d])) as O;
    super({ ...args, name: args.name ?? defaultName, fn: (t, p) => perSample(t, p, options) });
    this.options = options;
    Object.assign(this, options);
  }

  /** `{ name, dtype, ...options }` (the per-sample function is not part of it). */
  override getConfig(): MetricConfig {
    return { name: this.name, dtype: this.dtype, ...this.options };
  }
}
