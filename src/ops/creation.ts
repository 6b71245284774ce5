/**
 * Tensor creation: zeros, ones, full and their `*Like` forms.
 */
import { allocArray, checkDType, FLOATX, type DType } from "../core/dtype.js";
import { checkShape, sizeOf, type Shape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { runOp1, type OpDef } from "./op.js";

/** A filled tensor of `shape` (a backend-independent constant, so no kernel is needed). */
function filled(shape: Shape, value: number, dtype: DType): Tensor {
  const values = allocArray(dtype, sizeOf(shape));
  if (value !== 0) values.fill(value);
  return new Tensor(values, shape, dtype);
}

/**
 * A tensor of `shape` filled with `value`.
 * @example `keras.ops.full([2], 7).arraySync() // [7, 7]`
 */
export function full(shape: readonly number[], value: number | boolean, dtype?: DType): Tensor {
  const dt = dtype ? checkDType(dtype) : typeof value === "boolean" ? "bool" : FLOATX;
  return filled(checkShape(shape, "full"), Number(value), dt);
}
/** Alias of `full` (TF.js's name). */
export const fill = full;

/** Zeros of `shape`. @example `keras.ops.zeros([2, 3]).shape // [2, 3]` */
export function zeros(shape: readonly number[], dtype: DType = FLOATX): Tensor {
  return full(shape, 0, dtype);
}

/** Ones of `shape`. @example `keras.ops.ones([2]).arraySync() // [1, 1]` */
export function ones(shape: readonly number[], dtype: DType = FLOATX): Tensor {
  return full(shape, 1, dtype);
}

const fullLikeDef: OpDef<{ value: number; dtype: DType | undefined }> = {
  name: "fullLike",
  infer: ([x], { dtype }) => [{ shape: x!.shape, dtype: dtype ?? x!.dtype }],
  forward: (_inputs, { value }, [out]) => [filled(out!.shape, value, out!.dtype).values],
};

/** Same shape as `x`, filled with `value`. Works on symbolic tensors. */
export function fullLike<T extends OpInput>(x: T, value: number | boolean, dtype?: DType): OpResult<T> {
  return runOp1(fullLikeDef, [toOpTensor(x)], { value: Number(value), dtype: dtype && checkDType(dtype) }) as OpResult<T>;
}
/** Zeros shaped like `x`. @example `keras.ops.zerosLike([1, 2]) // [0, 0]` */
export function zerosLike<T extends OpInput>(x: T, dtype?: DType): OpResult<T> {
  return fullLike(x, 0, dtype);
}
/** Ones shaped like `x`. @example `keras.ops.onesLike([1, 2]) // [1, 1]` */
export function onesLike<T extends OpInput>(x: T, dtype?: DType): OpResult<T> {
  return fullLike(x, 1, dtype);
}
