/**
 * `keras.random.dropout`: zeroes entries with probability `rate` and scales the kept ones by
 * 1 / (1 - rate). The random mask is its own op (a constant for autodiff) and the result is
 * `x * mask`, so the tape differentiates it with the ordinary multiply rule; on symbolic tensors a
 * fresh mask is drawn each time the graph runs.
 */
import { allocArray } from "../core/dtype.js";
import { ShapeError, ValueError } from "../core/errors.js";
import { formatShape, sizeOf, type SymbolicShape } from "../core/shape.js";
import { requireFloat, toOpTensor, type OpInput, type OpResult } from "../ops/convert.js";
import { multiply } from "../ops/binary.js";
import { runOp1, type OpDef } from "../ops/op.js";
import type { SeedOptions } from "./distributions.js";
import { drawStream, type Seed } from "./seed-generator.js";

/** Options of `dropout`. */
export interface DropoutOptions extends SeedOptions {
  /**
   * Shape of the mask, broadcast against `x`: one entry per axis of `x`, each 1 (share the mask along
   * that axis), the axis size, or null (the axis size). Default: `x`'s shape.
   */
  noiseShape?: readonly (number | null)[];
}

interface MaskAttrs {
  rate: number;
  noiseShape: readonly (number | null)[] | undefined;
  seed: Seed;
}

/** Resolves `noiseShape` against the input shape (Keras's `_get_concrete_noise_shape`). */
function maskShape(xShape: SymbolicShape, noiseShape: MaskAttrs["noiseShape"]): (number | null)[] {
  if (noiseShape === undefined) return [...xShape];
  const bad = () =>
    new ShapeError(
      `keras.random.dropout: noiseShape ${formatShape(noiseShape)} is incompatible with the input shape ` +
        `${formatShape(xShape)}: give one entry per axis, each 1, null, or the axis size.`,
      { op: "dropout", shapes: [xShape, noiseShape] },
    );
  if (noiseShape.length !== xShape.length) throw bad();
  return noiseShape.map((d, i) => {
    if (d === null) return xShape[i]!;
    if (!Number.isInteger(d) || d < 0 || (d !== 1 && xShape[i] !== null && d !== xShape[i])) throw bad();
    return d;
  });
}

const dropoutMaskDef: OpDef<MaskAttrs> = {
  name: "dropoutMask",
  infer: ([x], { noiseShape }) => [{ shape: maskShape(x!.shape, noiseShape), dtype: x!.dtype }],
  forward: (_inputs, { rate, seed }, [out]) => {
    const keep = 1 - rate;
    const scale = 1 / keep;
    const stream = drawStream(seed);
    const mask = allocArray(out!.dtype, sizeOf(out!.shape));
    const wide = out!.dtype === "float64";
    for (let i = 0; i < mask.length; i++) {
      const u = wide ? stream.nextFloat53() : stream.nextFloat24();
      mask[i] = u < keep ? scale : 0;
    }
    return [mask];
  },
};

/**
 * Randomly sets entries of `x` to 0 with probability `rate`, scaling the others by 1 / (1 - rate) so
 * the expected sum is unchanged. Differentiable with respect to `x`.
 *
 * @example
 * ```ts
 * const y = keras.random.dropout(keras.ops.ones([2, 4]), 0.5, { seed: 1 }); // entries are 0 or 2
 * ```
 */
export function dropout<T extends OpInput>(x: T, rate: number, options: DropoutOptions = {}): OpResult<T> {
  const xt = toOpTensor(x);
  requireFloat(xt, "keras.random.dropout");
  if (typeof rate !== "number" || !(rate >= 0 && rate < 1)) {
    throw new ValueError(
      `keras.random.dropout: \`rate\` must be a number in [0, 1). Received: rate=${String(rate)}.`,
      {
        rate,
      },
    );
  }
  const attrs: MaskAttrs = { rate, noiseShape: options.noiseShape, seed: options.seed };
  maskShape(xt.shape, attrs.noiseShape); // validate now, even when rate is 0
  if (rate === 0) return xt as OpResult<T>;
  const mask = runOp1(dropoutMaskDef, [xt], attrs);
  return multiply(xt, mask) as OpResult<T>;
}
