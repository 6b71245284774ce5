/**
 * The initializer base class and the seed handling shared by the random initializers.
 */
import { FLOATX, checkDType, type DType } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import { checkShape } from "../core/shape.js";
import type { Tensor } from "../core/tensor.js";
import { SeedGenerator } from "../random/index.js";

/** Plain-data configuration of an initializer (camelCase keys). */
export type InitializerConfig = Record<string, unknown>;

/**
 * Base class of every initializer: `call(shape, dtype)` returns a new tensor of that shape, and
 * `getConfig()` returns what `fromConfig` needs to rebuild it.
 *
 * @example
 * ```ts
 * class Halves extends keras.initializers.Initializer {
 *   static override className = "Halves";
 *   call(shape: number[], dtype = "float32" as const) {
 *     return keras.ops.full(shape, 0.5, dtype);
 *   }
 * }
 * new Halves().call([2, 2]).arraySync(); // [[0.5, 0.5], [0.5, 0.5]]
 * ```
 */
export abstract class Initializer {
  /** Name used in serialized configs; subclasses override it (never rely on `constructor.name`). */
  static className = "Initializer";

  /** Returns a tensor of `shape` and `dtype` (default float32) with the initial values. */
  abstract call(shape: readonly number[], dtype?: DType): Tensor;

  /** The constructor arguments, as plain data. */
  getConfig(): InitializerConfig {
    return {};
  }

  /** The class name under which this initializer is serialized. */
  get className(): string {
    return (this.constructor as typeof Initializer).className;
  }

  /** Rebuilds an initializer from `getConfig()` output. */
  static fromConfig<T extends Initializer>(this: new (config?: any) => T, config: InitializerConfig = {}): T {
    return new this(config);
  }

  /** A fresh initializer with the same configuration. */
  clone(): this {
    const ctor = this.constructor as unknown as { fromConfig(c: InitializerConfig): Initializer };
    return ctor.fromConfig(this.getConfig()) as this;
  }
}

/** What random initializers accept as `seed`: a fixed integer, a SeedGenerator, or nothing. */
export type Seed = number | SeedGenerator | null | undefined;

/**
 * Validates a user seed: an integer, a SeedGenerator (or its serialized form), or null/undefined
 * (none given).
 * @example
 * ```ts
 * checkSeed(42, "RandomNormal"); // 42
 * ```
 */
export function checkSeed(seed: unknown, where: string): number | SeedGenerator | undefined {
  if (seed === null || seed === undefined) return undefined;
  if (seed instanceof SeedGenerator) return seed;
  if (typeof seed === "object" && (seed as { className?: unknown }).className === SeedGenerator.className) {
    return SeedGenerator.fromConfig((seed as { config: { seed?: number | null } }).config ?? {});
  }
  if (typeof seed === "number" && Number.isInteger(seed)) return seed;
  throw new ValueError(
    `${where}: \`seed\` must be an integer or a keras.random.SeedGenerator, received ${String(seed)}.`,
    { seed },
  );
}

/**
 * Seed as it appears in a config: the integer, a SeedGenerator's serialized form, or null.
 * @example
 * ```ts
 * seedConfig(undefined); // null
 * ```
 */
export function seedConfig(
  seed: number | SeedGenerator | undefined,
): number | Record<string, unknown> | null {
  if (seed === undefined) return null;
  if (typeof seed === "number") return seed;
  return { className: SeedGenerator.className, config: seed.getConfig() };
}

/**
 * Validates the shape and dtype given to an initializer's `call` (dtype defaults to float32).
 * @example
 * ```ts
 * checkCallArgs([2, 3], undefined, "Zeros"); // [[2, 3], "float32"]
 * ```
 */
export function checkCallArgs(
  shape: readonly number[],
  dtype: DType | undefined,
  where: string,
): [number[], DType] {
  return [checkShape(shape, where), dtype === undefined ? FLOATX : checkDType(dtype)];
}
