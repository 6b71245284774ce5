/**
 * Softmax and log-softmax over the last axis, forward and backward, one pass per row. Each
 * rounds exactly as the reduce → broadcast → elementwise kernel sequence it replaces
 * (max, x − max, exp, Σ in double, then ÷ or − log Σ), so results are bitwise the same.
 */
import { allocArray, type TypedArray } from "../../core/dtype.js";
import type { TensorData } from "../../core/tensor.js";

/** Rows and row length of a tensor viewed as [rows, last axis]. */
function rowsOf(x: TensorData): [number, number] {
  const C = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1]!;
  return [C === 0 ? 0 : x.values.length / C, C];
}

/** Softmax (or log-softmax when `log`) of `x` along its last axis. */
export function softmaxLastAxis(x: TensorData, log: boolean): TypedArray {
  const [rows, C] = rowsOf(x);
  const f32 = x.dtype === "float32"; // rounds inline: a call through a rounding function costs here
  const v = x.values;
  const out = allocArray(x.dtype, v.length);
  for (let i = 0, o = 0; i < rows; i++, o += C) {
    let m = -Infinity;
    for (let j = o; j < o + C; j++) {
      const e = v[j]!;
      if (e > m || Number.isNaN(e)) m = e;
    }
    let total = 0;
    for (let j = o; j < o + C; j++) {
      const shifted = f32 ? Math.fround(v[j]! - m) : v[j]! - m;
      const e = f32 ? Math.fround(Math.exp(shifted)) : Math.exp(shifted);
      out[j] = log ? shifted : e;
      total += e;
    }
    const t = f32 ? Math.fround(total) : total;
    if (log) {
      const logTotal = f32 ? Math.fround(Math.log(t)) : Math.log(t);
      for (let j = o; j < o + C; j++) out[j] = out[j]! - logTotal;
    } else for (let j = o; j < o + C; j++) out[j] = out[j]! / t;
  }
  return out;
}

/**
 * Gradient of `softmaxLastAxis` from its output `y`: softmax `y·(dy − Σ dy·y)`, log-softmax
 * `dy − exp(y)·Σ dy`, rounded as the op compositions round them.
 */
export function softmaxLastAxisGrad(y: TensorData, dy: TensorData, log: boolean): TypedArray {
  const [rows, C] = rowsOf(y);
  const f32 = y.dtype === "float32";
  const yv = y.values;
  const g = dy.values;
  const out = allocArray(y.dtype, yv.length);
  for (let i = 0, o = 0; i < rows; i++, o += C) {
    let s = 0;
    if (log) for (let j = o; j < o + C; j++) s += g[j]!;
    else
      for (let j = o; j < o + C; j++) {
        const p = g[j]! * yv[j]!;
        s += f32 ? Math.fround(p) : p;
      }
    const sr = f32 ? Math.fround(s) : s;
    if (log)
      for (let j = o; j < o + C; j++) {
        const e = f32 ? Math.fround(Math.exp(yv[j]!)) : Math.exp(yv[j]!);
        out[j] = g[j]! - (f32 ? Math.fround(e * sr) : e * sr);
      }
    else
      for (let j = o; j < o + C; j++) {
        const d = g[j]! - sr;
        out[j] = yv[j]! * (f32 ? Math.fround(d) : d);
      }
  }
  return out;
}
