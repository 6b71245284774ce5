/**
 * `Concatenate`: joins a list of inputs along one axis.
 */
import { ValueError } from "../../core/errors.js";
import { formatShape, type SymbolicShape } from "../../core/shape.js";
import type { AnyTensor } from "../../core/symbolic.js";
import type { LayerArgs } from "../../engine/layer.js";
import { registerSerializable } from "../../engine/registry.js";
import { concatenate } from "../../ops/index.js";
import { Merge, shapeList } from "./base-merge.js";

/** Options of {@link Concatenate}. */
export interface ConcatenateArgs extends LayerArgs {
  /** The axis to join along. Default -1. */
  axis?: number;
}

/**
 * Concatenates tensors whose shapes agree on every axis but `axis`.
 * @example
 * ```ts
 * const a = keras.Input({ shape: [4] });
 * const b = keras.Input({ shape: [6] });
 * new keras.layers.Concatenate().apply([a, b]).shape; // [null, 10]
 * ```
 */
export class Concatenate extends Merge {
  static override className = "Concatenate";
  readonly axis: number;

  constructor(args: ConcatenateArgs = {}) {
    super(args);
    this.axis = args.axis ?? -1;
    this.supportsMasking = true;
  }

  /** Checks rank and non-axis sizes; returns the normalized axis. */
  private check(shapes: SymbolicShape[]): number {
    const rank = shapes[0]!.length;
    const fail = (why: string) =>
      new ValueError(
        `A \`Concatenate\` layer requires inputs with matching shapes except for the concatenation axis (axis=${this.axis}). ` +
          `${why} Received: input_shape=[${shapes.map(formatShape).join(", ")}]`,
        { layer: this.name, axis: this.axis, shapes },
      );
    if (shapes.some((s) => s.length !== rank)) throw fail("The inputs have different ranks.");
    if (!Number.isInteger(this.axis) || this.axis < -rank || this.axis >= rank)
      throw fail(`The axis is out of range for rank ${rank}.`);
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    for (let i = 0; i < rank; i++) {
      if (i === axis) continue;
      const known = new Set(shapes.map((s) => s[i]).filter((d) => d !== null));
      if (known.size > 1) throw fail(`Axis ${i} differs.`);
    }
    return axis;
  }

  override build(inputShape: SymbolicShape[]): void {
    this.check(shapeList(inputShape, this.name, "Concatenate"));
  }

  override call(inputs: AnyTensor[]): AnyTensor {
    return concatenate(inputs, this.axis);
  }

  protected mergeFunction(inputs: AnyTensor[]): AnyTensor {
    return concatenate(inputs, this.axis);
  }

  override computeOutputShape(inputShape: SymbolicShape[]): SymbolicShape {
    const shapes = shapeList(inputShape, this.name, "Concatenate");
    const axis = this.check(shapes);
    const out = shapes[0]!.map((_, i) => shapes.map((s) => s[i]!).find((d) => d !== null) ?? null);
    const sizes = shapes.map((s) => s[axis]!);
    out[axis] = sizes.some((d) => d === null) ? null : (sizes as number[]).reduce((a, b) => a + b, 0);
    return out;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }
}

registerSerializable("layer", Concatenate.className, Concatenate);
