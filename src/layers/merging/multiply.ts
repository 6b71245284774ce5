/**
 * `Multiply`: elementwise product of a list of inputs.
 */
import type { AnyTensor } from "../../core/symbolic.js";
import { registerSerializable } from "../../engine/registry.js";
import { multiply } from "../../ops/index.js";
import { Merge } from "./base-merge.js";

/**
 * Multiplies a list of tensors elementwise.
 * @example
 * ```ts
 * new keras.layers.Multiply().apply([keras.tensor([[1, 2]]), keras.tensor([[3, 4]])]); // [[3, 8]]
 * ```
 */
export class Multiply extends Merge {
  static override className = "Multiply";

  protected mergeFunction(inputs: AnyTensor[]): AnyTensor {
    return inputs.slice(1).reduce<AnyTensor>((acc, x) => multiply(acc, x), inputs[0]!);
  }
}

registerSerializable("layer", Multiply.className, Multiply);
