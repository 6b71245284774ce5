/**
 * Elementwise unary math ops. Each is one `unaryDef` entry: kernel op code, output dtype rule, VJP.
 */
import { FLOATX, isFloat, type DType } from "../core/dtype.js";
import type { AnyTensor } from "../core/symbolic.js";
import type { Tensor } from "../core/tensor.js";
import type { UnaryOp } from "../backends/backend.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { cast } from "./cast.js";
import { runOp1, type OpDef } from "./op.js";
import { divide, multiply } from "./binary.js";

type Vjp = (dy: Tensor, x: Tensor, y: Tensor) => AnyTensor | null;

/** Output dtype rules: keep the input's, or promote ints/bools to floatx (exp, log, ...). */
export const keepDType = (d: DType) => d;
export const floatDType = (d: DType) => (isFloat(d) ? d : FLOATX);

/** Definition of a unary op running backend kernel `op` (with optional scalar `param`). */
export function unaryDef(op: UnaryOp, result: (d: DType) => DType, vjp?: Vjp, param?: number): OpDef<void> {
  return {
    name: op,
    infer: ([x]) => [{ shape: x!.shape, dtype: result(x!.dtype) }],
    forward: ([x], _a, [out], backend) => [backend.unary(op, x!, out!.dtype, param)],
    vjp: vjp && (([dy], [x], [y]) => [vjp(dy!, x!, y!)]),
  };
}

/** Applies a unary definition, first casting the input to the output dtype when that differs. */
export function applyUnary<T extends OpInput>(def: OpDef<void>, x: T, result: (d: DType) => DType): OpResult<T> {
  let t = toOpTensor(x);
  const want = result(t.dtype);
  if (want !== t.dtype) t = cast(t, want);
  return runOp1(def, [t], undefined) as OpResult<T>;
}

const defs = {
  neg: unaryDef("neg", keepDType, (dy) => negative(dy)),
  square: unaryDef("square", keepDType, (dy, x) => multiply(dy, multiply(x, 2))),
  sqrt: unaryDef("sqrt", floatDType, (dy, _x, y) => divide(dy, multiply(y, 2))),
  exp: unaryDef("exp", floatDType, (dy, _x, y) => multiply(dy, y)),
  log: unaryDef("log", floatDType, (dy, x) => divide(dy, x)),
};

/** `-x`. @example `keras.ops.negative([1, -2]) // [-1, 2]` */
export function negative<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.neg, x, keepDType);
}
/** `x * x`. @example `keras.ops.square([2, 3]) // [4, 9]` */
export function square<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.square, x, keepDType);
}
/** Square root. @example `keras.ops.sqrt([4, 9]) // [2, 3]` */
export function sqrt<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.sqrt, x, floatDType);
}
/** `e^x`. @example `keras.ops.exp([0]) // [1]` */
export function exp<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.exp, x, floatDType);
}
/** Natural logarithm. @example `keras.ops.log([1]) // [0]` */
export function log<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.log, x, floatDType);
}
