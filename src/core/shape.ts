/**
 * Shape helpers shared by every op front end. Shapes may hold `null` for unknown dimensions
 * (symbolic tensors); concrete tensors always have numbers.
 */
import { AxisError, ShapeError } from "./errors.js";

/** Concrete shape of an eager tensor. */
export type Shape = readonly number[];
/** Shape with possibly unknown (`null`) dimensions, as carried by symbolic tensors. */
export type SymbolicShape = readonly (number | null)[];

/** Formats a shape the way Keras prints it: `(None, 784)`, `(3,)`, `()`. */
export function formatShape(shape: SymbolicShape): string {
  const dims = shape.map((d) => (d === null ? "None" : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(", ")})`;
}

/** Number of elements of a concrete shape (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides of a concrete shape. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** Whether two shapes are equal, treating `null` as equal only to `null`. */
export function shapesEqual(a: SymbolicShape, b: SymbolicShape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Whether a shape has no unknown dimensions. */
export function isConcrete(shape: SymbolicShape): shape is Shape {
  return shape.every((d) => d !== null);
}

/**
 * Normalizes a possibly negative axis into `[0, rank)`.
 * @throws AxisError when the axis is out of range.
 */
export function normalizeAxis(axis: number, rank: number, op = "op"): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    const valid = rank === 0 ? "none (the input is a scalar)" : `[-${rank}, ${rank - 1}]`;
    throw new AxisError(
      `${op}: axis ${axis} is out of range for an input of rank ${rank}. Valid axes: ${valid}.`,
      axis,
      rank,
      op,
    );
  }
  return axis < 0 ? axis + rank : axis;
}

/**
 * Normalizes a list of axes (or `null`/`undefined` for all axes), sorted ascending, no duplicates.
 * @throws AxisError on an out-of-range axis, ValueError-like ShapeError on a repeated axis.
 */
export function normalizeAxes(
  axis: number | readonly number[] | null | undefined,
  rank: number,
  op = "op",
): number[] {
  // Plain loops: every reduction and softmax normalizes its axes, once per call.
  if (axis === null || axis === undefined) {
    const all: number[] = [];
    for (let i = 0; i < rank; i++) all.push(i);
    return all;
  }
  if (typeof axis === "number") return [normalizeAxis(axis, rank, op)];
  const out = axis.map((a) => normalizeAxis(a, rank, op));
  for (let i = 1; i < out.length; i++)
    for (let j = 0; j < i; j++)
      if (out[i] === out[j]) throw new ShapeError(`${op}: repeated axis in ${JSON.stringify(axis)}.`, { op });
  return out.sort((a, b) => a - b);
}

/** Broadcasts two dimensions; `null` stands for an unknown size. Returns undefined when incompatible. */
function broadcastDim(a: number | null, b: number | null): number | null | undefined {
  if (a === 1) return b;
  if (b === 1) return a;
  if (a === null) return b;
  if (b === null) return a;
  return a === b ? a : undefined;
}

/**
 * NumPy broadcasting of any number of shapes.
 * @throws ShapeError naming the op and the shapes when they cannot broadcast.
 */
export function broadcastShapes(shapes: readonly SymbolicShape[], op = "op"): (number | null)[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out: (number | null)[] = new Array(rank).fill(1);
  for (const shape of shapes) {
    const offset = rank - shape.length;
    for (let i = 0; i < shape.length; i++) {
      const d = broadcastDim(out[offset + i]!, shape[i]!);
      if (d === undefined) {
        throw new ShapeError(
          `${op}: shapes ${shapes.map(formatShape).join(" and ")} cannot be broadcast together ` +
            `(dimension ${i - shape.length} differs: ${out[offset + i]} vs ${shape[i]}).`,
          { op, shapes },
        );
      }
      out[offset + i] = d;
    }
  }
  return out;
}

/** Checks that a user-given shape is a list of non-negative integers. */
export function checkShape(shape: readonly number[], op = "op"): number[] {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ShapeError(
      `${op}: a shape must be a list of non-negative integers, received ${JSON.stringify(shape)}.`,
      {
        op,
      },
    );
  }
  return [...shape];
}
