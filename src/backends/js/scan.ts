/** Reference kernels for argmax/argmin and cumulative sums/products along one axis. */
import { allocArray, type TypedArray } from "../../core/dtype.js";
import { sizeOf } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";

/** Splits `x` around `axis` into [outer, n, inner] block sizes. */
function around(x: TensorData, axis: number): [number, number, number] {
  return [sizeOf(x.shape.slice(0, axis)), x.shape[axis]!, sizeOf(x.shape.slice(axis + 1))];
}

/**
 * Index of the largest (argmax) or smallest (argmin) value along `axis`; the first occurrence wins,
 * and a NaN counts as the extreme (as NumPy and JAX do). The axis must be non-empty.
 */
export function argReduce(op: "argmax" | "argmin", x: TensorData, axis: number): Int32Array {
  const [outer, n, inner] = around(x, axis);
  const out = new Int32Array(outer * inner);
  const xv = x.values;
  const sign = op === "argmax" ? 1 : -1;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let best = sign * xv[base]!;
      let at = 0;
      if (!Number.isNaN(best)) {
        for (let k = 1; k < n; k++) {
          const v = sign * xv[base + k * inner]!;
          if (v > best || Number.isNaN(v)) {
            best = v;
            at = k;
            if (Number.isNaN(v)) break;
          }
        }
      }
      out[o * inner + i] = at;
    }
  }
  return out;
}

/**
 * Cumulative sum or product along `axis`, in `x`'s dtype (accumulated in float64).
 * `exclusive` leaves out the current element (starting from 0 or 1); `reverse` runs from the end.
 */
export function cumulative(
  op: "sum" | "prod",
  x: TensorData,
  axis: number,
  exclusive: boolean,
  reverse: boolean,
): TypedArray {
  const [outer, n, inner] = around(x, axis);
  const out = allocArray(x.dtype, x.values.length);
  const xv = x.values;
  const init = op === "sum" ? 0 : 1;
  const acc = new Float64Array(inner);
  const first = reverse ? n - 1 : 0;
  const step = reverse ? -1 : 1;
  for (let o = 0; o < outer; o++) {
    acc.fill(init);
    const block = o * n * inner;
    for (let t = 0, k = first; t < n; t++, k += step) {
      const row = block + k * inner;
      if (op === "sum") {
        if (exclusive)
          for (let i = 0; i < inner; i++) {
            out[row + i] = acc[i]!;
            acc[i]! += xv[row + i]!;
          }
        else for (let i = 0; i < inner; i++) out[row + i] = acc[i]! += xv[row + i]!;
      } else {
        if (exclusive)
          for (let i = 0; i < inner; i++) {
            out[row + i] = acc[i]!;
            acc[i]! *= xv[row + i]!;
          }
        else for (let i = 0; i < inner; i++) out[row + i] = acc[i]! *= xv[row + i]!;
      }
    }
  }
  return out;
}
