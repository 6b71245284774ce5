/**
 * `Dropout`: during training, zeroes inputs at random with probability `rate` and scales the rest
 * by `1 / (1 - rate)`; the identity at inference.
 */
import { ValueError } from "../../core/errors.js";
import type { SymbolicShape } from "../../core/shape.js";
import type { AnyTensor } from "../../core/symbolic.js";
import type { CallArgs, LayerArgs } from "../../engine/layer.js";
import { Layer } from "../../engine/layer.js";
import { registerSerializable } from "../../engine/registry.js";
import { dropout, SeedGenerator } from "../../random/index.js";

/** Options of {@link Dropout}. */
export interface DropoutArgs extends LayerArgs {
  /**
   * Shape of the binary mask, broadcast against the input (one entry per axis; 1 shares the mask
   * along that axis, null takes the input's size). E.g. `[null, 1, null]` drops whole features of
   * a `(batch, timesteps, features)` input. Default: the input's shape.
   */
  noiseShape?: (number | null)[] | null;
  /** Seeds the layer's own SeedGenerator. Default: a seed from the global seed source. */
  seed?: number | null;
}

/**
 * Randomly sets inputs to 0 with probability `rate` while training (`training: true`, as `fit`
 * passes), scaling the kept inputs by `1 / (1 - rate)` so the expected sum is unchanged.
 * @example
 * ```ts
 * const drop = new keras.layers.Dropout(0.5, { seed: 1 });
 * drop.apply(x);                      // x unchanged (inference)
 * drop.apply(x, { training: true });  // about half zeroed, the rest doubled
 * ```
 */
export class Dropout extends Layer {
  static override className = "Dropout";
  readonly rate: number;
  readonly noiseShape: (number | null)[] | null;
  readonly seed: number | null;
  readonly seedGenerator: SeedGenerator | null;

  constructor(rate: number, args: DropoutArgs = {}) {
    super(args);
    if (typeof rate !== "number" || !(rate >= 0 && rate < 1)) {
      throw new ValueError(
        `Invalid value received for argument \`rate\` of Dropout. Expected a float value in [0, 1). Received: rate=${String(rate)}`,
        { rate },
      );
    }
    const noiseShape = args.noiseShape ?? null;
    if (noiseShape !== null) {
      if (!Array.isArray(noiseShape)) {
        throw new ValueError(
          `Invalid value received for argument \`noiseShape\`. Expected an array of integers or nulls. Received: noiseShape=${String(noiseShape)}`,
          { noiseShape },
        );
      }
      noiseShape.forEach((d, i) => {
        if (d !== null && !(Number.isInteger(d) && d > 0)) {
          throw new ValueError(
            `Invalid value received for argument \`noiseShape\`. Expected all dimensions to be positive integers or null. Received ${String(d)} at index ${i}.`,
            { noiseShape },
          );
        }
      });
    }
    this.rate = rate;
    this.noiseShape = noiseShape ? [...noiseShape] : null;
    this.seed = args.seed ?? null;
    this.seedGenerator = rate > 0 ? new SeedGenerator(this.seed ?? undefined) : null;
    this.supportsMasking = true;
  }

  call(inputs: AnyTensor, args: CallArgs = {}): AnyTensor {
    if (args.training && this.seedGenerator) {
      return dropout(inputs, this.rate, {
        noiseShape: this.noiseShape ?? undefined,
        seed: this.seedGenerator,
      });
    }
    return inputs;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed, noiseShape: this.noiseShape };
  }

  /** Rebuilds the layer from `{ rate, ...options }`. */
  static override fromConfig<T>(
    this: new (rate: number, args?: DropoutArgs) => T,
    config: Record<string, unknown>,
  ): T {
    const { rate, ...rest } = config;
    return new this(rate as number, rest as DropoutArgs);
  }
}

registerSerializable("layer", Dropout.className, Dropout);
