/**
 * The native row ops, each over independent rows of its input: `softmax`/`softmaxGrad` and
 * `sparseCrossentropy`/`sparseCrossentropyGrad` (last axis, float), `argReduce`, `sort` and `topK`
 * (last axis), `cumulative` (any axis). Below `SMALL` elements (256 for softmax and cross-entropy),
 * or for operands the kernels do not take (or labels out of range), the js kernels run instead.
 */
import { sizeOf } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";
import type { Backend } from "../backend.js";
import type { NativeAddon } from "./addon.js";
import { around } from "./movement.js";
import { floatRowsOf, type FloatArray } from "./operands.js";
import { allocOutput, copyOutput, poisonOutputs, SMALL } from "./outputs.js";

/**
 * From this many elements softmax and cross-entropy (forward and gradient) run natively: their
 * exp/log loops beat js from ~64–320 elements (32×10 softmax: 3.2 µs vs 6.2), well below `SMALL`.
 */
const ROW_SMALL = 256;

/** The size from which the softmax and cross-entropy kernels run (tests lower `SMALL` to 0). */
const rowSmall = () => Math.min(SMALL, ROW_SMALL);

/** [rows, C] of `x` viewed over its last axis, or undefined when the row kernels should not run. */
function lastAxisRows(x: TensorData): [number, number] | undefined {
  const n = x.values.length;
  const C = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1]!;
  return n < rowSmall() || n === 0 || n % C !== 0 || !floatRowsOf(x.dtype, x) ? undefined : [n / C, C];
}

/** [rows, C] of a cross-entropy's `pred` against int32 `labels`, or undefined (then js runs). */
function ceRows(labels: TensorData, pred: TensorData): [number, number] | undefined {
  const rows = labels.values.length;
  const n = pred.values.length;
  const ok = labels.values instanceof Int32Array && rows > 0 && n >= rowSmall() && n > 0 && n % rows === 0;
  return ok && floatRowsOf(pred.dtype, pred) ? [rows, n / rows] : undefined;
}

/**
 * The row ops of the native backend (softmax, cross-entropy, argmin/argmax, sort, topK,
 * cumulative), falling back to `js`'s.
 * @example
 * ```ts
 * const backend = { ...js, ...rowOps(loadNativeAddon(), js) };
 * ```
 */
export function rowOps(
  addon: NativeAddon,
  js: Backend,
): Pick<
  Backend,
  | "softmax"
  | "softmaxGrad"
  | "sparseCrossentropy"
  | "sparseCrossentropyGrad"
  | "argReduce"
  | "sort"
  | "topK"
  | "cumulative"
> {
  return {
    softmax: (x, log) => {
      const rc = lastAxisRows(x);
      if (!rc) return js.softmax(x, log);
      const out = allocOutput(x.dtype, x.values.length) as FloatArray;
      addon.softmaxRows(x.values as FloatArray, out, rc[0], rc[1], log);
      return out;
    },
    softmaxGrad: (y, dy, log) => {
      const rc = lastAxisRows(y);
      if (!rc || dy.values.length !== y.values.length || !floatRowsOf(y.dtype, dy))
        return js.softmaxGrad(y, dy, log);
      const out = allocOutput(y.dtype, y.values.length) as FloatArray;
      addon.softmaxGradRows(y.values as FloatArray, dy.values as FloatArray, out, rc[0], rc[1], log);
      return out;
    },
    sparseCrossentropy: (labels, pred, fromLogits) => {
      const rc = ceRows(labels, pred);
      if (!rc) return js.sparseCrossentropy(labels, pred, fromLogits);
      const out = allocOutput(pred.dtype, rc[0]) as FloatArray;
      const l = labels.values as Int32Array;
      return addon.sparseCrossentropy(l, pred.values as FloatArray, out, rc[0], rc[1], fromLogits)
        ? out
        : js.sparseCrossentropy(labels, pred, fromLogits);
    },
    sparseCrossentropyGrad: (labels, pred, dy, fromLogits) => {
      const rc = ceRows(labels, pred);
      if (!rc || dy.values.length < rc[0] || !floatRowsOf(pred.dtype, dy))
        return js.sparseCrossentropyGrad(labels, pred, dy, fromLogits);
      const out = allocOutput(pred.dtype, pred.values.length) as FloatArray;
      const l = labels.values as Int32Array;
      const p = pred.values as FloatArray;
      return addon.sparseCrossentropyGrad(l, p, dy.values as FloatArray, out, rc[0], rc[1], fromLogits)
        ? out
        : js.sparseCrossentropyGrad(labels, pred, dy, fromLogits);
    },
    argReduce: (op, x, axis) => {
      const n = x.shape[axis]!;
      const outer = sizeOf(x.shape.slice(0, axis));
      const inner = sizeOf(x.shape.slice(axis + 1));
      const len = x.values.length;
      if (len < SMALL || len === 0 || !(n > 0) || outer * n * inner !== len || !floatRowsOf(x.dtype, x))
        return js.argReduce(op, x, axis);
      const out = new Int32Array(outer * inner);
      if (poisonOutputs) out.fill(-1);
      addon.argReduce(op === "argmin", x.values as FloatArray, out, outer, n, inner);
      return out;
    },
    sort: (x, descending) => {
      const size = x.values.length;
      const n = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1]!;
      const vals = size < SMALL || n === 0 || size % n !== 0 ? undefined : copyOutput(x, size);
      if (!vals) return js.sort(x, descending);
      const idx = new Int32Array(size);
      if (poisonOutputs) idx.fill(-1);
      addon.sortRows(x.values, vals, idx, size / n, n, descending);
      return [vals, idx];
    },
    topK: (x, k) => {
      // Gated on the input's size: a small k still scans every element.
      const size = x.values.length;
      const n = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1]!;
      const ok = size >= SMALL && n > 0 && size % n === 0 && Number.isInteger(k) && k >= 0 && k <= n;
      const rows = size / n;
      const vals = ok ? copyOutput(x, rows * k) : undefined;
      if (!vals) return js.topK(x, k);
      const idx = new Int32Array(rows * k);
      if (poisonOutputs) idx.fill(-1);
      addon.topK(x.values, vals, idx, rows, n, k);
      return [vals, idx];
    },
    cumulative: (op, x, axis, exclusive, reverse) => {
      const len = x.values.length;
      const [outer, n, inner] = around(x.shape, axis);
      const out =
        len < SMALL || len === 0 || n === undefined || outer * n * inner !== len
          ? undefined
          : copyOutput(x, len);
      if (!out) return js.cumulative(op, x, axis, exclusive, reverse);
      addon.cumulative(x.values, out, outer, n!, inner, op === "prod", exclusive, reverse);
      return out;
    },
  };
}
