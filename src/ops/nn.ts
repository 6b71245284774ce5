/**
 * Neural-network ops: `softmax` and `logSoftmax`, each one op with its own VJP, computed stably
 * (the maximum along the axes is subtracted before exponentiating).
 */
import { FLOATX, isFloat, type DType, type TypedArray } from "../core/dtype.js";
import { normalizeAxes } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { isRecording } from "../autodiff/tape.js";
import { backend as activeBackend } from "../backends/registry.js";
import type { Backend } from "../backends/backend.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { cast } from "./cast.js";
import { runOp1, type OpDef } from "./op.js";
import { multiply, subtract } from "./binary.js";
import { exp } from "./unary.js";
import { keepDimsShape, sum } from "./reduction.js";
import { broadcastTo } from "./shape.js";

/**
 * Computes `x - max(x, axes)`, `exp` of it, and its sum over `axes`, with backend kernels. The
 * reduced values are broadcast back explicitly so that every elementwise kernel runs on equal shapes.
 */
function shiftedExp(
  backend: Backend,
  x: Tensor,
  axes: readonly number[],
): { shifted: TypedArray; e: TypedArray; total: TypedArray } {
  const dtype: DType = x.dtype;
  const keep = keepDimsShape(x.shape, axes);
  const m = backend.reduce("max", x, axes, dtype);
  const mb = backend.broadcastTo({ values: m, shape: keep, dtype }, x.shape);
  const shifted = backend.binary("sub", x, { values: mb, shape: x.shape, dtype }, x.shape, dtype);
  const e = backend.unary("exp", { values: shifted, shape: x.shape, dtype }, dtype);
  const total = backend.reduce("sum", { values: e, shape: x.shape, dtype }, axes, dtype);
  return { shifted, e, total };
}

/** `a op broadcast(reduced)` on equal shapes: `reduced` holds one value per group of `axes`. */
function withReduced(
  backend: Backend,
  op: "sub" | "div",
  a: TypedArray,
  reduced: TypedArray,
  x: Tensor,
  axes: readonly number[],
): TypedArray {
  const dtype = x.dtype;
  const b = backend.broadcastTo({ values: reduced, shape: keepDimsShape(x.shape, axes), dtype }, x.shape);
  return backend.binary(
    op,
    { values: a, shape: x.shape, dtype },
    { values: b, shape: x.shape, dtype },
    x.shape,
    dtype,
  );
}

/** `dy` summed over `axes` and broadcast back to `like`'s shape (so the elementwise ops run unbroadcast). */
function sumBack(v: Tensor, axes: readonly number[], like: Tensor): Tensor {
  return broadcastTo(sum(v, axes, true), like.shape);
}

/** Whether `axes` is just the last axis of `x` (the case the backends' row kernels handle). */
const lastAxisOnly = (x: Tensor, axes: readonly number[]) => axes.length === 1 && axes[0] === x.rank - 1;

const softmaxDef: OpDef<readonly number[]> = {
  name: "softmax",
  infer: ([x]) => [{ shape: x!.shape, dtype: x!.dtype }],
  forward: ([x], axes, _out, backend) => {
    if (lastAxisOnly(x!, axes)) return [backend.softmax(x!, false)];
    const { e, total } = shiftedExp(backend, x!, axes);
    return [withReduced(backend, "div", e, total, x!, axes)];
  },
  // dx = y · (dy − Σ dy·y)
  vjp: ([dy], [x], [y], axes) =>
    lastAxisOnly(x!, axes) && !isRecording()
      ? [new Tensor(activeBackend().softmaxGrad(y!, dy!, false), y!.shape, y!.dtype)]
      : [multiply(y!, subtract(dy!, sumBack(multiply(dy!, y!), axes, y!)))],
};

const logSoftmaxDef: OpDef<readonly number[]> = {
  name: "logSoftmax",
  infer: ([x]) => [{ shape: x!.shape, dtype: x!.dtype }],
  forward: ([x], axes, _out, backend) => {
    if (lastAxisOnly(x!, axes)) return [backend.softmax(x!, true)];
    const { shifted, total } = shiftedExp(backend, x!, axes);
    const dtype = x!.dtype;
    const logTotal = backend.unary("log", { values: total, shape: [total.length], dtype }, dtype);
    return [withReduced(backend, "sub", shifted, logTotal, x!, axes)];
  },
  // dx = dy − softmax(x) · Σ dy, with softmax(x) = exp(y)
  vjp: ([dy], [x], [y], axes) =>
    lastAxisOnly(x!, axes) && !isRecording()
      ? [new Tensor(activeBackend().softmaxGrad(y!, dy!, true), y!.shape, y!.dtype)]
      : [subtract(dy!, multiply(exp(y!), sumBack(dy!, axes, y!)))],
};

function run<T extends OpInput>(
  def: OpDef<readonly number[]>,
  x: T,
  axis: number | readonly number[],
  op: string,
): OpResult<T> {
  let t = toOpTensor(x);
  if (!isFloat(t.dtype)) t = cast(t, FLOATX);
  return runOp1(def, [t], normalizeAxes(axis, t.rank, op)) as OpResult<T>;
}

/**
 * Softmax along `axis` (default the last; a list normalizes over several axes jointly):
 * `exp(x - max) / sum(exp(x - max))`. Integer inputs give float32.
 * @example
 * ```ts
 * keras.ops.softmax([1, 2, 3]).arraySync();      // [0.0900, 0.2447, 0.6652]
 * keras.ops.softmax([[1, 1], [0, 1000]]).arraySync(); // [[0.5, 0.5], [0, 1]]
 * ```
 */
export function softmax<T extends OpInput>(x: T, axis: number | readonly number[] = -1): OpResult<T> {
  return run(softmaxDef, x, axis, "softmax");
}

/**
 * Log of the softmax along `axis` (default the last): `x - max - log(sum(exp(x - max)))`, finite
 * even where the softmax underflows to 0. Integer inputs give float32.
 * @example
 * ```ts
 * keras.ops.logSoftmax([0, 1000]).arraySync(); // [-1000, 0]
 * ```
 */
export function logSoftmax<T extends OpInput>(x: T, axis: number | readonly number[] = -1): OpResult<T> {
  return run(logSoftmaxDef, x, axis, "logSoftmax");
}
