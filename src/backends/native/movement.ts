/**
 * The native data-movement ops: `transpose`, `broadcastTo`, `slice`, `concat` and `pad` (strided
 * copies on the addon), `gather` and `scatterAdd` (int32 indices). Every dtype; below `SMALL`
 * elements, or when a copy would reach out of range, the js kernels run instead.
 */
import { allocArray, type TypedArray } from "../../core/dtype.js";
import { sizeOf, stridesOf, type Shape } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";
import type { Backend } from "../backend.js";
import { broadcastStrides } from "../js/strided.js";
import type { NativeAddon } from "./addon.js";
import { copyOutput, fits, SMALL } from "./outputs.js";

/** Highest rank `addon.copyStrided` takes (`kMaxCopyRank` in native/src/movement.h). */
export const MAX_COPY_RANK = 8;
/** One reusable plan array per rank for `addon.copyStrided` (its length must match the rank). */
const PLANS = Array.from({ length: MAX_COPY_RANK + 1 }, (_, r) => new Float64Array(3 + 3 * r));

/**
 * `dst[dstBase + Σ i·ds] = src[srcBase + Σ i·ss]` over the index space `n` on the addon; false,
 * with nothing written, when that reads or writes out of range (the caller then runs js).
 */
function copyStrided(
  addon: NativeAddon,
  src: TypedArray,
  dst: TypedArray,
  srcBase: number,
  dstBase: number,
  n: readonly number[],
  ss: readonly number[],
  ds: readonly number[],
): boolean {
  const r = n.length;
  if (r > MAX_COPY_RANK || !(srcBase >= 0)) return false;
  const plan = PLANS[r]!;
  plan[0] = r;
  plan[1] = srcBase;
  plan[2] = dstBase;
  for (let k = 0; k < r; k++) {
    plan[3 + k] = n[k]!;
    plan[3 + r + k] = ss[k]!;
    plan[3 + 2 * r + k] = ds[k]!;
  }
  return addon.copyStrided(src, dst, plan);
}

/** [outer, n, inner] sizes of `shape` around `axis` (n undefined when the axis does not exist). */
export function around(shape: Shape, axis: number): [number, number | undefined, number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis], sizeOf(shape.slice(axis + 1))];
}

/**
 * Constant padding on the addon: every border element is written once from a one-element source
 * (zero strides), then the interior is copied in. False when a copy is refused (then js runs).
 */
function nativePad(
  addon: NativeAddon,
  x: TensorData,
  out: TypedArray,
  paddings: readonly (readonly [number, number])[],
  outShape: Shape,
  value: number,
): boolean {
  const r = outShape.length;
  const os = stridesOf(outShape);
  const fill = allocArray(x.dtype, 1);
  fill[0] = value === 0 ? 0 : value; // js leaves zeros (+0) when value is ±0, and fills otherwise
  const zeros = new Array<number>(r).fill(0);
  // The border, axis by axis: axes before k inside the interior, axis k before or after it, the rest whole.
  let base = 0;
  for (let k = 0; k < r; k++) {
    const [before, after] = paddings[k]!;
    const n = outShape.map((d, j) => (j < k ? x.shape[j]! : d));
    for (const [start, len] of [
      [0, before],
      [before + x.shape[k]!, after],
    ] as const) {
      n[k] = len;
      if (sizeOf(n) > 0 && !copyStrided(addon, fill, out, 0, base + start * os[k]!, n, zeros, os))
        return false;
    }
    base += before * os[k]!;
  }
  return sizeOf(x.shape) === 0 || copyStrided(addon, x.values, out, 0, base, x.shape, stridesOf(x.shape), os);
}

/**
 * The data-movement ops of the native backend, falling back to `js`'s.
 * @example
 * ```ts
 * const backend = { ...js, ...movementOps(loadNativeAddon(), js) };
 * ```
 */
export function movementOps(
  addon: NativeAddon,
  js: Backend,
): Pick<Backend, "transpose" | "broadcastTo" | "slice" | "concat" | "pad" | "gather" | "scatterAdd"> {
  return {
    transpose: (x, perm) => {
      const outShape = perm.map((p) => x.shape[p]!);
      const n = sizeOf(outShape);
      if (n < SMALL || perm.length > MAX_COPY_RANK || perm.every((p, i) => p === i))
        return js.transpose(x, perm); // the identity is one TypedArray.set
      const out = copyOutput(x, n);
      const inStrides = stridesOf(x.shape);
      const ss = perm.map((p) => inStrides[p]!);
      return out && copyStrided(addon, x.values, out, 0, 0, outShape, ss, stridesOf(outShape))
        ? out
        : js.transpose(x, perm);
    },
    broadcastTo: (x, shape) => {
      const n = sizeOf(shape);
      if (n < SMALL) return js.broadcastTo(x, shape);
      const out = copyOutput(x, n);
      const ss = broadcastStrides(x.shape, shape);
      return out && copyStrided(addon, x.values, out, 0, 0, shape, ss, stridesOf(shape))
        ? out
        : js.broadcastTo(x, shape);
    },
    slice: (x, begin, size, strides) => {
      const n = sizeOf(size);
      if (n < SMALL || n === 0) return js.slice(x, begin, size, strides);
      const out = copyOutput(x, n);
      const inStrides = stridesOf(x.shape);
      let base = 0;
      for (let i = 0; i < inStrides.length; i++) base += begin[i]! * inStrides[i]!;
      const ss = inStrides.map((s, i) => s * strides[i]!);
      return out && copyStrided(addon, x.values, out, base, 0, size, ss, stridesOf(size))
        ? out
        : js.slice(x, begin, size, strides);
    },
    concat: (xs, axis, outShape) => {
      const n = sizeOf(outShape);
      const out = n < SMALL || xs.length === 0 ? undefined : copyOutput(xs[0]!, n);
      const outer = sizeOf(outShape.slice(0, axis));
      const inner = sizeOf(outShape.slice(axis + 1));
      const rowLen = outShape[axis]! * inner;
      const odd = (x: TensorData) =>
        x.values.constructor !== out!.constructor || x.values.length < outer * x.shape[axis]! * inner;
      if (!out || xs.some(odd)) return js.concat(xs, axis, outShape);
      // Pieces this small are copied here: a call into the addon costs ~0.3 µs.
      const tiny = Math.min(SMALL, 256);
      let start = 0;
      for (const x of xs) {
        const block = x.shape[axis]! * inner;
        const xv = x.values;
        if (outer * block < tiny) {
          for (let o = 0; o < outer; o++)
            for (let k = 0; k < block; k++) out[o * rowLen + start + k] = xv[o * block + k]!;
        } else if (!copyStrided(addon, xv, out, 0, start, [outer, block], [block, 1], [rowLen, 1])) {
          return js.concat(xs, axis, outShape);
        }
        start += block;
      }
      return out;
    },
    gather: (x, indices, axis, outShape, into) => {
      const n = sizeOf(outShape);
      const idx = indices.values;
      const out =
        n < SMALL || !(idx instanceof Int32Array) ? undefined : (fits(into, x.values, n) ?? copyOutput(x, n));
      const outer = sizeOf(x.shape.slice(0, axis));
      const rows = x.shape[axis]!;
      const inner = sizeOf(x.shape.slice(axis + 1));
      if (!out || outer * idx.length * inner !== n || x.values.length < outer * rows * inner)
        return js.gather(x, indices, axis, outShape, into);
      return addon.gather(x.values, idx as Int32Array, out, outer, rows, inner)
        ? out
        : js.gather(x, indices, axis, outShape, into);
    },
    pad: (x, paddings, value) => {
      const r = x.shape.length;
      const ok =
        paddings.length === r &&
        paddings.every(([b, a]) => Number.isInteger(b) && Number.isInteger(a) && b >= 0 && a >= 0);
      const outShape = ok ? x.shape.map((d, i) => d + paddings[i]![0] + paddings[i]![1]) : [];
      const n = sizeOf(outShape);
      const out = !ok || n < SMALL || r > MAX_COPY_RANK ? undefined : copyOutput(x, n);
      return out && nativePad(addon, x, out, paddings, outShape, value) ? out : js.pad(x, paddings, value);
    },
    scatterAdd: (updates, indices, axis, outShape) => {
      const size = sizeOf(outShape);
      const idx = indices.values;
      const [outer, n, inner] = around(outShape, axis);
      const out =
        size < SMALL ||
        n === undefined ||
        !(idx instanceof Int32Array) ||
        updates.values.length < outer * idx.length * inner
          ? undefined
          : copyOutput(updates, size);
      return out && addon.scatterAdd(updates.values, idx as Int32Array, out, outer, n!, inner)
        ? out
        : js.scatterAdd(updates, indices, axis, outShape);
    },
  };
}
