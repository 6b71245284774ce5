/**
 * Loop plans for the elementwise kernels: a broadcast collapsed into two strided dimensions (the
 * addon's 2-D `where`), and the N-D plans of `addon.binary` and `addon.reduce` (size-1 axes dropped,
 * neighbouring axes merged, at most `MAX_ELEM_RANK` left), written into reusable Float64Arrays.
 */
import type { TypedArray } from "../../core/dtype.js";
import type { Shape } from "../../core/shape.js";
import { broadcastStrides } from "../js/strided.js";

/**
 * Collapses the broadcast of `shapes` to `outShape` into at most two loop dimensions. Returns
 * [M, N, ...per operand (si, sj)] in elements, or undefined when more dimensions are needed.
 */
export function collapse2(outShape: Shape, shapes: readonly Shape[]): number[] | undefined {
  const strides = shapes.map((s) => broadcastStrides(s, outShape));
  const dims: number[] = [];
  const st: number[][] = shapes.map(() => []);
  for (let d = 0; d < outShape.length; d++) {
    const n = outShape[d]!;
    if (n === 1) continue;
    const k = dims.length - 1;
    // Merge into the previous dimension when every operand is contiguous across the pair.
    if (k >= 0 && strides.every((s, o) => st[o]![k] === s[d]! * n)) {
      dims[k]! *= n;
      strides.forEach((s, o) => (st[o]![k] = s[d]!));
    } else {
      dims.push(n);
      strides.forEach((s, o) => st[o]!.push(s[d]!));
    }
  }
  while (dims.length < 2) {
    dims.unshift(1);
    st.forEach((s) => s.unshift(0));
  }
  if (dims.length > 2) return undefined;
  return [dims[0]!, dims[1]!, ...st.flatMap((s) => [s[0]!, s[1]!])];
}

/** Highest rank of the elementwise and reduction plans (`kMaxElemRank` in native/src/elementwise.h). */
const MAX_ELEM_RANK = 8;
/** One reusable plan array per rank for `addon.binary` and for `addon.reduce` (lengths must match). */
const BINARY_PLANS = Array.from({ length: MAX_ELEM_RANK + 1 }, (_, r) => new Float64Array(1 + 3 * r));
const REDUCE_PLANS = Array.from({ length: MAX_ELEM_RANK + 1 }, (_, r) => new Float64Array(1 + 2 * r));

/** The array types the elementwise kernels read and write (bool is a Uint8Array). */
export const isElemArray = (v: TypedArray): boolean =>
  v instanceof Float32Array ||
  v instanceof Float64Array ||
  v instanceof Int32Array ||
  v instanceof Uint8Array;

/**
 * The broadcast of `a` and `b` to `outShape` as an `addon.binary` plan: size-1 axes dropped and
 * neighbouring axes merged where both operands are contiguous across them; undefined when more
 * than `MAX_ELEM_RANK` axes remain (then js runs).
 */
export function broadcastPlan(outShape: Shape, aShape: Shape, bShape: Shape): Float64Array | undefined {
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const n: number[] = [];
  const as: number[] = [];
  const bs: number[] = [];
  for (let d = 0; d < outShape.length; d++) {
    const m = outShape[d]!;
    if (m === 1) continue;
    const k = n.length - 1;
    if (k >= 0 && as[k] === sa[d]! * m && bs[k] === sb[d]! * m) {
      n[k]! *= m;
      as[k] = sa[d]!;
      bs[k] = sb[d]!;
    } else {
      n.push(m);
      as.push(sa[d]!);
      bs.push(sb[d]!);
    }
  }
  const r = n.length;
  if (r > MAX_ELEM_RANK) return undefined;
  const plan = BINARY_PLANS[r]!;
  plan[0] = r;
  for (let k = 0; k < r; k++) {
    plan[1 + k] = n[k]!;
    plan[1 + r + k] = as[k]!;
    plan[1 + 2 * r + k] = bs[k]!;
  }
  return plan;
}

/**
 * Reducing `shape` over `axes` as an `addon.reduce` plan: size-1 axes dropped and neighbouring
 * axes that are both kept or both reduced merged; undefined when more than `MAX_ELEM_RANK` remain.
 */
export function reducePlan(shape: Shape, axes: readonly number[]): Float64Array | undefined {
  const n: number[] = [];
  const kept: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    const m = shape[d]!;
    if (m === 1) continue;
    const keep = axes.includes(d) ? 0 : 1;
    const k = n.length - 1;
    if (k >= 0 && kept[k] === keep) n[k]! *= m;
    else {
      n.push(m);
      kept.push(keep);
    }
  }
  const r = n.length;
  if (r > MAX_ELEM_RANK) return undefined;
  const plan = REDUCE_PLANS[r]!;
  plan[0] = r;
  for (let k = 0; k < r; k++) {
    plan[1 + k] = n[k]!;
    plan[1 + r + k] = kept[k]!;
  }
  return plan;
}
