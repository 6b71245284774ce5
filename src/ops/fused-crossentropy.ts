/**
 * Sparse categorical cross-entropy over the last axis as one op (one kernel forward, one
 * backward) instead of the normalize → clip → log → one-hot → multiply → sum chain. Values equal
 * that chain bitwise; gradients are its closed form. Used by `keras.losses.sparseCategoricalCrossentropy`
 * for eager inputs with the class axis last and no `ignoreClass`.
 */
import { ShapeError } from "../core/errors.js";
import { formatShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { backend } from "../backends/registry.js";
import { runOp1, type OpDef } from "./op.js";

interface CrossentropyAttrs {
  fromLogits: boolean;
}

const sparseCrossentropyDef: OpDef<CrossentropyAttrs> = {
  name: "sparseCategoricalCrossentropy",
  infer: ([labels, pred]) => {
    const expected = pred!.shape.slice(0, -1);
    if (labels!.shape.length !== expected.length || labels!.shape.some((d, i) => d !== expected[i]))
      throw new ShapeError(
        `sparseCategoricalCrossentropy: labels of shape ${formatShape(labels!.shape)} do not match ` +
          `predictions of shape ${formatShape(pred!.shape)} without their class axis.`,
        { op: "sparseCategoricalCrossentropy", shapes: [labels!.shape, pred!.shape] },
      );
    return [{ shape: expected, dtype: pred!.dtype }];
  },
  forward: ([labels, pred], { fromLogits }, _out, b) => [b.sparseCrossentropy(labels!, pred!, fromLogits)],
  vjp: ([dy], [labels, pred], _out, { fromLogits }, needed) => [
    null,
    needed[1]
      ? new Tensor(
          backend().sparseCrossentropyGrad(labels!, pred!, dy!, fromLogits),
          pred!.shape,
          pred!.dtype,
        )
      : null,
  ],
};

/**
 * Per-sample sparse categorical cross-entropy of int32 `labels` (in range) against `pred`
 * (probabilities, or logits when `fromLogits`) with classes on the last axis.
 * @example
 * ```ts
 * fusedSparseCrossentropy(labels, probs, false); // shape: probs.shape without its last axis
 * ```
 */
export function fusedSparseCrossentropy(labels: Tensor, pred: Tensor, fromLogits: boolean): Tensor {
  return runOp1(sparseCrossentropyDef, [labels, pred], { fromLogits }) as Tensor;
}
