/**
 * Reference kernels for elementwise unary ops, and `cast`.
 */
import { allocArray, type DType, type TypedArray } from "../../core/dtype.js";
import type { TensorData } from "../../core/tensor.js";
import type { UnaryOp } from "../backend.js";

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** erf with ~1e-15 relative accuracy (series near 0, continued fraction via erfc in the tails). */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // Maclaurin series: erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))
    let term = x;
    let total = x;
    const x2 = x * x;
    for (let n = 1; n < 80; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      total += add;
      if (Math.abs(add) < 1e-17 * Math.abs(total)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * total;
  }
  // From 6 on, erfc(|x|) < 2^-54: erf rounds to ±1 (and the fraction below would give NaN at ∞).
  if (ax >= 6) return x > 0 ? 1 : -1;
  // Continued fraction for erfc (Lentz), accurate for |x| >= 2.5.
  let f = ax;
  let c = ax;
  let d = 0;
  for (let n = 1; n < 200; n++) {
    const a = n / 2;
    d = ax + a * d;
    d = d === 0 ? 1e-300 : 1 / d;
    c = ax + a / c;
    if (c === 0) c = 1e-300;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return x > 0 ? 1 - erfc : erfc - 1;
}

/** Inverse erf: initial guess (Giles' approximation) refined by Newton steps on erf. */
export function erfinv(y: number): number {
  if (y <= -1) return y === -1 ? -Infinity : NaN;
  if (y >= 1) return y === 1 ? Infinity : NaN;
  let w = -Math.log((1 - y) * (1 + y));
  let x: number;
  if (w < 5) {
    w -= 2.5;
    let p = 2.81022636e-8;
    for (const c of [
      3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164,
      0.246640727, 1.50140941,
    ])
      p = c + p * w;
    x = p * y;
  } else {
    w = Math.sqrt(w) - 3;
    let p = -0.000200214257;
    for (const c of [
      0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406,
      2.83297682,
    ])
      p = c + p * w;
    x = p * y;
  }
  for (let i = 0; i < 3; i++) x -= (erf(x) - y) / ((2 / Math.sqrt(Math.PI)) * Math.exp(-x * x));
  return x;
}

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** `relu6(x + 3) / 6`, as Keras 3 and JAX define hard sigmoid. */
function hardSigmoid(x: number): number {
  const t = x + 3;
  return (t > 0 ? (t < 6 ? t : 6) : 0) / 6;
}

/** Round half to even, as NumPy and Keras do. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

type Fn = (x: number, p: number) => number;

const FNS: Record<UnaryOp, Fn> = {
  neg: (x) => -x,
  abs: Math.abs,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x),
  square: (x) => x * x,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  reciprocal: (x) => 1 / x,
  exp: Math.exp,
  expm1: Math.expm1,
  log: Math.log,
  log1p: Math.log1p,
  log2: Math.log2,
  log10: Math.log10,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  floor: Math.floor,
  ceil: Math.ceil,
  round: roundHalfEven,
  trunc: Math.trunc,
  erf,
  erfinv,
  relu: (x) => (x < 0 ? 0 : x), // NaN passes through, as in Keras/JAX
  relu6: (x) => (x < 0 ? 0 : x > 6 ? 6 : x),
  leakyRelu: (x, alpha) => (x >= 0 ? x : alpha * x),
  elu: (x, alpha) => (x > 0 ? x : alpha * Math.expm1(x)),
  selu: (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
  sigmoid,
  hardSigmoid,
  softplus,
  softsign: (x) => x / (1 + Math.abs(x)),
  silu: (x) => x * sigmoid(x),
  gelu: (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
  geluTanh: (x) => 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x))),
  mish: (x) => x * Math.tanh(softplus(x)),
  hardSilu: (x) => x * hardSigmoid(x),
  logSigmoid: (x) => -softplus(-x),
  logicalNot: (x) => +(x === 0),
  isnan: (x) => +Number.isNaN(x),
  isinf: (x) => +(x === Infinity || x === -Infinity),
  isfinite: (x) => +Number.isFinite(x),
};

/**
 * Tight loops (no call per element) for the hottest ops. Returns false when `op` has none.
 * Integer `square` uses Math.imul so int32 results wrap exactly as in NumPy.
 */
function fastUnary(op: UnaryOp, xv: TypedArray, out: TypedArray, outDtype: DType): boolean {
  const n = xv.length;
  switch (op) {
    case "relu":
      for (let i = 0; i < n; i++) {
        const v = xv[i]!;
        out[i] = v < 0 ? 0 : v; // NaN passes through
      }
      return true;
    case "sigmoid":
      for (let i = 0; i < n; i++) {
        const v = xv[i]!;
        if (v >= 0) out[i] = 1 / (1 + Math.exp(-v));
        else {
          const e = Math.exp(v);
          out[i] = e / (1 + e);
        }
      }
      return true;
    case "tanh":
      for (let i = 0; i < n; i++) out[i] = Math.tanh(xv[i]!);
      return true;
    case "exp":
      for (let i = 0; i < n; i++) out[i] = Math.exp(xv[i]!);
      return true;
    case "neg":
      for (let i = 0; i < n; i++) out[i] = -xv[i]!;
      return true;
    case "square":
      if (outDtype === "int32") for (let i = 0; i < n; i++) out[i] = Math.imul(xv[i]!, xv[i]!);
      else
        for (let i = 0; i < n; i++) {
          const v = xv[i]!;
          out[i] = v * v;
        }
      return true;
    default:
      return false;
  }
}

export function unary(op: UnaryOp, x: TensorData, outDtype: DType, param = 0): TypedArray {
  const xv = x.values;
  const n = xv.length;
  const out = allocArray(outDtype, n);
  if (fastUnary(op, xv, out, outDtype)) return out;
  const f = FNS[op];
  for (let i = 0; i < n; i++) out[i] = f(xv[i]!, param);
  return out;
}

export function cast(x: TensorData, dtype: DType): TypedArray {
  const xv = x.values;
  const out = allocArray(dtype, xv.length);
  if (dtype === "bool") {
    for (let i = 0; i < xv.length; i++) out[i] = xv[i] !== 0 ? 1 : 0;
  } else if (dtype === "uint8" && (x.dtype === "float32" || x.dtype === "float64")) {
    for (let i = 0; i < xv.length; i++) out[i] = Math.trunc(xv[i]!) & 255;
  } else {
    out.set(xv); // TypedArray.set converts: float→int truncates toward zero, int32→uint8 wraps
  }
  return out;
}
