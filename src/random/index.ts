/**
 * `keras.random`: seeded random tensors, as in Keras 3. Every function takes `seed`: an integer
 * (the same values at every call), a `SeedGenerator` (advanced by each call), or nothing (the global
 * generator, which `keras.utils.setRandomSeed` resets). Values come from Philox-4x32-10, so a seed
 * gives the same numbers on every backend, engine and process.
 *
 * @example
 * ```ts
 * keras.utils.setRandomSeed(42);
 * const w = keras.random.normal([784, 300], { stddev: 0.05 });
 * const gen = new keras.random.SeedGenerator(1337);
 * const y = keras.random.dropout(w, 0.5, { seed: gen });
 * ```
 */
export {
  SeedGenerator,
  type Seed,
  type SeedGeneratorOptions,
  drawSeed,
  drawStream,
  globalSeedGenerator,
  makeDefaultSeed,
} from "./seed-generator.js";
export {
  uniform,
  normal,
  truncatedNormal,
  randint,
  type SeedOptions,
  type UniformOptions,
  type NormalOptions,
  type RandintOptions,
} from "./distributions.js";
export { shuffle, permutation, type ShuffleOptions } from "./shuffle.js";
export { dropout, type DropoutOptions } from "./dropout.js";
export { categorical, type CategoricalOptions } from "./categorical.js";
export { PhiloxStream, philox4x32 } from "./philox.js";
