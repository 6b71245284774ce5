/**
 * Tensor creation: zeros, ones, full and their `*Like` forms; arange, linspace, eye, tri, tril/triu.
 */
import { allocArray, checkDType, FLOATX, type DType } from "../core/dtype.js";
import { ShapeError, ValueError } from "../core/errors.js";
import { checkShape, formatShape, sizeOf, type Shape } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { runOp1, type OpDef } from "./op.js";

/** A filled tensor of `shape` (a backend-independent constant, so no kernel is needed). */
function filled(shape: Shape, value: number, dtype: DType): Tensor {
  const values = allocArray(dtype, sizeOf(shape));
  if (value !== 0) values.fill(value);
  return new Tensor(values, shape, dtype);
}

/**
 * A tensor of `shape` filled with `value`.
 * @example `keras.ops.full([2], 7).arraySync() // [7, 7]`
 */
export function full(shape: readonly number[], value: number | boolean, dtype?: DType): Tensor {
  const dt = dtype ? checkDType(dtype) : typeof value === "boolean" ? "bool" : FLOATX;
  return filled(checkShape(shape, "full"), Number(value), dt);
}
/** Alias of `full` (TF.js's name). */
export const fill = full;

/** Zeros of `shape`. @example `keras.ops.zeros([2, 3]).shape // [2, 3]` */
export function zeros(shape: readonly number[], dtype: DType = FLOATX): Tensor {
  return full(shape, 0, dtype);
}

/** Ones of `shape`. @example `keras.ops.ones([2]).arraySync() // [1, 1]` */
export function ones(shape: readonly number[], dtype: DType = FLOATX): Tensor {
  return full(shape, 1, dtype);
}

const fullLikeDef: OpDef<{ value: number; dtype: DType | undefined }> = {
  name: "fullLike",
  infer: ([x], { dtype }) => [{ shape: x!.shape, dtype: dtype ?? x!.dtype }],
  forward: (_inputs, { value }, [out]) => [filled(out!.shape, value, out!.dtype).values],
};

/** Same shape as `x`, filled with `value`. Works on symbolic tensors. */
export function fullLike<T extends OpInput>(x: T, value: number | boolean, dtype?: DType): OpResult<T> {
  return runOp1(fullLikeDef, [toOpTensor(x)], {
    value: Number(value),
    dtype: dtype && checkDType(dtype),
  }) as OpResult<T>;
}
/** Zeros shaped like `x`. @example `keras.ops.zerosLike([1, 2]) // [0, 0]` */
export function zerosLike<T extends OpInput>(x: T, dtype?: DType): OpResult<T> {
  return fullLike(x, 0, dtype);
}
/** Ones shaped like `x`. @example `keras.ops.onesLike([1, 2]) // [1, 1]` */
export function onesLike<T extends OpInput>(x: T, dtype?: DType): OpResult<T> {
  return fullLike(x, 1, dtype);
}

// ---- ranges, identity matrices and triangles ----

/** Checks a count argument (a size) of a creation op. */
function checkCount(value: number, name: string, op: string): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new ValueError(`${op}: ${name} must be a non-negative integer, received ${value}.`, {
      op,
      [name]: value,
    });
  }
  return value;
}

/**
 * Evenly spaced values in `[start, stop)` with spacing `step`; with one argument, `[0, start)`.
 * Without `dtype`, integer arguments give int32 and any fractional one float32 (JS cannot tell `1`
 * from `1.0`, so pass `"float32"` for a float range of integers).
 *
 * @example
 * ```ts
 * keras.ops.arange(4).arraySync();                // [0, 1, 2, 3] (int32)
 * keras.ops.arange(1, 2, 0.25).arraySync();       // [1, 1.25, 1.5, 1.75] (float32)
 * keras.ops.arange(5, 0, -2).arraySync();         // [5, 3, 1]
 * keras.ops.arange(3, undefined, 1, "float32");   // [0, 1, 2] as float32
 * ```
 * @throws ValueError when `step` is 0 or an argument is not finite.
 */
export function arange(start: number, stop?: number | null, step = 1, dtype?: DType): Tensor {
  if (stop === undefined || stop === null) [start, stop] = [0, start];
  for (const [name, v] of [
    ["start", start],
    ["stop", stop],
    ["step", step],
  ] as const) {
    if (!Number.isFinite(v))
      throw new ValueError(`arange: ${name} must be a finite number, received ${v}.`, { op: "arange" });
  }
  if (step === 0)
    throw new ValueError(`arange: step must not be 0, received step=0 (start=${start}, stop=${stop}).`, {
      op: "arange",
    });
  const dt = dtype ? checkDType(dtype) : [start, stop, step].every(Number.isInteger) ? "int32" : FLOATX;
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const values = allocArray(dt, n);
  for (let i = 0; i < n; i++) values[i] = start + i * step;
  return new Tensor(values, [n], dt);
}
/** Alias of `arange` (TF.js's name). @example `keras.ops.range(3).arraySync() // [0, 1, 2]` */
export const range = arange;

/**
 * A 2-D tensor with ones on the `k`-th diagonal (0: main, positive: above) and zeros elsewhere.
 *
 * @example
 * ```ts
 * keras.ops.eye(2).arraySync();          // [[1, 0], [0, 1]]
 * keras.ops.eye(2, 3, 1).arraySync();    // [[0, 1, 0], [0, 0, 1]]
 * ```
 * @throws ValueError on a negative or fractional size.
 */
export function eye(N: number, M?: number | null, k = 0, dtype: DType = FLOATX): Tensor {
  const rows = checkCount(N, "N", "eye");
  const cols = M === undefined || M === null ? rows : checkCount(M, "M", "eye");
  if (!Number.isInteger(k))
    throw new ValueError(`eye: k must be an integer, received ${k}.`, { op: "eye", k });
  const out = filled([rows, cols], 0, checkDType(dtype));
  for (let i = Math.max(0, -k); i < rows && i + k < cols; i++) out.values[i * cols + i + k] = 1;
  return out;
}

/** The `n`×`n` identity matrix. @example `keras.ops.identity(2).arraySync() // [[1, 0], [0, 1]]` */
export function identity(n: number, dtype: DType = FLOATX): Tensor {
  return eye(checkCount(n, "n", "identity"), n, 0, dtype);
}

/**
 * `num` evenly spaced values from `start` to `stop` (included when `endpoint`, the default).
 * Integer dtypes floor the values, as NumPy and JAX do.
 *
 * @example
 * ```ts
 * keras.ops.linspace(0, 1, 5).arraySync();         // [0, 0.25, 0.5, 0.75, 1]
 * keras.ops.linspace(0, 1, 4, false).arraySync();  // [0, 0.25, 0.5, 0.75]
 * ```
 * @throws ValueError when `num` is negative or not an integer.
 */
export function linspace(
  start: number,
  stop: number,
  num = 50,
  endpoint = true,
  dtype: DType = FLOATX,
): Tensor {
  checkCount(num, "num", "linspace");
  const dt = checkDType(dtype);
  const div = endpoint ? num - 1 : num;
  const step = div > 0 ? (stop - start) / div : 0;
  const values = allocArray(dt, num);
  const floor = dt === "int32" || dt === "uint8";
  for (let i = 0; i < num; i++) {
    const v = endpoint && i === num - 1 && num > 1 ? stop : start + i * step;
    values[i] = floor ? Math.floor(v) : v;
  }
  return new Tensor(values, [num], dt);
}

/**
 * An `N`×`M` matrix with ones at and below the `k`-th diagonal (`j <= i + k`), zeros above.
 *
 * @example
 * ```ts
 * keras.ops.tri(3).arraySync();        // [[1, 0, 0], [1, 1, 0], [1, 1, 1]]
 * keras.ops.tri(2, 3, 1).arraySync();  // [[1, 1, 0], [1, 1, 1]]
 * ```
 * @throws ValueError on a negative or fractional size.
 */
export function tri(N: number, M?: number | null, k = 0, dtype: DType = FLOATX): Tensor {
  const rows = checkCount(N, "N", "tri");
  const cols = M === undefined || M === null ? rows : checkCount(M, "M", "tri");
  if (!Number.isInteger(k))
    throw new ValueError(`tri: k must be an integer, received ${k}.`, { op: "tri", k });
  const out = filled([rows, cols], 0, checkDType(dtype));
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols && j <= i + k; j++) out.values[i * cols + j] = 1;
  return out;
}

interface TriangleAttrs {
  k: number;
  lower: boolean;
}

/** Keeps the lower (`j <= i + k`) or upper (`j >= i + k`) triangle of the last two axes. */
const triangleDef: OpDef<TriangleAttrs> = {
  name: "triangle",
  infer: ([x], { lower }) => {
    if (x!.shape.length < 2) {
      const op = lower ? "tril" : "triu";
      throw new ShapeError(
        `${op} expects a tensor with at least 2 dimensions, received shape ${formatShape(x!.shape)}.`,
        {
          op,
          shapes: [x!.shape],
        },
      );
    }
    return [{ shape: x!.shape, dtype: x!.dtype }];
  },
  forward: ([x], { k, lower }, [out], backend) => {
    const [rows, cols] = x!.shape.slice(-2) as [number, number];
    const mask = new Uint8Array(rows * cols);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) mask[i * cols + j] = +(lower ? j <= i + k : j >= i + k);
    const zero = { values: allocArray(x!.dtype, 1), shape: [], dtype: x!.dtype };
    return [
      backend.where({ values: mask, shape: [rows, cols], dtype: "bool" }, x!, zero, out!.shape, out!.dtype),
    ];
  },
  vjp: ([dy], _x, _y, attrs) => [runOp1(triangleDef, [dy!], attrs)],
};

function triangle<T extends OpInput>(x: T, k: number, lower: boolean): OpResult<T> {
  if (!Number.isInteger(k))
    throw new ValueError(`${lower ? "tril" : "triu"}: k must be an integer, received ${k}.`);
  return runOp1(triangleDef, [toOpTensor(x)], { k, lower }) as OpResult<T>;
}

/**
 * Lower triangle of the last two axes of `x` (entries with `j <= i + k`); the rest become zero.
 * @example `keras.ops.tril([[1, 2], [3, 4]]).arraySync() // [[1, 0], [3, 4]]`
 * @throws ShapeError when `x` has fewer than 2 dimensions.
 */
export function tril<T extends OpInput>(x: T, k = 0): OpResult<T> {
  return triangle(x, k, true);
}

/**
 * Upper triangle of the last two axes of `x` (entries with `j >= i + k`); the rest become zero.
 * @example `keras.ops.triu([[1, 2], [3, 4]]).arraySync() // [[1, 2], [0, 4]]`
 * @throws ShapeError when `x` has fewer than 2 dimensions.
 */
export function triu<T extends OpInput>(x: T, k = 0): OpResult<T> {
  return triangle(x, k, false);
}
