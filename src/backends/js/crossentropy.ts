/**
 * Sparse categorical cross-entropy as one kernel per direction, over rows of `pred` ([rows, C])
 * with one int label per row. The forward pass rounds like the op composition it replaces
 * (normalize, clip to [ε, 1 − ε], log — or log-softmax for logits), so values match it bitwise;
 * the backward pass evaluates the closed form in double and rounds once.
 */
import { allocArray, type TypedArray } from "../../core/dtype.js";
import type { TensorData } from "../../core/tensor.js";
import { round } from "./fused.js";

/** Keras's `backend.epsilon()`, the clip bound of probabilities. */
const EPSILON = 1e-7;

/** Per-row `[max, Σ exp(x − max)]` of logits, rounded as the log-softmax op rounds them. */
function rowStats(p: TypedArray, o: number, C: number, f32: boolean): [number, number] {
  let m = -Infinity;
  for (let j = 0; j < C; j++) {
    const v = p[o + j]!;
    if (v > m || v !== v) m = v;
  }
  let total = 0;
  for (let j = 0; j < C; j++) total += round(f32, Math.exp(round(f32, p[o + j]! - m)));
  return [m, round(f32, total)];
}

/** Loss per row: `−log(clip(p_l / Σp))`, or `−log_softmax(z)_l` for logits. */
export function sparseCrossentropy(labels: TensorData, pred: TensorData, fromLogits: boolean): TypedArray {
  const rows = labels.values.length;
  const C = rows === 0 ? 0 : pred.values.length / rows;
  const f32 = pred.dtype === "float32";
  const lo = round(f32, EPSILON);
  const hi = round(f32, 1 - EPSILON);
  const out = allocArray(pred.dtype, rows);
  const p = pred.values;
  for (let i = 0, o = 0; i < rows; i++, o += C) {
    const l = labels.values[i]!;
    if (fromLogits) {
      const [m, total] = rowStats(p, o, C, f32);
      out[i] = -round(f32, round(f32, p[o + l]! - m) - round(f32, Math.log(total)));
      continue;
    }
    let s = 0;
    for (let j = 0; j < C; j++) s += p[o + j]!;
    const q = round(f32, p[o + l]! / round(f32, s));
    const clipped = q < lo ? lo : q > hi ? hi : q; // NaN passes through
    out[i] = -round(f32, Math.log(clipped));
  }
  return out;
}

/**
 * Gradient of `sparseCrossentropy` with respect to `pred`, scaled per row by `dy`: for
 * probabilities `dy·(1/Σp − [j = l]/p_l)` (zero where the clip is active), for logits
 * `dy·(softmax(z)_j − [j = l])`.
 */
export function sparseCrossentropyGrad(
  labels: TensorData,
  pred: TensorData,
  dy: TensorData,
  fromLogits: boolean,
): TypedArray {
  const rows = labels.values.length;
  const C = rows === 0 ? 0 : pred.values.length / rows;
  const f32 = pred.dtype === "float32";
  const lo = round(f32, EPSILON);
  const hi = round(f32, 1 - EPSILON);
  const out = allocArray(pred.dtype, pred.values.length);
  const p = pred.values;
  for (let i = 0, o = 0; i < rows; i++, o += C) {
    const l = labels.values[i]!;
    const g = dy.values[i]!;
    if (fromLogits) {
      const [m, total] = rowStats(p, o, C, f32);
      for (let j = 0; j < C; j++) out[o + j] = g * (Math.exp(p[o + j]! - m) / total - (j === l ? 1 : 0));
      continue;
    }
    let s = 0;
    for (let j = 0; j < C; j++) s += p[o + j]!;
    const sr = round(f32, s);
    const q = round(f32, p[o + l]! / sr);
    if (!(q >= lo && q <= hi)) continue; // the clip passes no gradient (NaN: none either)
    for (let j = 0; j < C; j++) out[o + j] = g / sr;
    out[o + l] = g * (1 / sr - 1 / p[o + l]!);
  }
  return out;
}
