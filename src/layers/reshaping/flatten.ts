/**
 * `Flatten`: collapses every axis but the batch axis into one.
 */
import { ValueError } from "../../core/errors.js";
import type { SymbolicShape } from "../../core/shape.js";
import type { AnyTensor } from "../../core/symbolic.js";
import { InputSpec } from "../../engine/input-spec.js";
import { Layer, type LayerArgs } from "../../engine/layer.js";
import { registerSerializable } from "../../engine/registry.js";
import { reshape, transpose } from "../../ops/index.js";

/** Options of {@link Flatten}. */
export interface FlattenArgs extends LayerArgs {
  /**
   * "channels_last" (default) or "channels_first": with channels_first, inputs are moved to
   * channels_last before flattening, so the element order matches a channels_last model.
   */
  dataFormat?: "channels_last" | "channels_first" | null;
}

/** The flattened size of the non-batch dims: 1 for none, null when any is unknown. */
function flatSize(dims: SymbolicShape): number | null {
  if (dims.some((d) => d === null)) return null;
  return (dims as number[]).reduce((p, d) => p * d, 1);
}

/**
 * Flattens each sample: `(batch, ...dims)` → `(batch, prod(dims))`; a `(batch,)` input becomes
 * `(batch, 1)`.
 * @example
 * ```ts
 * new keras.layers.Flatten().apply(keras.Input({ shape: [28, 28] })).shape; // [null, 784]
 * ```
 */
export class Flatten extends Layer {
  static override className = "Flatten";
  readonly dataFormat: "channels_last" | "channels_first";

  constructor(args: FlattenArgs = {}) {
    super(args);
    const format = args.dataFormat ?? "channels_last";
    if (format !== "channels_last" && format !== "channels_first") {
      throw new ValueError(
        `The \`dataFormat\` argument must be one of "channels_first", "channels_last". Received: ${String(format)}`,
        { dataFormat: format },
      );
    }
    this.dataFormat = format;
    this.inputSpec = new InputSpec({ minNdim: 1 });
  }

  call(inputs: AnyTensor): AnyTensor {
    let x = inputs;
    const rank = x.rank;
    if (this.dataFormat === "channels_first" && rank > 2) {
      x = transpose(x, [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1]);
    }
    const size = flatSize(x.shape.slice(1));
    const batch = x.shape[0];
    if (size !== null) return reshape(x, [batch === null || batch === undefined ? -1 : batch, size]);
    if (batch === null || batch === undefined) {
      throw new ValueError(
        `Layer "${this.name}" cannot flatten an input whose batch size and feature dimensions are both unknown: ${String(inputs)}.`,
      );
    }
    return reshape(x, [batch, -1]);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [inputShape[0] ?? null, flatSize(inputShape.slice(1))];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dataFormat: this.dataFormat };
  }
}

registerSerializable("layer", Flatten.className, Flatten);
