/**
 * Hinge loss functions: hinge, squared hinge and categorical hinge. Binary labels in {0, 1} are
 * mapped to {-1, 1} first, as Keras does.
 */
import type { AnyTensor } from "../core/symbolic.js";
import type { Tensor } from "../core/tensor.js";
import type { TensorLike } from "../ops/convert.js";
import * as ops from "../ops/index.js";
import { prepareInputs } from "./loss.js";

/** `2y - 1` when every label is 0 or 1; the labels unchanged otherwise. */
function hingeLabels(yTrue: AnyTensor): AnyTensor {
  const isBinary = ops.all(ops.logicalOr(ops.equal(yTrue, 0), ops.equal(yTrue, 1)));
  return ops.where(isBinary, ops.subtract(ops.multiply(yTrue, 2), 1), yTrue) as AnyTensor;
}

function margins(yTrue: TensorLike, yPred: TensorLike): AnyTensor {
  const [t, yp] = prepareInputs(yTrue, yPred);
  return ops.maximum(ops.subtract(1, ops.multiply(hingeLabels(t), yp)), 0) as AnyTensor;
}

/**
 * `mean(maximum(1 - yTrue * yPred, 0), axis=-1)`, labels in {-1, 1} (or {0, 1}, converted).
 * @example
 * ```ts
 * keras.losses.hinge([[1, 0]], [[0.5, -2]]).arraySync(); // [0.25]
 * ```
 */
export function hinge(yTrue: TensorLike, yPred: TensorLike): Tensor {
  return ops.mean(margins(yTrue, yPred), -1) as Tensor;
}

/**
 * `mean(square(maximum(1 - yTrue * yPred, 0)), axis=-1)`.
 * @example
 * ```ts
 * keras.losses.squaredHinge([[1, 0]], [[0.5, -2]]).arraySync(); // [0.125]
 * ```
 */
export function squaredHinge(yTrue: TensorLike, yPred: TensorLike): Tensor {
  return ops.mean(ops.square(margins(yTrue, yPred)), -1) as Tensor;
}

/**
 * `maximum(max((1 - yTrue) * yPred) - sum(yTrue * yPred) + 1, 0)` over the last axis, for one-hot
 * labels.
 * @example
 * ```ts
 * keras.losses.categoricalHinge([[0, 1]], [[0.3, 0.8]]).arraySync(); // [0.5]
 * ```
 */
export function categoricalHinge(yTrue: TensorLike, yPred: TensorLike): Tensor {
  const [yt, yp] = prepareInputs(yTrue, yPred);
  const pos = ops.sum(ops.multiply(yt, yp), -1);
  const neg = ops.max(ops.multiply(ops.subtract(1, yt), yp), -1);
  return ops.maximum(ops.add(ops.subtract(neg, pos), 1), 0) as Tensor;
}
