/**
 * `Minimum`: elementwise minimum of a list of inputs.
 */
import type { AnyTensor } from "../../core/symbolic.js";
import { registerSerializable } from "../../engine/registry.js";
import { minimum } from "../../ops/index.js";
import { Merge } from "./base-merge.js";

/**
 * Elementwise minimum of a list of tensors.
 * @example
 * ```ts
 * new keras.layers.Minimum().apply([keras.tensor([[1, 5]]), keras.tensor([[3, 4]])]); // [[1, 4]]
 * ```
 */
export class Minimum extends Merge {
  static override className = "Minimum";

  protected mergeFunction(inputs: AnyTensor[]): AnyTensor {
    return inputs.slice(1).reduce<AnyTensor>((acc, x) => minimum(acc, x), inputs[0]!);
  }
}

registerSerializable("layer", Minimum.className, Minimum);
