/**
 * `take` and `takeAlongAxis`: reading elements of a tensor at integer indices.
 */
import { ShapeError } from "../core/errors.js";
import { broadcastShapes, formatShape, normalizeAxis, type SymbolicShape } from "../core/shape.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import {
  alongAxisOffsets,
  gatherAxis,
  putAddAlongAxis,
  toIndexTensor,
  view,
  type IndexKind,
} from "./indexing-core.js";
import { runOp1, type OpDef } from "./op.js";
import { reshape } from "./shape.js";

/**
 * Takes elements of `x` at `indices` along `axis`. Without an axis, `x` is flattened first.
 * Negative indices count from the end; an index out of range is a ValueError (on eager tensors).
 * The output shape is `x.shape[:axis] + indices.shape + x.shape[axis + 1:]`.
 *
 * @example
 * ```ts
 * const x = keras.tensor([[1, 2, 3], [4, 5, 6]]);
 * keras.ops.take(x, [2, 0], 1).arraySync(); // [[3, 1], [6, 4]]
 * keras.ops.take(x, [-1, 0]).arraySync();   // [6, 1] (flattened)
 * keras.ops.take(x, 1, 0).arraySync();      // [4, 5, 6]
 * ```
 * @throws AxisError when `axis` is out of range; ValueError on an index out of range.
 */
export function take<T extends OpInput, I extends OpInput>(
  x: T,
  indices: I,
  axis?: number | null,
): OpResult<T | IndexKind<I>> {
  let t = toOpTensor(x);
  const idx = toIndexTensor(indices, "take");
  let ax = 0;
  if (axis === undefined || axis === null) t = reshape(t, [-1]);
  else ax = normalizeAxis(axis, t.rank, "take");
  return gatherAxis(t, idx, ax, "take") as OpResult<T | IndexKind<I>>;
}

/** Output shape of takeAlongAxis: x's shape with `axis` replaced by the indices', broadcast with them. */
function alongAxisShape(x: SymbolicShape, indices: SymbolicShape, axis: number): (number | null)[] {
  const input = [...x];
  input[axis] = indices[axis]!;
  return broadcastShapes([input, indices], "takeAlongAxis");
}

const takeAlongAxisDef: OpDef<number> = {
  name: "takeAlongAxis",
  infer: ([x, idx], axis) => {
    if (x!.shape.length !== idx!.shape.length) {
      throw new ShapeError(
        `takeAlongAxis: x and indices must have the same number of dimensions, received x of shape ` +
          `${formatShape(x!.shape)} and indices of shape ${formatShape(idx!.shape)}.`,
        { op: "takeAlongAxis", shapes: [x!.shape, idx!.shape] },
      );
    }
    return [{ shape: alongAxisShape(x!.shape, idx!.shape, axis), dtype: x!.dtype }];
  },
  forward: ([x, idx], axis, [out], backend) => {
    const flat = alongAxisOffsets(x!.shape, idx!, axis, out!.shape, "takeAlongAxis");
    const source = view(x!.values, [x!.size], x!.dtype);
    return [backend.gather(source, view(flat, [flat.length], "int32"), 0, [flat.length])];
  },
  vjp: ([dy], [x, idx], _y, axis) => [putAddAlongAxis(dy!, idx!, axis, x!.shape, "takeAlongAxis"), null],
};

/**
 * Picks one element of `x` per entry of `indices` along `axis` (NumPy's `take_along_axis`): `x` and
 * `indices` have the same rank and broadcast on the other axes. Without an axis, `x` is flattened
 * and `indices` must be 1-D. Typical use: gathering the values at `argsort`/`argmax` positions.
 *
 * @example
 * ```ts
 * const x = keras.tensor([[10, 30, 20], [60, 40, 50]]);
 * keras.ops.takeAlongAxis(x, [[0, 2], [1, 1]], 1).arraySync(); // [[10, 20], [40, 40]]
 * keras.ops.takeAlongAxis(x, [[1, 0, 1]], 0).arraySync();       // [[60, 30, 50]]
 * ```
 * @throws ShapeError when the ranks differ or the shapes do not broadcast; ValueError on an index out of range.
 */
export function takeAlongAxis<T extends OpInput, I extends OpInput>(
  x: T,
  indices: I,
  axis?: number | null,
): OpResult<T | IndexKind<I>> {
  let t = toOpTensor(x);
  const idx = toIndexTensor(indices, "takeAlongAxis");
  let ax = 0;
  if (axis === undefined || axis === null) t = reshape(t, [-1]);
  else ax = normalizeAxis(axis, t.rank, "takeAlongAxis");
  return runOp1(takeAlongAxisDef, [t, idx], ax) as OpResult<T | IndexKind<I>>;
}
