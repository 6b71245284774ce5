/**
 * `Subtract`: the difference of exactly two inputs.
 */
import { ValueError } from "../../core/errors.js";
import type { SymbolicShape } from "../../core/shape.js";
import type { AnyTensor } from "../../core/symbolic.js";
import { registerSerializable } from "../../engine/registry.js";
import { subtract } from "../../ops/index.js";
import { Merge } from "./base-merge.js";

/**
 * `inputs[0] - inputs[1]`.
 * @example
 * ```ts
 * new keras.layers.Subtract().apply([keras.tensor([[5, 5]]), keras.tensor([[1, 2]])]); // [[4, 3]]
 * ```
 */
export class Subtract extends Merge {
  static override className = "Subtract";

  override build(inputShape: SymbolicShape[]): void {
    super.build(inputShape);
    if (inputShape.length !== 2) {
      throw new ValueError(
        `A \`Subtract\` layer should be called on exactly 2 inputs. Received ${inputShape.length} inputs.`,
        { layer: this.name, received: inputShape.length },
      );
    }
  }

  protected mergeFunction(inputs: AnyTensor[]): AnyTensor {
    if (inputs.length !== 2) {
      throw new ValueError(
        `A \`Subtract\` layer should be called on exactly 2 inputs. Received ${inputs.length} inputs.`,
      );
    }
    return subtract(inputs[0]!, inputs[1]!);
  }
}

registerSerializable("layer", Subtract.className, Subtract);
