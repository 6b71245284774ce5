/**
 * Einstein summation, reduced to ops that already have gradients: diagonals (multiply by an
 * identity mask, then sum), sums over labels nobody needs any more, pairwise contractions as one
 * batched matmul (transposes folded into the matmul's flags where the layout allows it) or a
 * broadcast multiply when nothing is contracted, and a final transpose to the output order.
 * This module parses and validates subscripts and runs a contraction; `einsum` itself lives in
 * linalg.ts, which supplies the matmul.
 */
import { ShapeError, ValueError } from "../core/errors.js";
import { formatShape, type SymbolicShape } from "../core/shape.js";
import type { Tensor } from "../core/tensor.js";
import { eye } from "./creation.js";
import { multiply } from "./binary.js";
import { expandDims, transpose } from "./manipulation.js";
import { sum } from "./reduction.js";
import { reshape } from "./shape.js";

/**
 * Axis labels of each operand and of the output; "…0", "…1", … stand for ellipsis dimensions.
 * @example `parseEinsum("...ij->...ji", [[5, 2, 3]])` gives inputs [["…0", "i", "j"]], output ["…0", "j", "i"].
 */
export interface EinsumPlan {
  inputs: string[][];
  output: string[];
  /** Output shape (null where an input dimension is unknown). */
  shape: (number | null)[];
}

/**
 * Batched matmul with transpose flags, as linalg.ts provides it.
 * @example `const mm: MatmulFn = (a, b, tA, tB) => ...; mm(q, k, false, true) // q·kᵀ`
 */
export type MatmulFn = (a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean) => Tensor;

const ELLIPSIS = "…";

function fail(subscripts: string, why: string): ValueError {
  return new ValueError(`einsum: invalid subscripts "${subscripts}": ${why}`, { op: "einsum", subscripts });
}

/** Splits one term into its letters and the position of "..." (or -1). */
function parseTerm(term: string, subscripts: string): { letters: string[]; ellipsisAt: number } {
  const parts = term.split("...");
  if (parts.length > 2) throw fail(subscripts, `"..." appears more than once in "${term}".`);
  const letters: string[] = [];
  for (const ch of parts.join("")) {
    if (!/[a-zA-Z]/.test(ch))
      throw fail(subscripts, `"${ch}" is not a letter; use a-z, A-Z, ",", "->" and "...".`);
    letters.push(ch);
  }
  return { letters, ellipsisAt: parts.length === 2 ? parts[0]!.length : -1 };
}

function ellipsisLabels(count: number, total: number): string[] {
  return Array.from({ length: count }, (_, i) => `${ELLIPSIS}${total - count + i}`);
}

/**
 * Parses `subscripts` for operands of the given shapes: validates ranks, label sizes (letters must
 * agree; ellipsis dimensions broadcast) and the output, and infers the output shape.
 * @example `parseEinsum("ij,jk->ik", [[2, 3], [3, 4]]).shape // [2, 4]`
 */
export function parseEinsum(subscripts: string, shapes: readonly SymbolicShape[]): EinsumPlan {
  const spec = subscripts.replace(/\s+/g, "");
  const arrow = spec.split("->");
  if (arrow.length > 2) throw fail(subscripts, `"->" appears more than once.`);
  const terms = arrow[0]!.split(",");
  if (terms.length !== shapes.length) {
    throw fail(subscripts, `it names ${terms.length} operand(s) but ${shapes.length} were given.`);
  }
  const parsed = terms.map((t) => parseTerm(t, subscripts));
  const ellipsisDims = parsed.map((p, i) => {
    const rank = shapes[i]!.length;
    const extra = rank - p.letters.length;
    if (extra < 0 || (p.ellipsisAt < 0 && extra !== 0)) {
      throw new ShapeError(
        `einsum: operand ${i} has shape ${formatShape(shapes[i]!)} (rank ${rank}) but its subscripts "${terms[i]}" ` +
          `name ${p.letters.length} axes${p.ellipsisAt >= 0 ? " plus an ellipsis" : ""}.`,
        { op: "einsum", shapes },
      );
    }
    return extra;
  });
  const total = Math.max(0, ...ellipsisDims);
  const inputs = parsed.map((p, i) =>
    p.ellipsisAt < 0
      ? p.letters
      : [
          ...p.letters.slice(0, p.ellipsisAt),
          ...ellipsisLabels(ellipsisDims[i]!, total),
          ...p.letters.slice(p.ellipsisAt),
        ],
  );
  const sizes = labelSizes(inputs, shapes, subscripts);
  let output: string[];
  if (arrow.length === 2) {
    const out = parseTerm(arrow[1]!, subscripts);
    output =
      out.ellipsisAt < 0
        ? out.letters
        : [
            ...out.letters.slice(0, out.ellipsisAt),
            ...ellipsisLabels(total, total),
            ...out.letters.slice(out.ellipsisAt),
          ];
    for (const l of out.letters) {
      if (!sizes.has(l)) throw fail(subscripts, `output label "${l}" does not appear in any input.`);
      if (out.letters.indexOf(l) !== out.letters.lastIndexOf(l))
        throw fail(subscripts, `output label "${l}" is repeated.`);
    }
  } else {
    const counts = new Map<string, number>();
    for (const l of inputs.flat()) if (!l.startsWith(ELLIPSIS)) counts.set(l, (counts.get(l) ?? 0) + 1);
    const once = [...counts]
      .filter(([, n]) => n === 1)
      .map(([l]) => l)
      .sort();
    output = [...ellipsisLabels(total, total), ...once];
  }
  return { inputs, output, shape: output.map((l) => sizes.get(l)!) };
}

/** Size of every label; letters must agree, ellipsis dimensions broadcast (1 against n). */
function labelSizes(
  inputs: string[][],
  shapes: readonly SymbolicShape[],
  subscripts: string,
): Map<string, number | null> {
  const sizes = new Map<string, number | null>();
  const where = new Map<string, number>();
  inputs.forEach((labels, i) =>
    labels.forEach((l, axis) => {
      const d = shapes[i]![axis]!;
      if (!sizes.has(l)) {
        sizes.set(l, d);
        where.set(l, i);
        return;
      }
      const prev = sizes.get(l)!;
      if (d === null || prev === d) return;
      if (prev === null) sizes.set(l, d);
      else if (l.startsWith(ELLIPSIS) && (prev === 1 || d === 1)) sizes.set(l, prev === 1 ? d : prev);
      else {
        const name = l.startsWith(ELLIPSIS) ? "an ellipsis dimension" : `label "${l}"`;
        throw new ShapeError(
          `einsum: in "${subscripts}", ${name} has size ${prev} in operand ${where.get(l)} but size ${d} in operand ${i} ` +
            `(shapes ${shapes.map(formatShape).join(", ")}).`,
          { op: "einsum", shapes },
        );
      }
    }),
  );
  return sizes;
}

interface Labeled {
  t: Tensor;
  labels: string[];
}

/** Takes diagonals over repeated labels and sums labels absent from `keep`. */
function reduceOperand(x: Labeled, keep: ReadonlySet<string>): Labeled {
  let { t, labels } = x;
  for (let q = 0; q < labels.length; q++) {
    const p = labels.indexOf(labels[q]!);
    if (p === q) continue;
    const n = t.shape[p]!;
    const maskShape = t.shape.map((_d, i) => (i === p || i === q ? n : 1));
    t = sum(multiply(t, reshape(eye(n, n, 0, t.dtype), maskShape)), q);
    labels = labels.filter((_l, i) => i !== q);
    q--;
  }
  const drop = labels.map((l, i) => (keep.has(l) ? -1 : i)).filter((i) => i >= 0);
  if (drop.length) {
    t = sum(t, drop);
    labels = labels.filter((l) => keep.has(l));
  }
  return { t, labels };
}

/** Permutes `x` so its labels read `order` (a permutation of its labels). */
function arrange(x: Labeled, order: readonly string[]): Tensor {
  return transpose(
    x.t,
    order.map((l) => x.labels.indexOf(l)),
  );
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((l, i) => l === b[i]);
const product = (dims: readonly number[]) => dims.reduce((p, d) => p * d, 1);

/** Lays `x` out as [...batch, rows, cols] for a matmul, using the transpose flag instead of a copy when possible. */
function asMatrix(
  x: Labeled,
  batch: string[],
  rows: string[],
  cols: string[],
): { m: Tensor; transposed: boolean } {
  const size = (l: string) => x.t.shape[x.labels.indexOf(l)]!;
  const head = batch.map(size);
  const r = product(rows.map(size));
  const c = product(cols.map(size));
  if (same(x.labels, [...batch, ...cols, ...rows]))
    return { m: reshape(x.t, [...head, c, r]), transposed: true };
  return { m: reshape(arrange(x, [...batch, ...rows, ...cols]), [...head, r, c]), transposed: false };
}

/** Contracts two operands, keeping the labels in `keep`. */
function contract(x: Labeled, y: Labeled, keep: ReadonlySet<string>, matmul: MatmulFn): Labeled {
  const inY = new Set(y.labels);
  const inX = new Set(x.labels);
  x = reduceOperand(x, new Set([...keep, ...inY]));
  y = reduceOperand(y, new Set([...keep, ...inX]));
  const shared = x.labels.filter((l) => y.labels.includes(l));
  const batch = shared.filter((l) => keep.has(l));
  let summed = shared.filter((l) => !keep.has(l));
  const freeX = x.labels.filter((l) => !y.labels.includes(l));
  const freeY = y.labels.filter((l) => !x.labels.includes(l));
  // A broadcast (size-1 against n) contracted ellipsis dimension: sum the n side first.
  for (const l of summed) {
    const dx = x.t.shape[x.labels.indexOf(l)]!;
    const dy = y.t.shape[y.labels.indexOf(l)]!;
    if (dx !== dy && dx === 1) y = { t: sum(y.t, y.labels.indexOf(l), true), labels: y.labels };
    if (dx !== dy && dy === 1) x = { t: sum(x.t, x.labels.indexOf(l), true), labels: x.labels };
  }
  if (summed.length === 0) {
    // Nothing to contract: a broadcast product laid out as [...batch, ...freeX, ...freeY].
    const labels = [...batch, ...freeX, ...freeY];
    const xt = expandDims(
      arrange(x, [...batch, ...freeX]),
      freeY.map((_l, i) => batch.length + freeX.length + i),
    );
    const yt = expandDims(
      arrange(y, [...batch, ...freeY]),
      freeX.map((_l, i) => batch.length + i),
    );
    return { t: multiply(xt, yt), labels };
  }
  // Contract in x's order when x is already laid out for the matmul, else in y's (y may then be).
  const xReady =
    same(x.labels, [...batch, ...freeX, ...summed]) || same(x.labels, [...batch, ...summed, ...freeX]);
  if (!xReady) summed = y.labels.filter((l) => summed.includes(l));
  const a = asMatrix(x, batch, freeX, summed);
  const b = asMatrix(y, batch, summed, freeY);
  const out = matmul(a.m, b.m, a.transposed, b.transposed);
  const batchShape = out.shape.slice(0, batch.length);
  const sizeX = freeX.map((l) => x.t.shape[x.labels.indexOf(l)]!);
  const sizeY = freeY.map((l) => y.t.shape[y.labels.indexOf(l)]!);
  return { t: reshape(out, [...batchShape, ...sizeX, ...sizeY]), labels: [...batch, ...freeX, ...freeY] };
}

/**
 * Evaluates a parsed einsum on concrete operands (already of one dtype), left to right.
 * @example `runEinsum(parseEinsum("ij->ji", [[2, 3]]), [x], matmulFn).shape // [3, 2]`
 */
export function runEinsum(plan: EinsumPlan, operands: readonly Tensor[], matmul: MatmulFn): Tensor {
  const list: Labeled[] = operands.map((t, i) => ({ t, labels: plan.inputs[i]! }));
  const needed = (from: number) => new Set([...plan.output, ...list.slice(from).flatMap((x) => x.labels)]);
  let acc = reduceOperand(list[0]!, needed(1));
  for (let i = 1; i < list.length; i++) acc = contract(acc, list[i]!, needed(i + 1), matmul);
  acc = reduceOperand(acc, new Set(plan.output));
  return arrange(acc, plan.output);
}
