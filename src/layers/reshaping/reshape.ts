/**
 * `Reshape`: gives each sample a new shape.
 */
import { ValueError } from "../../core/errors.js";
import { formatShape, type SymbolicShape } from "../../core/shape.js";
import type { AnyTensor } from "../../core/symbolic.js";
import { Layer, type LayerArgs } from "../../engine/layer.js";
import { registerSerializable } from "../../engine/registry.js";
import { reshape } from "../../ops/index.js";

/**
 * Resolves a target shape (one entry may be -1) against the known sample dims; -1 stays null when
 * the sample size is unknown.
 * @throws ValueError when the sizes cannot match.
 */
function resolveTarget(sample: SymbolicShape, target: readonly number[], layer: string): (number | null)[] {
  const known = target.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
  const unknownInput = sample.some((d) => d === null);
  if (unknownInput) return target.map((d) => (d === -1 ? null : d));
  const total = (sample as number[]).reduce((p, d) => p * d, 1);
  const fail = () =>
    new ValueError(
      `Layer "${layer}": the total size of the new array must be unchanged. Input sample shape ${formatShape(sample)} ` +
        `(${total} elements) cannot be reshaped to target_shape ${formatShape(target.map((d) => (d === -1 ? null : d)))}.`,
      { inputShape: sample, targetShape: target },
    );
  if (target.includes(-1)) {
    if (known === 0 || total % known !== 0) throw fail();
    return target.map((d) => (d === -1 ? total / known : d));
  }
  if (known !== total) throw fail();
  return [...target];
}

/**
 * Reshapes each sample to `targetShape` (batch axis excluded; one entry may be -1).
 * @example
 * ```ts
 * new keras.layers.Reshape([3, 4]).apply(keras.Input({ shape: [12] })).shape;  // [null, 3, 4]
 * new keras.layers.Reshape([-1, 2]).apply(keras.Input({ shape: [12] })).shape; // [null, 6, 2]
 * ```
 */
export class Reshape extends Layer {
  static override className = "Reshape";
  readonly targetShape: number[];

  constructor(targetShape: number[], args: LayerArgs = {}) {
    super(args);
    if (
      !Array.isArray(targetShape) ||
      targetShape.some((d) => !Number.isInteger(d) || (d <= 0 && d !== -1)) ||
      targetShape.filter((d) => d === -1).length > 1
    ) {
      throw new ValueError(
        `Invalid \`targetShape\` of Reshape: expected positive integers and at most one -1. Received: targetShape=${JSON.stringify(targetShape)}`,
        { targetShape },
      );
    }
    this.targetShape = [...targetShape];
  }

  call(inputs: AnyTensor): AnyTensor {
    const target = resolveTarget(inputs.shape.slice(1), this.targetShape, this.name);
    const batch = inputs.shape[0];
    if (batch !== null && batch !== undefined) return reshape(inputs, [batch, ...target.map((d) => d ?? -1)]);
    return reshape(inputs, [-1, ...target.map((d) => d ?? -1)]);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [inputShape[0] ?? null, ...resolveTarget(inputShape.slice(1), this.targetShape, this.name)];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), targetShape: [...this.targetShape] };
  }

  /** Rebuilds the layer from `{ targetShape, ...layerArgs }`. */
  static override fromConfig<T>(
    this: new (targetShape: number[], args?: LayerArgs) => T,
    config: Record<string, unknown>,
  ): T {
    const { targetShape, ...rest } = config;
    return new this(targetShape as number[], rest as LayerArgs);
  }
}

registerSerializable("layer", Reshape.className, Reshape);
