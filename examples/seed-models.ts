/**
 * The seed's Fashion-MNIST MLP written with each of Keras's three model APIs (DESIGN.md). With the
 * same `keras.utils.setRandomSeed(n)` before each, all three build bitwise-identical weights.
 */
export { buildSequential as seedSequential } from "./sequential.js";
export { buildFunctional as seedFunctional } from "./functional.js";
export { MyModel, buildSubclassed as seedSubclassed } from "./subclassing.js";
