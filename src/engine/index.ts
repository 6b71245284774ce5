/**
 * The model-building engine: `Layer`, `InputSpec`, `Input`/`InputLayer`, `Model` (functional and
 * subclassed), `Sequential`, and the registry of serializable classes.
 */
export {
  Layer,
  type LayerArgs,
  type CallArgs,
  type LayerInputs,
  type LayerOutput,
  type BuildShape,
} from "./layer.js";
export { InputSpec, type InputSpecArgs } from "./input-spec.js";
export { InputLayer, Input, type InputArgs } from "./input-layer.js";
export { Model, NotCompiledError, type ModelArgs } from "./model.js";
export { Sequential, type SequentialArgs } from "./sequential.js";
export { IncompatibleInputError, GraphDisconnectedError } from "./errors.js";
export type { Initializer, Regularizer, Constraint, InitializerFn } from "./interfaces.js";
export type { AddWeightOptions } from "./layer-weights.js";
