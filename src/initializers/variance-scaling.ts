/**
 * VarianceScaling and its named special cases (Glorot, He, LeCun; uniform and normal).
 */
import type { DType } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import { normal, truncatedNormal, uniform } from "../random/index.js";
import { checkCallArgs, seedConfig, type InitializerConfig, type Seed } from "./initializer.js";
import { RandomInitializer } from "./random.js";

/**
 * Standard deviation of a unit normal truncated to [-2, 2]; dividing by it restores the target std.
 * @example
 * ```ts
 * const stddev = Math.sqrt(scale / fanIn) / TRUNCATED_NORMAL_STD_CORRECTION;
 * ```
 */
export const TRUNCATED_NORMAL_STD_CORRECTION = 0.87962566103423978;

export type FanMode = "fan_in" | "fan_out" | "fan_avg";
export type ScalingDistribution = "truncated_normal" | "untruncated_normal" | "uniform";

/**
 * `[fanIn, fanOut]` of a weight shape, as Keras computes them: a vector has both equal to its
 * length; a matrix `[in, out]`; a conv kernel `[...spatial, in, out]` multiplies both by the
 * receptive field size. `inputAxes`/`outputAxes`, when both given, pick the axes explicitly.
 *
 * @example
 * ```ts
 * computeFans([784, 300]);     // [784, 300]
 * computeFans([3, 3, 16, 32]); // [144, 288]
 * ```
 */
export function computeFans(
  shape: readonly number[],
  inputAxes?: readonly number[] | null,
  outputAxes?: readonly number[] | null,
): [number, number] {
  if (inputAxes && outputAxes) {
    const prod = (axes: readonly number[]) =>
      axes.reduce((p, a) => p * (shape[a < 0 ? a + shape.length : a] ?? 1), 1);
    return [prod(inputAxes), prod(outputAxes)];
  }
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0]!, shape[0]!];
  if (shape.length === 2) return [shape[0]!, shape[1]!];
  let receptive = 1;
  for (const d of shape.slice(0, -2)) receptive *= d;
  return [shape[shape.length - 2]! * receptive, shape[shape.length - 1]! * receptive];
}

/** Options of {@link VarianceScaling}. */
export interface VarianceScalingArgs {
  /** Positive scaling factor. Default 1. */
  scale?: number;
  /** Which fan divides `scale`. Default "fan_in". */
  mode?: FanMode;
  /** Default "truncated_normal" ("normal" is accepted as its alias). */
  distribution?: ScalingDistribution | "normal";
  seed?: Seed;
  /** Axes counted as input units (needs `outputAxes` too). */
  inputAxes?: number[] | null;
  /** Axes counted as output units (needs `inputAxes` too). */
  outputAxes?: number[] | null;
}

/**
 * Scales its distribution to the weight shape: with `n` the fan picked by `mode`, normal
 * distributions get `stddev = sqrt(scale / n)` (after truncation for "truncated_normal") and
 * "uniform" draws from `[-limit, limit]` with `limit = sqrt(3 * scale / n)`.
 *
 * @example
 * ```ts
 * const init = new keras.initializers.VarianceScaling({ scale: 0.1, mode: "fan_in", distribution: "uniform" });
 * init.call([2, 2]);
 * ```
 */
export class VarianceScaling extends RandomInitializer {
  static override className = "VarianceScaling";
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: ScalingDistribution;
  readonly inputAxes: number[] | null;
  readonly outputAxes: number[] | null;

  constructor(args: VarianceScalingArgs = {}) {
    super(args.seed, "VarianceScaling");
    const scale = args.scale ?? 1;
    if (!(typeof scale === "number" && scale > 0)) {
      throw new ValueError(`Argument \`scale\` must be positive float. Received: scale=${String(scale)}`, {
        scale,
      });
    }
    const mode = args.mode ?? "fan_in";
    if (!["fan_in", "fan_out", "fan_avg"].includes(mode)) {
      throw new ValueError(
        `Invalid \`mode\` argument: ${String(mode)}. Please use one of "fan_in", "fan_out", "fan_avg".`,
        { mode },
      );
    }
    let distribution = String(args.distribution ?? "truncated_normal").toLowerCase();
    if (distribution === "normal") distribution = "truncated_normal";
    if (!["uniform", "truncated_normal", "untruncated_normal"].includes(distribution)) {
      throw new ValueError(
        `Invalid \`distribution\` argument: ${distribution}. Please use one of "uniform", "truncated_normal", "untruncated_normal".`,
        { distribution },
      );
    }
    this.scale = scale;
    this.mode = mode;
    this.distribution = distribution as ScalingDistribution;
    this.inputAxes = args.inputAxes ? [...args.inputAxes] : null;
    this.outputAxes = args.outputAxes ? [...args.outputAxes] : null;
  }

  /** The variance `scale / n` this initializer targets for a weight of `shape`. */
  variance(shape: readonly number[]): number {
    const [fanIn, fanOut] = computeFans(shape, this.inputAxes, this.outputAxes);
    const n = this.mode === "fan_in" ? fanIn : this.mode === "fan_out" ? fanOut : (fanIn + fanOut) / 2;
    return this.scale / Math.max(1, n);
  }

  call(shape: readonly number[], dtype?: DType): Tensor {
    const [s, dt] = checkCallArgs(shape, dtype, this.className);
    const variance = this.variance(s);
    if (this.distribution === "truncated_normal") {
      const stddev = Math.sqrt(variance) / TRUNCATED_NORMAL_STD_CORRECTION;
      return truncatedNormal(s, { mean: 0, stddev, dtype: dt, seed: this.seed });
    }
    if (this.distribution === "untruncated_normal") {
      return normal(s, { mean: 0, stddev: Math.sqrt(variance), dtype: dt, seed: this.seed });
    }
    const limit = Math.sqrt(3 * variance);
    return uniform(s, { minval: -limit, maxval: limit, dtype: dt, seed: this.seed });
  }

  override getConfig(): InitializerConfig {
    return {
      ...super.getConfig(),
      scale: this.scale,
      mode: this.mode,
      distribution: this.distribution,
      inputAxes: this.inputAxes,
      outputAxes: this.outputAxes,
    };
  }
}

/** Options of the named variance-scaling initializers (Glorot, He, LeCun). */
export interface NamedScalingArgs {
  seed?: Seed;
  inputAxes?: number[] | null;
  outputAxes?: number[] | null;
}

/** A VarianceScaling with fixed scale/mode/distribution; its config holds only the seed and axes. */
abstract class FixedScaling extends VarianceScaling {
  constructor(scale: number, mode: FanMode, distribution: ScalingDistribution, args: NamedScalingArgs) {
    super({
      scale,
      mode,
      distribution,
      seed: args.seed,
      inputAxes: args.inputAxes,
      outputAxes: args.outputAxes,
    });
  }

  override getConfig(): InitializerConfig {
    return { seed: seedConfig(this.initSeed), inputAxes: this.inputAxes, outputAxes: this.outputAxes };
  }
}

/**
 * Glorot (Xavier) uniform: `U(-limit, limit)` with `limit = sqrt(6 / (fanIn + fanOut))`. Keras's
 * default kernel initializer.
 * @example
 * ```ts
 * new keras.initializers.GlorotUniform({ seed: 1 }).call([784, 300]); // |w| <= sqrt(6 / 1084)
 * ```
 */
export class GlorotUniform extends FixedScaling {
  static override className = "GlorotUniform";
  constructor(args: NamedScalingArgs = {}) {
    super(1, "fan_avg", "uniform", args);
  }
}

/**
 * Glorot (Xavier) normal: truncated normal with `stddev = sqrt(2 / (fanIn + fanOut))`.
 * @example
 * ```ts
 * new keras.initializers.GlorotNormal({ seed: 1 }).call([784, 300]);
 * ```
 */
export class GlorotNormal extends FixedScaling {
  static override className = "GlorotNormal";
  constructor(args: NamedScalingArgs = {}) {
    super(1, "fan_avg", "truncated_normal", args);
  }
}

/**
 * He normal: truncated normal with `stddev = sqrt(2 / fanIn)` (for ReLU networks).
 * @example
 * ```ts
 * new keras.initializers.HeNormal({ seed: 1 }).call([784, 300]);
 * ```
 */
export class HeNormal extends FixedScaling {
  static override className = "HeNormal";
  constructor(args: NamedScalingArgs = {}) {
    super(2, "fan_in", "truncated_normal", args);
  }
}

/**
 * He uniform: `U(-limit, limit)` with `limit = sqrt(6 / fanIn)`.
 * @example
 * ```ts
 * new keras.initializers.HeUniform({ seed: 1 }).call([784, 300]);
 * ```
 */
export class HeUniform extends FixedScaling {
  static override className = "HeUniform";
  constructor(args: NamedScalingArgs = {}) {
    super(2, "fan_in", "uniform", args);
  }
}

/**
 * LeCun normal: truncated normal with `stddev = sqrt(1 / fanIn)` (for SELU networks).
 * @example
 * ```ts
 * new keras.initializers.LecunNormal({ seed: 1 }).call([784, 300]);
 * ```
 */
export class LecunNormal extends FixedScaling {
  static override className = "LecunNormal";
  constructor(args: NamedScalingArgs = {}) {
    super(1, "fan_in", "truncated_normal", args);
  }
}

/**
 * LeCun uniform: `U(-limit, limit)` with `limit = sqrt(3 / fanIn)`.
 * @example
 * ```ts
 * new keras.initializers.LecunUniform({ seed: 1 }).call([784, 300]);
 * ```
 */
export class LecunUniform extends FixedScaling {
  static override className = "LecunUniform";
  constructor(args: NamedScalingArgs = {}) {
    super(1, "fan_in", "uniform", args);
  }
}
