/**
 * Reference kernels for elementwise binary ops with broadcasting.
 */
import { allocArray, type DType, type TypedArray } from "../../core/dtype.js";
import { sizeOf, shapesEqual, type Shape } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";
import type { BinaryOp } from "../backend.js";
import { broadcastStrides, offsetsFor } from "./strided.js";

type Fn = (a: number, b: number) => number;

function floorMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

const FNS: Record<BinaryOp, Fn> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  floorDiv: (a, b) => Math.floor(a / b),
  mod: floorMod,
  pow: (a, b) => Math.pow(a, b),
  maximum: (a, b) => (a > b || Number.isNaN(a) ? a : b),
  minimum: (a, b) => (a < b || Number.isNaN(a) ? a : b),
  atan2: (a, b) => Math.atan2(a, b),
  squaredDifference: (a, b) => (a - b) * (a - b),
  equal: (a, b) => +(a === b),
  notEqual: (a, b) => +(a !== b),
  less: (a, b) => +(a < b),
  lessEqual: (a, b) => +(a <= b),
  greater: (a, b) => +(a > b),
  greaterEqual: (a, b) => +(a >= b),
  logicalAnd: (a, b) => +(a !== 0 && b !== 0),
  logicalOr: (a, b) => +(a !== 0 || b !== 0),
  logicalXor: (a, b) => +((a !== 0) !== (b !== 0)),
};

/** Same-shape loops for the hottest ops, so V8 compiles them without a call per element. */
function sameShapeFast(op: BinaryOp, a: TypedArray, b: TypedArray, out: TypedArray): boolean {
  const n = out.length;
  switch (op) {
    case "add":
      for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!;
      return true;
    case "sub":
      for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!;
      return true;
    case "mul":
      for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
      return true;
    case "div":
      for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!;
      return true;
    default:
      return false;
  }
}

/** The arithmetic ops: with a bool output, the kernel stores whether the result is nonzero. */
export const ARITHMETIC: ReadonlySet<BinaryOp> = new Set<BinaryOp>([
  "add",
  "sub",
  "mul",
  "div",
  "floorDiv",
  "mod",
  "pow",
  "squaredDifference",
]);

/**
 * Integer and bool variants of the arithmetic ops: integer division by zero gives 0 (instead of
 * Infinity→garbage); int32 products wrap exactly (Math.imul, as NumPy); arithmetic on bools stays
 * 0/1 (`True + True` is `True`, as in NumPy).
 */
function intVariant(op: BinaryOp, outDtype: DType): Fn | undefined {
  if (outDtype === "bool" && ARITHMETIC.has(op)) {
    const f = FNS[op];
    return (a, b) => +(f(a, b) !== 0);
  }
  if (outDtype !== "int32" && outDtype !== "uint8") return undefined;
  if (op === "div" || op === "floorDiv") return (a, b) => (b === 0 ? 0 : Math.floor(a / b));
  if (op === "mod") return (a, b) => (b === 0 ? 0 : floorMod(a, b));
  if (op === "mul" && outDtype === "int32") return Math.imul;
  return undefined;
}

export function binary(
  op: BinaryOp,
  a: TensorData,
  b: TensorData,
  outShape: Shape,
  outDtype: DType,
): TypedArray {
  const size = sizeOf(outShape);
  const out = allocArray(outDtype, size);
  const av = a.values;
  const bv = b.values;
  const intFn = intVariant(op, outDtype);
  const f = intFn ?? FNS[op];
  if (shapesEqual(a.shape, outShape) && shapesEqual(b.shape, outShape)) {
    if (!intFn && sameShapeFast(op, av, bv, out)) return out;
    for (let i = 0; i < size; i++) out[i] = f(av[i]!, bv[i]!);
    return out;
  }
  if (b.values.length === 1 && shapesEqual(a.shape, outShape)) {
    const s = bv[0]!;
    for (let i = 0; i < size; i++) out[i] = f(av[i]!, s);
    return out;
  }
  if (a.values.length === 1 && shapesEqual(b.shape, outShape)) {
    const s = av[0]!;
    for (let i = 0; i < size; i++) out[i] = f(s, bv[i]!);
    return out;
  }
  // Row broadcast ([M, N] with [N]): the common bias-add pattern.
  const n = outShape[outShape.length - 1] ?? 1;
  if (shapesEqual(a.shape, outShape) && b.values.length === n && b.shape[b.shape.length - 1] === n) {
    for (let i = 0; i < size; i += n) for (let j = 0; j < n; j++) out[i + j] = f(av[i + j]!, bv[j]!);
    return out;
  }
  const ao = offsetsFor(outShape, broadcastStrides(a.shape, outShape), size);
  const bo = offsetsFor(outShape, broadcastStrides(b.shape, outShape), size);
  for (let i = 0; i < size; i++) out[i] = f(av[ao[i]!]!, bv[bo[i]!]!);
  return out;
}
