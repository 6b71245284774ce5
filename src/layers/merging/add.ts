/**
 * `Add`: elementwise sum of a list of inputs.
 */
import type { AnyTensor } from "../../core/symbolic.js";
import { registerSerializable } from "../../engine/registry.js";
import { add } from "../../ops/index.js";
import { Merge } from "./base-merge.js";

/**
 * Sums a list of tensors of the same (or broadcastable) shape.
 * @example
 * ```ts
 * const a = keras.Input({ shape: [16] });
 * const b = keras.Input({ shape: [16] });
 * const sum = new keras.layers.Add().apply([a, b]); // (None, 16)
 * ```
 */
export class Add extends Merge {
  static override className = "Add";

  protected mergeFunction(inputs: AnyTensor[]): AnyTensor {
    return inputs.slice(1).reduce<AnyTensor>((acc, x) => add(acc, x), inputs[0]!);
  }
}

registerSerializable("layer", Add.className, Add);
