/**
 * The pattern behind every elementwise unary op (math and activations): one backend kernel call,
 * an output dtype rule, and a VJP written with ops. Internal to `ops/`; not re-exported.
 */
import { FLOATX, isFloat, type DType } from "../core/dtype.js";
import type { AnyTensor } from "../core/symbolic.js";
import type { Tensor } from "../core/tensor.js";
import type { UnaryOp } from "../backends/backend.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { cast } from "./cast.js";
import { runOp1, type OpDef } from "./op.js";

/** VJP of a unary op: input gradient from the output gradient, input, output and scalar parameter. */
export type UnaryVjp = (dy: Tensor, x: Tensor, y: Tensor, param: number) => AnyTensor | null;

/** Dtype rule: keep the input's dtype. */
export const keepDType = (d: DType): DType => d;
/** Dtype rule: ints and bools become floatx (exp, log, sin, ...); floats stay. */
export const floatDType = (d: DType): DType => (isFloat(d) ? d : FLOATX);
/** Dtype rule: bool output (isnan, logicalNot, ...). */
export const boolDType = (): DType => "bool";

/**
 * Definition of a unary op running backend kernel `op`. The op's attribute is the kernel's scalar
 * parameter (leakyRelu's slope, elu's alpha; 0 when unused). `output` maps the kernel's input dtype
 * to the output dtype (identity for most ops: inputs are cast beforehand by `applyUnary`).
 *
 * @example
 * ```ts
 * const expDef = unaryDef("exp", keepDType, (dy, _x, y) => multiply(dy, y));
 * applyUnary(expDef, [0, 1], floatDType); // [1, 2.718...]
 * ```
 */
export function unaryDef(op: UnaryOp, output: (d: DType) => DType, vjp?: UnaryVjp): OpDef<number> {
  return {
    name: op,
    infer: ([x]) => [{ shape: x!.shape, dtype: output(x!.dtype) }],
    forward: ([x], param, [out], backend) => [backend.unary(op, x!, out!.dtype, param)],
    vjp: vjp && (([dy], [x], [y], param) => [vjp(dy!, x!, y!, param)]),
  };
}

/**
 * Applies a unary definition: converts `x`, casts it to `inputDType(x.dtype)` when that differs
 * (ints to float for transcendental ops), then runs the kernel with scalar `param`.
 *
 * @example
 * ```ts
 * applyUnary(expDef, keras.tensor([1], "int32"), floatDType).dtype; // "float32"
 * ```
 */
export function applyUnary<T extends OpInput>(
  def: OpDef<number>,
  x: T,
  inputDType: (d: DType) => DType = keepDType,
  param = 0,
): OpResult<T> {
  let t = toOpTensor(x);
  const want = inputDType(t.dtype);
  if (want !== t.dtype) t = cast(t, want);
  return runOp1(def, [t], param) as OpResult<T>;
}
