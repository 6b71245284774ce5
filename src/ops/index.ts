/**
 * `keras.ops`: every op works on eager tensors and on symbolic tensors (inside functional models).
 */
export { convertToTensor, type OpInput, type OpResult, type TensorLike } from "./convert.js";
export { cast } from "./cast.js";
export * from "./creation.js";
export * from "./unary.js";
export * from "./binary.js";
export * from "./where.js";
export * from "./math.js";
export * from "./activations.js";
export * from "./nn.js";
export * from "./reduction.js";
export * from "./shape.js";
export * from "./manipulation.js";
export * from "./indexing.js";
export * from "./linalg.js";
export { stopGradient } from "../autodiff/grad.js";
