/**
 * `Dot`: per-sample dot product of two inputs along given axes (Keras's `batch_dot`).
 */
import { ValueError } from "../../core/errors.js";
import { formatShape, type SymbolicShape } from "../../core/shape.js";
import type { AnyTensor } from "../../core/symbolic.js";
import type { LayerArgs } from "../../engine/layer.js";
import { registerSerializable } from "../../engine/registry.js";
import {
  expandDims,
  matmul,
  maximum,
  multiply,
  reshape,
  rsqrt,
  square,
  squeeze,
  sum,
  transpose,
} from "../../ops/index.js";
import { Merge, shapeList } from "./base-merge.js";

/** Keras's `backend.epsilon()`, used by the L2 normalization. */
const EPSILON = 1e-7;

/** Options of {@link Dot}. */
export interface DotArgs extends LayerArgs {
  /** Whether to L2-normalize both inputs along the dot axes first (giving cosine similarity). Default false. */
  normalize?: boolean;
}

/** `x * rsqrt(max(sum(x², axis), ε²))`, Keras's `ops.normalize` for order 2. */
function l2Normalize(x: AnyTensor, axis: number): AnyTensor {
  return multiply(x, rsqrt(maximum(sum(square(x), axis, true), EPSILON * EPSILON)));
}

/** Product of the known sizes, or -1 when any is unknown. */
function sizeOr(dims: SymbolicShape): number {
  return dims.some((d) => d === null) ? -1 : (dims as number[]).reduce((p, d) => p * d, 1);
}

/**
 * Batched dot product of `x` and `y` over `x`'s axis `a0` and `y`'s axis `a1` (both > 0); the
 * result keeps the batch axis, then `x`'s remaining axes, then `y`'s.
 * @example
 * ```ts
 * batchDot(keras.ops.ones([2, 3, 4]), keras.ops.ones([2, 4, 5]), [2, 1]).shape; // [2, 3, 5]
 * ```
 */
export function batchDot(x: AnyTensor, y: AnyTensor, axes: [number, number]): AnyTensor {
  const xRank0 = x.rank;
  const yRank0 = y.rank;
  let a0 = axes[0];
  const a1 = axes[1];
  if (xRank0 === 2) {
    x = expandDims(x, 1);
    a0 += 1;
  }
  if (yRank0 === 2) y = expandDims(y, 2);
  const xr = x.rank;
  const yr = y.rank;
  if (a0 !== xr - 1)
    x = transpose(x, [...Array.from({ length: xr }, (_, i) => i).filter((i) => i !== a0), a0]);
  if (a1 !== 1)
    y = transpose(y, [0, a1, ...Array.from({ length: yr }, (_, i) => i).filter((i) => i !== 0 && i !== a1)]);
  const xMid = x.shape.slice(1, -1);
  const yTrail = y.shape.slice(2);
  if (xr > 3) x = reshape(x, [x.shape[0] ?? -1, sizeOr(xMid), x.shape[xr - 1] ?? -1]);
  if (yr > 3) y = reshape(y, [y.shape[0] ?? -1, y.shape[1] ?? -1, sizeOr(yTrail)]);
  let result = matmul(x, y);
  if (xr > 3 || yr > 3) {
    const batch = result.shape[0] ?? -1;
    result = reshape(result, [batch, ...[...xMid, ...yTrail].map((d) => d ?? -1)]);
  }
  if (xRank0 === 2) result = squeeze(result, 1);
  else if (yRank0 === 2) result = squeeze(result, -1);
  return result;
}

/**
 * Computes the dot product between samples of two tensors along `axes` (one axis for both, or
 * `[axisOfFirst, axisOfSecond]`); the batch axis is kept. With `normalize`, this is the cosine
 * similarity.
 * @example
 * ```ts
 * const a = keras.Input({ shape: [5] });
 * const b = keras.Input({ shape: [5] });
 * new keras.layers.Dot(1).apply([a, b]).shape; // [null, 1]
 * new keras.layers.Dot([2, 1]).apply([keras.Input({ shape: [3, 4] }), keras.Input({ shape: [4, 6] })]).shape; // [null, 3, 6]
 * ```
 */
export class Dot extends Merge {
  static override className = "Dot";
  readonly axes: number | [number, number];
  readonly normalize: boolean;

  constructor(axes: number | [number, number], args: DotArgs = {}) {
    super(args);
    if (typeof axes !== "number") {
      if (!Array.isArray(axes)) {
        throw new ValueError(
          `Invalid type for argument \`axes\`: it should be a list or an int. Received: axes=${String(axes)}`,
          { axes },
        );
      }
      if (axes.length !== 2) {
        throw new ValueError(
          `Invalid format for argument \`axes\`: it should contain two elements. Received: axes=${JSON.stringify(axes)}`,
          { axes },
        );
      }
    }
    const list = typeof axes === "number" ? [axes] : axes;
    if (list.some((a) => !Number.isInteger(a))) {
      throw new ValueError(
        `Invalid format for argument \`axes\`: list elements should be integers. Received: axes=${JSON.stringify(axes)}`,
        { axes },
      );
    }
    this.axes = typeof axes === "number" ? axes : [axes[0], axes[1]];
    this.normalize = args.normalize ?? false;
    this.supportsMasking = true;
  }

  /** The two axes, normalized against the ranks of the two inputs. */
  private resolveAxes(rank1: number, rank2: number): [number, number] {
    const mod = (a: number, r: number) => ((a % r) + r) % r;
    if (typeof this.axes === "number") {
      return this.axes < 0 ? [mod(this.axes, rank1), mod(this.axes, rank2)] : [this.axes, this.axes];
    }
    return [
      this.axes[0] < 0 ? mod(this.axes[0], rank1) : this.axes[0],
      this.axes[1] < 0 ? mod(this.axes[1], rank2) : this.axes[1],
    ];
  }

  private checkShapes(inputShape: unknown): [SymbolicShape, SymbolicShape, [number, number]] {
    const shapes = shapeList(inputShape, this.name, "Dot");
    if (shapes.length !== 2) {
      throw new ValueError(
        `A \`Dot\` layer should be called on a list of 2 inputs. Received ${shapes.length} inputs.`,
        { layer: this.name },
      );
    }
    const [s1, s2] = shapes as [SymbolicShape, SymbolicShape];
    const axes = this.resolveAxes(s1.length, s2.length);
    if (
      s1.length < 2 ||
      s2.length < 2 ||
      axes[0] === 0 ||
      axes[1] === 0 ||
      axes[0] >= s1.length ||
      axes[1] >= s2.length
    ) {
      throw new ValueError(
        `Layer "${this.name}": cannot take a batch dot product of inputs with shapes ${formatShape(s1)} and ${formatShape(s2)} ` +
          `over axes ${JSON.stringify(axes)}: both inputs need rank >= 2, and the axes must be non-batch axes in range.`,
        { layer: this.name, shapes },
      );
    }
    const d1 = s1[axes[0]]!;
    const d2 = s2[axes[1]]!;
    if (d1 !== null && d2 !== null && d1 !== d2) {
      throw new ValueError(
        `Incompatible input shapes: axis values ${d1} (at axis ${axes[0]}) != ${d2} (at axis ${axes[1]}). Full input shapes: ${formatShape(s1)}, ${formatShape(s2)}`,
        { layer: this.name, shapes },
      );
    }
    return [s1, s2, axes];
  }

  override build(inputShape: SymbolicShape[]): void {
    this.checkShapes(inputShape);
  }

  override call(inputs: AnyTensor[]): AnyTensor {
    return this.mergeFunction(inputs);
  }

  protected mergeFunction(inputs: AnyTensor[]): AnyTensor {
    if (!Array.isArray(inputs) || inputs.length !== 2) {
      throw new ValueError(
        `A \`Dot\` layer should be called on exactly 2 inputs. Received: ${String(inputs)}`,
      );
    }
    let [x1, x2] = inputs as [AnyTensor, AnyTensor];
    const axes = this.resolveAxes(x1.rank, x2.rank);
    if (this.normalize) {
      x1 = l2Normalize(x1, axes[0]);
      x2 = l2Normalize(x2, axes[1]);
    }
    return batchDot(x1, x2, axes);
  }

  override computeOutputShape(inputShape: SymbolicShape[]): SymbolicShape {
    const [s1, s2, axes] = this.checkShapes(inputShape);
    const a = s1.filter((_, i) => i !== axes[0]);
    const b = s2.filter((_, i) => i !== axes[1]).slice(1);
    const out = [...a, ...b];
    return out.length === 1 ? [...out, 1] : out;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axes: this.axes, normalize: this.normalize };
  }

  /** Rebuilds the layer from `{ axes, ...options }`. */
  static override fromConfig<T>(
    this: new (axes: number | [number, number], args?: DotArgs) => T,
    config: Record<string, unknown>,
  ): T {
    const { axes, ...rest } = config;
    return new this(axes as number | [number, number], rest as DotArgs);
  }
}

registerSerializable("layer", Dot.className, Dot);
