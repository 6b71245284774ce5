/**
 * Elementwise unary math ops: arithmetic, exponentials and logarithms, rounding, predicates.
 * Trigonometric, hyperbolic and erf ops live in `unary-trig.ts` (re-exported here). Each op is one
 * kernel call with a Keras dtype rule and a VJP written with ops.
 */
import { DTypeError, ValueError } from "../core/errors.js";
import { formatShape } from "../core/shape.js";
import { isFloat, type DType } from "../core/dtype.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { cast } from "./cast.js";
import { add, divide, multiply } from "./binary.js";
import { zerosLike } from "./creation.js";
import { applyUnary, boolDType, floatDType, keepDType, unaryDef, type UnaryVjp } from "./unary-def.js";

export * from "./unary-trig.js";

/** Gradient of piecewise-constant ops (floor, sign, ...): zeros, as JAX gives. */
const zeroGrad: UnaryVjp = (dy) => zerosLike(dy);
const boolToInt = (d: DType): DType => (d === "bool" ? "int32" : d);

const defs = {
  neg: unaryDef("neg", keepDType, (dy) => negative(dy)),
  abs: unaryDef("abs", keepDType, (dy, x) => multiply(dy, sign(x))),
  sign: unaryDef("sign", keepDType, zeroGrad),
  square: unaryDef("square", keepDType, (dy, x) => multiply(dy, multiply(x, 2))),
  sqrt: unaryDef("sqrt", keepDType, (dy, _x, y) => divide(dy, multiply(y, 2))),
  rsqrt: unaryDef("rsqrt", keepDType, (dy, _x, y) => multiply(dy, multiply(multiply(y, square(y)), -0.5))),
  reciprocal: unaryDef("reciprocal", keepDType, (dy, _x, y) => negative(multiply(dy, square(y)))),
  exp: unaryDef("exp", keepDType, (dy, _x, y) => multiply(dy, y)),
  expm1: unaryDef("expm1", keepDType, (dy, _x, y) => multiply(dy, add(y, 1))),
  log: unaryDef("log", keepDType, (dy, x) => divide(dy, x)),
  log1p: unaryDef("log1p", keepDType, (dy, x) => divide(dy, add(x, 1))),
  log2: unaryDef("log2", keepDType, (dy, x) => divide(dy, multiply(x, Math.LN2))),
  log10: unaryDef("log10", keepDType, (dy, x) => divide(dy, multiply(x, Math.LN10))),
  floor: unaryDef("floor", keepDType, zeroGrad),
  ceil: unaryDef("ceil", keepDType, zeroGrad),
  round: unaryDef("round", keepDType, zeroGrad),
  trunc: unaryDef("trunc", keepDType, zeroGrad),
  logicalNot: unaryDef("logicalNot", boolDType),
  isnan: unaryDef("isnan", boolDType),
  isinf: unaryDef("isinf", boolDType),
  isfinite: unaryDef("isfinite", boolDType),
};

/**
 * `-x`, elementwise. Bool tensors cannot be negated (use `logicalNot`).
 * @example
 * ```ts
 * keras.ops.negative([1, -2]).arraySync(); // [-1, 2]
 * ```
 */
export function negative<T extends OpInput>(x: T): OpResult<T> {
  const t = toOpTensor(x);
  if (t.dtype === "bool") {
    throw new DTypeError(
      `negative: cannot negate a bool tensor (received shape ${formatShape(t.shape)}, dtype bool). ` +
        `Use keras.ops.logicalNot(x) to flip booleans, or cast to "int32" first.`,
      { op: "negative", dtype: "bool" },
    );
  }
  return applyUnary(defs.neg, t) as OpResult<T>;
}
/** Absolute value; keeps the dtype. @example `keras.ops.abs([-1.5, 2]).arraySync() // [1.5, 2]` */
export function abs<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.abs, x);
}
/** Alias of `abs`, as in Keras. @example `keras.ops.absolute([-3]).arraySync() // [3]` */
export const absolute = abs;
/** -1, 0 or 1 by the sign of `x` (NaN stays NaN); keeps the dtype. @example `keras.ops.sign([-2, 0, 3]) // [-1, 0, 1]` */
export function sign<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.sign, x);
}
/** `x * x`; bool becomes int32. @example `keras.ops.square([2, 3]).arraySync() // [4, 9]` */
export function square<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.square, x, boolToInt);
}
/** Square root; ints become float32. @example `keras.ops.sqrt([4, 9]).arraySync() // [2, 3]` */
export function sqrt<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.sqrt, x, floatDType);
}
/** `1 / sqrt(x)`. @example `keras.ops.rsqrt([4, 16]).arraySync() // [0.5, 0.25]` */
export function rsqrt<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.rsqrt, x, floatDType);
}
/** `1 / x`; ints become float32. @example `keras.ops.reciprocal([2, 4]).arraySync() // [0.5, 0.25]` */
export function reciprocal<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.reciprocal, x, floatDType);
}
/** `e^x`; ints become float32. @example `keras.ops.exp([0, 1]).arraySync() // [1, 2.7182817]` */
export function exp<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.exp, x, floatDType);
}
/** `e^x - 1`, accurate near 0. @example `keras.ops.expm1([0]).arraySync() // [0]` */
export function expm1<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.expm1, x, floatDType);
}
/** Natural logarithm. @example `keras.ops.log([1, Math.E]).arraySync() // [0, 1]` */
export function log<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.log, x, floatDType);
}
/** `log(1 + x)`, accurate near 0. @example `keras.ops.log1p([0]).arraySync() // [0]` */
export function log1p<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.log1p, x, floatDType);
}
/** Base-2 logarithm. @example `keras.ops.log2([8]).arraySync() // [3]` */
export function log2<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.log2, x, floatDType);
}
/** Base-10 logarithm. @example `keras.ops.log10([100]).arraySync() // [2]` */
export function log10<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.log10, x, floatDType);
}
/** Largest integer <= x; ints become float32 (as in Keras). @example `keras.ops.floor([1.5, -1.5]) // [1, -2]` */
export function floor<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.floor, x, floatDType);
}
/** Smallest integer >= x; ints become float32 (as in Keras). @example `keras.ops.ceil([1.5, -1.5]) // [2, -1]` */
export function ceil<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.ceil, x, floatDType);
}
/** Rounds toward zero; keeps the dtype. @example `keras.ops.trunc([1.7, -1.7]).arraySync() // [1, -1]` */
export function trunc<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.trunc, x);
}

/**
 * Rounds to `decimals` decimal places, halves to even (as NumPy and Keras); keeps the dtype.
 * Negative `decimals` round to tens, hundreds, ...
 * @example
 * ```ts
 * keras.ops.round([0.5, 1.5, 2.5, -0.5]).arraySync(); // [0, 2, 2, -0]
 * keras.ops.round([1.234], 2).arraySync();            // [1.23]
 * ```
 */
export function round<T extends OpInput>(x: T, decimals = 0): OpResult<T> {
  if (!Number.isInteger(decimals)) {
    throw new ValueError(`round: decimals must be an integer, received ${decimals}.`, {
      op: "round",
      decimals,
    });
  }
  if (decimals === 0) return applyUnary(defs.round, x);
  const t = toOpTensor(x);
  const factor = Math.pow(10, decimals);
  if (isFloat(t.dtype)) return divide(applyUnary(defs.round, multiply(t, factor)), factor) as OpResult<T>;
  if (decimals > 0) return t as OpResult<T>;
  const scaled = applyUnary(defs.round, multiply(cast(t, "float32"), factor));
  return cast(divide(scaled, factor), t.dtype) as OpResult<T>;
}

/** Logical not of truthiness, as bool. @example `keras.ops.logicalNot([true, false, 0, 2]) // [false, true]` */
export function logicalNot<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.logicalNot, x);
}
/** Whether each element is NaN, as bool. @example `keras.ops.isnan([NaN, 1]).arraySync() // [true, false]` */
export function isnan<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.isnan, x);
}
/** Whether each element is ±Infinity, as bool. @example `keras.ops.isinf([Infinity, 1]).arraySync() // [true, false]` */
export function isinf<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.isinf, x);
}
/** Whether each element is finite (not NaN nor ±Infinity), as bool. @example `keras.ops.isfinite([NaN, 1]) // [false, true]` */
export function isfinite<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.isfinite, x);
}
