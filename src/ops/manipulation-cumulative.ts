/**
 * Cumulative sums and products (`cumsum`, `cumprod`), and the "product of the other elements"
 * helper that gives `prod` an exact gradient in the presence of zeros.
 */
import type { DType } from "../core/dtype.js";
import { normalizeAxis, sizeOf } from "../core/shape.js";
import type { Tensor } from "../core/tensor.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { cast } from "./cast.js";
import { zerosLike } from "./creation.js";
import { runOp1, type OpDef } from "./op.js";
import { reshape } from "./shape.js";
import { divide, equal, logicalAnd, multiply } from "./binary.js";
import { where } from "./where.js";
import { transpose } from "./manipulation.js";
import { slice } from "./manipulation-join.js";
import { pad } from "./manipulation-pad.js";
import { inversePerm, withDim } from "./manipulation-util.js";

interface CumulativeAttrs {
  op: "sum" | "prod";
  axis: number;
  /** Leave out the current element (start from the identity). */
  exclusive: boolean;
  /** Accumulate from the end of the axis. */
  reverse: boolean;
}

const cumulativeDef: OpDef<CumulativeAttrs> = {
  name: "cumulative",
  infer: ([x]) => [{ shape: x!.shape, dtype: x!.dtype }],
  forward: ([x], { op, axis, exclusive, reverse }, _out, backend) => [
    backend.cumulative(op, x!, axis, exclusive, reverse),
  ],
  vjp: ([dy], [x], [y], attrs) => {
    const { op, axis, exclusive, reverse } = attrs;
    // A sum's adjoint is the sum in the other direction (same exclusivity).
    if (op === "sum") return [cumulative(dy!, { op, axis, exclusive, reverse: !reverse })];
    if (!exclusive) return [inclusiveProdGrad(dy!, x!, y!, axis, reverse)];
    // Exclusive product = inclusive product of x shifted by one (with a leading 1): chain through the shift.
    const n = x!.shape[axis]!;
    if (n === 0) return [zerosLike(x!)];
    const [keepStart, padBefore] = reverse ? [1, 0] : [0, 1];
    const shifted = padAxis(sliceAxis(x!, axis, keepStart, n - 1), axis, padBefore, 1 - padBefore, 1);
    const g = inclusiveProdGrad(dy!, shifted, y!, axis, reverse);
    return [padAxis(sliceAxis(g, axis, 1 - keepStart, n - 1), axis, 1 - padBefore, padBefore, 0)];
  },
};

/** Runs the internal cumulative op (with exclusive/reverse variants, which Keras does not expose). */
function cumulative(x: Tensor, attrs: CumulativeAttrs): Tensor {
  return runOp1(cumulativeDef, [x], attrs) as Tensor;
}

function sliceAxis(x: Tensor, axis: number, start: number, size: number): Tensor {
  return slice(
    x,
    withDim(
      x.shape.map(() => 0),
      axis,
      start,
    ),
    withDim(x.shape as number[], axis, size),
  );
}

function padAxis(x: Tensor, axis: number, before: number, after: number, value: number): Tensor {
  return pad(
    x,
    x.shape.map((_d, i) => (i === axis ? [before, after] : [0, 0]) as [number, number]),
    "constant",
    value,
  );
}

/**
 * Gradient of an inclusive cumulative product y = cumprod(x), exact with zeros. Along the scan
 * direction, let z be the first zero of x. Before z: g_j = Σ_{i≥j} dy_i·y_i / x_j. At z: the same sum
 * with x_z replaced by 1 in y (no division). After z every product that involves x_j also holds x_z = 0.
 */
function inclusiveProdGrad(dy: Tensor, x: Tensor, y: Tensor, axis: number, reverse: boolean): Tensor {
  const scan = (v: Tensor, op: "sum" | "prod", back: boolean) =>
    cumulative(v, { op, axis, exclusive: false, reverse: back });
  const isZero = equal(x, 0);
  const zerosSoFar = scan(cast(isZero, x.dtype), "sum", reverse);
  const before = equal(zerosSoFar, 0);
  const first = logicalAnd(isZero, equal(zerosSoFar, 1));
  const gBefore = divide(scan(multiply(dy, y), "sum", !reverse), where(before, x, 1));
  const yFirst = scan(where(first, 1, x), "prod", reverse);
  const gFirst = scan(multiply(dy, yFirst), "sum", !reverse);
  return where(before, gBefore, where(first, gFirst, 0));
}

/**
 * For each element, the product of the other elements of its group over `axes` (same shape as x):
 * exclusive products from the left times exclusive products from the right. No division, so exact
 * with any number of zeros. This is d prod(x, axes) / dx.
 */
export function productOfOthers(x: Tensor, axes: readonly number[]): Tensor {
  if (x.size === 0) return zerosLike(x);
  const contiguous = axes.every((a, i) => i === 0 || a === axes[i - 1]! + 1);
  let view: Tensor;
  let perm: number[] | undefined;
  if (contiguous && axes.length > 0) {
    const first = axes[0]!;
    const last = axes[axes.length - 1]!;
    view = reshape(x, [
      sizeOf(x.shape.slice(0, first)),
      sizeOf(x.shape.slice(first, last + 1)),
      sizeOf(x.shape.slice(last + 1)),
    ]);
  } else {
    perm = [...x.shape.keys()].filter((i) => !axes.includes(i)).concat(axes);
    const moved = transpose(x, perm);
    view = reshape(moved, [
      sizeOf(moved.shape.slice(0, x.rank - axes.length)),
      sizeOf(axes.map((a) => x.shape[a]!)),
      1,
    ]);
  }
  const left = cumulative(view, { op: "prod", axis: 1, exclusive: true, reverse: false });
  const right = cumulative(view, { op: "prod", axis: 1, exclusive: true, reverse: true });
  const others = multiply(left, right);
  if (!perm) return reshape(others, x.shape);
  return transpose(
    reshape(
      others,
      perm.map((p) => x.shape[p]!),
    ),
    inversePerm(perm),
  );
}

const scanDType = (d: DType): DType => (d === "bool" || d === "uint8" ? "int32" : d);

function publicScan<T extends OpInput>(
  op: "sum" | "prod",
  x: T,
  axis: number | null | undefined,
  dtype: DType | undefined,
  name: string,
): OpResult<T> {
  let t = toOpTensor(x);
  if (axis === undefined || axis === null) {
    t = reshape(t, [-1]);
    axis = 0;
  }
  const a = normalizeAxis(axis, t.rank, name);
  const want = dtype ?? scanDType(t.dtype);
  if (want !== t.dtype) t = cast(t, want);
  return runOp1(cumulativeDef, [t], { op, axis: a, exclusive: false, reverse: false }) as OpResult<T>;
}

/**
 * Cumulative sum along `axis`; without an axis, over the flattened tensor. Bool/uint8 sum as int32.
 * @example
 * ```ts
 * keras.ops.cumsum([1, 2, 3]).arraySync();             // [1, 3, 6]
 * keras.ops.cumsum([[1, 2], [3, 4]], 0).arraySync();   // [[1, 2], [4, 6]]
 * ```
 */
export function cumsum<T extends OpInput>(x: T, axis?: number | null, dtype?: DType): OpResult<T> {
  return publicScan("sum", x, axis, dtype, "cumsum");
}

/**
 * Cumulative product along `axis`; without an axis, over the flattened tensor. The gradient is
 * exact when `x` holds zeros.
 * @example
 * ```ts
 * keras.ops.cumprod([1, 2, 3]).arraySync();            // [1, 2, 6]
 * keras.ops.cumprod([[1, 2], [3, 4]], 1).arraySync();  // [[1, 2], [3, 12]]
 * ```
 */
export function cumprod<T extends OpInput>(x: T, axis?: number | null, dtype?: DType): OpResult<T> {
  return publicScan("prod", x, axis, dtype, "cumprod");
}
