/**
 * Internal helpers shared by the manipulation ops (not re-exported through `keras.ops`).
 */
import { ValueError } from "../core/errors.js";
import type { SymbolicShape } from "../core/shape.js";

/** Checks that every entry of `values` is an integer (optionally non-negative), naming the op and argument. */
export function checkInts(values: readonly number[], op: string, what: string, nonNegative = true): void {
  for (const v of values) {
    if (!Number.isInteger(v) || (nonNegative && v < 0)) {
      throw new ValueError(
        `${op}: \`${what}\` must be a list of ${nonNegative ? "non-negative " : ""}integers, received ${JSON.stringify(values)}.`,
        { op, [what]: values },
      );
    }
  }
}

/** The inverse of a permutation. */
export function inversePerm(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}

/** Multiplies a possibly unknown dimension: unknown stays unknown, except times 0. */
export function mulDim(d: number | null, k: number): number | null {
  if (k === 0) return 0;
  return d === null ? null : d * k;
}

/** Adds possibly unknown dimensions: unknown if any is. */
export function addDims(dims: readonly (number | null)[]): number | null {
  let total = 0;
  for (const d of dims) {
    if (d === null) return null;
    total += d;
  }
  return total;
}

/** `shape` with axis `axis` replaced by `d`. */
export function withDim<D extends number | null>(shape: readonly D[], axis: number, d: D): D[] {
  const out = [...shape];
  out[axis] = d;
  return out;
}

/** Start offsets (first entry 0) of consecutive pieces of the given sizes. */
export function offsetsOf(sizes: readonly number[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const s of sizes) {
    out.push(at);
    at += s;
  }
  return out;
}

/** Merges two dimensions that must agree (`null` matches anything); undefined when they conflict. */
export function mergeDim(a: number | null, b: number | null): number | null | undefined {
  if (a === null) return b;
  if (b === null) return a;
  return a === b ? a : undefined;
}

/** Product of the known dimensions of a shape, or null when any is unknown. */
export function knownSize(shape: SymbolicShape): number | null {
  let n = 1;
  for (const d of shape) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}
