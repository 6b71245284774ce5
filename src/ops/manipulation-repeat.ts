/**
 * `tile` and `repeat`: copies of a tensor (whole, or element by element along an axis). Forward
 * passes are broadcasts of an interleaved view; gradients are reshape + sum.
 */
import { ShapeError, ValueError } from "../core/errors.js";
import { allocArray } from "../core/dtype.js";
import { formatShape, normalizeAxis, sizeOf, type SymbolicShape } from "../core/shape.js";
import type { Tensor, TensorData } from "../core/tensor.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { runOp1, type OpDef } from "./op.js";
import { reshape } from "./shape.js";
import { sum } from "./reduction.js";
import { concatenate, split } from "./manipulation-join.js";
import { checkInts, mulDim, offsetsOf, withDim } from "./manipulation-util.js";

/** Repeats aligned with the input's axes: the shorter of the two is left-padded with 1s (NumPy). */
function alignTile(
  shape: SymbolicShape,
  repeats: readonly number[],
): { shape: (number | null)[]; reps: number[] } {
  const n = Math.max(shape.length, repeats.length);
  return {
    shape: [...new Array<number>(n - shape.length).fill(1), ...shape],
    reps: [...new Array<number>(n - repeats.length).fill(1), ...repeats],
  };
}

const tileDef: OpDef<readonly number[]> = {
  name: "tile",
  infer: ([x], repeats) => {
    const { shape, reps } = alignTile(x!.shape, repeats);
    return [{ shape: shape.map((d, i) => mulDim(d, reps[i]!)), dtype: x!.dtype }];
  },
  forward: ([x], repeats, [out], backend) => {
    // View x as [1, d0, 1, d1, ...] and broadcast to [r0, d0, r1, d1, ...]: row-major, that is the tiling.
    const { shape, reps } = alignTile(x!.shape, repeats);
    const view = shape.flatMap((d) => [1, d!]);
    const target = shape.flatMap((d, i) => [reps[i]!, d!]);
    if (sizeOf(out!.shape) === 0) return [allocArray(x!.dtype, 0)];
    return [backend.broadcastTo({ values: x!.values, shape: view, dtype: x!.dtype }, target)];
  },
  vjp: ([dy], [x], _y, repeats) => {
    const { shape, reps } = alignTile(x!.shape, repeats);
    const split2 = shape.flatMap((d, i) => [reps[i]!, d!]);
    const g = sum(
      reshape(dy!, split2),
      reps.map((_r, i) => 2 * i),
    );
    return [reshape(g, x!.shape)];
  },
};

/**
 * Repeats the whole of `x` `repeats[i]` times along each axis i (NumPy's `tile`): `repeats` shorter
 * than the rank applies to the last axes; longer adds leading axes.
 * @example
 * ```ts
 * keras.ops.tile([1, 2], [2]).arraySync();      // [1, 2, 1, 2]
 * keras.ops.tile([1, 2], [2, 1]).arraySync();   // [[1, 2], [1, 2]]
 * ```
 */
export function tile<T extends OpInput>(x: T, repeats: number | readonly number[]): OpResult<T> {
  const t = toOpTensor(x);
  const reps = typeof repeats === "number" ? [repeats] : [...repeats];
  checkInts(reps, "tile", "repeats");
  return runOp1(tileDef, [t], reps) as OpResult<T>;
}

interface RepeatAttrs {
  repeats: number | readonly number[];
  axis: number;
}

const repeatDef: OpDef<RepeatAttrs> = {
  name: "repeat",
  infer: ([x], { repeats, axis }) => {
    const d = x!.shape[axis]!;
    if (typeof repeats === "number")
      return [{ shape: withDim(x!.shape, axis, mulDim(d, repeats)), dtype: x!.dtype }];
    if (d !== null && repeats.length !== d) {
      throw new ShapeError(
        `repeat: \`repeats\` has ${repeats.length} entries but axis ${axis} of the input (shape ${formatShape(x!.shape)}) has size ${d}. ` +
          `Give one count per element, or a single number.`,
        { op: "repeat", shapes: [x!.shape], axis },
      );
    }
    return [
      {
        shape: withDim(
          x!.shape,
          axis,
          repeats.reduce((a, b) => a + b, 0),
        ),
        dtype: x!.dtype,
      },
    ];
  },
  forward: ([x], { repeats, axis }, [out], backend) => {
    const outer = sizeOf(x!.shape.slice(0, axis));
    const d = x!.shape[axis]!;
    const inner = sizeOf(x!.shape.slice(axis + 1));
    if (sizeOf(out!.shape) === 0) return [allocArray(x!.dtype, 0)];
    if (typeof repeats === "number") {
      // [outer, d, 1, inner] broadcast to [outer, d, r, inner].
      return [
        backend.broadcastTo({ values: x!.values, shape: [outer, d, 1, inner], dtype: x!.dtype }, [
          outer,
          d,
          repeats,
          inner,
        ]),
      ];
    }
    // One broadcast piece per element with a non-zero count, joined along the axis.
    const view: TensorData = { values: x!.values, shape: [outer, d, inner], dtype: x!.dtype };
    const pieces: TensorData[] = [];
    repeats.forEach((r, i) => {
      if (r === 0) return;
      const one = {
        values: backend.slice(view, [0, i, 0], [outer, 1, inner], [1, 1, 1]),
        shape: [outer, 1, inner],
        dtype: x!.dtype,
      };
      pieces.push({
        values: backend.broadcastTo(one, [outer, r, inner]),
        shape: [outer, r, inner],
        dtype: x!.dtype,
      });
    });
    return [backend.concat(pieces, 1, [outer, sizeOf(out!.shape) / (outer * inner), inner])];
  },
  vjp: ([dy], [x], _y, { repeats, axis }) => {
    const d = x!.shape[axis]!;
    if (typeof repeats === "number") {
      const shape = [...x!.shape.slice(0, axis), d, repeats, ...x!.shape.slice(axis + 1)];
      return [reshape(sum(reshape(dy!, shape), axis + 1), x!.shape)];
    }
    const parts = split(dy!, offsetsOf(repeats).slice(1), axis) as Tensor[];
    return [
      concatenate(
        parts.map((p) => sum(p, axis, true)),
        axis,
      ),
    ];
  },
};

/**
 * Repeats each element of `x` along `axis` (`repeats` times, or `repeats[i]` times for element i).
 * Without an axis, `x` is flattened first.
 * @example
 * ```ts
 * keras.ops.repeat([1, 2], 2).arraySync();                 // [1, 1, 2, 2]
 * keras.ops.repeat([[1, 2], [3, 4]], [1, 2], 0).arraySync(); // [[1, 2], [3, 4], [3, 4]]
 * ```
 */
export function repeat<T extends OpInput>(
  x: T,
  repeats: number | readonly number[],
  axis?: number | null,
): OpResult<T> {
  let t = toOpTensor(x);
  const list = typeof repeats === "number" ? [repeats] : [...repeats];
  checkInts(list, "repeat", "repeats");
  if (axis === undefined || axis === null) {
    t = reshape(t, [-1]);
    axis = 0;
  }
  const a = normalizeAxis(axis, t.rank, "repeat");
  if (typeof repeats !== "number" && list.length === 0) {
    throw new ValueError(`repeat: \`repeats\` must not be empty.`, { op: "repeat" });
  }
  const spec = list.length === 1 ? list[0]! : list;
  return runOp1(repeatDef, [t], { repeats: spec, axis: a }) as OpResult<T>;
}
