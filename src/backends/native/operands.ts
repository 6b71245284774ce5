/**
 * Checks on the operands the native kernels take: float arrays, and operands whose dtype and
 * array type match (what the float-only kernels need before js is skipped).
 */
import { isFloat, type DType, type TypedArray } from "../../core/dtype.js";
import type { TensorData } from "../../core/tensor.js";

/** A float array, the operand type of the float-only kernels. */
export type FloatArray = Float32Array | Float64Array;
/** Whether `v` is a Float32Array or a Float64Array. */
export const isFloatArray = (v: TypedArray): v is FloatArray =>
  v instanceof Float32Array || v instanceof Float64Array;

/** Whether `dtype` is a float dtype and every operand has that dtype and a float array. */
export const floatOf = (dtype: DType, ...xs: TensorData[]): boolean =>
  isFloat(dtype) && xs.every((x) => x.dtype === dtype && isFloatArray(x.values));

/** floatOf, with every array of `dtype`'s own type (the row kernels write an output of that type). */
export const floatRowsOf = (dtype: DType, ...xs: TensorData[]): boolean =>
  floatOf(dtype, ...xs) &&
  xs.every((x) => x.values instanceof (dtype === "float32" ? Float32Array : Float64Array));
