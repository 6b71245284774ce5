/**
 * Weight regularizers: penalties added to the loss. `L1`, `L2`, `L1L2` follow Keras's formulas.
 */
import { ValueError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { abs, add, multiply, square, sum, zeros } from "../ops/index.js";

/** Plain-data configuration of a regularizer (camelCase keys). */
export type RegularizerConfig = Record<string, unknown>;

/**
 * Base class of regularizers: `call(x)` returns a scalar penalty for the weight `x`.
 *
 * @example
 * ```ts
 * class SumSquares extends keras.regularizers.Regularizer {
 *   static override className = "SumSquares";
 *   call(x: keras.Tensor) { return keras.ops.sum(keras.ops.square(x)); }
 * }
 * ```
 */
export abstract class Regularizer {
  /** Name used in serialized configs; subclasses override it. */
  static className = "Regularizer";

  /** The penalty for `x`, a scalar of `x`'s dtype. */
  abstract call(x: Tensor | Variable): Tensor;

  /** The constructor arguments, as plain data. */
  abstract getConfig(): RegularizerConfig;

  get className(): string {
    return (this.constructor as typeof Regularizer).className;
  }

  /** Rebuilds a regularizer from `getConfig()` output. */
  static fromConfig<T extends Regularizer>(this: new (config?: any) => T, config: RegularizerConfig = {}): T {
    return new this(config);
  }
}

/**
 * Checks a regularization factor: a finite, non-negative number.
 * @example
 * ```ts
 * validateFactor(0.01, "l2"); // 0.01; -1 or Infinity throw ValueError
 * ```
 */
export function validateFactor(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new ValueError(
      `Invalid value for argument ${name}: expected a non-negative float. Received: ${name}=${String(value)}`,
      { [name]: value },
    );
  }
  return value;
}

// The factor is a weak JS number, so the penalty keeps the weight's dtype (Keras casts it).
function l1Term(x: Tensor | Variable, factor: number): Tensor {
  return multiply(sum(abs(x)), factor);
}

function l2Term(x: Tensor | Variable, factor: number): Tensor {
  return multiply(sum(square(x)), factor);
}

/** Options of {@link L1L2}. */
export interface L1L2Args {
  /** L1 factor. Default 0. */
  l1?: number | null;
  /** L2 factor. Default 0. */
  l2?: number | null;
}

/**
 * `l1 * sum(|x|) + l2 * sum(x²)` (both factors default to 0, as Keras's `L1L2` class).
 * @example
 * ```ts
 * new keras.regularizers.L1L2({ l1: 0.01, l2: 0.01 }).call(keras.tensor([1, -2])).item(); // 0.08
 * ```
 */
export class L1L2 extends Regularizer {
  static override className = "L1L2";
  readonly l1: number;
  readonly l2: number;

  constructor(args: L1L2Args = {}) {
    super();
    this.l1 = validateFactor(args.l1 ?? 0, "l1");
    this.l2 = validateFactor(args.l2 ?? 0, "l2");
  }

  call(x: Tensor | Variable): Tensor {
    let penalty: Tensor = zeros([], x.dtype);
    if (this.l1 !== 0) penalty = add(penalty, l1Term(x, this.l1));
    if (this.l2 !== 0) penalty = add(penalty, l2Term(x, this.l2));
    return penalty;
  }

  getConfig(): RegularizerConfig {
    return { l1: this.l1, l2: this.l2 };
  }
}

/** Options of {@link L1}. */
export interface L1Args {
  /** Default 0.01. */
  l1?: number | null;
}

/**
 * `l1 * sum(|x|)` (default l1 = 0.01).
 * @example
 * ```ts
 * new keras.regularizers.L1({ l1: 0.1 }).call(keras.tensor([1, -2])).item(); // 0.3
 * ```
 */
export class L1 extends Regularizer {
  static override className = "L1";
  readonly l1: number;

  constructor(args: L1Args | number = {}) {
    super();
    this.l1 = validateFactor(typeof args === "number" ? args : (args.l1 ?? 0.01), "l1");
  }

  call(x: Tensor | Variable): Tensor {
    return l1Term(x, this.l1);
  }

  getConfig(): RegularizerConfig {
    return { l1: this.l1 };
  }
}

/** Options of {@link L2}. */
export interface L2Args {
  /** Default 0.01. */
  l2?: number | null;
}

/**
 * `l2 * sum(x²)` (default l2 = 0.01).
 * @example
 * ```ts
 * new keras.regularizers.L2({ l2: 0.1 }).call(keras.tensor([1, -2])).item(); // 0.5
 * ```
 */
export class L2 extends Regularizer {
  static override className = "L2";
  readonly l2: number;

  constructor(args: L2Args | number = {}) {
    super();
    this.l2 = validateFactor(typeof args === "number" ? args : (args.l2 ?? 0.01), "l2");
  }

  call(x: Tensor | Variable): Tensor {
    return l2Term(x, this.l2);
  }

  getConfig(): RegularizerConfig {
    return { l2: this.l2 };
  }
}
