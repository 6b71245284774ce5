/**
 * `cast`: dtype conversion. Differentiable between float types; the gradient to an int input is null.
 */
import { checkDType, isFloat, type DType } from "../core/dtype.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { runOp1, type OpDef } from "./op.js";

const castDef: OpDef<DType> = {
  name: "cast",
  infer: ([x], dtype) => [{ shape: x!.shape, dtype }],
  forward: ([x], dtype, _out, backend) => [x!.dtype === dtype ? x!.values : backend.cast(x!, dtype)],
  vjp: ([dy], [x]) => [isFloat(x!.dtype) ? cast(dy!, x!.dtype) : null],
};

/**
 * Casts to `dtype`. Float → int truncates toward zero; anything → bool is `x != 0`.
 * @example
 * ```ts
 * keras.ops.cast(keras.tensor([1.7, -1.7]), "int32").arraySync(); // [1, -1]
 * ```
 */
export function cast<T extends OpInput>(x: T, dtype: DType): OpResult<T> {
  checkDType(dtype);
  const t = toOpTensor(x);
  if (t.dtype === dtype) return t as OpResult<T>;
  return runOp1(castDef, [t], dtype) as OpResult<T>;
}
