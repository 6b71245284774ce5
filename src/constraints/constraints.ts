/**
 * Weight constraints, applied to a variable after each optimizer update: MaxNorm, MinMaxNorm,
 * NonNeg, UnitNorm, with Keras's formulas (epsilon 1e-7 guards the division).
 */
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { add, divide, maximum, minimum, multiply, sqrt, square, sum } from "../ops/index.js";

/**
 * Keras's `backend.epsilon()`, added to norms before dividing.
 * @example
 * ```ts
 * keras.constraints.EPSILON; // 1e-7
 * ```
 */
export const EPSILON = 1e-7;

/** Plain-data configuration of a constraint (camelCase keys). */
export type ConstraintConfig = Record<string, unknown>;

/**
 * Base class of constraints: `call(w)` returns the projected weight.
 *
 * @example
 * ```ts
 * class Clip01 extends keras.constraints.Constraint {
 *   static override className = "Clip01";
 *   call(w: keras.Tensor) { return keras.ops.minimum(keras.ops.maximum(w, 0), 1); }
 * }
 * ```
 */
export abstract class Constraint {
  /** Name used in serialized configs; subclasses override it. */
  static className = "Constraint";

  /** The constrained value of `w`. */
  abstract call(w: Tensor | Variable): Tensor;

  /** The constructor arguments, as plain data. */
  getConfig(): ConstraintConfig {
    return {};
  }

  get className(): string {
    return (this.constructor as typeof Constraint).className;
  }

  /** Rebuilds a constraint from `getConfig()` output. */
  static fromConfig<T extends Constraint>(this: new (config?: any) => T, config: ConstraintConfig = {}): T {
    return new this(config);
  }
}

/** L2 norms of `w` over `axis`, keeping dims so they broadcast back. */
function norms(w: Tensor | Variable, axis: number | number[]): Tensor {
  return sqrt(sum(square(w), axis, true));
}

/** `w * desired / (epsilon + norms)`. */
function rescale(w: Tensor | Variable, desired: Tensor, n: Tensor): Tensor {
  return multiply(w, divide(desired, add(n, EPSILON)));
}

/** Options of {@link MaxNorm}. */
export interface MaxNormArgs {
  /** Largest allowed norm. Default 2. */
  maxValue?: number;
  /** Axis (or axes) along which norms are computed. Default 0 (each column of a Dense kernel). */
  axis?: number | number[];
}

/**
 * Rescales each slice along `axis` whose L2 norm exceeds `maxValue` down to `maxValue`.
 * @example
 * ```ts
 * new keras.constraints.MaxNorm({ maxValue: 1 }).call(keras.tensor([[3], [4]])).arraySync(); // ≈ [[0.6], [0.8]]
 * ```
 */
export class MaxNorm extends Constraint {
  static override className = "MaxNorm";
  readonly maxValue: number;
  readonly axis: number | number[];

  constructor(args: MaxNormArgs = {}) {
    super();
    this.maxValue = args.maxValue ?? 2;
    this.axis = args.axis ?? 0;
  }

  call(w: Tensor | Variable): Tensor {
    const n = norms(w, this.axis);
    const desired = minimum(maximum(n, 0), this.maxValue);
    return rescale(w, desired, n);
  }

  override getConfig(): ConstraintConfig {
    return { maxValue: this.maxValue, axis: this.axis };
  }
}

/** Options of {@link MinMaxNorm}. */
export interface MinMaxNormArgs {
  /** Smallest allowed norm. Default 0. */
  minValue?: number;
  /** Largest allowed norm. Default 1. */
  maxValue?: number;
  /** How far to move toward the clipped norm: 1 enforces strictly. Default 1. */
  rate?: number;
  /** Default 0. */
  axis?: number | number[];
}

/**
 * Moves each slice's L2 norm into `[minValue, maxValue]`:
 * `desired = rate * clip(norm, min, max) + (1 - rate) * norm`.
 * @example
 * ```ts
 * new keras.constraints.MinMaxNorm({ minValue: 1, maxValue: 2 }).call(keras.tensor([[0.3], [0.4]])); // norm 1
 * ```
 */
export class MinMaxNorm extends Constraint {
  static override className = "MinMaxNorm";
  readonly minValue: number;
  readonly maxValue: number;
  readonly rate: number;
  readonly axis: number | number[];

  constructor(args: MinMaxNormArgs = {}) {
    super();
    this.minValue = args.minValue ?? 0;
    this.maxValue = args.maxValue ?? 1;
    this.rate = args.rate ?? 1;
    this.axis = args.axis ?? 0;
  }

  call(w: Tensor | Variable): Tensor {
    const n = norms(w, this.axis);
    const clipped = minimum(maximum(n, this.minValue), this.maxValue);
    const desired = add(multiply(clipped, this.rate), multiply(n, 1 - this.rate));
    return rescale(w, desired, n);
  }

  override getConfig(): ConstraintConfig {
    return { minValue: this.minValue, maxValue: this.maxValue, rate: this.rate, axis: this.axis };
  }
}

/**
 * Sets negative weights to 0.
 * @example
 * ```ts
 * new keras.constraints.NonNeg().call(keras.tensor([-1, 2])).arraySync(); // [0, 2]
 * ```
 */
export class NonNeg extends Constraint {
  static override className = "NonNeg";

  call(w: Tensor | Variable): Tensor {
    return maximum(w, 0);
  }
}

/** Options of {@link UnitNorm}. */
export interface UnitNormArgs {
  /** Default 0. */
  axis?: number | number[];
}

/**
 * Divides each slice along `axis` by its L2 norm (plus epsilon).
 * @example
 * ```ts
 * new keras.constraints.UnitNorm().call(keras.tensor([[3], [4]])).arraySync(); // ≈ [[0.6], [0.8]]
 * ```
 */
export class UnitNorm extends Constraint {
  static override className = "UnitNorm";
  readonly axis: number | number[];

  constructor(args: UnitNormArgs = {}) {
    super();
    this.axis = args.axis ?? 0;
  }

  call(w: Tensor | Variable): Tensor {
    return divide(w, add(norms(w, this.axis), EPSILON));
  }

  override getConfig(): ConstraintConfig {
    return { axis: this.axis };
  }
}
