/**
 * The options every optimizer accepts, and the validation of options and of `apply`'s inputs.
 */
import { ShapeError, ValueError } from "../core/errors.js";
import { formatShape, shapesEqual } from "../core/shape.js";
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { convertToTensor } from "../ops/index.js";
import { LearningRateSchedule } from "./schedules/learning-rate-schedule.js";

/** A learning rate: a number, a schedule of the step, or a function of nothing. */
export type LearningRate = number | LearningRateSchedule | (() => number | Tensor);

/** Options shared by every optimizer (Keras 3's base optimizer arguments, in camelCase). */
export interface OptimizerOptions {
  /** A number, a `LearningRateSchedule`, or a zero-argument function. Default: the optimizer's. */
  learningRate?: LearningRate;
  /** Decoupled weight decay: each step `w -= w * weightDecay * lr` before the update. */
  weightDecay?: number | null;
  /** Clip each gradient to this L2 norm. */
  clipnorm?: number | null;
  /** Clip each gradient element to `[-clipvalue, clipvalue]`. */
  clipvalue?: number | null;
  /** Clip all gradients together to this global L2 norm. */
  globalClipnorm?: number | null;
  /** Keep an exponential moving average of the weights. Default false. */
  useEma?: boolean;
  /** The moving average's momentum: `avg = m * avg + (1 - m) * w`. Default 0.99. */
  emaMomentum?: number;
  /** Every this many steps, overwrite the weights with their moving average. Default null. */
  emaOverwriteFrequency?: number | null;
  /** Loss scaling: `scaleLoss` multiplies by it and gradients are divided by it. Default null. */
  lossScaleFactor?: number | null;
  /** Accumulate gradients over this many calls (>= 2) and update once with their mean. */
  gradientAccumulationSteps?: number | null;
  /** Defaults to the snake_case class name made unique ("adam", "adam_1", ...). */
  name?: string;
}

/** The option names of the base class. */
export const BASE_OPTION_KEYS: readonly string[] = [
  "learningRate",
  "weightDecay",
  "clipnorm",
  "clipvalue",
  "globalClipnorm",
  "useEma",
  "emaMomentum",
  "emaOverwriteFrequency",
  "lossScaleFactor",
  "gradientAccumulationSteps",
  "name",
];

/**
 * Throws a ValueError naming any option that is not in `allowed`.
 * @example
 * ```ts
 * checkOptionKeys("SGD", { momentum: 0.9 }, [...BASE_OPTION_KEYS, "momentum", "nesterov"]);
 * ```
 */
export function checkOptionKeys(where: string, options: object, allowed: readonly string[]): void {
  const unknown = Object.keys(options).filter((k) => !allowed.includes(k));
  if (unknown.length) {
    throw new ValueError(
      `${where}: argument(s) not recognized: ${unknown.join(", ")}. Valid arguments are: ${allowed.join(", ")}.`,
      { unknown },
    );
  }
}

/**
 * A finite number, or null/undefined → null; a ValueError otherwise.
 * @example
 * ```ts
 * optionalNumber("SGD", "clipnorm", undefined); // null
 * ```
 */
export function optionalNumber(where: string, key: string, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return finiteNumber(where, key, value);
}

/**
 * A finite number; a ValueError otherwise.
 * @example
 * ```ts
 * finiteNumber("Adam", "beta1", 0.9); // 0.9
 * ```
 */
export function finiteNumber(where: string, key: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ValueError(
      `${where}: argument \`${key}\` must be a finite number. Received: ${key}=${String(value)}.`,
      {
        [key]: value,
      },
    );
  }
  return value;
}

/**
 * A number within `[lo, hi]`; a ValueError otherwise.
 * @example
 * ```ts
 * numberInRange("SGD", "momentum", 0.9, 0, 1); // 0.9
 * ```
 */
export function numberInRange(where: string, key: string, value: unknown, lo: number, hi: number): number {
  const n = finiteNumber(where, key, value);
  if (n < lo || n > hi) {
    throw new ValueError(`${where}: \`${key}\` must be in the range [${lo}, ${hi}]. Received: ${key}=${n}.`, {
      [key]: n,
    });
  }
  return n;
}

/**
 * Validates the base options (Keras's checks: one clipping mode at most, accumulation >= 2,
 * EMA momentum in [0, 1], overwrite frequency a positive integer).
 * @example
 * ```ts
 * validateBaseOptions("SGD", { clipnorm: 1 });
 * ```
 */
export function validateBaseOptions(where: string, o: OptimizerOptions): void {
  const clips = [o.clipnorm, o.clipvalue, o.globalClipnorm].filter((c) => c !== null && c !== undefined);
  if (clips.length > 1) {
    throw new ValueError(
      `${where}: only one of \`clipnorm\`, \`clipvalue\` and \`globalClipnorm\` can be set. Received: ` +
        `clipnorm=${o.clipnorm}, clipvalue=${o.clipvalue}, globalClipnorm=${o.globalClipnorm}.`,
      { clipnorm: o.clipnorm, clipvalue: o.clipvalue, globalClipnorm: o.globalClipnorm },
    );
  }
  const steps = o.gradientAccumulationSteps;
  if (steps !== null && steps !== undefined && (!Number.isInteger(steps) || steps < 2)) {
    throw new ValueError(
      `${where}: \`gradientAccumulationSteps\` must be an integer >= 2. Received: gradientAccumulationSteps=${steps}.`,
      { gradientAccumulationSteps: steps },
    );
  }
  if (o.useEma) {
    numberInRange(where, "emaMomentum", o.emaMomentum ?? 0.99, 0, 1);
    const freq = o.emaOverwriteFrequency;
    if (freq !== null && freq !== undefined && (!Number.isInteger(freq) || freq < 1)) {
      throw new ValueError(
        `${where}: \`emaOverwriteFrequency\` must be an integer >= 1 or null. Received: emaOverwriteFrequency=${freq}.`,
        { emaOverwriteFrequency: freq },
      );
    }
  }
  const lr = o.learningRate;
  if (
    lr !== undefined &&
    !(lr instanceof LearningRateSchedule) &&
    typeof lr !== "function" &&
    (typeof lr !== "number" || !Number.isFinite(lr))
  ) {
    throw new ValueError(
      `${where}: argument \`learningRate\` should be a number, a LearningRateSchedule, or a function ` +
        `returning the learning rate. Received: learningRate=${String(lr)}.`,
      { learningRate: lr },
    );
  }
}

/**
 * The gradient as a tensor, checked to have the variable's shape (a ShapeError otherwise).
 * @example
 * ```ts
 * checkGradientShape("sgd", keras.tensor([1, 2]), new keras.Variable([0, 0]));
 * ```
 */
export function checkGradientShape(optimizerName: string, g: Tensor, v: Variable): Tensor {
  const t = convertToTensor(g);
  if (!shapesEqual(t.shape, v.shape)) {
    throw new ShapeError(
      `Optimizer "${optimizerName}": the gradient for variable "${v.path}" has shape ${formatShape(t.shape)}, ` +
        `expected the variable's shape ${formatShape(v.shape)}.`,
      { op: "apply", shapes: [t.shape, v.shape] },
    );
  }
  return t;
}

/**
 * The error for a variable the optimizer was not built with.
 * @example
 * ```ts
 * throw unknownVariableError(variable);
 * ```
 */
export function unknownVariableError(v: Variable): ValueError {
  return new ValueError(
    `Unknown variable: "${v.path}". This optimizer can only be called for the variables it was originally ` +
      "built with. When working with a new set of variables, create a new optimizer instance.",
    { variable: v.path },
  );
}
