/**
 * `LeakyReLU`: `x` for `x >= 0`, `negativeSlope * x` otherwise.
 */
import { ValueError } from "../../core/errors.js";
import type { SymbolicShape } from "../../core/shape.js";
import type { AnyTensor } from "../../core/symbolic.js";
import { leakyRelu } from "../../activations/index.js";
import { Layer, type LayerArgs } from "../../engine/layer.js";
import { registerSerializable } from "../../engine/registry.js";

/** Options of {@link LeakyReLU}. */
export interface LeakyReLUArgs extends LayerArgs {
  /** Slope for negative inputs. Default 0.3 (Keras's layer default). */
  negativeSlope?: number;
}

/**
 * Leaky rectified linear unit.
 * @example
 * ```ts
 * new keras.layers.LeakyReLU().apply(keras.tensor([[-10, 1]])); // [[-3, 1]]
 * ```
 */
export class LeakyReLU extends Layer {
  static override className = "LeakyReLU";
  readonly negativeSlope: number;

  constructor(args: LeakyReLUArgs = {}) {
    super(args);
    const slope = args.negativeSlope ?? 0.3;
    if (typeof slope !== "number" || !(slope >= 0)) {
      throw new ValueError(
        `The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float. Received: negativeSlope=${String(slope)}`,
        { negativeSlope: slope },
      );
    }
    this.negativeSlope = slope;
    this.supportsMasking = true;
  }

  call(inputs: AnyTensor): AnyTensor {
    return leakyRelu(inputs, this.negativeSlope);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), negativeSlope: this.negativeSlope };
  }
}

registerSerializable("layer", LeakyReLU.className, LeakyReLU);
