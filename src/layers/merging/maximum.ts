/**
 * `Maximum`: elementwise maximum of a list of inputs.
 */
import type { AnyTensor } from "../../core/symbolic.js";
import { registerSerializable } from "../../engine/registry.js";
import { maximum } from "../../ops/index.js";
import { Merge } from "./base-merge.js";

/**
 * Elementwise maximum of a list of tensors.
 * @example
 * ```ts
 * new keras.layers.Maximum().apply([keras.tensor([[1, 5]]), keras.tensor([[3, 4]])]); // [[3, 5]]
 * ```
 */
export class Maximum extends Merge {
  static override className = "Maximum";

  protected mergeFunction(inputs: AnyTensor[]): AnyTensor {
    return inputs.slice(1).reduce<AnyTensor>((acc, x) => maximum(acc, x), inputs[0]!);
  }
}

registerSerializable("layer", Maximum.className, Maximum);
