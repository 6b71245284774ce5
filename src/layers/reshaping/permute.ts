/**
 * `Permute`: reorders the non-batch axes of each sample.
 */
import { ValueError } from "../../core/errors.js";
import type { SymbolicShape } from "../../core/shape.js";
import type { AnyTensor } from "../../core/symbolic.js";
import { InputSpec } from "../../engine/input-spec.js";
import { Layer, type LayerArgs } from "../../engine/layer.js";
import { registerSerializable } from "../../engine/registry.js";
import { transpose } from "../../ops/index.js";

/**
 * Permutes the axes of the input; `dims` numbers the non-batch axes from 1.
 * @example
 * ```ts
 * new keras.layers.Permute([2, 1]).apply(keras.Input({ shape: [10, 64] })).shape; // [null, 64, 10]
 * ```
 */
export class Permute extends Layer {
  static override className = "Permute";
  readonly dims: number[];

  constructor(dims: number[], args: LayerArgs = {}) {
    super(args);
    const sorted = Array.isArray(dims) ? [...dims].sort((a, b) => a - b) : [];
    if (!Array.isArray(dims) || sorted.some((d, i) => d !== i + 1)) {
      throw new ValueError(
        `Invalid permutation argument \`dims\` for Permute Layer. The set of indices in \`dims\` must be consecutive and start from 1. Received dims=${JSON.stringify(dims)}`,
        { dims },
      );
    }
    this.dims = [...dims];
    this.inputSpec = new InputSpec({ ndim: dims.length + 1 });
  }

  call(inputs: AnyTensor): AnyTensor {
    return transpose(inputs, [0, ...this.dims]);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [inputShape[0] ?? null, ...this.dims.map((d) => inputShape[d] ?? null)];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dims: [...this.dims] };
  }

  /** Rebuilds the layer from `{ dims, ...layerArgs }`. */
  static override fromConfig<T>(
    this: new (dims: number[], args?: LayerArgs) => T,
    config: Record<string, unknown>,
  ): T {
    const { dims, ...rest } = config;
    return new this(dims as number[], rest as LayerArgs);
  }
}

registerSerializable("layer", Permute.className, Permute);
