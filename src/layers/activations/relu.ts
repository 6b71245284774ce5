/**
 * `ReLU`: the rectified linear unit layer, with optional cap, leak and threshold.
 */
import { ValueError } from "../../core/errors.js";
import type { SymbolicShape } from "../../core/shape.js";
import type { AnyTensor } from "../../core/symbolic.js";
import { relu } from "../../activations/index.js";
import { Layer, type LayerArgs } from "../../engine/layer.js";
import { registerSerializable } from "../../engine/registry.js";

/** Options of {@link ReLU}. */
export interface ReLUArgs extends LayerArgs {
  /** Largest output value. Default: none (unbounded). */
  maxValue?: number | null;
  /** Slope below the threshold. Default 0. */
  negativeSlope?: number;
  /** Inputs below it are damped. Default 0. */
  threshold?: number;
}

/**
 * `f(x) = maxValue` for `x >= maxValue`, `x` for `threshold <= x < maxValue`, and
 * `negativeSlope * (x - threshold)` below the threshold.
 * @example
 * ```ts
 * new keras.layers.ReLU({ maxValue: 6 }).apply(keras.tensor([[-1, 3, 9]])); // [[0, 3, 6]]
 * ```
 */
export class ReLU extends Layer {
  static override className = "ReLU";
  readonly maxValue: number | null;
  readonly negativeSlope: number;
  readonly threshold: number;

  constructor(args: ReLUArgs = {}) {
    super(args);
    const maxValue = args.maxValue ?? null;
    const negativeSlope = args.negativeSlope ?? 0;
    const threshold = args.threshold ?? 0;
    if (maxValue !== null && !(maxValue >= 0)) {
      throw new ValueError(
        `max_value of a ReLU layer cannot be a negative value. Received: maxValue=${maxValue}`,
        { maxValue },
      );
    }
    if (!(negativeSlope >= 0)) {
      throw new ValueError(
        `negative_slope of a ReLU layer cannot be a negative value. Received: negativeSlope=${negativeSlope}`,
        { negativeSlope },
      );
    }
    if (!(threshold >= 0)) {
      throw new ValueError(
        `threshold of a ReLU layer cannot be a negative value. Received: threshold=${threshold}`,
        {
          threshold,
        },
      );
    }
    this.maxValue = maxValue;
    this.negativeSlope = negativeSlope;
    this.threshold = threshold;
    this.supportsMasking = true;
  }

  call(inputs: AnyTensor): AnyTensor {
    return relu(inputs, {
      negativeSlope: this.negativeSlope,
      maxValue: this.maxValue,
      threshold: this.threshold,
    });
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      maxValue: this.maxValue,
      negativeSlope: this.negativeSlope,
      threshold: this.threshold,
    };
  }
}

registerSerializable("layer", ReLU.className, ReLU);
