/**
 * `RepeatVector`: repeats a `(batch, features)` input `n` times along a new axis.
 */
import type { SymbolicShape } from "../../core/shape.js";
import type { AnyTensor } from "../../core/symbolic.js";
import { InputSpec } from "../../engine/input-spec.js";
import { Layer, type LayerArgs } from "../../engine/layer.js";
import { registerSerializable } from "../../engine/registry.js";
import { expandDims, repeat } from "../../ops/index.js";
import { positiveInt } from "../utils.js";

/**
 * `(batch, features)` → `(batch, n, features)`.
 * @example
 * ```ts
 * new keras.layers.RepeatVector(3).apply(keras.Input({ shape: [32] })).shape; // [null, 3, 32]
 * ```
 */
export class RepeatVector extends Layer {
  static override className = "RepeatVector";
  readonly n: number;

  constructor(n: number, args: LayerArgs = {}) {
    super(args);
    this.n = positiveInt(n, "n", "RepeatVector");
    this.inputSpec = new InputSpec({ ndim: 2 });
  }

  call(inputs: AnyTensor): AnyTensor {
    return repeat(expandDims(inputs, 1), this.n, 1);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [inputShape[0] ?? null, this.n, inputShape[1] ?? null];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), n: this.n };
  }

  /** Rebuilds the layer from `{ n, ...layerArgs }`. */
  static override fromConfig<T>(
    this: new (n: number, args?: LayerArgs) => T,
    config: Record<string, unknown>,
  ): T {
    const { n, ...rest } = config;
    return new this(n as number, rest as LayerArgs);
  }
}

registerSerializable("layer", RepeatVector.className, RepeatVector);
