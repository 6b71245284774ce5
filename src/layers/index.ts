/**
 * `keras.layers`: the built-in layers. `InputLayer` and `Input` come from the engine and are
 * re-exported here for convenience (`keras.layers.InputLayer`).
 *
 * @example
 * ```ts
 * const { layers } = keras;
 * const model = new keras.Sequential([
 *   new layers.Flatten({ inputShape: [28, 28] }),
 *   new layers.Dense(300, { activation: "relu" }),
 *   new layers.Dropout(0.2),
 *   new layers.Dense(10, { activation: "softmax" }),
 * ]);
 * ```
 */
export { InputLayer, Input } from "../engine/input-layer.js";
export { Layer, type LayerArgs, type CallArgs } from "../engine/layer.js";
export { InputSpec } from "../engine/input-spec.js";

export { Dense, type DenseArgs } from "./core/dense.js";
export { Identity } from "./core/identity.js";
export { Lambda, type LambdaArgs, type LambdaFunction } from "./core/lambda.js";

export { Activation } from "./activations/activation.js";
export { ReLU, type ReLUArgs } from "./activations/relu.js";
export { LeakyReLU, type LeakyReLUArgs } from "./activations/leaky-relu.js";
export { PReLU, type PReLUArgs } from "./activations/prelu.js";
export { ELU, type ELUArgs } from "./activations/elu.js";
export { Softmax, type SoftmaxArgs } from "./activations/softmax.js";

export { Dropout, type DropoutArgs } from "./regularization/dropout.js";

export { Flatten, type FlattenArgs } from "./reshaping/flatten.js";
export { Reshape } from "./reshaping/reshape.js";
export { Permute } from "./reshaping/permute.js";
export { RepeatVector } from "./reshaping/repeat-vector.js";

export { Merge } from "./merging/base-merge.js";
export { Add } from "./merging/add.js";
export { Subtract } from "./merging/subtract.js";
export { Multiply } from "./merging/multiply.js";
export { Average } from "./merging/average.js";
export { Maximum } from "./merging/maximum.js";
export { Minimum } from "./merging/minimum.js";
export { Concatenate, type ConcatenateArgs } from "./merging/concatenate.js";
export { Dot, batchDot, type DotArgs } from "./merging/dot.js";
