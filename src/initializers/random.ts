/**
 * Initializers drawing from fixed distributions: RandomNormal, RandomUniform, TruncatedNormal.
 * All draw from `keras.random`, so `keras.utils.setRandomSeed` makes unseeded ones deterministic.
 */
import type { DType } from "../core/dtype.js";
import type { Tensor } from "../core/tensor.js";
import { makeDefaultSeed, normal, truncatedNormal, uniform, type SeedGenerator } from "../random/index.js";
import {
  checkCallArgs,
  checkSeed,
  Initializer,
  seedConfig,
  type InitializerConfig,
  type Seed,
} from "./initializer.js";

/**
 * Base of initializers that draw random numbers, with Keras's seed semantics: an integer `seed`
 * gives the same values at every call; a `SeedGenerator` advances at each call; no seed takes a
 * default integer seed at construction from the seed source that `keras.utils.setRandomSeed`
 * resets (so an unseeded initializer also repeats its values, and a seeded program is deterministic).
 *
 * @example
 * ```ts
 * const init = new keras.initializers.RandomNormal({ seed: 1 });
 * init.seed; // 1
 * ```
 */
export abstract class RandomInitializer extends Initializer {
  /** The seed actually used by `call`. */
  readonly seed: number | SeedGenerator;
  /** The seed as given (serialized by `getConfig`; null when none was). */
  readonly initSeed: number | SeedGenerator | undefined;

  constructor(seed: Seed, where: string) {
    super();
    this.initSeed = checkSeed(seed, where);
    this.seed = this.initSeed ?? makeDefaultSeed();
  }

  override getConfig(): InitializerConfig {
    return { seed: seedConfig(this.initSeed) };
  }
}

/** Options of {@link RandomNormal} and {@link TruncatedNormal}. */
export interface NormalArgs {
  /** Mean of the distribution. Default 0. */
  mean?: number;
  /** Standard deviation (before truncation for TruncatedNormal). Default 0.05. */
  stddev?: number;
  seed?: Seed;
}

/**
 * Draws from a normal distribution (default mean 0, stddev 0.05).
 * @example
 * ```ts
 * const w = new keras.initializers.RandomNormal({ stddev: 1, seed: 42 }).call([3, 2]);
 * ```
 */
export class RandomNormal extends RandomInitializer {
  static override className = "RandomNormal";
  readonly mean: number;
  readonly stddev: number;

  constructor(args: NormalArgs = {}) {
    super(args.seed, "RandomNormal");
    this.mean = args.mean ?? 0;
    this.stddev = args.stddev ?? 0.05;
  }

  call(shape: readonly number[], dtype?: DType): Tensor {
    const [s, dt] = checkCallArgs(shape, dtype, "RandomNormal");
    return normal(s, { mean: this.mean, stddev: this.stddev, dtype: dt, seed: this.seed });
  }

  override getConfig(): InitializerConfig {
    return { ...super.getConfig(), mean: this.mean, stddev: this.stddev };
  }
}

/**
 * Draws from a normal distribution and re-draws values more than two standard deviations from the
 * mean (default mean 0, stddev 0.05).
 * @example
 * ```ts
 * const w = new keras.initializers.TruncatedNormal({ stddev: 1, seed: 42 }).call([3, 2]);
 * ```
 */
export class TruncatedNormal extends RandomInitializer {
  static override className = "TruncatedNormal";
  readonly mean: number;
  readonly stddev: number;

  constructor(args: NormalArgs = {}) {
    super(args.seed, "TruncatedNormal");
    this.mean = args.mean ?? 0;
    this.stddev = args.stddev ?? 0.05;
  }

  call(shape: readonly number[], dtype?: DType): Tensor {
    const [s, dt] = checkCallArgs(shape, dtype, "TruncatedNormal");
    return truncatedNormal(s, { mean: this.mean, stddev: this.stddev, dtype: dt, seed: this.seed });
  }

  override getConfig(): InitializerConfig {
    return { ...super.getConfig(), mean: this.mean, stddev: this.stddev };
  }
}

/** Options of {@link RandomUniform}. */
export interface UniformArgs {
  /** Lower bound (inclusive). Default -0.05. */
  minval?: number;
  /** Upper bound (exclusive). Default 0.05. */
  maxval?: number;
  seed?: Seed;
}

/**
 * Draws uniformly from `[minval, maxval)` (default [-0.05, 0.05)).
 * @example
 * ```ts
 * const w = new keras.initializers.RandomUniform({ minval: 0, maxval: 1, seed: 42 }).call([3, 2]);
 * ```
 */
export class RandomUniform extends RandomInitializer {
  static override className = "RandomUniform";
  readonly minval: number;
  readonly maxval: number;

  constructor(args: UniformArgs = {}) {
    super(args.seed, "RandomUniform");
    this.minval = args.minval ?? -0.05;
    this.maxval = args.maxval ?? 0.05;
  }

  call(shape: readonly number[], dtype?: DType): Tensor {
    const [s, dt] = checkCallArgs(shape, dtype, "RandomUniform");
    return uniform(s, { minval: this.minval, maxval: this.maxval, dtype: dt, seed: this.seed });
  }

  override getConfig(): InitializerConfig {
    return { ...super.getConfig(), minval: this.minval, maxval: this.maxval };
  }
}
