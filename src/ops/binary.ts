/**
 * Elementwise binary ops with NumPy broadcasting and Keras dtype promotion (JS numbers are weak).
 */
import { isFloat, FLOATX, type DType } from "../core/dtype.js";
import { broadcastShapes } from "../core/shape.js";
import type { AnyTensor } from "../core/symbolic.js";
import type { Tensor } from "../core/tensor.js";
import type { BinaryOp } from "../backends/backend.js";
import { cast } from "./cast.js";
import { promoteInputs, type OpInput, type OpResult } from "./convert.js";
import { runOp1, type OpDef } from "./op.js";
import { log, negative, square } from "./unary.js";
import { where } from "./where.js";

type Vjp = (
  dy: Tensor,
  a: Tensor,
  b: Tensor,
  y: Tensor,
  needed: readonly boolean[],
) => [AnyTensor | null, AnyTensor | null];

/** `f()` when the gradient is wanted, else null (the tape skips inputs it needs no gradient for). */
const when = (wanted: boolean | undefined, f: () => AnyTensor): AnyTensor | null => (wanted ? f() : null);

/** Builds the definition of a binary op; `result` maps the promoted input dtype to the output's. */
function binaryDef(op: BinaryOp, result: (dtype: DType) => DType, vjp?: Vjp): OpDef<void> {
  return {
    name: op,
    infer: ([a, b]) => [{ shape: broadcastShapes([a!.shape, b!.shape], op), dtype: result(a!.dtype) }],
    forward: ([a, b], _attrs, [out], backend) => [backend.binary(op, a!, b!, out!.shape, out!.dtype)],
    vjp: vjp && (([dy], [a, b], [y], _attrs, needed) => vjp(dy!, a!, b!, y!, needed)),
  };
}

const same = (d: DType) => d;
const toBool = () => "bool" as DType;
const toFloat = (d: DType) => (isFloat(d) ? d : FLOATX);

const defs = {
  add: binaryDef("add", same, (dy) => [dy, dy]),
  sub: binaryDef("sub", same, (dy, _a, _b, _y, n) => [dy, when(n[1], () => negative(dy))]),
  mul: binaryDef("mul", same, (dy, a, b, _y, n) => [
    when(n[0], () => multiply(dy, b)),
    when(n[1], () => multiply(dy, a)),
  ]),
  div: binaryDef("div", toFloat, (dy, a, b, _y, n) => [
    when(n[0], () => divide(dy, b)),
    when(n[1], () => negative(divide(multiply(dy, a), square(b)))),
  ]),
  floorDiv: binaryDef("floorDiv", same),
  mod: binaryDef("mod", same, (dy, a, b) => [dy, negative(multiply(dy, floorDivide(a, b)))]),
  pow: binaryDef("pow", same, (dy, a, b, y, n) => [
    // d/da a^b = b·a^(b-1); d/db a^b = y·log(a), defined as 0 where a <= 0 (as JAX does for a == 0).
    when(n[0], () => multiply(dy, multiply(b, power(a, subtract(b, 1))))),
    when(n[1], () => multiply(dy, where(greater(a, 0), multiply(y, log(where(greater(a, 0), a, 1))), 0))),
  ]),
  maximum: binaryDef("maximum", same, (dy, a, b) => {
    const pickA = greaterEqual(a, b);
    return [where(pickA, dy, 0), where(pickA, 0, dy)];
  }),
  minimum: binaryDef("minimum", same, (dy, a, b) => {
    const pickA = lessEqual(a, b);
    return [where(pickA, dy, 0), where(pickA, 0, dy)];
  }),
  atan2: binaryDef("atan2", toFloat, (dy, a, b) => {
    const denom = add(square(a), square(b));
    return [multiply(dy, divide(b, denom)), multiply(dy, divide(negative(a), denom))];
  }),
  squaredDifference: binaryDef("squaredDifference", same, (dy, a, b) => {
    const g = multiply(multiply(dy, subtract(a, b)), 2);
    return [g, negative(g)];
  }),
  equal: binaryDef("equal", toBool),
  notEqual: binaryDef("notEqual", toBool),
  less: binaryDef("less", toBool),
  lessEqual: binaryDef("lessEqual", toBool),
  greater: binaryDef("greater", toBool),
  greaterEqual: binaryDef("greaterEqual", toBool),
  logicalAnd: binaryDef("logicalAnd", toBool),
  logicalOr: binaryDef("logicalOr", toBool),
  logicalXor: binaryDef("logicalXor", toBool),
} satisfies Record<BinaryOp, OpDef<void>>;

function run<A extends OpInput, B extends OpInput>(
  op: BinaryOp,
  a: A,
  b: B,
  inputDType?: (d: DType) => DType,
) {
  let [x, y] = promoteInputs([a, b], op) as [AnyTensor, AnyTensor];
  if (inputDType) {
    const want = inputDType(x.dtype);
    if (want !== x.dtype)
      [x, y] = promoteInputs([cast(x, want), cast(y, want)], op) as [AnyTensor, AnyTensor];
  }
  return runOp1(defs[op], [x, y], undefined) as OpResult<A | B>;
}

const logical = () => "bool" as DType;

/**
 * `a + b`, elementwise with broadcasting.
 * @example
 * ```ts
 * keras.ops.add([1, 2], 10).arraySync(); // [11, 12]
 * ```
 */
export function add<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("add", a, b);
}
/** `a - b`, elementwise. @example `keras.ops.subtract([3, 4], [1, 1]) // [2, 3]` */
export function subtract<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("sub", a, b);
}
/** `a * b`, elementwise. @example `keras.ops.multiply([1, 2], [3, 4]) // [3, 8]` */
export function multiply<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("mul", a, b);
}
/** True division `a / b`; integer inputs give float32. @example `keras.ops.divide([1, 3], 2) // [0.5, 1.5]` */
export function divide<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("div", a, b, toFloat);
}
/** Alias of `divide`, as in Keras. */
export const trueDivide = divide;
/** `floor(a / b)`. @example `keras.ops.floorDivide([7, -7], 2) // [3, -4]` */
export function floorDivide<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("floorDiv", a, b);
}
/** Remainder with the sign of `b` (Python's `%`). @example `keras.ops.mod([7, -7], 3) // [1, 2]` */
export function mod<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("mod", a, b);
}
/** `a ** b`. @example `keras.ops.power([2, 3], 2) // [4, 9]` */
export function power<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("pow", a, b);
}
/** Elementwise maximum (NaN wins). @example `keras.ops.maximum([1, 5], 3) // [3, 5]` */
export function maximum<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("maximum", a, b);
}
/** Elementwise minimum (NaN wins). @example `keras.ops.minimum([1, 5], 3) // [1, 3]` */
export function minimum<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("minimum", a, b);
}
/** Angle of the point (b, a), elementwise. @example `keras.ops.arctan2(1, 1) // 0.785...` */
export function arctan2<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("atan2", a, b, toFloat);
}
/** `(a - b)^2`, elementwise. */
export function squaredDifference<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("squaredDifference", a, b);
}
/** `a == b` as bool. @example `keras.ops.equal([1, 2], 2) // [false, true]` */
export function equal<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("equal", a, b);
}
/** `a != b` as bool. */
export function notEqual<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("notEqual", a, b);
}
/** `a < b` as bool. */
export function less<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("less", a, b);
}
/** `a <= b` as bool. */
export function lessEqual<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("lessEqual", a, b);
}
/** `a > b` as bool. */
export function greater<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("greater", a, b);
}
/** `a >= b` as bool. */
export function greaterEqual<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("greaterEqual", a, b);
}
/** Logical and of truthiness, as bool. @example `keras.ops.logicalAnd([true, false], true) // [true, false]` */
export function logicalAnd<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("logicalAnd", a, b, logical);
}
/** Logical or, as bool. */
export function logicalOr<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("logicalOr", a, b, logical);
}
/** Logical exclusive or, as bool. */
export function logicalXor<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  return run("logicalXor", a, b, logical);
}
