/**
 * Shape manipulation: reshape and broadcastTo (more in the manipulation modules).
 */
import { ShapeError } from "../core/errors.js";
import {
  broadcastShapes,
  formatShape,
  isConcrete,
  shapesEqual,
  sizeOf,
  type SymbolicShape,
} from "../core/shape.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { runOp1, type OpDef } from "./op.js";

/** Resolves a target shape that may contain one -1 against the input shape. */
export function resolveReshape(input: SymbolicShape, target: readonly number[]): (number | null)[] {
  const minusOnes = target.filter((d) => d === -1).length;
  if (minusOnes > 1 || target.some((d) => !Number.isInteger(d) || d < -1)) {
    throw new ShapeError(
      `reshape: invalid target shape ${JSON.stringify(target)}. Use non-negative sizes and at most one -1.`,
      { op: "reshape", shapes: [input, target] },
    );
  }
  const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  if (!isConcrete(input)) {
    // Unknown input size: -1 stays unknown, unless the unknown part is the batch carried over.
    return target.map((d) => (d === -1 ? null : d));
  }
  const total = sizeOf(input);
  if (minusOnes === 1) {
    if (known === 0 || total % known !== 0) throw reshapeError(input, target, total);
    return target.map((d) => (d === -1 ? total / known : d));
  }
  if (known !== total) throw reshapeError(input, target, total);
  return [...target];
}

function reshapeError(input: SymbolicShape, target: readonly number[], total: number): ShapeError {
  return new ShapeError(
    `reshape: cannot reshape a tensor of shape ${formatShape(input)} (${total} elements) into shape ` +
      `${formatShape(target.map((d) => (d === -1 ? null : d)))} (${target.filter((d) => d !== -1).reduce((a, b) => a * b, 1)}` +
      `${target.includes(-1) ? " × an inferred dimension" : ""} elements). The number of elements must stay the same.`,
    { op: "reshape", shapes: [input, target] },
  );
}

const reshapeDef: OpDef<readonly number[]> = {
  name: "reshape",
  infer: ([x], target) => [{ shape: resolveReshape(x!.shape, target), dtype: x!.dtype }],
  forward: ([x]) => [x!.values],
  vjp: ([dy], [x]) => [reshape(dy!, x!.shape)],
};

/**
 * Gives `x` a new shape with the same number of elements; one dimension may be -1 (inferred).
 * No data is copied.
 * @example `keras.ops.reshape(keras.ops.arange(6), [2, -1]).shape // [2, 3]`
 */
export function reshape<T extends OpInput>(x: T, newShape: readonly number[]): OpResult<T> {
  const t = toOpTensor(x);
  if (!t.isSymbolic && shapesEqual(t.shape, newShape)) return t as OpResult<T>;
  return runOp1(reshapeDef, [t], newShape) as OpResult<T>;
}

const broadcastToDef: OpDef<readonly number[]> = {
  name: "broadcastTo",
  infer: ([x], shape) => {
    const out = broadcastShapes([x!.shape, shape], "broadcastTo");
    if (out.length !== shape.length || out.some((d, i) => d !== shape[i] && shape[i] !== null)) {
      throw new ShapeError(
        `broadcastTo: cannot broadcast shape ${formatShape(x!.shape)} to ${formatShape(shape)}.`,
        {
          op: "broadcastTo",
          shapes: [x!.shape, shape],
        },
      );
    }
    return [{ shape: [...shape], dtype: x!.dtype }];
  },
  forward: ([x], shape, _out, backend) => [
    shapesEqual(x!.shape, shape) ? x!.values : backend.broadcastTo(x!, shape),
  ],
  vjp: ([dy]) => [dy!], // the tape sums the broadcast axes back
};

/**
 * Broadcasts `x` to `shape` (NumPy rules).
 * @example `keras.ops.broadcastTo([1, 2], [2, 2]).arraySync() // [[1, 2], [1, 2]]`
 */
export function broadcastTo<T extends OpInput>(x: T, shape: readonly number[]): OpResult<T> {
  return runOp1(broadcastToDef, [toOpTensor(x)], shape) as OpResult<T>;
}
