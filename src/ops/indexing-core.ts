/**
 * Shared machinery of the indexing ops: index conversion and range checks, and the two internal
 * ops every indexing gradient is built from — `gather` along an axis and its adjoint `scatterAdd`.
 */
import type { TypedArray } from "../core/dtype.js";
import { DTypeError, ValueError } from "../core/errors.js";
import { formatShape, sizeOf, stridesOf, type Shape, type SymbolicShape } from "../core/shape.js";
import type { AnyTensor, SymbolicTensor } from "../core/symbolic.js";
import { Tensor, type TensorData } from "../core/tensor.js";
import { cast } from "./cast.js";
import { toOpTensor, type OpInput } from "./convert.js";
import { runOp1, type OpDef } from "./op.js";
import { reshape } from "./shape.js";

/**
 * How indices count in an op's result type: symbolic indices make the result symbolic, any other
 * indices (arrays, tensors) behave like a plain number and leave the result to the data input.
 */
export type IndexKind<I> = I extends SymbolicTensor ? SymbolicTensor : number;

/**
 * Converts user indices to an int32 tensor: numbers and nested arrays convert straight to int32,
 * int and float tensors are cast (floats truncate); bool indices are refused.
 */
export function toIndexTensor(indices: OpInput, op: string, what = "indices"): AnyTensor {
  const literal = typeof indices === "number" || Array.isArray(indices);
  const t = literal && !isBoolLiteral(indices) ? toOpTensor(indices, "int32") : toOpTensor(indices);
  if (t.dtype === "bool") {
    throw new DTypeError(
      `${op}: ${what} must be integers, received a bool tensor of shape ${formatShape(t.shape)}.`,
      {
        op,
        dtype: t.dtype,
      },
    );
  }
  return t.dtype === "int32" ? t : cast(t, "int32");
}

/** Whether a nested JS array (or a value) holds booleans, judged by its first leaf. */
function isBoolLiteral(value: unknown): boolean {
  let v = value;
  while (Array.isArray(v)) v = v[0];
  return typeof v === "boolean";
}

/** Error for an index outside `[-size, size)`. */
export function indexError(
  op: string,
  index: number,
  axis: number,
  size: number,
  shape: SymbolicShape,
): ValueError {
  return new ValueError(
    `${op}: index ${index} is out of bounds for axis ${axis} with size ${size} (input shape ${formatShape(shape)}). ` +
      `Expected indices in [${-size}, ${size}).`,
    { op, index, axis, size },
  );
}

/**
 * Indices counted from the end (negative) made positive; throws a ValueError on any index outside
 * `[-size, size)`. Returns the input array itself when it needs no change.
 */
export function normalizeIndices(
  idx: TypedArray,
  size: number,
  op: string,
  axis: number,
  shape: SymbolicShape,
): Int32Array {
  let negative = false;
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i]!;
    if (v < -size || v >= size) throw indexError(op, v, axis, size, shape);
    if (v < 0) negative = true;
  }
  if (!negative && idx instanceof Int32Array) return idx;
  const out = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = idx[i]! < 0 ? idx[i]! + size : idx[i]!;
  return out;
}

/** A view of `values` with another shape, for kernels that read tensors as [rows, ...]. */
export function view(values: TypedArray, shape: Shape, dtype: TensorData["dtype"]): TensorData {
  return { values, shape, dtype };
}

interface GatherAttrs {
  axis: number;
  /** The public op whose errors these are. */
  op: string;
}

/** `x[..., indices, ...]` along `axis`; output shape x[:axis] + indices + x[axis+1:]. */
const gatherDef: OpDef<GatherAttrs> = {
  name: "gather",
  infer: ([x, idx], { axis }) => [
    { shape: [...x!.shape.slice(0, axis), ...idx!.shape, ...x!.shape.slice(axis + 1)], dtype: x!.dtype },
  ],
  forward: ([x, idx], { axis, op }, [out], backend) => {
    const norm = normalizeIndices(idx!.values, x!.shape[axis]!, op, axis, x!.shape);
    return [backend.gather(x!, view(norm, idx!.shape, "int32"), axis, out!.shape)];
  },
  vjp: ([dy], [x, idx], _y, { axis, op }) => {
    const norm = normalizeIndices(idx!.values, x!.shape[axis]!, op, axis, x!.shape);
    return [scatterAddAxis(dy!, new Tensor(norm, idx!.shape, "int32"), axis, x!.shape), null];
  },
};

interface ScatterAddAttrs {
  axis: number;
  shape: Shape;
}

/** Adjoint of gather: zeros of `shape`, `updates` summed into the positions `indices` pick on `axis`. */
const scatterAddDef: OpDef<ScatterAddAttrs> = {
  name: "scatterAdd",
  infer: ([u], { shape }) => [{ shape: [...shape], dtype: u!.dtype }],
  forward: ([u, idx], { axis }, [out], backend) => [backend.scatterAdd(u!, idx!, axis, out!.shape)],
  vjp: ([dy], [_u, idx], _y, { axis }) => [gatherAxis(dy!, idx!, axis, "scatterAdd"), null],
};

/** Internal gather op on already converted int32 `indices` (negative ones allowed). */
export function gatherAxis(x: AnyTensor, indices: AnyTensor, axis: number, op: string): AnyTensor {
  return runOp1(gatherDef, [x, indices], { axis, op });
}

/** Internal scatter-add op: `indices` are in-range int32, `updates` is x[:axis] + indices + x[axis+1:]. */
export function scatterAddAxis(updates: AnyTensor, indices: Tensor, axis: number, shape: Shape): AnyTensor {
  return runOp1(scatterAddDef, [updates, indices], { axis, shape });
}

/** Row-major walk of `outShape` giving, per position, the flat offset under per-axis `strides`. */
function walkOffsets(outShape: Shape, strides: readonly number[]): Int32Array {
  const size = sizeOf(outShape);
  const out = new Int32Array(size);
  const rank = outShape.length;
  const idx = new Array<number>(rank).fill(0);
  let off = 0;
  for (let i = 0; i < size; i++) {
    out[i] = off;
    for (let a = rank - 1; a >= 0; a--) {
      idx[a]!++;
      off += strides[a]!;
      if (idx[a]! < outShape[a]!) break;
      off -= idx[a]! * strides[a]!;
      idx[a] = 0;
    }
  }
  return out;
}

/** Strides reading a tensor of `shape` while walking a broadcast `outShape` of the same rank. */
function broadcastStridesSameRank(shape: Shape, outShape: Shape): number[] {
  const strides = stridesOf(shape);
  return outShape.map((_d, i) => (shape[i] === 1 ? 0 : strides[i]!));
}

/**
 * Flat offsets into `x` (of `xShape`) for `takeAlongAxis`: output position p reads
 * x[p with axis coordinate replaced by indices[p]]; `indices` and non-axis dims of `x` broadcast.
 */
export function alongAxisOffsets(
  xShape: Shape,
  indices: TensorData,
  axis: number,
  outShape: Shape,
  op: string,
): Int32Array {
  const xStrides = broadcastStridesSameRank(xShape, outShape);
  xStrides[axis] = 0;
  const base = walkOffsets(outShape, xStrides);
  const at = walkOffsets(outShape, broadcastStridesSameRank(indices.shape, outShape));
  const axisStride = stridesOf(xShape)[axis]!;
  const size = xShape[axis]!;
  const iv = indices.values;
  for (let i = 0; i < base.length; i++) {
    let v = iv[at[i]!]!;
    if (v < -size || v >= size) throw indexError(op, v, axis, size, xShape);
    if (v < 0) v += size;
    base[i] += v * axisStride;
  }
  return base;
}

/**
 * Adjoint of `takeAlongAxis`: zeros of `xShape` with `dy` summed into the positions `indices` pick
 * along `axis`. Used by the gradients of takeAlongAxis, sort and topK.
 */
export function putAddAlongAxis(
  dy: AnyTensor,
  indices: TensorData,
  axis: number,
  xShape: Shape,
  op: string,
): AnyTensor {
  const outShape = dy.shape as Shape;
  const flat = alongAxisOffsets(xShape, indices, axis, outShape, op);
  const summed = scatterAddAxis(reshape(dy, [flat.length]), new Tensor(flat, [flat.length], "int32"), 0, [
    sizeOf(xShape),
  ]);
  return reshape(summed, xShape);
}
