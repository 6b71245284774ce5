/**
 * Elementwise math built from other ops: `clip` and `nanToNum`.
 */
import { isFloat } from "../core/dtype.js";
import type { AnyTensor } from "../core/symbolic.js";
import { greater, maximum, minimum } from "./binary.js";
import { cast } from "./cast.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { isinf, isnan } from "./unary.js";
import { where } from "./where.js";

const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Clips `x` to `[minValue, maxValue]`: `minimum(maximum(x, minValue), maxValue)`, as JAX computes it,
 * so the gradient passes to `x` wherever `minValue <= x <= maxValue` (boundaries included) and to a
 * bound where it is the one selected. The output keeps `x`'s dtype (bool becomes int32), as Keras
 * specifies. Bounds may be numbers or tensors that broadcast against `x`.
 * @example
 * ```ts
 * keras.ops.clip([-2, 0.5, 3], 0, 1).arraySync(); // [0, 0.5, 1]
 * ```
 */
export function clip<T extends OpInput, L extends OpInput, H extends OpInput>(
  x: T,
  minValue: L,
  maxValue: H,
): OpResult<T | L | H> {
  let t = toOpTensor(x);
  if (t.dtype === "bool") t = cast(t, "int32");
  const y = minimum(maximum(t, minValue), maxValue) as AnyTensor;
  return (y.dtype === t.dtype ? y : cast(y, t.dtype)) as OpResult<T | L | H>;
}

/**
 * Replaces NaN with `nan`, +Infinity with `posinf` and -Infinity with `neginf` (defaults: 0 and the
 * largest / lowest finite value of the dtype, as NumPy). Int and bool tensors are returned unchanged.
 * The gradient passes through the finite elements.
 * @example
 * ```ts
 * keras.ops.nanToNum([NaN, Infinity, -Infinity, 1], 0, 10, -10).arraySync(); // [0, 10, -10, 1]
 * ```
 */
export function nanToNum<T extends OpInput>(x: T, nan = 0, posinf?: number, neginf?: number): OpResult<T> {
  const t = toOpTensor(x);
  if (!isFloat(t.dtype)) return t as OpResult<T>;
  const big = t.dtype === "float32" ? FLOAT32_MAX : Number.MAX_VALUE;
  const [hi, lo, zero] = [posinf ?? big, neginf ?? -big, nan].map((v) => toOpTensor(v, t.dtype));
  const inf = where(greater(t, 0), hi!, lo!);
  return where(isnan(t), zero!, where(isinf(t), inf, t)) as OpResult<T>;
}
