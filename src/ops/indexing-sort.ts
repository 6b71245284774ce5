/**
 * Ordering ops: `sort`, `argsort` (stable) and `topK`. Gradients flow to the source positions of
 * the values (the adjoint of takeAlongAxis).
 */
import { ValueError } from "../core/errors.js";
import { formatShape, normalizeAxis, type Shape } from "../core/shape.js";
import type { AnyTensor } from "../core/symbolic.js";
import type { TensorData } from "../core/tensor.js";
import type { Backend } from "../backends/backend.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { putAddAlongAxis, view } from "./indexing-core.js";
import { runOp, type OpDef } from "./op.js";

/** Sorts `x` along `axis` by moving that axis last (backend sorts rows of the last axis). */
function sortAlong(x: TensorData, axis: number, backend: Backend): [TensorData["values"], Int32Array] {
  const rank = x.shape.length;
  if (axis === rank - 1) return backend.sort(x, false);
  const perm = [...Array.from({ length: rank }, (_v, i) => i).filter((i) => i !== axis), axis];
  const inverse = new Array<number>(rank);
  perm.forEach((p, i) => (inverse[p] = i));
  const movedShape: Shape = perm.map((p) => x.shape[p]!);
  const moved = view(backend.transpose(x, perm), movedShape, x.dtype);
  const [values, indices] = backend.sort(moved, false);
  return [
    backend.transpose(view(values, movedShape, x.dtype), inverse),
    backend.transpose(view(indices, movedShape, "int32"), inverse) as Int32Array,
  ];
}

/** Outputs: sorted values and their int32 source positions along `axis`. */
const sortDef: OpDef<number> = {
  name: "sort",
  infer: ([x]) => [
    { shape: x!.shape, dtype: x!.dtype },
    { shape: x!.shape, dtype: "int32" },
  ],
  forward: ([x], axis, _out, backend) => sortAlong(x!, axis, backend),
  vjp: ([dv], [x], [_v, idx], axis) => [putAddAlongAxis(dv!, idx!, axis, x!.shape, "sort")],
};

function runSort(x: OpInput, axis: number, op: string): AnyTensor[] {
  const t = toOpTensor(x);
  return runOp(sortDef, [t], normalizeAxis(axis, t.rank, op));
}

/**
 * Sorts `x` in ascending order along `axis` (default the last). NaNs sort to the end.
 *
 * @example
 * ```ts
 * keras.ops.sort([3, 1, 2]).arraySync();              // [1, 2, 3]
 * keras.ops.sort([[3, 1], [0, 4]], 0).arraySync();    // [[0, 1], [3, 4]]
 * ```
 * @throws AxisError when `axis` is out of range (a scalar has no axis to sort).
 */
export function sort<T extends OpInput>(x: T, axis = -1): OpResult<T> {
  return runSort(x, axis, "sort")[0] as OpResult<T>;
}

/**
 * Int32 indices that sort `x` along `axis` (ascending; stable: equal values keep their order).
 *
 * @example
 * ```ts
 * keras.ops.argsort([3, 1, 2, 1]).arraySync(); // [1, 3, 2, 0]
 * ```
 * @throws AxisError when `axis` is out of range.
 */
export function argsort<T extends OpInput>(x: T, axis = -1): OpResult<T> {
  return runSort(x, axis, "argsort")[1] as OpResult<T>;
}

const topKDef: OpDef<number> = {
  name: "topK",
  infer: ([x], k) => {
    const n = x!.shape[x!.shape.length - 1];
    if (x!.shape.length === 0 || (n !== null && n! < k)) {
      throw new ValueError(
        `topK: k (${k}) must not exceed the size of the last axis of x, received x of shape ${formatShape(x!.shape)}` +
          `${x!.shape.length === 0 ? " (a scalar has no axis)" : ` (last axis ${n})`}.`,
        { op: "topK", k, shape: x!.shape },
      );
    }
    const shape = [...x!.shape.slice(0, -1), k];
    return [
      { shape, dtype: x!.dtype },
      { shape, dtype: "int32" },
    ];
  },
  forward: ([x], k, _out, backend) => backend.topK(x!, k),
  vjp: ([dv], [x], [_v, idx]) => [putAddAlongAxis(dv!, idx!, x!.rank - 1, x!.shape, "topK")],
};

/**
 * The `k` largest entries along the last axis and their int32 indices, as `[values, indices]`
 * (Keras `ops.top_k`). Values come in descending order; equal values keep the lower index first.
 * `sorted` is accepted for Keras parity; results are always sorted.
 *
 * @example
 * ```ts
 * const [values, indices] = keras.ops.topK([1, 5, 3, 5], 2);
 * values.arraySync();  // [5, 5]
 * indices.arraySync(); // [1, 3]
 * ```
 * @throws ValueError when k is negative, not an integer, or larger than the last axis.
 */
export function topK<T extends OpInput>(x: T, k: number, sorted = true): [OpResult<T>, OpResult<T>] {
  void sorted;
  if (!Number.isInteger(k) || k < 0) {
    throw new ValueError(`topK: k must be a non-negative integer, received ${k}.`, { op: "topK", k });
  }
  const [values, indices] = runOp(topKDef, [toOpTensor(x)], k);
  return [values as OpResult<T>, indices as OpResult<T>];
}
