/**
 * `keras.utils`: helpers that are not layers or ops.
 *
 * @example
 * ```ts
 * keras.utils.setRandomSeed(42); // deterministic initializers, dropout and shuffling
 * ```
 */
export { setRandomSeed, getRandomSeed } from "./rng-utils.js";
export { Progbar, type ProgbarOptions } from "../callbacks/progbar.js";
