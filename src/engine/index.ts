/**
 * The model-building engine: `Layer`, `InputSpec`, `Input`/`InputLayer`, `Model` (functional and
 * subclassed), `Sequential`, and the registry of serializable classes.
 */
export { Layer, type LayerArgs, type CallArgs, type LayerInputs, type LayerOutput, type BuildShape } from "./layer.js";
export { InputSpec, type InputSpecArgs } from "./input-spec.js";
export { IncompatibleInputError, GraphDisconnectedError } from "./errors.js";
export type { Initializer, Regularizer, Constraint, InitializerFn } from "./interfaces.js";
export type { AddWeightOptions } from "./layer-weights.js";
