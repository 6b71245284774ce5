/**
 * The `Metric` base class: a stateful accumulator whose state lives in non-trainable variables.
 * Follows Keras 3's `keras.metrics.Metric`: `updateState` accumulates, `result` reads, `resetState`
 * zeroes, `getConfig` / `fromConfig` round-trip the constructor arguments.
 */
import { checkDType, FLOATX, type DType } from "../core/dtype.js";
import type { Tensor } from "../core/tensor.js";
import { Variable } from "../core/variable.js";
import { autoName } from "../engine/naming.js";
import { add, convertToTensor, zeros, type TensorLike } from "../ops/index.js";

/** A metric's configuration: camelCase keys, JSON-compatible values. */
export type MetricConfig = Record<string, unknown>;

/** The options every metric accepts. */
export interface MetricArgs {
  /** The metric's name; defaults to the snake_case class name made unique (`"mean"`, `"mean_1"`). */
  name?: string;
  /** The dtype of the state and result. Default `"float32"`. */
  dtype?: DType;
}

/**
 * Base class of all metrics. Subclasses create their state with `addVariable` in the constructor and
 * implement `updateState` and `result`; `resetState` zeroes every variable.
 *
 * @example
 * ```ts
 * class Count extends keras.metrics.Metric {
 *   static override className = "Count";
 *   private readonly n = this.addVariable([], "n");
 *   updateState(values: keras.Tensor) {
 *     this.n.assign(this.n.value.item() as number + values.shape[0]!);
 *   }
 *   result() {
 *     return this.n.value;
 *   }
 * }
 * const m = new Count();
 * m.updateState(keras.tensor([1, 2, 3]));
 * m.result().item(); // 3
 * ```
 */
export abstract class Metric {
  /** The registered class name (never `constructor.name`, which minifiers rename). */
  static className = "Metric";
  /** The metric's name, as shown in training logs. */
  name: string;
  /** The dtype of the state variables and the result. */
  readonly dtype: DType;
  private readonly stateVariables: Variable[] = [];

  constructor(args: MetricArgs = {}) {
    const ctor = this.constructor as typeof Metric;
    this.name = args.name ?? autoName(ctor.className);
    this.dtype = checkDType(args.dtype ?? FLOATX, `dtype of metric "${this.name}"`);
  }

  /** The state variables (all non-trainable), in creation order. */
  get variables(): Variable[] {
    return [...this.stateVariables];
  }

  /**
   * Creates a non-trainable state variable filled with zeros, with path `"<metric name>/<name>"`.
   *
   * @example
   * ```ts
   * // inside a Metric subclass constructor:
   * // this.total = this.addVariable([], "total");
   * ```
   */
  protected addVariable(shape: readonly number[], name: string, dtype: DType = this.dtype): Variable {
    const v = new Variable(zeros(shape, dtype), {
      name,
      path: `${this.name}/${name}`,
      trainable: false,
      dtype,
    });
    this.stateVariables.push(v);
    return v;
  }

  /** Adds `delta` to `variable` (Keras's `assign_add`). */
  protected assignAdd(variable: Variable, delta: TensorLike): void {
    variable.assign(add(variable.value, convertToTensor(delta, variable.dtype)));
  }

  /** Accumulates statistics from one batch. */
  abstract updateState(...args: never[]): void;

  /** The metric's current value, computed from the state. */
  abstract result(): Tensor;

  /**
   * Zeroes every state variable.
   *
   * @example
   * ```ts
   * const m = new keras.metrics.Mean();
   * m.updateState(keras.tensor([1, 2]));
   * m.resetState();
   * m.result().item(); // 0
   * ```
   */
  resetState(): void {
    for (const v of this.stateVariables) v.assign(zeros(v.shape, v.dtype));
  }

  /**
   * The constructor arguments, as a plain object (`{ name, dtype, ... }`).
   *
   * @example
   * ```ts
   * new keras.metrics.Mean({ name: "avg" }).getConfig(); // { name: "avg", dtype: "float32" }
   * ```
   */
  getConfig(): MetricConfig {
    return { name: this.name, dtype: this.dtype };
  }

  /**
   * Rebuilds a metric from `getConfig()`'s output.
   *
   * @example
   * ```ts
   * const copy = keras.metrics.Mean.fromConfig(new keras.metrics.Mean({ name: "avg" }).getConfig());
   * ```
   */
  static fromConfig<T extends Metric>(this: new (config: never) => T, config: MetricConfig): T {
    return new this(config as never);
  }

  toString(): string {
    return `<${(this.constructor as typeof Metric).className} name=${this.name}>`;
  }
}
