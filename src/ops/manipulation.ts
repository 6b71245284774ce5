/**
 * Axis manipulation: transpose, swapaxes, moveaxis, expandDims, squeeze, flip. Joining and
 * splitting (concatenate, stack, split, slice), padding, and tile/repeat live in the
 * `manipulation-*` modules re-exported here.
 */
import { ShapeError, ValueError } from "../core/errors.js";
import { formatShape, normalizeAxes, normalizeAxis, type SymbolicShape } from "../core/shape.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { runOp1, type OpDef } from "./op.js";
import { reshape } from "./shape.js";
import { inversePerm } from "./manipulation-util.js";

export * from "./manipulation-join.js";
export * from "./manipulation-pad.js";
export * from "./manipulation-repeat.js";

const transposeDef: OpDef<readonly number[]> = {
  name: "transpose",
  infer: ([x], perm) => [{ shape: perm.map((p) => x!.shape[p]!), dtype: x!.dtype }],
  forward: ([x], perm, _out, backend) => [backend.transpose(x!, perm)],
  vjp: ([dy], _x, _y, perm) => [transpose(dy!, inversePerm(perm))],
};

/** Validates a user permutation of `rank` axes (negative axes allowed). */
function checkPerm(axes: readonly number[], shape: SymbolicShape, op: string): number[] {
  const rank = shape.length;
  if (axes.length !== rank) {
    throw new ValueError(
      `${op}: axes ${JSON.stringify(axes)} do not match an input of rank ${rank} (shape ${formatShape(shape)}). ` +
        `Expected a permutation of ${rank} axes, e.g. ${JSON.stringify([...Array(rank).keys()].reverse())}.`,
      { op, axes, shape },
    );
  }
  const perm = axes.map((a) => normalizeAxis(a, rank, op));
  if (new Set(perm).size !== rank) {
    throw new ValueError(
      `${op}: axes ${JSON.stringify(axes)} repeat an axis; expected a permutation of ${rank} axes.`,
      { op, axes },
    );
  }
  return perm;
}

function permute<T extends OpInput>(x: T, perm: readonly number[]): OpResult<T> {
  const t = toOpTensor(x);
  if (perm.every((p, i) => p === i)) return t as OpResult<T>;
  return runOp1(transposeDef, [t], perm) as OpResult<T>;
}

/**
 * Permutes the axes of `x`: output axis i is input axis `axes[i]`. Without `axes`, reverses them.
 * @example
 * ```ts
 * keras.ops.transpose(keras.ops.zeros([2, 3, 4])).shape;            // [4, 3, 2]
 * keras.ops.transpose(keras.ops.zeros([2, 3, 4]), [0, 2, 1]).shape; // [2, 4, 3]
 * ```
 */
export function transpose<T extends OpInput>(x: T, axes?: readonly number[] | null): OpResult<T> {
  const t = toOpTensor(x);
  const perm =
    axes === undefined || axes === null
      ? [...Array(t.rank).keys()].reverse()
      : checkPerm(axes, t.shape, "transpose");
  return permute(t, perm) as OpResult<T>;
}

/**
 * Interchanges two axes.
 * @example `keras.ops.swapaxes(keras.ops.zeros([2, 3, 4]), 0, 2).shape // [4, 3, 2]`
 */
export function swapaxes<T extends OpInput>(x: T, axis1: number, axis2: number): OpResult<T> {
  const t = toOpTensor(x);
  const a = normalizeAxis(axis1, t.rank, "swapaxes");
  const b = normalizeAxis(axis2, t.rank, "swapaxes");
  const perm = [...Array(t.rank).keys()];
  perm[a] = b;
  perm[b] = a;
  return permute(t, perm) as OpResult<T>;
}

/**
 * Moves axes `source` to positions `destination`; the other axes keep their order.
 * @example
 * ```ts
 * keras.ops.moveaxis(keras.ops.zeros([2, 3, 4]), 0, -1).shape;           // [3, 4, 2]
 * keras.ops.moveaxis(keras.ops.zeros([2, 3, 4]), [0, 1], [2, 0]).shape;  // [3, 4, 2]
 * ```
 */
export function moveaxis<T extends OpInput>(
  x: T,
  source: number | readonly number[],
  destination: number | readonly number[],
): OpResult<T> {
  const t = toOpTensor(x);
  const src = typeof source === "number" ? [source] : [...source];
  const dst = typeof destination === "number" ? [destination] : [...destination];
  if (src.length !== dst.length) {
    throw new ValueError(
      `moveaxis: \`source\` and \`destination\` must have the same number of axes, received ${JSON.stringify(source)} and ${JSON.stringify(destination)}.`,
      { op: "moveaxis" },
    );
  }
  const s = src.map((a) => normalizeAxis(a, t.rank, "moveaxis"));
  const d = dst.map((a) => normalizeAxis(a, t.rank, "moveaxis"));
  if (new Set(s).size !== s.length || new Set(d).size !== d.length) {
    throw new ValueError(
      `moveaxis: repeated axis in ${JSON.stringify(source)} or ${JSON.stringify(destination)}.`,
      { op: "moveaxis" },
    );
  }
  const order = [...Array(t.rank).keys()].filter((a) => !s.includes(a));
  const pairs = d.map((to, i) => [to, s[i]!] as const).sort((p, q) => p[0] - q[0]);
  for (const [to, from] of pairs) order.splice(to, 0, from);
  return permute(t, order) as OpResult<T>;
}

/** A view op: same values, new shape (no copy); its gradient is a reshape back. */
function viewDef<A>(name: string, shapeOf: (shape: SymbolicShape, attrs: A) => (number | null)[]): OpDef<A> {
  return {
    name,
    infer: ([x], attrs) => [{ shape: shapeOf(x!.shape, attrs), dtype: x!.dtype }],
    forward: ([x]) => [x!.values],
    vjp: ([dy], [x]) => [reshape(dy!, x!.shape)],
  };
}

const expandDimsDef = viewDef<readonly number[]>("expandDims", (shape, axes) => {
  const out: (number | null)[] = [];
  let k = 0;
  for (let i = 0; i < shape.length + axes.length; i++) out.push(axes.includes(i) ? 1 : shape[k++]!);
  return out;
});

/**
 * Inserts size-1 axes at `axis` (one axis or several; positions in the output).
 * @example
 * ```ts
 * keras.ops.expandDims(keras.ops.zeros([2, 3]), 0).shape;        // [1, 2, 3]
 * keras.ops.expandDims(keras.ops.zeros([2, 3]), -1).shape;       // [2, 3, 1]
 * keras.ops.expandDims(keras.ops.zeros([2, 3]), [0, 2]).shape;   // [1, 2, 1, 3]
 * ```
 */
export function expandDims<T extends OpInput>(x: T, axis: number | readonly number[]): OpResult<T> {
  const t = toOpTensor(x);
  const count = typeof axis === "number" ? 1 : axis.length;
  const axes = normalizeAxes(axis, t.rank + count, "expandDims");
  return runOp1(expandDimsDef, [t], axes) as OpResult<T>;
}

const squeezeDef = viewDef<readonly number[]>("squeeze", (shape, axes) => {
  for (const a of axes) {
    if (shape[a] !== 1 && shape[a] !== null) {
      throw new ShapeError(
        `squeeze: cannot squeeze axis ${a} of an input of shape ${formatShape(shape)}: its size is ${shape[a]}, not 1.`,
        { op: "squeeze", shapes: [shape], axis: a },
      );
    }
  }
  return shape.filter((_d, i) => !axes.includes(i));
});

/**
 * Removes size-1 axes: those in `axis` (each must have size 1), or every size-1 axis when omitted.
 * Unknown (`null`) dimensions are kept unless named.
 * @example
 * ```ts
 * keras.ops.squeeze(keras.ops.zeros([1, 3, 1])).shape;    // [3]
 * keras.ops.squeeze(keras.ops.zeros([1, 3, 1]), 2).shape; // [1, 3]
 * ```
 */
export function squeeze<T extends OpInput>(x: T, axis?: number | readonly number[] | null): OpResult<T> {
  const t = toOpTensor(x);
  const axes =
    axis === undefined || axis === null
      ? t.shape.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0)
      : normalizeAxes(axis, t.rank, "squeeze");
  if (axes.length === 0) return t as OpResult<T>;
  return runOp1(squeezeDef, [t], axes) as OpResult<T>;
}

const flipDef: OpDef<readonly number[]> = {
  name: "flip",
  infer: ([x]) => [{ shape: x!.shape, dtype: x!.dtype }],
  forward: ([x], axes, _out, backend) => {
    const begin = x!.shape.map((d, i) => (axes.includes(i) ? d - 1 : 0));
    const strides = x!.shape.map((_d, i) => (axes.includes(i) ? -1 : 1));
    return [backend.slice(x!, begin, x!.shape, strides)];
  },
  vjp: ([dy], _x, _y, axes) => [flip(dy!, axes)],
};

/**
 * Reverses the order of elements along `axis` (all axes when omitted).
 * @example
 * ```ts
 * keras.ops.flip([[1, 2], [3, 4]], 1).arraySync(); // [[2, 1], [4, 3]]
 * keras.ops.flip([[1, 2], [3, 4]]).arraySync();    // [[4, 3], [2, 1]]
 * ```
 */
export function flip<T extends OpInput>(x: T, axis?: number | readonly number[] | null): OpResult<T> {
  const t = toOpTensor(x);
  const axes = normalizeAxes(axis, t.rank, "flip");
  if (axes.length === 0) return t as OpResult<T>;
  return runOp1(flipDef, [t], axes) as OpResult<T>;
}
