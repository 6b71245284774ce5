/**
 * Softmax and log-softmax over the last axis, forward and backward, one pass per row. Each
 * rounds exactly as the reduce → broadcast → elementwise kernel sequence it replaces
 * (max, x − max, exp, Σ in double, then ÷ or − log Σ), so results are bitwise the same.
 */
import { allocArray, type TypedArray } from "../../core/dtype.js";
import type { TensorData } from "../../core/tensor.js";
import { rounder } from "./fused.js";

/** Rows and row length of a tensor viewed as [rows, last axis]. */
function rowsOf(x: TensorData): [number, number] {
  const C = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1]!;
  return [C === 0 ? 0 : x.values.length / C, C];
}

/** Softmax (or log-softmax when `log`) of `x` along its last axis. */
export function softmaxLastAxis(x: TensorData, log: boolean): TypedArray {
  const [rows, C] = rowsOf(x);
  const r = rounder(x.dtype);
  const v = x.values;
  const out = allocArray(x.dtype, v.length);
  for (let i = 0, o = 0; i < rows; i++, o += C) {
    let m = -Infinity;
    for (let j = 0; j < C; j++) {
      const e = v[o + j]!;
      if (e > m || Number.isNaN(e)) m = e;
    }
    let total = 0;
    for (let j = 0; j < C; j++) {
      const shifted = r(v[o + j]! - m);
      const e = r(Math.exp(shifted));
      out[o + j] = log ? shifted : e;
      total += e;
    }
    const t = r(total);
    if (log) {
      const logTotal = r(Math.log(t));
      for (let j = 0; j < C; j++) out[o + j] = out[o + j]! - logTotal;
    } else for (let j = 0; j < C; j++) out[o + j] = out[o + j]! / t;
  }
  return out;
}

/**
 * Gradient of `softmaxLastAxis` from its output `y`: softmax `y·(dy − Σ dy·y)`, log-softmax
 * `dy − exp(y)·Σ dy`, rounded as the op compositions round them.
 */
export function softmaxLastAxisGrad(y: TensorData, dy: TensorData, log: boolean): TypedArray {
  const [rows, C] = rowsOf(y);
  const r = rounder(y.dtype);
  const yv = y.values;
  const g = dy.values;
  const out = allocArray(y.dtype, yv.length);
  for (let i = 0, o = 0; i < rows; i++, o += C) {
    let s = 0;
    if (log) for (let j = 0; j < C; j++) s += g[o + j]!;
    else for (let j = 0; j < C; j++) s += r(g[o + j]! * yv[o + j]!);
    const sr = r(s);
    if (log) for (let j = 0; j < C; j++) out[o + j] = g[o + j]! - r(r(Math.exp(yv[o + j]!)) * sr);
    else for (let j = 0; j < C; j++) out[o + j] = yv[o + j]! * r(g[o + j]! - sr);
  }
  return out;
}
