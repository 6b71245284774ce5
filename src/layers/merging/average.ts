/**
 * `Average`: elementwise mean of a list of inputs.
 */
import type { AnyTensor } from "../../core/symbolic.js";
import { registerSerializable } from "../../engine/registry.js";
import { add, divide } from "../../ops/index.js";
import { Merge } from "./base-merge.js";

/**
 * Averages a list of tensors elementwise.
 * @example
 * ```ts
 * new keras.layers.Average().apply([keras.tensor([[1, 2]]), keras.tensor([[3, 4]])]); // [[2, 3]]
 * ```
 */
export class Average extends Merge {
  static override className = "Average";

  protected mergeFunction(inputs: AnyTensor[]): AnyTensor {
    const total = inputs.slice(1).reduce<AnyTensor>((acc, x) => add(acc, x), inputs[0]!);
    return divide(total, inputs.length);
  }
}

registerSerializable("layer", Average.className, Average);
