/**
 * `keras.random.categorical`: samples class indices from unnormalized log-probabilities by inverse
 * CDF in float64, one 53-bit uniform per sample, rows in order.
 */
import { allocArray, checkDType, type DType } from "../core/dtype.js";
import { DTypeError, ShapeError, ValueError } from "../core/errors.js";
import { formatShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { convertToTensor, type TensorLike } from "../ops/convert.js";
import type { SeedOptions } from "./distributions.js";
import { drawStream } from "./seed-generator.js";

/** Options of `categorical`. */
export interface CategoricalOptions extends SeedOptions {
  /** Dtype of the returned indices. Default "int32". */
  dtype?: DType;
}

/**
 * Draws `numSamples` class indices per row of `logits` ([batchSize, numClasses], unnormalized log
 * probabilities); returns [batchSize, numSamples].
 *
 * @example
 * ```ts
 * keras.random.categorical([[0, 0, 10]], 4, { seed: 1 }).arraySync(); // [[2, 2, 2, 2]] (almost surely)
 * ```
 */
export function categorical(
  logits: TensorLike,
  numSamples: number,
  options: CategoricalOptions = {},
): Tensor {
  const x = convertToTensor(logits);
  const dtype = checkDType(options.dtype ?? "int32");
  if (dtype === "bool")
    throw new DTypeError("keras.random.categorical returns indices: use an int or float dtype.", { dtype });
  if (x.rank !== 2) {
    throw new ShapeError(
      `keras.random.categorical: \`logits\` should be a 2-D tensor with shape [batchSize, numClasses]. Received shape ${formatShape(x.shape)}.`,
      { op: "categorical", shapes: [x.shape] },
    );
  }
  if (!Number.isInteger(numSamples) || numSamples < 0) {
    throw new ValueError(
      `keras.random.categorical: numSamples must be a non-negative integer. Received: ${numSamples}.`,
      {
        numSamples,
      },
    );
  }
  const [batch, classes] = x.shape as [number, number];
  const stream = drawStream(options.seed);
  const out = allocArray(dtype, batch * numSamples);
  const cdf = new Float64Array(classes);
  for (let b = 0; b < batch; b++) {
    const row = x.values.subarray(b * classes, (b + 1) * classes);
    let max = -Infinity;
    for (const v of row) if (v > max) max = v;
    let total = 0;
    let last = -1;
    for (let c = 0; c < classes; c++) {
      const w = Math.exp(row[c]! - max);
      if (w > 0) last = c;
      total += w;
      cdf[c] = total;
    }
    if (!(total > 0) || !Number.isFinite(total)) {
      throw new ValueError(
        `keras.random.categorical: row ${b} of \`logits\` has no finite maximum (received ${String(max)}).`,
        {
          row: b,
        },
      );
    }
    for (let s = 0; s < numSamples; s++) {
      const u = stream.nextFloat53() * total;
      let c = 0;
      while (c < last && cdf[c]! <= u) c++;
      out[b * numSamples + s] = c;
    }
  }
  return new Tensor(out, [batch, numSamples], dtype);
}
