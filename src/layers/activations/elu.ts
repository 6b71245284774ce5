/**
 * `ELU`: exponential linear unit layer.
 */
import type { SymbolicShape } from "../../core/shape.js";
import type { AnyTensor } from "../../core/symbolic.js";
import { elu } from "../../activations/index.js";
import { Layer, type LayerArgs } from "../../engine/layer.js";
import { registerSerializable } from "../../engine/registry.js";

/** Options of {@link ELU}. */
export interface ELUArgs extends LayerArgs {
  /** Scale of the negative part. Default 1. */
  alpha?: number;
}

/**
 * `x` for `x > 0`, `alpha * (exp(x) - 1)` otherwise.
 * @example
 * ```ts
 * new keras.layers.ELU({ alpha: 0.5 }).apply(keras.tensor([[-1, 2]])); // [[-0.316, 2]]
 * ```
 */
export class ELU extends Layer {
  static override className = "ELU";
  readonly alpha: number;

  constructor(args: ELUArgs = {}) {
    super(args);
    this.alpha = args.alpha ?? 1;
    this.supportsMasking = true;
  }

  call(inputs: AnyTensor): AnyTensor {
    return elu(inputs, this.alpha);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}

registerSerializable("layer", ELU.className, ELU);
