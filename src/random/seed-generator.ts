/**
 * Seeds, as in Keras 3 (keras/src/random/seed_generator.py): a `SeedGenerator` holds a 2-word state
 * `[seed, counter]` and every draw takes the current state as a Philox key, then advances the
 * counter. An integer seed acts like a fresh generator's first draw, so it gives the same values at
 * every call. Draws without a seed use one global generator, which `keras.utils.setRandomSeed` resets.
 */
import { ValueError } from "../core/errors.js";
import { Tensor } from "../core/tensor.js";
import { Variable } from "../core/variable.js";
import "../ops/convert.js"; // installs the value caster that Variable needs
import { PhiloxStream } from "./philox.js";

/** What every random function accepts as `seed`: an integer, a generator, or nothing (the global one). */
export type Seed = number | SeedGenerator | undefined;

/** Counter word that separates the stream of default seeds from the streams of random values. */
const SEED_SOURCE_DOMAIN = 1;

let nameCounter = 0;
let globalSeed: number | undefined;
let globalGenerator: SeedGenerator | undefined;
let seedSource: PhiloxStream | undefined;

function checkSeedInt(seed: unknown, expectation = "Argument `seed` must be an integer."): number {
  if (typeof seed !== "number" || !Number.isSafeInteger(seed)) {
    throw new ValueError(`${expectation} Received: seed=${String(seed)} (of type ${typeof seed}).`, {
      seed,
    });
  }
  return seed;
}

/** Entropy for an unseeded program: Web Crypto where present (browsers, Node >= 19), else Math.random. */
function entropyWord(): number {
  const crypto = (globalThis as { crypto?: { getRandomValues?(a: Uint32Array): Uint32Array } }).crypto;
  if (crypto?.getRandomValues) return crypto.getRandomValues(new Uint32Array(1))[0]!;
  return Math.floor(Math.random() * 4294967296) >>> 0;
}

/**
 * A fresh integer seed in [1, 1e9] (Keras's `make_default_seed`). After `setRandomSeed(s)` the sequence
 * of default seeds is a function of `s`; before it, it comes from an unseeded source.
 *
 * @example
 * ```ts
 * keras.utils.setRandomSeed(1);
 * const a = keras.random.makeDefaultSeed();
 * keras.utils.setRandomSeed(1);
 * a === keras.random.makeDefaultSeed(); // true
 * ```
 */
export function makeDefaultSeed(): number {
  seedSource ??= new PhiloxStream(entropyWord(), entropyWord(), SEED_SOURCE_DOMAIN);
  return 1 + seedSource.nextBelow(1e9);
}

/** Options of `new SeedGenerator(seed, options)`. */
export interface SeedGeneratorOptions {
  /** Defaults to `seed_generator`, made unique with a counter like Keras (`seed_generator_1`, ...). */
  name?: string;
}

/**
 * Generates a new seed at each draw, so consecutive calls to a random function differ
 * (Keras's `keras.random.SeedGenerator`). Seeds are taken modulo 2^32.
 *
 * @example
 * ```ts
 * const gen = new keras.random.SeedGenerator(42);
 * const a = keras.random.normal([2, 3], { seed: gen });
 * const b = keras.random.normal([2, 3], { seed: gen }); // differs from a
 * ```
 */
export class SeedGenerator {
  static readonly className = "SeedGenerator";
  readonly name: string;
  /** Non-trainable int32 state `[seed, counter]` (read as uint32), so layers can track and save it. */
  readonly state: Variable;
  private readonly initialSeed: number | undefined;

  constructor(seed?: number, options: SeedGeneratorOptions = {}) {
    this.initialSeed = seed;
    const s = seed === undefined ? makeDefaultSeed() : checkSeedInt(seed);
    this.name =
      options.name ?? (nameCounter++ === 0 ? "seed_generator" : `seed_generator_${nameCounter - 1}`);
    this.state = new Variable(new Tensor(Int32Array.of(s | 0, 0), [2], "int32"), {
      name: "seed_generator_state",
      trainable: false,
    });
  }

  /** Returns the current key `[seed, counter]` as uint32 words and advances the counter. */
  next(): [number, number] {
    const v = this.state.value.values;
    const key: [number, number] = [v[0]! >>> 0, v[1]! >>> 0];
    this.state.assign(new Tensor(Int32Array.of(v[0]!, (v[1]! + 1) | 0), [2], "int32"));
    return key;
  }

  /** Keras config: `{ seed }`, the seed given to the constructor (null when none was). */
  getConfig(): { seed: number | null } {
    return { seed: this.initialSeed ?? null };
  }

  /** Rebuilds a generator from `getConfig()`. */
  static fromConfig(config: { seed?: number | null }): SeedGenerator {
    return new SeedGenerator(config.seed ?? undefined);
  }
}

/**
 * The generator used by random functions called without a seed; created on first use from
 * `makeDefaultSeed()`, replaced by `keras.utils.setRandomSeed`.
 *
 * @example
 * ```ts
 * const key = keras.random.globalSeedGenerator().next();
 * ```
 */
export function globalSeedGenerator(): SeedGenerator {
  globalGenerator ??= new SeedGenerator(makeDefaultSeed(), { name: "global_seed_generator" });
  return globalGenerator;
}

/**
 * Resolves a `seed` argument into a Philox key (Keras's `draw_seed`): an integer `s` gives `[s, 0]`
 * every time; a generator gives its next key; nothing draws from the global generator.
 *
 * @example
 * ```ts
 * keras.random.drawSeed(7); // [7, 0]
 * ```
 */
export function drawSeed(seed: Seed): [number, number] {
  if (seed instanceof SeedGenerator) return seed.next();
  if (seed === undefined || seed === null) return globalSeedGenerator().next();
  if (typeof seed === "number") return [checkSeedInt(seed) >>> 0, 0];
  throw new ValueError(
    `Argument \`seed\` must be either an integer or an instance of \`SeedGenerator\`. Received: seed=${String(seed)} (of type ${typeof seed}).`,
    { seed },
  );
}

/**
 * A stream of random words for one draw: every random function takes exactly one key per call.
 *
 * @example
 * ```ts
 * const stream = keras.random.drawStream(3);
 * stream.nextFloat53();
 * ```
 */
export function drawStream(seed: Seed): PhiloxStream {
  const [k0, k1] = drawSeed(seed);
  return new PhiloxStream(k0, k1);
}

/**
 * Seeds everything random in keras-ts (backs `keras.utils.setRandomSeed`): the global generator
 * becomes `new SeedGenerator(seed)` and default seeds are drawn from a stream keyed by `seed`.
 *
 * @example
 * ```ts
 * setGlobalRandomSeed(42);
 * ```
 */
export function setGlobalRandomSeed(seed: number): void {
  const s = checkSeedInt(seed, "Expected `seed` argument to be an integer.");
  globalSeed = s;
  seedSource = new PhiloxStream(s, Math.floor(s / 4294967296), SEED_SOURCE_DOMAIN);
  globalGenerator = new SeedGenerator(s, { name: "global_seed_generator" });
}

/**
 * The seed given to the last `setRandomSeed` call, or undefined if it was never called.
 *
 * @example
 * ```ts
 * keras.utils.setRandomSeed(3);
 * keras.utils.getRandomSeed(); // 3
 * ```
 */
export function getGlobalRandomSeed(): number | undefined {
  return globalSeed;
}
