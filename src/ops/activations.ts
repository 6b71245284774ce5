/**
 * Activation functions as ops (Keras 3 `keras.ops` nn names and defaults). Each is one backend
 * kernel call with a VJP written with ops; ints and bools become float32, except for `relu`, which
 * keeps int dtypes (as JAX's `maximum(x, 0)` does).
 */
import { type DType } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import { add, divide, greater, greaterEqual, less, logicalAnd, multiply, subtract } from "./binary.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { abs, erf, exp, negative, square, tanh } from "./unary.js";
import { applyUnary, floatDType, keepDType, unaryDef } from "./unary-def.js";
import { where } from "./where.js";

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const GELU_C = 0.044715;

type Tensorish = Parameters<typeof greater>[0];
/** `lo < x < hi` as bool (the open interval where relu6-style kinks pass gradient, as in JAX). */
const inside = (x: Tensorish, lo: number, hi: number) => logicalAnd(greater(x, lo), less(x, hi));
const reluDType = (d: DType): DType => (d === "bool" ? "int32" : d);

const defs = {
  relu: unaryDef("relu", keepDType, (dy, x) => where(greater(x, 0), dy, 0)),
  relu6: unaryDef("relu6", keepDType, (dy, x) => where(inside(x, 0, 6), dy, 0)),
  leakyRelu: unaryDef("leakyRelu", keepDType, (dy, x, _y, slope) =>
    where(greaterEqual(x, 0), dy, multiply(dy, slope)),
  ),
  // For x <= 0, y = alpha·(e^x - 1), so dy/dx = alpha·e^x = y + alpha.
  elu: unaryDef("elu", keepDType, (dy, x, y, alpha) => where(greater(x, 0), dy, multiply(dy, add(y, alpha)))),
  selu: unaryDef("selu", keepDType, (dy, x, y) =>
    multiply(dy, where(greater(x, 0), SELU_SCALE, add(y, SELU_SCALE * SELU_ALPHA))),
  ),
  sigmoid: unaryDef("sigmoid", keepDType, (dy, _x, y) => multiply(dy, multiply(y, subtract(1, y)))),
  hardSigmoid: unaryDef("hardSigmoid", keepDType, (dy, x) => where(inside(x, -3, 3), divide(dy, 6), 0)),
  softplus: unaryDef("softplus", keepDType, (dy, x) => multiply(dy, sigmoid(x))),
  softsign: unaryDef("softsign", keepDType, (dy, x) => divide(dy, square(add(abs(x), 1)))),
  // y = x·s(x): dy/dx = s·(1 + x·(1 - s)).
  silu: unaryDef("silu", keepDType, (dy, x) => {
    const s = sigmoid(x);
    return multiply(dy, multiply(s, add(multiply(x, subtract(1, s)), 1)));
  }),
  // y = x·Φ(x): dy/dx = Φ(x) + x·φ(x).
  gelu: unaryDef("gelu", keepDType, (dy, x) => {
    const cdf = multiply(add(erf(divide(x, Math.SQRT2)), 1), 0.5);
    const pdf = multiply(exp(multiply(square(x), -0.5)), INV_SQRT_2PI);
    return multiply(dy, add(cdf, multiply(x, pdf)));
  }),
  // y = x/2·(1 + t), t = tanh(c·(x + 0.044715x³)): dy/dx = (1 + t)/2 + x/2·(1 - t²)·c·(1 + 3·0.044715x²).
  geluTanh: unaryDef("geluTanh", keepDType, (dy, x) => {
    const x2 = square(x);
    const t = tanh(multiply(multiply(x, add(multiply(x2, GELU_C), 1)), SQRT_2_OVER_PI));
    const inner = multiply(add(multiply(x2, 3 * GELU_C), 1), SQRT_2_OVER_PI);
    const slope = multiply(multiply(x, subtract(1, square(t))), inner);
    return multiply(dy, multiply(add(add(t, 1), slope), 0.5));
  }),
  // y = x·tanh(softplus(x)): dy/dx = t + x·(1 - t²)·sigmoid(x).
  mish: unaryDef("mish", keepDType, (dy, x) => {
    const t = tanh(softplus(x));
    return multiply(dy, add(t, multiply(multiply(x, subtract(1, square(t))), sigmoid(x))));
  }),
  // y = x·hardSigmoid(x): product rule, with hardSigmoid' = 1/6 on (-3, 3).
  hardSilu: unaryDef("hardSilu", keepDType, (dy, x) =>
    multiply(dy, add(hardSigmoid(x), where(inside(x, -3, 3), divide(x, 6), 0))),
  ),
  logSigmoid: unaryDef("logSigmoid", keepDType, (dy, x) => multiply(dy, sigmoid(negative(x)))),
};

function checkScalar(value: number, name: string, op: string): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ValueError(`${op}: ${name} must be a finite number, received ${String(value)}.`, {
      op,
      [name]: value,
    });
  }
}

/**
 * Rectified linear unit, `max(x, 0)`. Keeps int dtypes.
 * @example
 * ```ts
 * keras.ops.relu([-1, 0, 2]).arraySync(); // [0, 0, 2]
 * ```
 */
export function relu<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.relu, x, reluDType);
}
/** `min(max(x, 0), 6)`. @example `keras.ops.relu6([-1, 3, 8]).arraySync() // [0, 3, 6]` */
export function relu6<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.relu6, x, floatDType);
}
/**
 * Leaky ReLU: `x` for `x >= 0`, `negativeSlope * x` otherwise (Keras 3 default slope 0.2).
 * @example `keras.ops.leakyRelu([-10, 5]).arraySync() // [-2, 5]`
 */
export function leakyRelu<T extends OpInput>(x: T, negativeSlope = 0.2): OpResult<T> {
  checkScalar(negativeSlope, "negativeSlope", "leakyRelu");
  return applyUnary(defs.leakyRelu, x, floatDType, negativeSlope);
}
/**
 * Exponential linear unit: `x` for `x > 0`, `alpha * (exp(x) - 1)` otherwise.
 * @example `keras.ops.elu([-1, 2]).arraySync() // [-0.6321206, 2]`
 */
export function elu<T extends OpInput>(x: T, alpha = 1): OpResult<T> {
  checkScalar(alpha, "alpha", "elu");
  return applyUnary(defs.elu, x, floatDType, alpha);
}
/**
 * Scaled ELU: `scale * elu(x, alpha)` with scale ≈ 1.0507 and alpha ≈ 1.67326.
 * @example `keras.ops.selu([1]).arraySync() // [1.0507009]`
 */
export function selu<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.selu, x, floatDType);
}
/**
 * Gaussian error linear unit. `approximate` (Keras default true) uses the tanh form
 * `0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))`; false gives the exact `x·Φ(x) = 0.5x(1 + erf(x/√2))`.
 * @example `keras.ops.gelu([1], false).arraySync() // [0.8413447]`
 */
export function gelu<T extends OpInput>(x: T, approximate = true): OpResult<T> {
  return applyUnary(approximate ? defs.geluTanh : defs.gelu, x, floatDType);
}
/** Logistic sigmoid `1 / (1 + exp(-x))`. @example `keras.ops.sigmoid([0]).arraySync() // [0.5]` */
export function sigmoid<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.sigmoid, x, floatDType);
}
/** Hard sigmoid, Keras 3 form `relu6(x + 3) / 6`. @example `keras.ops.hardSigmoid([-4, 0, 1.5]) // [0, 0.5, 0.75]` */
export function hardSigmoid<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.hardSigmoid, x, floatDType);
}
/** `log(1 + exp(x))`, computed stably. @example `keras.ops.softplus([0]).arraySync() // [0.6931472]` */
export function softplus<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.softplus, x, floatDType);
}
/** `x / (1 + |x|)`. @example `keras.ops.softsign([1, -3]).arraySync() // [0.5, -0.75]` */
export function softsign<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.softsign, x, floatDType);
}
/** Sigmoid linear unit `x * sigmoid(x)` (also called swish). @example `keras.ops.silu([0]).arraySync() // [0]` */
export function silu<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.silu, x, floatDType);
}
/** Alias of `silu`, as in Keras. @example `keras.ops.swish([0]).arraySync() // [0]` */
export const swish = silu;
/** `x * tanh(softplus(x))`. @example `keras.ops.mish([0]).arraySync() // [0]` */
export function mish<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.mish, x, floatDType);
}
/** Hard SiLU `x * relu6(x + 3) / 6`. @example `keras.ops.hardSilu([-4, 0, 4]).arraySync() // [-0, 0, 4]` */
export function hardSilu<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.hardSilu, x, floatDType);
}
/** Alias of `hardSilu`, as in Keras. @example `keras.ops.hardSwish([4]).arraySync() // [4]` */
export const hardSwish = hardSilu;
/** `log(sigmoid(x)) = -softplus(-x)`, computed stably. @example `keras.ops.logSigmoid([0]) // [-0.6931472]` */
export function logSigmoid<T extends OpInput>(x: T): OpResult<T> {
  return applyUnary(defs.logSigmoid, x, floatDType);
}
/** The exponential activation, `exp(x)` (ints become float32). @example `keras.ops.exponential([0]) // [1]` */
export function exponential<T extends OpInput>(x: T): OpResult<T> {
  return exp(x);
}
/** The linear (identity) activation: returns `x` unchanged. @example `keras.ops.linear([1, -2]) // [1, -2]` */
export function linear<T extends OpInput>(x: T): OpResult<T> {
  return toOpTensor(x) as OpResult<T>;
}
