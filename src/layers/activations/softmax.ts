/**
 * `Softmax`: softmax over one axis (or several), with an optional mask.
 */
import type { SymbolicShape } from "../../core/shape.js";
import type { AnyTensor } from "../../core/symbolic.js";
import { softmax } from "../../activations/index.js";
import type { CallArgs } from "../../engine/layer.js";
import { Layer, type LayerArgs } from "../../engine/layer.js";
import { registerSerializable } from "../../engine/registry.js";
import { cast, exp, greater, logsumexp, subtract, where } from "../../ops/index.js";

/** Options of {@link Softmax}. */
export interface SoftmaxArgs extends LayerArgs {
  /** Axis (or axes) to normalize over. Default -1. */
  axis?: number | number[];
}

/**
 * Softmax activation layer. With a `mask` (true/1 = keep), masked positions get probability 0.
 * @example
 * ```ts
 * new keras.layers.Softmax().apply(keras.tensor([[1, 1]])); // [[0.5, 0.5]]
 * ```
 */
export class Softmax extends Layer {
  static override className = "Softmax";
  readonly axis: number | number[];

  constructor(args: SoftmaxArgs = {}) {
    super(args);
    this.axis = args.axis ?? -1;
    this.supportsMasking = true;
  }

  call(inputs: AnyTensor, args: CallArgs = {}): AnyTensor {
    let x = inputs;
    let mask = args.mask && !Array.isArray(args.mask) ? (args.mask as AnyTensor) : null;
    if (mask) {
      if (mask.dtype !== "bool") mask = greater(mask, cast(0.5, mask.dtype));
      x = where(mask, x, -1e9);
    }
    let y: AnyTensor;
    if (Array.isArray(this.axis) && this.axis.length > 1) y = exp(subtract(x, logsumexp(x, this.axis, true)));
    else y = softmax(x, Array.isArray(this.axis) ? this.axis[0]! : this.axis);
    return mask ? where(mask, y, 0) : y;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }
}

registerSerializable("layer", Softmax.className, Softmax);
