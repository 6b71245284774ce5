/**
 * `pad`: constant, edge, reflect and symmetric padding (NumPy's modes), each one op with a VJP.
 */
import { ShapeError, ValueError } from "../core/errors.js";
import { formatShape, type SymbolicShape } from "../core/shape.js";
import type { Tensor, TensorData } from "../core/tensor.js";
import type { Backend } from "../backends/backend.js";
import { toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { runOp1, type OpDef } from "./op.js";
import { add } from "./binary.js";
import { sum } from "./reduction.js";
import { flip } from "./manipulation.js";
import { slice } from "./manipulation-join.js";
import { withDim } from "./manipulation-util.js";

/** Padding modes: `constant` fills with `constantValues`; the others copy edge or mirrored values. */
export type PadMode = "constant" | "edge" | "reflect" | "symmetric";
const MODES: readonly PadMode[] = ["constant", "edge", "reflect", "symmetric"];

/** `[before, after]` per axis. */
type Pads = readonly (readonly [number, number])[];

/** One-axis padding amount in Keras/NumPy forms: `n`, `[before, after]`, or one pair per axis. */
export type PadWidth =
  | number
  | readonly [number, number]
  | readonly (readonly [number, number])[]
  | readonly (readonly number[])[];

function normalizePads(padWidth: PadWidth, shape: SymbolicShape): [number, number][] {
  const rank = shape.length;
  let pairs: (readonly number[])[];
  if (typeof padWidth === "number") pairs = [[padWidth, padWidth]];
  else if (padWidth.length === 2 && typeof padWidth[0] === "number") pairs = [padWidth as readonly number[]];
  else pairs = (padWidth as readonly (readonly number[])[]).map((p) => (typeof p === "number" ? [p, p] : p));
  const ok =
    (pairs.length === rank || pairs.length === 1) &&
    pairs.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => Number.isInteger(v) && v >= 0));
  if (!ok) {
    throw new ValueError(
      `pad: \`padWidth\` ${JSON.stringify(padWidth)} is invalid for an input of shape ${formatShape(shape)}. ` +
        `Expected a non-negative integer, one [before, after] pair, or ${rank} such pairs (one per axis).`,
      { op: "pad", padWidth },
    );
  }
  return shape.map((_d, i) => {
    const p = pairs.length === 1 ? pairs[0]! : pairs[i]!;
    return [p[0]!, p[1]!];
  });
}

const constantPadDef: OpDef<{ pads: Pads; value: number }> = {
  name: "pad",
  infer: ([x], { pads }) => [
    { shape: x!.shape.map((d, i) => (d === null ? null : d + pads[i]![0] + pads[i]![1])), dtype: x!.dtype },
  ],
  forward: ([x], { pads, value }, _out, backend) => [backend.pad(x!, pads, value)],
  vjp: ([dy], [x], _y, { pads }) => [
    slice(
      dy!,
      pads.map((p) => p[0]),
      x!.shape,
    ),
  ],
};

/** Pads one axis of `x` in `mode` using backend slices (reversed reads for the mirrored parts) and a concat. */
function padAxis(
  backend: Backend,
  x: TensorData,
  axis: number,
  before: number,
  after: number,
  mode: Exclude<PadMode, "constant">,
): TensorData {
  if (before === 0 && after === 0) return x;
  const d = x.shape[axis]!;
  const ones = x.shape.map(() => 1);
  const zeros = x.shape.map(() => 0);
  const part = (start: number, size: number, stride: number): TensorData => {
    const shape = withDim(x.shape, axis, size);
    return {
      values: backend.slice(x, withDim(zeros, axis, start), shape, withDim(ones, axis, stride)),
      shape,
      dtype: x.dtype,
    };
  };
  const pieces: TensorData[] = [];
  if (before > 0) {
    if (mode === "edge") pieces.push(broadcastPart(backend, part(0, 1, 1), axis, before));
    else pieces.push(part(mode === "reflect" ? before : before - 1, before, -1));
  }
  pieces.push(x);
  if (after > 0) {
    if (mode === "edge") pieces.push(broadcastPart(backend, part(d - 1, 1, 1), axis, after));
    else pieces.push(part(mode === "reflect" ? d - 2 : d - 1, after, -1));
  }
  const shape = withDim(x.shape, axis, d + before + after);
  return { values: backend.concat(pieces, axis, shape), shape, dtype: x.dtype };
}

function broadcastPart(backend: Backend, x: TensorData, axis: number, n: number): TensorData {
  const shape = withDim(x.shape, axis, n);
  return { values: backend.broadcastTo(x, shape), shape, dtype: x.dtype };
}

/** Gradient of one mode-padded axis: the middle block plus the padded parts folded back onto their sources. */
function unpadAxis(
  g: Tensor,
  axis: number,
  d: number,
  before: number,
  after: number,
  mode: Exclude<PadMode, "constant">,
): Tensor {
  if (before === 0 && after === 0) return g;
  const rank = g.rank;
  const zeros = new Array<number>(rank).fill(0);
  const take = (start: number, size: number) =>
    slice(g, withDim(zeros, axis, start), withDim(g.shape as number[], axis, size));
  const at = (t: Tensor, lo: number, hi: number) => padAlong(t, axis, lo, hi);
  let out = take(before, d);
  if (before > 0) {
    const left = take(0, before);
    if (mode === "edge") out = add(out, at(sum(left, axis, true), 0, d - 1));
    else if (mode === "reflect") out = add(out, at(flip(left, axis), 1, d - 1 - before));
    else out = add(out, at(flip(left, axis), 0, d - before));
  }
  if (after > 0) {
    const right = take(before + d, after);
    if (mode === "edge") out = add(out, at(sum(right, axis, true), d - 1, 0));
    else if (mode === "reflect") out = add(out, at(flip(right, axis), d - 1 - after, 1));
    else out = add(out, at(flip(right, axis), d - after, 0));
  }
  return out;
}

function padAlong(t: Tensor, axis: number, before: number, after: number): Tensor {
  return pad(
    t,
    t.shape.map((_d, i) => (i === axis ? [before, after] : [0, 0]) as [number, number]),
  );
}

function checkModePads(shape: SymbolicShape, pads: Pads, mode: Exclude<PadMode, "constant">): void {
  shape.forEach((d, i) => {
    const [b, a] = pads[i]!;
    if (d === null || (b === 0 && a === 0)) return;
    const limit = mode === "reflect" ? d - 1 : mode === "symmetric" ? d : d > 0 ? Infinity : 0;
    if (b > limit || a > limit) {
      throw new ShapeError(
        `pad: mode "${mode}" can pad axis ${i} (size ${d}) of an input of shape ${formatShape(shape)} by at most ${limit} on each side, ` +
          `received [${b}, ${a}].`,
        { op: "pad", shapes: [shape], axis: i },
      );
    }
  });
}

const modePadDef: OpDef<{ pads: Pads; mode: Exclude<PadMode, "constant"> }> = {
  name: "pad",
  infer: ([x], { pads, mode }) => {
    checkModePads(x!.shape, pads, mode);
    return constantPadDef.infer([x!], { pads, value: 0 });
  },
  forward: ([x], { pads, mode }, _out, backend) => {
    let cur: TensorData = x!;
    pads.forEach(([b, a], axis) => (cur = padAxis(backend, cur, axis, b, a, mode)));
    return [cur === x ? x!.values.slice() : cur.values];
  },
  vjp: ([dy], [x], _y, { pads, mode }) => {
    let g = dy!;
    pads.forEach(([b, a], axis) => (g = unpadAxis(g, axis, x!.shape[axis]!, b, a, mode)));
    return [g];
  },
};

/**
 * Pads `x`. `padWidth` is a number (every side of every axis), one `[before, after]` pair for all
 * axes, or one pair per axis. Modes as NumPy: "constant" (with `constantValues`, default 0),
 * "edge", "reflect" (mirror without the edge) and "symmetric" (mirror with the edge).
 * @example
 * ```ts
 * keras.ops.pad([1, 2, 3], [[1, 2]]).arraySync();               // [0, 1, 2, 3, 0, 0]
 * keras.ops.pad([1, 2, 3], [[2, 2]], "reflect").arraySync();    // [3, 2, 1, 2, 3, 2, 1]
 * keras.ops.pad([1, 2, 3], [[2, 2]], "symmetric").arraySync();  // [2, 1, 1, 2, 3, 3, 2]
 * ```
 */
export function pad<T extends OpInput>(
  x: T,
  padWidth: PadWidth,
  mode: PadMode = "constant",
  constantValues?: number,
): OpResult<T> {
  const t = toOpTensor(x);
  if (!MODES.includes(mode)) {
    throw new ValueError(
      `pad: unknown mode "${mode}". Supported modes: ${MODES.map((m) => `"${m}"`).join(", ")}.`,
      { op: "pad", mode },
    );
  }
  if (mode !== "constant" && constantValues !== undefined) {
    throw new ValueError(
      `pad: \`constantValues\` can only be given with mode "constant", received mode "${mode}".`,
      { op: "pad", mode },
    );
  }
  const pads = normalizePads(padWidth, t.shape);
  if (mode === "constant")
    return runOp1(constantPadDef, [t], { pads, value: constantValues ?? 0 }) as OpResult<T>;
  return runOp1(modePadDef, [t], { pads, mode }) as OpResult<T>;
}
