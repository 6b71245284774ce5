/** The few ops the tape itself needs (kept in one place to make the dependency explicit). */
export { add } from "../ops/binary.js";
export { cast } from "../ops/cast.js";
export { onesLike, zerosLike } from "../ops/creation.js";
export { reshape } from "../ops/shape.js";
export { sum } from "../ops/reduction.js";
