/**
 * `Identity`: passes its inputs through unchanged (a placeholder layer).
 */
import type { AnyTensor } from "../../core/symbolic.js";
import type { BuildShape } from "../../engine/layer.js";
import { Layer } from "../../engine/layer.js";
import { registerSerializable } from "../../engine/registry.js";

/**
 * Returns its input (a tensor, or an array/record of tensors) as is.
 * @example
 * ```ts
 * const x = keras.tensor([[1, 2]]);
 * new keras.layers.Identity().apply(x) === x; // true
 * ```
 */
export class Identity extends Layer {
  static override className = "Identity";

  call<T extends AnyTensor | readonly AnyTensor[] | Record<string, AnyTensor>>(inputs: T): T {
    return inputs;
  }

  override computeOutputShape(inputShape: BuildShape): BuildShape {
    return inputShape;
  }
}

registerSerializable("layer", Identity.className, Identity);
