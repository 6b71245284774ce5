/**
 * Trigonometric, hyperbolic and error-function ops (re-exported by `unary.ts`). Ints and bools
 * become float32, as in Keras; each VJP is written with ops.
 */
import { add, divide, multiply, subtract } from "./binary.js";
import type { OpInput, OpResult } from "./convert.js";
import { exp, negative, rsqrt, square } from "./unary.js";
import { applyUnary, floatDType, keepDType, unaryDef } from "./unary-def.js";

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

const defs = {
  sin: unaryDef("sin", keepDType, (dy, x) => multiply(dy, cos(x))),
  cos: unaryDef("cos", keepDType, (dy, x) => negative(multiply(dy, sin(x)))),
  tan: unaryDef("tan", keepDType, (dy, _x, y) => multiply(dy, add(square(y), 1))),
  asin: unaryDef("asin", keepDType, (dy, x) => multiply(dy, rsqrt(subtract(1, square(x))))),
  acos: unaryDef("acos", keepDType, (dy, x) => negative(multiply(dy, rsqrt(subtract(1, square(x)))))),
  atan: unaryDef("atan", keepDType, (dy, x) => divide(dy, add(square(x), 1))),
  sinh: unaryDef("sinh", keepDType, (dy, x) => multiply(dy, cosh(x))),
  cosh: unaryDef("cosh", keepDType, (dy, x) => multiply(dy, sinh(x))),
  tanh: unaryDef("tanh", keepDType, (dy, _x, y) => multiply(dy, subtract(1, square(y)))),
  asinh: unaryDef("asinh", keepDType, (dy, x) => multiply(dy, rsqrt(add(square(x), 1)))),
  acosh: unaryDef("acosh", keepDType, (dy, x) => multiply(dy, rsqrt(subtract(square(x), 1)))),
  atanh: unaryDef("atanh", keepDType, (dy, x) => divide(dy, subtract(1, square(x)))),
  // d erf(x) = 2/sqrt(pi) e^(-x^2); d erfinv(y) = sqrt(pi)/2 e^(erfinv(y)^2)
  erf: unaryDef("erf", keepDType, (dy, x) =>
    multiply(dy, multiply(exp(negative(square(x))), TWO_OVER_SQRT_PI)),
  ),
  erfinv: unaryDef("erfinv", keepDType, (dy, _x, y) =>
    multiply(dy, divide(exp(square(y)), TWO_OVER_SQRT_PI)),
  ),
};

/** Sine (radians). @example `keras.ops.sin([0, Math.PI / 2]).arraySync() // [0, 1]` */
export function sin<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.sin, x, floatDType);
}
/** Cosine (radians). @example `keras.ops.cos([0, Math.PI]).arraySync() // [1, -1]` */
export function cos<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.cos, x, floatDType);
}
/** Tangent (radians). @example `keras.ops.tan([Math.PI / 4]).arraySync() // [1]` */
export function tan<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.tan, x, floatDType);
}
/** Inverse sine, in [-π/2, π/2]; NaN outside [-1, 1]. @example `keras.ops.arcsin([1]).arraySync() // [1.5707964]` */
export function arcsin<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.asin, x, floatDType);
}
/** Inverse cosine, in [0, π]; NaN outside [-1, 1]. @example `keras.ops.arccos([1]).arraySync() // [0]` */
export function arccos<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.acos, x, floatDType);
}
/** Inverse tangent, in (-π/2, π/2). @example `keras.ops.arctan([1]).arraySync() // [0.7853982]` */
export function arctan<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.atan, x, floatDType);
}
/** Hyperbolic sine. @example `keras.ops.sinh([0]).arraySync() // [0]` */
export function sinh<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.sinh, x, floatDType);
}
/** Hyperbolic cosine. @example `keras.ops.cosh([0]).arraySync() // [1]` */
export function cosh<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.cosh, x, floatDType);
}
/** Hyperbolic tangent. @example `keras.ops.tanh([0, 100]).arraySync() // [0, 1]` */
export function tanh<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.tanh, x, floatDType);
}
/** Inverse hyperbolic sine. @example `keras.ops.arcsinh([0]).arraySync() // [0]` */
export function arcsinh<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.asinh, x, floatDType);
}
/** Inverse hyperbolic cosine; NaN below 1. @example `keras.ops.arccosh([1]).arraySync() // [0]` */
export function arccosh<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.acosh, x, floatDType);
}
/** Inverse hyperbolic tangent; ±Infinity at ±1. @example `keras.ops.arctanh([0]).arraySync() // [0]` */
export function arctanh<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.atanh, x, floatDType);
}
/** Gauss error function. @example `keras.ops.erf([0, 1]).arraySync() // [0, 0.8427008]` */
export function erf<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.erf, x, floatDType);
}
/** Inverse of `erf` on (-1, 1); ±Infinity at ±1. @example `keras.ops.erfinv([0, 0.5]).arraySync() // [0, 0.4769363]` */
export function erfinv<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.erfinv, x, floatDType);
}
