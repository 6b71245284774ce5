/**
 * Reference kernels for gather, scatter-add, sort and top-k. Inputs are validated by the front end:
 * indices are int32 and already in range, axes are normalized.
 */
import { allocArray, type TypedArray } from "../../core/dtype.js";
import { sizeOf, type Shape } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";

/** Sizes of the axes before `axis`, of `axis` itself, and after it. */
function split(shape: Shape, axis: number): [outer: number, n: number, inner: number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis]!, sizeOf(shape.slice(axis + 1))];
}

/** Below this many elements per row, gather copies rows element by element instead of with `set`. */
const SET_ROW = 64;

/**
 * `out[o, j, i] = x[o, indices[j], i]` with `x` viewed as [outer, n, inner]; writes into `into`
 * when it has `x`'s array type and the output's length.
 */
export function gather(
  x: TensorData,
  indices: TensorData,
  axis: number,
  outShape: Shape,
  into?: TypedArray,
): TypedArray {
  const [outer, n, inner] = split(x.shape, axis);
  const idx = indices.values;
  const m = idx.length;
  const xv = x.values;
  const size = sizeOf(outShape);
  const out = into?.length === size && into.constructor === xv.constructor ? into : allocArray(x.dtype, size);
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      const src = o * n;
      const dst = o * m;
      for (let j = 0; j < m; j++) out[dst + j] = xv[src + idx[j]!]!;
    }
    return out;
  }
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      const src = (o * n + idx[j]!) * inner;
      const dst = (o * m + j) * inner;
      if (inner >= SET_ROW) out.set(xv.subarray(src, src + inner) as ArrayLike<number>, dst);
      else for (let i = 0; i < inner; i++) out[dst + i] = xv[src + i]!;
    }
  }
  return out;
}

/** Zeros of `outShape`, then `out[o, indices[j], i] += updates[o, j, i]` (duplicates accumulate). */
export function scatterAdd(
  updates: TensorData,
  indices: TensorData,
  axis: number,
  outShape: Shape,
): TypedArray {
  const [outer, n, inner] = split(outShape, axis);
  const idx = indices.values;
  const m = idx.length;
  const uv = updates.values;
  const out = allocArray(updates.dtype, sizeOf(outShape));
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      const dst = (o * n + idx[j]!) * inner;
      const src = (o * m + j) * inner;
      for (let i = 0; i < inner; i++) out[dst + i] += uv[src + i]!;
    }
  }
  return out;
}

/** Orders row positions `i`, `j` by value (NaN greatest), ties by position: a stable comparator. */
function comparator(row: TypedArray, base: number, descending: boolean): (i: number, j: number) => number {
  const sign = descending ? -1 : 1;
  return (i, j) => {
    const a = row[base + i]!;
    const b = row[base + j]!;
    if (a < b) return -sign;
    if (a > b) return sign;
    const aNaN = a !== a;
    const bNaN = b !== b;
    if (aNaN !== bNaN) return aNaN ? sign : -sign;
    return i - j;
  };
}

/** Sorts every row of the last axis; returns the sorted values and their source positions. */
export function sort(x: TensorData, descending: boolean): [TypedArray, Int32Array] {
  const n = x.shape[x.shape.length - 1] ?? 1;
  const size = x.values.length;
  const values = allocArray(x.dtype, size);
  const indices = new Int32Array(size);
  const xv = x.values;
  const perm = new Int32Array(n);
  for (let base = 0; base < size; base += n) {
    for (let i = 0; i < n; i++) perm[i] = i;
    perm.sort(comparator(xv, base, descending));
    for (let i = 0; i < n; i++) {
      indices[base + i] = perm[i]!;
      values[base + i] = xv[base + perm[i]!]!;
    }
  }
  return [values, indices];
}

/** Whether `a` ranks strictly above `b` in top-k order (NaN greatest; equal values keep order). */
function beats(a: number, b: number): boolean {
  return a > b || (a !== a && b === b);
}

/**
 * The `k` largest values of every row of the last axis, descending, ties by lower index. Small `k`
 * keeps a sorted buffer (O(n·k)); large `k` sorts the row.
 */
export function topK(x: TensorData, k: number): [TypedArray, Int32Array] {
  const n = x.shape[x.shape.length - 1] ?? 1;
  const rows = n === 0 ? 0 : x.values.length / n;
  const values = allocArray(x.dtype, rows * k);
  const indices = new Int32Array(rows * k);
  const xv = x.values;
  if (k * 8 >= n) {
    const [sv, si] = sort(x, true);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < k; j++) {
        values[r * k + j] = sv[r * n + j]!;
        indices[r * k + j] = si[r * n + j]!;
      }
    }
    return [values, indices];
  }
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    const out = r * k;
    let count = 0;
    for (let j = 0; j < n; j++) {
      const v = xv[base + j]!;
      if (count === k && !beats(v, values[out + k - 1]!)) continue;
      let p = count < k ? count++ : k - 1;
      while (p > 0 && beats(v, values[out + p - 1]!)) {
        values[out + p] = values[out + p - 1]!;
        indices[out + p] = indices[out + p - 1]!;
        p--;
      }
      values[out + p] = v;
      indices[out + p] = j;
    }
  }
  return [values, indices];
}
