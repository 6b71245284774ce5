/**
 * The native elementwise ops and reductions: `unary`, `binary` (NumPy broadcasting, ≤ 8 merged
 * axes), `reduce` (any axis set), `where` and `cast`. Below `SMALL` elements, or for arrays the
 * kernels do not take, the js kernels run instead.
 */
import { isFloat } from "../../core/dtype.js";
import { sizeOf } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";
import type { Backend } from "../backend.js";
import { broadcastStrides } from "../js/strided.js";
import type { NativeAddon } from "./addon.js";
import { broadcastPlan, collapse2, isElemArray, reducePlan } from "./elementwise-plans.js";
import { MAX_COPY_RANK } from "./movement.js";
import { ARITHMETIC, BINARY_CODE, BOOL_BINARY, BOOL_UNARY, REDUCE_CODE, UNARY_CODE } from "./op-codes.js";
import { floatOf, type FloatArray } from "./operands.js";
import { allocOutput, SMALL } from "./outputs.js";

/**
 * The elementwise ops and reductions of the native backend, falling back to `js`'s.
 * @example
 * ```ts
 * const backend = { ...js, ...elementwiseOps(loadNativeAddon(), js) };
 * ```
 */
export function elementwiseOps(
  addon: NativeAddon,
  js: Backend,
): Pick<Backend, "unary" | "binary" | "reduce" | "where" | "cast"> {
  return {
    unary: (op, x, outDtype, param) => {
      const xv = x.values;
      const n = xv.length;
      if (n < SMALL || !isElemArray(xv)) return js.unary(op, x, outDtype, param);
      const out = allocOutput(outDtype, n);
      // Bool ops write a Uint8Array, the others an array of x's type (what the addon takes).
      if (BOOL_UNARY.has(op) ? !(out instanceof Uint8Array) : out.constructor !== xv.constructor)
        return js.unary(op, x, outDtype, param);
      if (n > 0) addon.unary(UNARY_CODE.get(op)!, xv, out, param ?? 0);
      return out;
    },
    binary: (op, a, b, outShape, outDtype) => {
      const av = a.values;
      const size = sizeOf(outShape);
      if (size < SMALL || !isElemArray(av) || b.values.constructor !== av.constructor)
        return js.binary(op, a, b, outShape, outDtype);
      const plan = broadcastPlan(outShape, a.shape, b.shape);
      const out = allocOutput(outDtype, size);
      // Comparisons and logical ops write a Uint8Array, the others an array of the operands' type.
      if (!plan || (BOOL_BINARY.has(op) ? !(out instanceof Uint8Array) : out.constructor !== av.constructor))
        return js.binary(op, a, b, outShape, outDtype);
      // The js kernel's variant for the output dtype (see `intVariant` in js/binary.ts).
      const mode =
        outDtype === "bool" && ARITHMETIC.has(op) ? 2 : outDtype === "int32" || outDtype === "uint8" ? 1 : 0;
      if (size > 0) addon.binary(BINARY_CODE.get(op)!, mode, av, b.values, out, plan);
      return out;
    },
    reduce: (op, x, axes, outDtype) => {
      const xv = x.values;
      const plan = xv.length < SMALL || !isElemArray(xv) ? undefined : reducePlan(x.shape, axes);
      if (!plan || xv.length !== sizeOf(x.shape)) return js.reduce(op, x, axes, outDtype);
      const out = allocOutput(outDtype, sizeOf(x.shape.filter((_d, i) => !axes.includes(i))));
      if (out.length > 0) addon.reduce(REDUCE_CODE.get(op)!, xv, out, plan);
      return out;
    },
    where: (cond, a, b, outShape, outDtype) => {
      const size = sizeOf(outShape);
      if (size < SMALL || size === 0) return js.where(cond, a, b, outShape, outDtype);
      const v = collapse2(outShape, [cond.shape, a.shape, b.shape]);
      if (v && cond.values instanceof Uint8Array && floatOf(outDtype, a, b)) {
        const out = allocOutput(outDtype, size) as FloatArray;
        addon.where(
          cond.values,
          a.values as FloatArray,
          b.values as FloatArray,
          out,
          v[0]!,
          v[1]!,
          v[2]!,
          v[3]!,
          v[4]!,
          v[5]!,
          v[6]!,
          v[7]!,
        );
        return out;
      }
      // Any other broadcast (rank ≤ 8) or dtype: an N-D walk that moves a's and b's bits.
      const out = allocOutput(outDtype, size);
      const xs = [cond, a, b];
      const odd = (x: TensorData, i: number) =>
        (i > 0 && x.values.constructor !== out.constructor) ||
        x.shape.length > outShape.length ||
        x.values.length < sizeOf(x.shape);
      if (outShape.length > MAX_COPY_RANK || xs.some(odd)) return js.where(cond, a, b, outShape, outDtype);
      const plan = [outShape.length, ...outShape, ...xs.flatMap((x) => broadcastStrides(x.shape, outShape))];
      addon.whereStrided(cond.values, a.values, b.values, out, new Float64Array(plan));
      return out;
    },
    cast: (x, dtype) => {
      const n = x.values.length;
      const same = x.values instanceof (dtype === "float32" ? Float32Array : Float64Array);
      if (n < SMALL || !isFloat(dtype) || same) return js.cast(x, dtype);
      const out = allocOutput(dtype, n) as FloatArray;
      addon.cast(x.values, out);
      return out;
    },
  };
}
