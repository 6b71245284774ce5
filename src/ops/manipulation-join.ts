/**
 * Joining and cutting tensors: concatenate, stack, split and slice.
 */
import { ShapeError, ValueError } from "../core/errors.js";
import { formatShape, normalizeAxis, type SymbolicShape } from "../core/shape.js";
import type { AnyTensor } from "../core/symbolic.js";
import type { Tensor, TensorData } from "../core/tensor.js";
import { promoteInputs, toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { runOp, runOp1, type OpDef } from "./op.js";
import { reshape } from "./shape.js";
import { pad } from "./manipulation-pad.js";
import { addDims, checkInts, mergeDim, offsetsOf, withDim } from "./manipulation-util.js";

/** Checks that `shapes` agree everywhere except (when given) on `skip`; returns the merged shape. */
function mergeShapes(shapes: readonly SymbolicShape[], skip: number | null, op: string): (number | null)[] {
  const merged = [...shapes[0]!];
  shapes.forEach((shape, i) => {
    if (shape.length !== merged.length) {
      throw new ShapeError(
        `${op}: all inputs must have the same rank; input 0 has shape ${formatShape(shapes[0]!)} but input ${i} has shape ${formatShape(shape)}.`,
        { op, shapes },
      );
    }
    shape.forEach((d, k) => {
      if (k === skip) return;
      const m = mergeDim(merged[k]!, d);
      if (m === undefined) {
        const where = skip === null ? "" : ` except on the concatenation axis (${skip})`;
        throw new ShapeError(
          `${op}: all input shapes must match${where}, but input 0 has shape ${formatShape(shapes[0]!)} and input ${i} has ` +
            `shape ${formatShape(shape)} (they differ at axis ${k}). Received shapes: ${shapes.map(formatShape).join(", ")}.`,
          { op, shapes, axis: k },
        );
      }
      merged[k] = m;
    });
  });
  return merged;
}

function joinInputs(xs: readonly OpInput[], op: string): AnyTensor[] {
  if (!Array.isArray(xs) || xs.length === 0) {
    throw new ValueError(
      `${op}: expected a non-empty list of tensors, received ${Array.isArray(xs) ? "an empty list" : String(xs)}.`,
      { op },
    );
  }
  return xs.length === 1 ? [toOpTensor(xs[0]!)] : promoteInputs(xs, op);
}

const concatDef: OpDef<number> = {
  name: "concatenate",
  infer: (xs, axis) => {
    const shape = mergeShapes(
      xs.map((x) => x.shape),
      axis,
      "concatenate",
    );
    shape[axis] = addDims(xs.map((x) => x.shape[axis]!));
    return [{ shape, dtype: xs[0]!.dtype }];
  },
  forward: (xs, axis, [out], backend) => [backend.concat(xs, axis, out!.shape)],
  vjp: ([dy], xs, _y, axis) => {
    const sizes = xs.map((x) => x.shape[axis]!);
    return split(dy!, offsetsOf(sizes).slice(1), axis);
  },
};

/**
 * Joins tensors along an existing axis. Every other dimension must match; dtypes are promoted.
 * @example
 * ```ts
 * keras.ops.concatenate([[[1, 2]], [[3, 4]]], 0).arraySync();  // [[1, 2], [3, 4]]
 * keras.ops.concatenate([keras.ops.zeros([2, 3]), keras.ops.zeros([2, 4])], -1).shape; // [2, 7]
 * ```
 */
export function concatenate<T extends OpInput>(xs: readonly T[], axis = 0): OpResult<T> {
  const ts = joinInputs(xs, "concatenate");
  const rank = ts[0]!.rank;
  if (rank === 0) {
    throw new ShapeError(
      `concatenate: zero-dimensional tensors (scalars) cannot be concatenated; use stack instead.`,
      {
        op: "concatenate",
        shapes: ts.map((t) => t.shape),
      },
    );
  }
  const a = normalizeAxis(axis, rank, "concatenate");
  if (ts.length === 1) return ts[0] as OpResult<T>;
  return runOp1(concatDef, ts, a) as OpResult<T>;
}

const stackDef: OpDef<number> = {
  name: "stack",
  infer: (xs, axis) => {
    const shape = mergeShapes(
      xs.map((x) => x.shape),
      null,
      "stack",
    );
    shape.splice(axis, 0, xs.length);
    return [{ shape, dtype: xs[0]!.dtype }];
  },
  forward: (xs, axis, [out], backend) => {
    const views: TensorData[] = xs.map((x) => ({
      values: x.values,
      shape: withDim(out!.shape, axis, 1),
      dtype: x.dtype,
    }));
    return [backend.concat(views, axis, out!.shape)];
  },
  vjp: ([dy], xs, _y, axis) => split(dy!, xs.length, axis).map((g, i) => reshape(g, xs[i]!.shape)),
};

/**
 * Joins same-shaped tensors along a new axis.
 * @example
 * ```ts
 * keras.ops.stack([[1, 2], [3, 4]]).arraySync();    // [[1, 2], [3, 4]]
 * keras.ops.stack([[1, 2], [3, 4]], 1).arraySync(); // [[1, 3], [2, 4]]
 * ```
 */
export function stack<T extends OpInput>(xs: readonly T[], axis = 0): OpResult<T> {
  const ts = joinInputs(xs, "stack");
  const a = normalizeAxis(axis, ts[0]!.rank + 1, "stack");
  return runOp1(stackDef, ts, a) as OpResult<T>;
}

interface SplitAttrs {
  spec: number | readonly number[];
  axis: number;
}

/** Resolves a split spec against the axis size: [start, size] of each piece (sizes null if unknown). */
function splitPieces(shape: SymbolicShape, { spec, axis }: SplitAttrs): [number | null, number | null][] {
  const d = shape[axis]!;
  if (typeof spec === "number") {
    if (d !== null && d % spec !== 0) {
      throw new ShapeError(
        `split: cannot split axis ${axis} of size ${d} (input shape ${formatShape(shape)}) into ${spec} equal sections. ` +
          `Pass a list of split indices for unequal parts.`,
        { op: "split", shapes: [shape], axis, sections: spec },
      );
    }
    const size = d === null ? null : d / spec;
    return Array.from({ length: spec }, (_v, i) => [size === null ? null : i * size, size]);
  }
  // NumPy semantics: piece k is x[indices[k-1]:indices[k]] along the axis (Python slice rules).
  const resolve = (i: number): number | null =>
    d === null ? (i >= 0 ? i : null) : i < 0 ? Math.max(0, i + d) : Math.min(i, d);
  const bounds = [0, ...spec.map(resolve), d];
  return bounds.slice(1).map((end, k) => {
    const start = bounds[k]!;
    if (start === null || end === null) return [start, null];
    return [start, Math.max(0, end - start)];
  });
}

const splitDef: OpDef<SplitAttrs> = {
  name: "split",
  infer: ([x], attrs) =>
    splitPieces(x!.shape, attrs).map(([, size]) => ({
      shape: withDim(x!.shape, attrs.axis, size),
      dtype: x!.dtype,
    })),
  forward: ([x], attrs, outs, backend) => {
    const strides = x!.shape.map(() => 1);
    return splitPieces(x!.shape, attrs).map(([start], k) =>
      backend.slice(
        x!,
        withDim(
          x!.shape.map(() => 0),
          attrs.axis,
          start!,
        ),
        outs[k]!.shape,
        strides,
      ),
    );
  },
  vjp: (dys, _x, _y, { axis }) => [concatenate(dys as Tensor[], axis)],
};

/**
 * Splits `x` along `axis` into `indicesOrSections` equal parts (a number), or at the given indices
 * (a list, NumPy style: `[2, 5]` gives `x[:2]`, `x[2:5]`, `x[5:]`).
 * @example
 * ```ts
 * keras.ops.split([1, 2, 3, 4], 2).map((t) => t.arraySync());      // [[1, 2], [3, 4]]
 * keras.ops.split([1, 2, 3, 4], [1, 3]).map((t) => t.arraySync()); // [[1], [2, 3], [4]]
 * ```
 */
export function split<T extends OpInput>(
  x: T,
  indicesOrSections: number | readonly number[],
  axis = 0,
): OpResult<T>[] {
  const t = toOpTensor(x);
  if (t.rank === 0)
    throw new ShapeError(`split: cannot split a scalar (shape ()).`, { op: "split", shapes: [t.shape] });
  const a = normalizeAxis(axis, t.rank, "split");
  if (typeof indicesOrSections === "number") {
    if (!Number.isInteger(indicesOrSections) || indicesOrSections < 1) {
      throw new ValueError(
        `split: the number of sections must be a positive integer, received ${indicesOrSections}.`,
        { op: "split" },
      );
    }
  } else {
    checkInts(indicesOrSections, "split", "indicesOrSections", false);
  }
  const spec = typeof indicesOrSections === "number" ? indicesOrSections : [...indicesOrSections];
  return runOp(splitDef, [t], { spec, axis: a }) as OpResult<T>[];
}

interface SliceAttrs {
  start: readonly number[];
  size: readonly number[];
}

function sliceShape(shape: SymbolicShape, { start, size }: SliceAttrs): (number | null)[] {
  return shape.map((d, i) => {
    const s = size[i]!;
    const end = s === -1 ? d : start[i]! + s;
    if (d !== null && end !== null && end > d) {
      throw new ShapeError(
        `slice: start indices ${JSON.stringify(start)} with shape ${JSON.stringify(size)} run past the end of axis ${i} ` +
          `(size ${d}) of an input of shape ${formatShape(shape)}.`,
        { op: "slice", shapes: [shape, size], axis: i },
      );
    }
    return s === -1 ? (d === null ? null : d - start[i]!) : s;
  });
}

const sliceDef: OpDef<SliceAttrs> = {
  name: "slice",
  infer: ([x], attrs) => [{ shape: sliceShape(x!.shape, attrs), dtype: x!.dtype }],
  forward: ([x], { start }, [out], backend) => [
    backend.slice(
      x!,
      start,
      out!.shape,
      start.map(() => 1),
    ),
  ],
  vjp: ([dy], [x], _y, { start }) => [
    pad(
      dy!,
      x!.shape.map((d, i) => [start[i]!, d - start[i]! - dy!.shape[i]!] as [number, number]),
    ),
  ],
};

/**
 * Takes the block of `x` that starts at `startIndices` and has `shape` (Keras `ops.slice`);
 * a size of -1 means "to the end of the axis".
 * @example
 * ```ts
 * keras.ops.slice([[1, 2, 3], [4, 5, 6]], [0, 1], [2, 2]).arraySync(); // [[2, 3], [5, 6]]
 * ```
 */
export function slice<T extends OpInput>(
  x: T,
  startIndices: readonly number[],
  shape: readonly number[],
): OpResult<T> {
  const t = toOpTensor(x);
  if (startIndices.length !== t.rank || shape.length !== t.rank) {
    throw new ShapeError(
      `slice: \`startIndices\` ${JSON.stringify(startIndices)} and \`shape\` ${JSON.stringify(shape)} must each have one entry ` +
        `per axis of the input, of shape ${formatShape(t.shape)} (rank ${t.rank}).`,
      { op: "slice", shapes: [t.shape] },
    );
  }
  checkInts(startIndices, "slice", "startIndices");
  if (shape.some((s) => !Number.isInteger(s) || s < -1)) {
    throw new ValueError(
      `slice: \`shape\` must hold non-negative integers or -1, received ${JSON.stringify(shape)}.`,
      { op: "slice" },
    );
  }
  return runOp1(sliceDef, [t], { start: [...startIndices], size: [...shape] }) as OpResult<T>;
}
