/**
 * Weight bookkeeping shared by every layer: creating weights (`addWeight`), collecting own and
 * sublayer weights in Keras's order, regularization losses, and `setWeights` checks.
 */
import { isFloat, type DType } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import { formatShape, shapesEqual } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { Variable } from "../core/variable.js";
import { convertToTensor, type TensorLike } from "../ops/convert.js";
import type { Constraint, Initializer, InitializerFn, Regularizer } from "./interfaces.js";
import {
  resolveConstraint,
  resolveInitializer,
  resolveRegularizer,
  type SerializedObject,
} from "./registry.js";

/** Options of `Layer.addWeight`. */
export interface AddWeightOptions {
  /** Short name (`"kernel"`): the variable's `name`; its `path` is `"<layer>/<name>"`. */
  name: string;
  shape: readonly number[];
  /** Default: "glorot_uniform" for float dtypes, "zeros" otherwise (as Keras). */
  initializer?: string | Initializer | InitializerFn | SerializedObject;
  regularizer?: Regularizer | string | SerializedObject | null;
  constraint?: Constraint | string | SerializedObject | null;
  trainable?: boolean;
  /** Default: the layer's dtype. */
  dtype?: DType;
}

const constraints = new WeakMap<Variable, Constraint>();
const regularizers = new WeakMap<Variable, Regularizer>();
/** How many weights were ever created with a regularizer (0 lets `losses` skip its walk). */
let regularizedWeights = 0;

/** Whether any weight has been created with a regularizer in this process. */
export function anyRegularizedWeights(): boolean {
  return regularizedWeights > 0;
}

/**
 * The constraint given to `addWeight` for this variable (optimizers apply it after each update).
 *
 * @example
 * ```ts
 * const c = weightConstraint(layer.kernel); if (c) layer.kernel.assign(c.call(layer.kernel.value));
 * ```
 */
export function weightConstraint(variable: Variable): Constraint | null {
  return constraints.get(variable) ?? null;
}

/** The regularizer given to `addWeight` for this variable, if any. */
export function weightRegularizer(variable: Variable): Regularizer | null {
  return regularizers.get(variable) ?? null;
}

/** Creates a variable as `Layer.addWeight` does (the layer records it). */
export function createWeight(
  layerName: string,
  layerDType: DType,
  layerTrainable: boolean,
  opts: AddWeightOptions,
): Variable {
  const dtype = opts.dtype ?? layerDType;
  if (!Array.isArray(opts.shape) || opts.shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ValueError(
      `Layer "${layerName}": weight "${opts.name}" needs a shape of non-negative integers, received ${JSON.stringify(opts.shape)}.`,
    );
  }
  const initializer = resolveInitializer(opts.initializer ?? (isFloat(dtype) ? "glorot_uniform" : "zeros"));
  const value = initializer.call([...opts.shape], dtype);
  if (!(value instanceof Tensor) || !shapesEqual(value.shape, opts.shape)) {
    const got = value instanceof Tensor ? formatShape(value.shape) : String(value);
    throw new ValueError(
      `Layer "${layerName}": the initializer of weight "${opts.name}" returned ${got}, expected a tensor of shape ${formatShape(opts.shape)}.`,
    );
  }
  const trainable = opts.trainable ?? true;
  const variable = new Variable(value, {
    name: opts.name,
    path: `${layerName}/${opts.name}`,
    trainable: trainable && layerTrainable,
    dtype,
  });
  const regularizer = resolveRegularizer(opts.regularizer);
  if (regularizer) {
    regularizers.set(variable, regularizer);
    regularizedWeights++;
  }
  const constraint = resolveConstraint(opts.constraint);
  if (constraint) constraints.set(variable, constraint);
  return variable;
}

/** The penalty of a regularized variable, read through the tape so it is differentiable. */
export function regularizationLoss(variable: Variable): Tensor | null {
  const regularizer = regularizers.get(variable);
  return regularizer ? regularizer.call(convertToTensor(variable)) : null;
}

/**
 * Assigns `values` to `variables`, checking the count and every shape before assigning any.
 * @throws ValueError naming the layer and the shapes.
 */
export function assignWeights(
  layerName: string,
  variables: readonly Variable[],
  values: readonly TensorLike[],
): void {
  if (!Array.isArray(values) || variables.length !== values.length) {
    const n = Array.isArray(values) ? values.length : 0;
    throw new ValueError(
      `You called \`setWeights(weights)\` on layer "${layerName}" with a weight list of length ${n}, ` +
        `but the layer was expecting ${variables.length} weights.`,
      { layer: layerName, expected: variables.length, received: n },
    );
  }
  const tensors = values.map((v, i) => convertToTensor(v, variables[i]!.dtype));
  tensors.forEach((t, i) => {
    const variable = variables[i]!;
    if (!shapesEqual(t.shape, variable.shape)) {
      throw new ValueError(
        `Layer "${layerName}" weight shape ${formatShape(variable.shape)} is not compatible with provided weight shape ${formatShape(t.shape)} ` +
          `(weight ${i}, "${variable.path}").`,
        { layer: layerName, index: i, expected: variable.shape, received: t.shape },
      );
    }
  });
  tensors.forEach((t, i) => variables[i]!.assign(t));
}
