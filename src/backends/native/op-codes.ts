/**
 * The op codes the addon's `unary`, `binary` and `reduce` take (indices into the lists below, in
 * the order of the enums in native/src/elementwise.h), and the op sets that decide an output's
 * array type: bool-valued unary and binary ops, and the arithmetic binary ops.
 */
import type { BinaryOp, ReduceOp, UnaryOp } from "../backend.js";

/** Op codes: the order of the enums in native/src/elementwise.h (that of the unions in backend.ts). */
export const NATIVE_UNARY: readonly UnaryOp[] = [
  "neg",
  "abs",
  "sign",
  "square",
  "sqrt",
  "rsqrt",
  "reciprocal",
  "exp",
  "expm1",
  "log",
  "log1p",
  "log2",
  "log10",
  "sin",
  "cos",
  "tan",
  "asin",
  "acos",
  "atan",
  "sinh",
  "cosh",
  "tanh",
  "asinh",
  "acosh",
  "atanh",
  "floor",
  "ceil",
  "round",
  "trunc",
  "erf",
  "erfinv",
  "relu",
  "relu6",
  "leakyRelu",
  "elu",
  "selu",
  "sigmoid",
  "hardSigmoid",
  "softplus",
  "softsign",
  "silu",
  "gelu",
  "geluTanh",
  "mish",
  "hardSilu",
  "logSigmoid",
  "logicalNot",
  "isnan",
  "isinf",
  "isfinite",
];
export const NATIVE_BINARY: readonly BinaryOp[] = [
  "add",
  "sub",
  "mul",
  "div",
  "floorDiv",
  "mod",
  "pow",
  "maximum",
  "minimum",
  "atan2",
  "squaredDifference",
  "equal",
  "notEqual",
  "less",
  "lessEqual",
  "greater",
  "greaterEqual",
  "logicalAnd",
  "logicalOr",
  "logicalXor",
];
export const NATIVE_REDUCE: readonly ReduceOp[] = ["sum", "max", "min", "prod", "any", "all"];
/** The unary ops with a bool output (the last four of NATIVE_UNARY). */
export const BOOL_UNARY: ReadonlySet<UnaryOp> = new Set(NATIVE_UNARY.slice(-4));
/** The binary ops with a bool output: comparisons and logical ops (NATIVE_BINARY from "equal"). */
export const BOOL_BINARY: ReadonlySet<BinaryOp> = new Set(
  NATIVE_BINARY.slice(NATIVE_BINARY.indexOf("equal")),
);
/** The arithmetic ops (with a bool output the result is stored as "nonzero"): the js kernel's set. */
export { ARITHMETIC } from "../js/binary.js";

/** Each op's code for the addon. */
export const UNARY_CODE = new Map(NATIVE_UNARY.map((op, i) => [op, i]));
export const BINARY_CODE = new Map(NATIVE_BINARY.map((op, i) => [op, i]));
export const REDUCE_CODE = new Map(NATIVE_REDUCE.map((op, i) => [op, i]));
