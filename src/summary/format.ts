/**
 * Number, size and shape formatting exactly as Keras's `summary_utils` prints them (Python's
 * `f"{n:,}"`, `"{:.2f}"` with round-half-even on exact ties, and the summary's own shape format).
 */
import type { SymbolicShape } from "../core/shape.js";

/**
 * An integer with thousands separators, like Python's `f"{n:,}"`.
 *
 * @example
 * ```ts
 * formatCount(266610); // "266,610"
 * ```
 */
export function formatCount(n: number): string {
  const sign = n < 0 ? "-" : "";
  const digits = String(Math.abs(Math.trunc(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * A float with two decimals, like Python's `"{:.2f}".format(x)`: correctly rounded, and exact ties
 * (such as 1.125) go to the even neighbour, where JavaScript's `toFixed` would round up.
 *
 * @example
 * ```ts
 * formatFixed2(1.125); // "1.12" (toFixed gives "1.13")
 * ```
 */
export function formatFixed2(x: number): string {
  const rounded = x.toFixed(2);
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return rounded;
  // toFixed(100) is the exact decimal value of x for every double this module formats.
  const exact = Math.abs(x).toFixed(100);
  const dot = exact.indexOf(".");
  const tail = exact.slice(dot + 3);
  if (!/^50*$/.test(tail)) return rounded;
  const lastKept = Number(exact[dot + 2]);
  if (lastKept % 2 === 1) return rounded; // toFixed rounded away from zero: already even.
  const truncated = exact.slice(0, dot + 3);
  return x < 0 && /[1-9]/.test(truncated) ? `-${truncated}` : truncated;
}

const UNITS = ["B", "KB", "MB", "GB", "TB", "PB"] as const;

/**
 * A byte count in the largest unit (steps of 1024) that keeps the value at least 1, as Keras's
 * `readable_memory_size`.
 *
 * @example
 * ```ts
 * readableMemorySize(1066440); // "1.02 MB"
 * readableMemorySize(0);       // "0.00 B"
 * ```
 */
export function readableMemorySize(bytes: number): string {
  let size = bytes;
  for (const unit of UNITS) {
    if (size / 1024 < 1) return `${formatFixed2(size)} ${unit}`;
    size /= 1024;
  }
  return `${formatFixed2(size)} ${UNITS[UNITS.length - 1]}`;
}

/**
 * A shape as the summary prints it: `(None, 784)`. Unlike Python's tuple repr (and
 * `core/shape.formatShape`), a rank-1 shape prints without a trailing comma: `(None)`.
 *
 * @example
 * ```ts
 * formatSummaryShape([null, 28, 28]); // "(None, 28, 28)"
 * formatSummaryShape([null]);         // "(None)"
 * ```
 */
export function formatSummaryShape(shape: SymbolicShape): string {
  return `(${shape.map((d) => (d === null ? "None" : String(d))).join(", ")})`;
}

/** A (possibly nested) structure of shapes: one shape, an array of structures, or a record of them. */
export type ShapeStructure =
  SymbolicShape | readonly ShapeStructure[] | { readonly [key: string]: ShapeStructure };

function isShape(s: ShapeStructure): s is SymbolicShape {
  return Array.isArray(s) && s.every((d) => d === null || typeof d === "number");
}

function flatCount(s: ShapeStructure): number {
  if (isShape(s)) return 1;
  const items = Array.isArray(s) ? s : Object.values(s);
  return (items as ShapeStructure[]).reduce((n: number, item) => n + flatCount(item), 0);
}

function reprStructure(s: ShapeStructure): string {
  if (isShape(s)) return formatSummaryShape(s);
  if (Array.isArray(s)) return `[${(s as ShapeStructure[]).map(reprStructure).join(", ")}]`;
  const entries = Object.entries(s as { [key: string]: ShapeStructure });
  return `{${entries.map(([k, v]) => `${k}: ${reprStructure(v)}`).join(", ")}}`;
}

/**
 * A layer's output shapes as the summary's "Output Shape" cell: the shape itself when there is one
 * output, else the repr of the structure without quotes, e.g. `[(None, 2), (None, 4)]`.
 * An empty array of shapes is not a shape: pass `[]` inside a structure for a scalar output.
 *
 * @example
 * ```ts
 * formatOutputShapes([null, 10]);                // "(None, 10)"
 * formatOutputShapes([[null, 2], [null, 4]]);    // "[(None, 2), (None, 4)]"
 * formatOutputShapes({ a: [null, 2], b: [null] }); // "{a: (None, 2), b: (None)}"
 * ```
 */
export function formatOutputShapes(structure: ShapeStructure): string {
  if (!isShape(structure) && flatCount(structure) === 1) {
    let s: ShapeStructure = structure;
    while (!isShape(s)) {
      const items = (Array.isArray(s) ? s : Object.values(s)) as ShapeStructure[];
      s = items.find((item) => flatCount(item) > 0)!;
    }
    return formatSummaryShape(s);
  }
  return reprStructure(structure);
}
