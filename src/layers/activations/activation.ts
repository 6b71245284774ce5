/**
 * `Activation`: applies an activation function to its input.
 */
import type { SymbolicShape } from "../../core/shape.js";
import type { AnyTensor } from "../../core/symbolic.js";
import * as activations from "../../activations/index.js";
import { Layer, type LayerArgs } from "../../engine/layer.js";
import { registerSerializable } from "../../engine/registry.js";

/**
 * Applies an activation function (a Keras name such as "relu" or a function) to its input.
 * @example
 * ```ts
 * const y = new keras.layers.Activation("relu").apply(keras.tensor([[-1, 2]])); // [[0, 2]]
 * ```
 */
export class Activation extends Layer {
  static override className = "Activation";
  readonly activation: activations.ActivationFn;

  constructor(activation: activations.ActivationIdentifier, args: LayerArgs = {}) {
    super(args);
    this.activation = activations.get(activation);
    this.supportsMasking = true;
  }

  call(inputs: AnyTensor): AnyTensor {
    return this.activation(inputs);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), activation: activations.serialize(this.activation) };
  }

  /** Rebuilds the layer from `{ activation, ...layerArgs }`. */
  static override fromConfig<T>(
    this: new (activation: activations.ActivationIdentifier, args?: LayerArgs) => T,
    config: Record<string, unknown>,
  ): T {
    const { activation, ...rest } = config;
    return new this(activation as string, rest as LayerArgs);
  }
}

registerSerializable("layer", Activation.className, Activation);
