/**
 * The Orthogonal initializer: Q of the QR decomposition of a random normal matrix, with the sign
 * correction that makes the result unique (R's diagonal positive), as Keras does.
 */
import { allocArray, type DType } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import { formatShape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { normal } from "../random/index.js";
import { checkCallArgs, type InitializerConfig, type Seed } from "./initializer.js";
import { RandomInitializer } from "./random.js";

/**
 * Reduced QR of a row-major `m × n` matrix (`m >= n`) by Householder reflections, in float64.
 * Returns Q (`m × n`, orthonormal columns) already multiplied column-wise by `sign(diag(R))`,
 * which is the unique factor whose R has a positive diagonal.
 *
 * @example
 * ```ts
 * const q = orthonormalColumns(Float64Array.from([3, 0, 4, 5]), 2, 2); // Qᵀ·Q = I
 * ```
 */
export function orthonormalColumns(a: ArrayLike<number>, m: number, n: number): Float64Array {
  const r = Float64Array.from(a); // transformed in place into R
  const vs: Float64Array[] = [];
  const signs = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += r[i * n + k]! ** 2;
    norm = Math.sqrt(norm);
    const x0 = r[k * n + k]!;
    const alpha = x0 > 0 ? -norm : norm; // reflect away from x0 to avoid cancellation
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = r[i * n + k]!;
    v[0] = x0 - alpha;
    let vnorm = 0;
    for (let i = 0; i < v.length; i++) vnorm += v[i]! ** 2;
    vnorm = Math.sqrt(vnorm);
    if (vnorm > 0) {
      for (let i = 0; i < v.length; i++) v[i]! /= vnorm;
      for (let j = k; j < n; j++) {
        let dot = 0;
        for (let i = k; i < m; i++) dot += v[i - k]! * r[i * n + j]!;
        for (let i = k; i < m; i++) r[i * n + j]! -= 2 * v[i - k]! * dot;
      }
    }
    vs.push(v);
    signs[k] = r[k * n + k]! < 0 ? -1 : 1;
  }
  // Q = H_0 · H_1 ⋯ H_{n-1} applied to the first n columns of the identity.
  const q = new Float64Array(m * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = vs[k]!;
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i - k]! * q[i * n + j]!;
      if (dot === 0) continue;
      for (let i = k; i < m; i++) q[i * n + j]! -= 2 * v[i - k]! * dot;
    }
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) q[i * n + j]! *= signs[j]!;
  return q;
}

/** Options of {@link Orthogonal}. */
export interface OrthogonalArgs {
  /** Multiplies the orthogonal matrix. Default 1. */
  gain?: number;
  seed?: Seed;
}

/**
 * An orthogonal matrix (orthonormal columns, or rows when there are fewer rows than columns),
 * from the QR decomposition of a normal random matrix. Shapes of rank > 2 are treated as
 * `[prod(shape[:-1]), shape[-1]]` and reshaped back.
 *
 * @example
 * ```ts
 * const w = new keras.initializers.Orthogonal({ seed: 1 }).call([4, 4]);
 * // keras.ops.matmul(keras.ops.transpose(w), w) ≈ identity
 * ```
 */
export class Orthogonal extends RandomInitializer {
  static override className = "Orthogonal";
  readonly gain: number;

  constructor(args: OrthogonalArgs = {}) {
    super(args.seed, "Orthogonal");
    this.gain = args.gain ?? 1;
  }

  call(shape: readonly number[], dtype?: DType): Tensor {
    const [s, dt] = checkCallArgs(shape, dtype, "Orthogonal");
    if (s.length < 2) {
      throw new ValueError(
        `The tensor to initialize must be at least two-dimensional. Received: shape=${formatShape(s)} of rank ${s.length}.`,
        { shape: s },
      );
    }
    const cols = s[s.length - 1]!;
    const rows = s.slice(0, -1).reduce((p, d) => p * d, 1);
    const m = Math.max(rows, cols);
    const n = Math.min(rows, cols);
    const draw = normal([m, n], { dtype: dt, seed: this.seed });
    const q = orthonormalColumns(draw.values, m, n); // m × n
    const out = allocArray(dt, rows * cols);
    if (rows >= cols) {
      for (let i = 0; i < q.length; i++) out[i] = this.gain * q[i]!;
    } else {
      // Fewer rows than columns: transpose, so the rows are orthonormal.
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = this.gain * q[i * n + j]!;
    }
    return new Tensor(out, s, dt);
  }

  override getConfig(): InitializerConfig {
    return { ...super.getConfig(), gain: this.gain };
  }
}
