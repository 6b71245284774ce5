/**
 * Writing at integer indices: `scatter` (sum into zeros), `scatterUpdate` (overwrite), and `oneHot`.
 */
import { checkDType, FLOATX, type DType } from "../core/dtype.js";
import { ShapeError, ValueError } from "../core/errors.js";
import {
  checkShape,
  formatShape,
  normalizeAxis,
  sizeOf,
  type Shape,
  type SymbolicShape,
} from "../core/shape.js";
import type { AnyTensor } from "../core/symbolic.js";
import { Tensor, type TensorData } from "../core/tensor.js";
import { multiply } from "./binary.js";
import { cast } from "./cast.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { gatherAxis, indexError, toIndexTensor, view, type IndexKind } from "./indexing-core.js";
import { runOp1, type OpDef } from "./op.js";
import { reshape } from "./shape.js";
import { where } from "./where.js";

/**
 * Checks `indices` [..., d] against a target of `shape`, and `values` against
 * indices.shape[:-1] + shape[d:]. Unknown (`null`) dimensions pass.
 */
function checkScatterShapes(
  op: string,
  indices: SymbolicShape,
  values: SymbolicShape,
  shape: SymbolicShape,
  valuesName: string,
): void {
  if (indices.length === 0) {
    throw new ShapeError(`${op}: indices must have at least one dimension ([..., d]), received a scalar.`, {
      op,
      shapes: [indices],
    });
  }
  const d = indices[indices.length - 1]!;
  if (d === null) return;
  if (d > shape.length) {
    throw new ShapeError(
      `${op}: the last dimension of indices (${d}) indexes the first ${d} dimensions of the target, but the ` +
        `target shape ${formatShape(shape)} has only ${shape.length}. Received indices of shape ${formatShape(indices)}.`,
      { op, shapes: [indices, shape] },
    );
  }
  const expected = [...indices.slice(0, -1), ...shape.slice(d)];
  const ok =
    expected.length === values.length &&
    expected.every((e, i) => e === null || values[i] === null || e === values[i]);
  if (!ok) {
    throw new ShapeError(
      `${op}: ${valuesName} must have shape indices.shape[:-1] + shape[${d}:] = ${formatShape(expected)}, received ` +
        `${formatShape(values)} (indices ${formatShape(indices)}, target ${formatShape(shape)}).`,
      { op, shapes: [indices, values, shape] },
    );
  }
}

/** Flat row of each index tuple into the first d dims of `shape` (negatives wrap; out of range throws). */
function rowsOf(
  indices: TensorData,
  shape: Shape,
  op: string,
): { rows: Int32Array; rowCount: number; rowSize: number } {
  const d = indices.shape[indices.shape.length - 1]!;
  const n = sizeOf(indices.shape.slice(0, -1));
  const rows = new Int32Array(n);
  const iv = indices.values;
  for (let t = 0; t < n; t++) {
    let row = 0;
    for (let j = 0; j < d; j++) {
      const size = shape[j]!;
      let v = iv[t * d + j]!;
      if (v < -size || v >= size) throw indexError(op, v, j, size, shape);
      if (v < 0) v += size;
      row = row * size + v;
    }
    rows[t] = row;
  }
  return { rows, rowCount: sizeOf(shape.slice(0, d)), rowSize: sizeOf(shape.slice(d)) };
}

const scatterDef: OpDef<Shape> = {
  name: "scatter",
  infer: ([idx, values], shape) => {
    checkScatterShapes("scatter", idx!.shape, values!.shape, shape, "values");
    return [{ shape: [...shape], dtype: values!.dtype }];
  },
  forward: ([idx, values], shape, _out, backend) => {
    const { rows, rowCount, rowSize } = rowsOf(idx!, shape, "scatter");
    const updates = view(values!.values, [rows.length, rowSize], values!.dtype);
    return [backend.scatterAdd(updates, view(rows, [rows.length], "int32"), 0, [rowCount, rowSize])];
  },
  vjp: ([dy], [idx, values], _y, shape) => {
    const { rows, rowCount, rowSize } = rowsOf(idx!, shape, "scatter");
    const picked = gatherAxis(
      reshape(dy!, [rowCount, rowSize]),
      new Tensor(rows, [rows.length], "int32"),
      0,
      "scatter",
    );
    return [null, reshape(picked, values!.shape as Shape)];
  },
};

/**
 * A tensor of `shape` that is zero except where `values` are scattered: `indices` has shape
 * [..., d] and each row indexes the first d dimensions of `shape`; `values` has shape
 * `indices.shape[:-1] + shape[d:]`. Values at repeated indices are summed (Keras `ops.scatter`).
 *
 * @example
 * ```ts
 * keras.ops.scatter([[1], [3], [1]], [10, 20, 5], [4]).arraySync();   // [0, 15, 0, 20]
 * keras.ops.scatter([[0, 1]], [7], [2, 2]).arraySync();               // [[0, 7], [0, 0]]
 * keras.ops.scatter([[1]], [[1, 2]], [2, 2]).arraySync();             // [[0, 0], [1, 2]]
 * ```
 * @throws ShapeError when the shapes disagree; ValueError on an index out of range.
 */
export function scatter<I extends OpInput, V extends OpInput>(
  indices: I,
  values: V,
  shape: readonly number[],
): OpResult<IndexKind<I> | V> {
  const target = checkShape(shape, "scatter");
  const idx = toIndexTensor(indices, "scatter");
  return runOp1(scatterDef, [idx, toOpTensor(values)], target) as OpResult<IndexKind<I> | V>;
}

/** Which rows an update writes and which updates survive (the last write to a row wins). */
function updatePlan(indices: TensorData, shape: Shape) {
  const { rows, rowCount, rowSize } = rowsOf(indices, shape, "scatterUpdate");
  const written = new Uint8Array(rowCount);
  const wins = new Uint8Array(rows.length);
  for (let t = rows.length - 1; t >= 0; t--) {
    if (written[rows[t]!]) continue;
    written[rows[t]!] = 1;
    wins[t] = 1;
  }
  return { rows, rowCount, rowSize, written, wins };
}

const scatterUpdateDef: OpDef<void> = {
  name: "scatterUpdate",
  infer: ([x, idx, updates]) => {
    checkScatterShapes("scatterUpdate", idx!.shape, updates!.shape, x!.shape, "updates");
    return [{ shape: x!.shape, dtype: x!.dtype }];
  },
  forward: ([x, idx, updates], _a, _out, backend) => {
    const { rows, rowCount, rowSize, written, wins } = updatePlan(idx!, x!.shape);
    const winners = Int32Array.from(rows.keys()).filter((t) => wins[t]);
    const rowShape = [rows.length, rowSize];
    const kept = backend.gather(
      view(updates!.values, rowShape, x!.dtype),
      view(winners, [winners.length], "int32"),
      0,
      [winners.length, rowSize],
    );
    const winnerRows = winners.map((t) => rows[t]!);
    const outShape = [rowCount, rowSize];
    const scattered = backend.scatterAdd(
      view(kept, [winners.length, rowSize], x!.dtype),
      view(winnerRows, [winners.length], "int32"),
      0,
      outShape,
    );
    const mask = view(written, [rowCount, 1], "bool");
    return [
      backend.where(
        mask,
        view(scattered, outShape, x!.dtype),
        view(x!.values, outShape, x!.dtype),
        outShape,
        x!.dtype,
      ),
    ];
  },
  vjp: ([dy], [x, idx, updates]) => {
    const { rows, rowCount, rowSize, written, wins } = updatePlan(idx!, x!.shape);
    const dy2 = reshape(dy!, [rowCount, rowSize]);
    const dx = where(new Tensor(written, [rowCount, 1], "bool"), 0, dy2);
    const picked = gatherAxis(dy2, new Tensor(rows, [rows.length], "int32"), 0, "scatterUpdate");
    const dUpdates = multiply(picked, cast(new Tensor(wins, [rows.length, 1], "bool"), dy!.dtype));
    return [reshape(dx, x!.shape as Shape), null, reshape(dUpdates, updates!.shape as Shape)];
  },
};

/**
 * Returns `inputs` with the slices at `indices` replaced by `updates` (Keras `ops.scatter_update`).
 * `indices` has shape [N, d] (each row indexes the first d dims of `inputs`); `updates` has shape
 * [N, ...inputs.shape[d:]] and is cast to the dtype of `inputs`. For repeated indices the last wins.
 *
 * @example
 * ```ts
 * const x = keras.ops.zeros([2, 3]);
 * keras.ops.scatterUpdate(x, [[0, 1], [1, 2]], [5, 6]).arraySync(); // [[0, 5, 0], [0, 0, 6]]
 * keras.ops.scatterUpdate(x, [[1]], [[1, 2, 3]]).arraySync();       // [[0, 0, 0], [1, 2, 3]]
 * ```
 * @throws ShapeError when the shapes disagree; ValueError on an index out of range.
 */
export function scatterUpdate<X extends OpInput, I extends OpInput, U extends OpInput>(
  inputs: X,
  indices: I,
  updates: U,
): OpResult<X | IndexKind<I> | U> {
  const x = toOpTensor(inputs);
  const idx = toIndexTensor(indices, "scatterUpdate");
  let u: AnyTensor = toOpTensor(
    updates,
    Array.isArray(updates) || typeof updates === "number" ? x.dtype : undefined,
  );
  if (u.dtype !== x.dtype) u = cast(u, x.dtype);
  return runOp1(scatterUpdateDef, [x, idx, u], undefined) as OpResult<X | IndexKind<I> | U>;
}

interface OneHotAttrs {
  numClasses: number;
  axis: number;
  dtype: DType;
}

const oneHotDef: OpDef<OneHotAttrs> = {
  name: "oneHot",
  infer: ([x], { numClasses, axis, dtype }) => {
    const shape = [...x!.shape];
    shape.splice(axis, 0, numClasses);
    return [{ shape, dtype }];
  },
  forward: ([x], { numClasses, axis, dtype }, [out], backend) => {
    const labels = [...x!.shape];
    labels.splice(axis, 0, 1);
    const classes = Int32Array.from({ length: numClasses }, (_v, i) => i);
    const classShape = [numClasses, ...new Array<number>(x!.shape.length - axis).fill(1)];
    return [
      backend.binary(
        "equal",
        view(x!.values, labels, x!.dtype),
        view(classes, classShape, "int32"),
        out!.shape,
        dtype,
      ),
    ];
  },
};

/**
 * One-hot encodes integer labels: a new axis of size `numClasses` (at `axis`, default last) holds 1
 * at the label's position and 0 elsewhere. Labels outside `[0, numClasses)` give an all-zero row,
 * as in Keras/JAX. Not differentiable.
 *
 * @example
 * ```ts
 * keras.ops.oneHot([0, 2, 5], 3).arraySync(); // [[1, 0, 0], [0, 0, 1], [0, 0, 0]]
 * keras.ops.oneHot([1, 0], 2, 0).arraySync(); // [[0, 1], [1, 0]]
 * const labels = keras.Input({ shape: [], dtype: "int32" });
 * keras.ops.oneHot(labels, 10).shape;        // [null, 10]
 * ```
 * @throws ValueError when numClasses is not a non-negative integer; AxisError on a bad axis.
 */
export function oneHot<T extends OpInput>(
  x: T,
  numClasses: number,
  axis = -1,
  dtype: DType = FLOATX,
): OpResult<T> {
  if (!Number.isInteger(numClasses) || numClasses < 0) {
    throw new ValueError(`oneHot: numClasses must be a non-negative integer, received ${numClasses}.`, {
      op: "oneHot",
      numClasses,
    });
  }
  const t = toOpTensor(x, Array.isArray(x) || typeof x === "number" ? "int32" : undefined);
  const ax = normalizeAxis(axis, t.rank + 1, "oneHot");
  return runOp1(oneHotDef, [t], { numClasses, axis: ax, dtype: checkDType(dtype) }) as OpResult<T>;
}
