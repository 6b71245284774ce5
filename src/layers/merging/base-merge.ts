/**
 * `Merge`: the base of the elementwise merge layers (Add, Subtract, Multiply, Average, Maximum,
 * Minimum). Inputs are a list of tensors; their non-batch shapes broadcast together, and inputs of
 * lower rank get axes inserted after the batch axis first (as Keras does).
 */
import { ValueError } from "../../core/errors.js";
import { formatShape, type SymbolicShape } from "../../core/shape.js";
import type { AnyTensor } from "../../core/symbolic.js";
import { Layer } from "../../engine/layer.js";
import { expandDims } from "../../ops/index.js";

function describeShapes(shapes: readonly SymbolicShape[]): string {
  return `[${shapes.map(formatShape).join(", ")}]`;
}

/**
 * Checks that a merge layer received a list of shapes, and returns it.
 * @example
 * ```ts
 * shapeList([[null, 3], [null, 3]], "add", "Add"); // the two shapes
 * ```
 */
export function shapeList(inputShape: unknown, layer: string, className: string): SymbolicShape[] {
  if (!Array.isArray(inputShape) || inputShape.length === 0 || !inputShape.every((s) => Array.isArray(s))) {
    throw new ValueError(
      `A merge layer (${className} "${layer}") should be called on a list of input tensors. Received: input_shape=${JSON.stringify(inputShape)}`,
      { layer },
    );
  }
  return inputShape as SymbolicShape[];
}

/**
 * Broadcasts two non-batch shapes aligned on the right (`null` for unknown sizes), as Keras's
 * `_compute_elemwise_op_output_shape`.
 * @example
 * ```ts
 * elementwiseShape([3, 1], [4], "add"); // [3, 4]
 * ```
 */
export function elementwiseShape(a: SymbolicShape, b: SymbolicShape, layer: string): (number | null)[] {
  if (a.length < b.length) return elementwiseShape(b, a, layer);
  const out: (number | null)[] = a.slice(0, a.length - b.length);
  b.forEach((j, k) => {
    const i = a[a.length - b.length + k]!;
    if (i === null || j === null) out.push(i === 1 ? j : j === 1 ? i : null);
    else if (i === 1) out.push(j);
    else if (j === 1) out.push(i);
    else if (i !== j) {
      throw new ValueError(
        `Layer "${layer}": inputs have incompatible shapes. Received shapes ${formatShape(a)} and ${formatShape(b)}`,
        {
          layer,
          shapes: [a, b],
        },
      );
    } else out.push(i);
  });
  return out;
}

/**
 * Base class of elementwise merge layers: subclasses implement `mergeFunction(inputs)`.
 * @example
 * ```ts
 * class Hypot extends Merge {
 *   static override className = "Hypot";
 *   protected mergeFunction(xs: keras.AnyTensor[]) {
 *     return keras.ops.sqrt(xs.map((x) => keras.ops.square(x)).reduce((a, b) => keras.ops.add(a, b)));
 *   }
 * }
 * ```
 */
export abstract class Merge extends Layer {
  /** Whether inputs of different ranks need axes inserted before merging. */
  protected reshapeRequired = false;

  protected abstract mergeFunction(inputs: AnyTensor[]): AnyTensor;

  override build(inputShape: SymbolicShape[]): void {
    const shapes = shapeList(inputShape, this.name, (this.constructor as typeof Layer).className);
    const batchSizes = new Set(shapes.map((s) => s[0]).filter((d) => d !== null && d !== undefined));
    if (batchSizes.size > 1) {
      throw new ValueError(
        `Layer "${this.name}": cannot merge tensors with different batch sizes. Received tensors with shapes ${describeShapes(shapes)}`,
        { layer: this.name, shapes },
      );
    }
    this.computeOutputShape(shapes); // validates that the shapes broadcast
    this.reshapeRequired = new Set(shapes.map((s) => s.length)).size > 1;
  }

  call(inputs: AnyTensor[]): AnyTensor {
    if (!Array.isArray(inputs)) {
      throw new ValueError(
        `A merge layer should be called on a list of inputs. Received: inputs=${String(inputs)} (not a list of tensors)`,
      );
    }
    if (!this.reshapeRequired) return this.mergeFunction(inputs);
    const maxRank = Math.max(...inputs.map((x) => x.rank));
    const aligned = inputs.map((x) => {
      let y = x;
      for (let r = x.rank; r < maxRank; r++) y = expandDims(y, 1);
      return y;
    });
    return this.mergeFunction(aligned);
  }

  override computeOutputShape(inputShape: SymbolicShape[]): SymbolicShape {
    const shapes = shapeList(inputShape, this.name, (this.constructor as typeof Layer).className);
    let out: SymbolicShape = shapes[0]!.slice(1);
    for (const s of shapes.slice(1)) out = elementwiseShape(out, s.slice(1), this.name);
    const batchSizes = [...new Set(shapes.map((s) => s[0]).filter((d) => d !== null && d !== undefined))];
    return [batchSizes.length === 1 ? batchSizes[0]! : null, ...out];
  }
}
