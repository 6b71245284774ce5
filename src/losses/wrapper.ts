/**
 * `LossFunctionWrapper`: a `Loss` built from a loss function `(yTrue, yPred, options) => values`,
 * with the function's options fixed at construction (Keras's `LossFunctionWrapper`). Every built-in
 * loss class is one.
 */
import { ValueError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import type { TensorLike } from "../ops/convert.js";
import { Loss, squeezeOrExpandToSameRank, type LossArgs, type LossConfig } from "./loss.js";

/** A loss function: per-sample values from labels and predictions, with optional settings. */
export type LossFunction = (yTrue: TensorLike, yPred: TensorLike, options?: any) => Tensor;

const functionNames = new Map<LossFunction, string>();
const functionsByName = new Map<string, LossFunction>();

/**
 * Records the serialized (snake_case) name of a loss function, so wrappers of it can be saved.
 * @example
 * ```ts
 * registerLossFunction("my_loss", myLoss);
 * ```
 */
export function registerLossFunction(name: string, fn: LossFunction): void {
  if (!functionNames.has(fn)) functionNames.set(fn, name);
  functionsByName.set(name, fn);
}

/**
 * The registered name of a loss function, if any.
 * @example
 * ```ts
 * lossFunctionName(keras.losses.meanSquaredError); // "mean_squared_error"
 * ```
 */
export function lossFunctionName(fn: LossFunction): string | undefined {
  return functionNames.get(fn);
}

/**
 * The loss function registered under `name` (exact snake_case name or alias), if any.
 * @example
 * ```ts
 * lossFunctionByName("mse"); // keras.losses.meanSquaredError
 * ```
 */
export function lossFunctionByName(name: string): LossFunction | undefined {
  return functionsByName.get(name);
}

/**
 * Wraps a loss function as a `Loss`. `call` first squeezes or expands the labels or predictions
 * when their ranks differ by one over a last axis of size 1, then calls `fn(yTrue, yPred, options)`.
 *
 * @example
 * ```ts
 * const loss = new keras.losses.LossFunctionWrapper(keras.losses.huber, { reduction: "sum" }, { delta: 2 });
 * loss.apply([[0, 0]], [[1, 3]]).item(); // 2.25
 * ```
 */
export class LossFunctionWrapper extends Loss {
  static override className = "LossFunctionWrapper";

  readonly fn: LossFunction;
  /** The options passed to `fn` on every call. */
  readonly fnOptions: Readonly<Record<string, unknown>>;

  constructor(fn: LossFunction, args: LossArgs = {}, fnOptions: Record<string, unknown> = {}) {
    if (typeof fn !== "function")
      throw new ValueError(`LossFunctionWrapper needs a loss function, received ${String(fn)}.`);
    super({ name: args.name ?? lossFunctionName(fn) ?? "loss_function_wrapper", ...stripUndefined(args) });
    this.fn = fn;
    this.fnOptions = { ...fnOptions };
  }

  call(yTrue: Tensor, yPred: Tensor): Tensor {
    const [yt, yp] = squeezeOrExpandToSameRank(yTrue, yPred);
    return this.fn(yt, yp, this.fnOptions);
  }

  /** `name`, `reduction`, the function's registered name as `fn`, and its options. */
  override getConfig(): LossConfig {
    const fn = lossFunctionName(this.fn);
    if (fn === undefined)
      throw new ValueError(
        `Cannot serialize a LossFunctionWrapper of an unregistered function; register it with ` +
          `keras.losses.registerLossFunction(name, fn) first.`,
      );
    return { ...super.getConfig(), fn, ...this.fnOptions };
  }

  /** Rebuilds a wrapper from `getConfig()` output (`fn` names a registered loss function). */
  static override fromConfig<T extends Loss>(this: new (config?: any) => T, config: LossConfig = {}): T {
    const { name, reduction, dtype, fn, ...options } = config;
    if (this !== (LossFunctionWrapper as unknown)) return new this(config);
    const f = typeof fn === "string" ? lossFunctionByName(fn) : undefined;
    if (f === undefined)
      throw new ValueError(`Unknown loss function in LossFunctionWrapper config: fn=${JSON.stringify(fn)}.`);
    const args = { name, reduction, dtype } as LossArgs;
    return new LossFunctionWrapper(f, args, options) as unknown as T;
  }
}

function stripUndefined(args: LossArgs): LossArgs {
  const out: LossArgs = {};
  if (args.reduction !== undefined) out.reduction = args.reduction;
  if (args.dtype !== undefined) out.dtype = args.dtype;
  return out;
}

/**
 * Base of the built-in loss classes: a `LossFunctionWrapper` whose options are also its fields
 * and whose config is `name`, `reduction` and the loss's own options (camelCase), without `fn`.
 * @example
 * ```ts
 * new keras.losses.Huber({ delta: 2 }).getConfig();
 * // { name: "huber_loss", reduction: "sum_over_batch_size", delta: 2 }
 * ```
 */
export abstract class BuiltinLoss extends LossFunctionWrapper {
  static override className = "BuiltinLoss";

  /** As `LossFunctionWrapper`'s, and exposes each of `fnOptions` as a field of the same name. */
  constructor(fn: LossFunction, args: LossArgs = {}, fnOptions: Record<string, unknown> = {}) {
    super(fn, args, fnOptions);
    Object.assign(this, this.fnOptions);
  }

  override getConfig(): LossConfig {
    return { name: this.name, reduction: this.reduction, ...this.fnOptions };
  }
}

/**
 * `args` with `name` defaulted to `name` (used by the built-in classes for Keras's default names).
 * @example
 * ```ts
 * withDefaultName({}, "huber_loss"); // { name: "huber_loss" }
 * ```
 */
export function withDefaultName(args: LossArgs, name: string): LossArgs {
  return { ...args, name: args.name ?? name };
}

/**
 * Splits a built-in loss class's constructor arguments into its `Loss` arguments (with `name`
 * defaulted to `defaultName`) and its loss-function options: every key of `defaults`, in that
 * order, taking the argument's value unless it is `undefined`.
 * @example
 * ```ts
 * splitBuiltinArgs({ axis: 1, reduction: "sum" }, "my_loss", { fromLogits: false, axis: -1 });
 * // [{ reduction: "sum", name: "my_loss" }, { fromLogits: false, axis: 1 }]
 * ```
 */
export function splitBuiltinArgs<O extends object>(
  args: LossArgs & Partial<O>,
  defaultName: string,
  defaults: O,
): [LossArgs, O] {
  const lossArgs: Record<string, unknown> = { ...args };
  const options: Record<string, unknown> = {};
  for (const [key, fallback] of Object.entries(defaults)) {
    const value = lossArgs[key];
    options[key] = value === undefined ? fallback : value;
    delete lossArgs[key];
  }
  return [withDefaultName(lossArgs as LossArgs, defaultName), options as O];
}
