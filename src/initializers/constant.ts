/**
 * Deterministic initializers: Zeros, Ones, Constant, Identity.
 */
import { allocArray, type DType } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import { formatShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { full } from "../ops/index.js";
import { checkCallArgs, Initializer, type InitializerConfig } from "./initializer.js";

/**
 * Initializes to 0.
 * @example
 * ```ts
 * new keras.initializers.Zeros().call([2]).arraySync(); // [0, 0]
 * ```
 */
export class Zeros extends Initializer {
  static override className = "Zeros";
  call(shape: readonly number[], dtype?: DType): Tensor {
    const [s, dt] = checkCallArgs(shape, dtype, "Zeros");
    return full(s, 0, dt);
  }
}

/**
 * Initializes to 1.
 * @example
 * ```ts
 * new keras.initializers.Ones().call([2]).arraySync(); // [1, 1]
 * ```
 */
export class Ones extends Initializer {
  static override className = "Ones";
  call(shape: readonly number[], dtype?: DType): Tensor {
    const [s, dt] = checkCallArgs(shape, dtype, "Ones");
    return full(s, 1, dt);
  }
}

/** Options of {@link Constant}. */
export interface ConstantArgs {
  /** The scalar every element takes. Default 0. */
  value?: number;
}

/**
 * Initializes every element to one scalar `value` (default 0).
 * @example
 * ```ts
 * new keras.initializers.Constant(3).call([2]).arraySync();            // [3, 3]
 * new keras.initializers.Constant({ value: 3 }).call([2]).arraySync(); // [3, 3]
 * ```
 */
export class Constant extends Initializer {
  static override className = "Constant";
  readonly value: number;

  constructor(value: number | ConstantArgs = {}) {
    super();
    const v = typeof value === "number" ? value : (value.value ?? 0);
    if (typeof v !== "number" || Number.isNaN(v)) {
      throw new ValueError(
        `Constant initializer: \`value\` must be a scalar number, received ${String(v)}.`,
        {
          value: v,
        },
      );
    }
    this.value = v;
  }

  call(shape: readonly number[], dtype?: DType): Tensor {
    const [s, dt] = checkCallArgs(shape, dtype, "Constant");
    return full(s, this.value, dt);
  }

  override getConfig(): InitializerConfig {
    return { value: this.value };
  }
}

/** Options of {@link Identity}. */
export interface IdentityArgs {
  /** Multiplies the identity matrix. Default 1. */
  gain?: number;
}

/**
 * The identity matrix times `gain` (2-D shapes only; non-square shapes get ones on the main
 * diagonal).
 * @example
 * ```ts
 * new keras.initializers.Identity().call([2, 2]).arraySync(); // [[1, 0], [0, 1]]
 * ```
 */
export class Identity extends Initializer {
  static override className = "Identity";
  readonly gain: number;

  constructor(args: IdentityArgs = {}) {
    super();
    this.gain = args.gain ?? 1;
  }

  call(shape: readonly number[], dtype?: DType): Tensor {
    const [s, dt] = checkCallArgs(shape, dtype, "Identity");
    if (s.length !== 2) {
      throw new ValueError(
        `Identity matrix initializer can only be used for 2D matrices. Received: shape=${formatShape(s)} of rank ${s.length}.`,
        { shape: s },
      );
    }
    const [rows, cols] = s as [number, number];
    const values = allocArray(dt, rows * cols);
    for (let i = 0; i < Math.min(rows, cols); i++) values[i * cols + i] = this.gain;
    return new Tensor(values, s, dt);
  }

  override getConfig(): InitializerConfig {
    return { gain: this.gain };
  }
}
