/**
 * `keras.utils.setRandomSeed` (Keras's keras/src/utils/rng_utils.py). In keras-ts every random draw
 * (initializers, dropout, fit's shuffling, `keras.random.*`) goes through `keras.random`, so this one
 * call makes a program deterministic.
 */
import { getGlobalRandomSeed, setGlobalRandomSeed } from "../random/seed-generator.js";

/**
 * Seeds all randomness in keras-ts: the global `SeedGenerator` becomes `new SeedGenerator(seed)`, and
 * the default seeds of objects created without one (initializers, layers' seed generators) are drawn
 * from a stream keyed by `seed`. The same seed gives the same numbers in every process and backend.
 *
 * @throws ValueError when `seed` is not an integer.
 * @example
 * ```ts
 * keras.utils.setRandomSeed(42);
 * const a = keras.random.normal([3]);
 * keras.utils.setRandomSeed(42);
 * const b = keras.random.normal([3]); // identical to a
 * ```
 */
export function setRandomSeed(seed: number): void {
  setGlobalRandomSeed(seed);
}

/**
 * The seed given to the last `setRandomSeed` call, or undefined if it was never called.
 *
 * @example
 * ```ts
 * keras.utils.setRandomSeed(7);
 * keras.utils.getRandomSeed(); // 7
 * ```
 */
export function getRandomSeed(): number | undefined {
  return getGlobalRandomSeed();
}
