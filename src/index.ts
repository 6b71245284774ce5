/**
 * keras-ts: Keras 3's APIs in TypeScript.
 *
 * @example
 * ```ts
 * import * as keras from "keras-ts";
 * const x = keras.tensor([[1, 2], [3, 4]]);
 * keras.ops.matmul(x, x).print();
 * ```
 */
export { Tensor, type NestedArray, type TensorData } from "./core/tensor.js";
export { SymbolicTensor, Node, type AnyTensor } from "./core/symbolic.js";
export { Variable, type VariableOptions } from "./core/variable.js";
export type { DType, TypedArray } from "./core/dtype.js";
export type { Shape, SymbolicShape } from "./core/shape.js";
export * from "./core/errors.js";
export { GradientTape, type GradientTapeOptions } from "./autodiff/tape.js";
export { grad, valueAndGrad, stopGradient } from "./autodiff/grad.js";
export { convertToTensor as tensor } from "./ops/convert.js";
export * as ops from "./ops/index.js";
export * as backend from "./backends/index.js";
export * as random from "./random/index.js";
export * as utils from "./utils/index.js";
export * from "./engine/index.js";
export * as layers from "./layers/index.js";
export * as initializers from "./initializers/index.js";
export * as regularizers from "./regularizers/index.js";
export * as constraints from "./constraints/index.js";
export * as activations from "./activations/index.js";
export * as losses from "./losses/index.js";
export * as optimizers from "./optimizers/index.js";
export * as metrics from "./metrics/index.js";
export * as datasets from "./datasets/index.js";
export * as callbacks from "./callbacks/index.js";
export * as saving from "./saving/index.js";
export type {
  CompileOptions,
  FitOptions,
  EvaluateOptions,
  PredictOptions,
  OnBatchOptions,
  ClassWeight,
  Dataset,
} from "./trainer/index.js";
