/**
 * Products: matmul (NumPy rules, batch broadcasting), dot, tensordot, outer and einsum. Only matmul
 * is a primitive with its own VJP (transposes ride on the kernel's flags, never materialized); the
 * others are compositions of reshape/transpose/sum/multiply/matmul, so their gradients come free.
 * Compositions on symbolic tensors infer their output shape once and replay on concrete values.
 */
import { isFloat, type DType } from "../core/dtype.js";
import { ShapeError, ValueError } from "../core/errors.js";
import { broadcastShapes, formatShape, normalizeAxis, type SymbolicShape } from "../core/shape.js";
import { Node, SymbolicTensor, type AnyTensor } from "../core/symbolic.js";
import type { Tensor } from "../core/tensor.js";
import { multiply } from "./binary.js";
import { cast } from "./cast.js";
import { promoteInputs, type OpInput, type OpResult } from "./convert.js";
import { parseEinsum, runEinsum } from "./einsum.js";
import { runOp1, type OpDef } from "./op.js";
import { transpose } from "./manipulation.js";
import { reshape } from "./shape.js";

interface MatmulAttrs {
  transposeA: boolean;
  transposeB: boolean;
  op: string;
}

const last = <T>(s: readonly T[], i: number) => s[s.length - i]!;

/** Promotes 1-D operands to matrices ([K] → [1, K] for a, [K, 1] for b). */
const asA = (s: SymbolicShape): SymbolicShape => (s.length === 1 ? [1, s[0]!] : s);
const asB = (s: SymbolicShape): SymbolicShape => (s.length === 1 ? [s[0]!, 1] : s);

/** Output shape of matmul with NumPy rules; validates ranks, inner sizes and batch broadcasting. */
function matmulShape(
  a: SymbolicShape,
  b: SymbolicShape,
  { transposeA, transposeB, op }: MatmulAttrs,
): (number | null)[] {
  const shapes = `${formatShape(a)} and ${formatShape(b)}`;
  if (a.length === 0 || b.length === 0) {
    throw new ShapeError(
      `${op}: incompatible shapes ${shapes}: matmul does not accept scalars; use multiply instead.`,
      {
        op,
        shapes: [a, b],
      },
    );
  }
  const a2 = asA(a);
  const b2 = asB(b);
  const kA = transposeA ? last(a2, 2) : last(a2, 1);
  const kB = transposeB ? last(b2, 1) : last(b2, 2);
  if (kA !== null && kB !== null && kA !== kB) {
    const whereA = a.length === 1 ? "the only axis of a" : "the last axis of a";
    const whereB = b.length === 1 ? "the only axis of b" : "the second-to-last axis of b";
    throw new ShapeError(
      `${op}: incompatible shapes ${shapes}: ${whereA} (${kA}) must equal ${whereB} (${kB}).`,
      {
        op,
        shapes: [a, b],
      },
    );
  }
  let batch: (number | null)[];
  try {
    batch = broadcastShapes([a2.slice(0, -2), b2.slice(0, -2)], op);
  } catch {
    throw new ShapeError(
      `${op}: incompatible shapes ${shapes}: the batch dimensions ${formatShape(a2.slice(0, -2))} and ` +
        `${formatShape(b2.slice(0, -2))} cannot be broadcast together.`,
      { op, shapes: [a, b] },
    );
  }
  const out = [...batch];
  if (a.length > 1) out.push(transposeA ? last(a2, 1) : last(a2, 2));
  if (b.length > 1) out.push(transposeB ? last(b2, 2) : last(b2, 1));
  return out;
}

/** The batch dims of a matmul output: its shape less the matrix axes that 1-D operands did not drop. */
function batchOf<T>(out: readonly T[], a: { rank: number }, b: { rank: number }): T[] {
  return out.slice(0, out.length - (a.rank > 1 ? 1 : 0) - (b.rank > 1 ? 1 : 0));
}

/** Removes axis `axis` (negative) of `g`, a size-1 axis that a 1-D operand gained. */
function dropAxis(g: Tensor, axis: number): Tensor {
  return reshape(
    g,
    g.shape.filter((_d, i) => i !== g.rank + axis),
  );
}

const matmulDef: OpDef<MatmulAttrs> = {
  name: "matmul",
  infer: ([a, b], attrs) => [{ shape: matmulShape(a!.shape, b!.shape, attrs), dtype: a!.dtype }],
  forward: ([a, b], { transposeA, transposeB }, [out], backend) => {
    const a2 = { values: a!.values, shape: asA(a!.shape) as number[], dtype: a!.dtype };
    const b2 = { values: b!.values, shape: asB(b!.shape) as number[], dtype: b!.dtype };
    const M = transposeA ? last(a2.shape, 1) : last(a2.shape, 2);
    const N = transposeB ? last(b2.shape, 2) : last(b2.shape, 1);
    return [backend.matmul(a2, b2, transposeA, transposeB, [...batchOf(out!.shape, a!, b!), M, N])];
  },
  vjp: ([dy], [a, b], _out, { transposeA: tA, transposeB: tB }, [needA, needB]) => {
    const a2 = reshape(a!, asA(a!.shape) as number[]);
    const b2 = reshape(b!, asB(b!.shape) as number[]);
    const M = tA ? last(a2.shape, 1) : last(a2.shape, 2);
    const N = tB ? last(b2.shape, 2) : last(b2.shape, 1);
    const dy2 = reshape(dy!, [...batchOf(dy!.shape, a!, b!), M, N]);
    // y = op(A)·op(B): d op(A) = dY·op(B)ᵀ, d op(B) = op(A)ᵀ·dY; undo op() by swapping the product.
    // Skip the product for an input no gradient is wanted for (e.g. a model's input batch).
    const da = !needA ? null : tA ? matmulT(b2, dy2, tB, true) : matmulT(dy2, b2, false, !tB);
    let db: Tensor | null;
    if (!needB) db = null;
    else if (b2.rank === 2 && a2.rank > 2 && !tA) {
      // A shared B (as in Dense on 3-D input): fold A's batch into rows instead of a batched product.
      const K = last(a2.shape, 1);
      const af = reshape(a2, [-1, K]);
      const df = reshape(dy2, [-1, N]);
      db = tB ? matmulT(df, af, true, false) : matmulT(af, df, true, false);
    } else {
      db = tB ? matmulT(dy2, a2, true, tA) : matmulT(a2, dy2, !tA, false);
    }
    // Drop the axis a 1-D operand gained; the tape sums broadcast batch dims.
    return [da && a!.rank === 1 ? dropAxis(da, -2) : da, db && b!.rank === 1 ? dropAxis(db, -1) : db];
  },
};

/** Batched matmul of eager tensors of one dtype with transpose flags (used by VJPs and einsum). */
function matmulT(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor {
  return runOp1(matmulDef, [a, b], { transposeA, transposeB, op: "matmul" }) as Tensor;
}

/** Runs `f` with bool/uint8 operands as int32, casting the result back (the kernel sums in int32). */
function viaInt32(xs: AnyTensor[], f: (xs: AnyTensor[]) => AnyTensor): AnyTensor {
  const dtype = xs[0]!.dtype;
  if (isFloat(dtype) || dtype === "int32") return f(xs);
  return cast(f(xs.map((x) => cast(x, "int32"))), dtype);
}

function product(a: AnyTensor, b: AnyTensor, op: string): AnyTensor {
  return viaInt32([a, b], ([x, y]) =>
    runOp1(matmulDef, [x!, y!], { transposeA: false, transposeB: false, op }),
  );
}

/**
 * Matrix product with NumPy semantics: 2-D operands multiply as matrices; leading (batch) dims
 * broadcast; a 1-D operand is promoted to a matrix (a row for `a`, a column for `b`) and the added
 * axis removed from the result. Unknown (`null`) dims pass through symbolic shapes.
 * @throws ShapeError naming both shapes when the inner sizes or batch dims disagree, or for scalars.
 * @example
 * ```ts
 * keras.ops.matmul([[1, 2], [3, 4]], [[5], [6]]).arraySync(); // [[17], [39]]
 * keras.ops.matmul(keras.ops.ones([8, 2, 3]), keras.ops.ones([3, 4])).shape; // [8, 2, 4]
 * const x = keras.Input({ shape: [784] });
 * keras.ops.matmul(x, keras.ops.zeros([784, 300])).shape;     // [null, 300]
 * ```
 */
export function matmul<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  const [x, y] = promoteInputs([a, b], "matmul") as [AnyTensor, AnyTensor];
  return product(x, y, "matmul") as OpResult<A | B>;
}

/**
 * A composition of ops with a known output spec: eager inputs run `fn` directly (recording every
 * inner op on the tape); symbolic inputs get one symbolic output whose node replays `fn`.
 */
function composite(
  name: string,
  inputs: AnyTensor[],
  shape: SymbolicShape,
  dtype: DType,
  fn: (xs: Tensor[]) => Tensor,
): AnyTensor {
  if (!inputs.some((x) => x.isSymbolic)) return fn(inputs as Tensor[]);
  const out = new SymbolicTensor(shape, dtype);
  const symbolic = inputs.filter((x): x is SymbolicTensor => x.isSymbolic);
  const replay = (values: readonly Tensor[]) => {
    let k = 0;
    return [fn(inputs.map((x) => (x.isSymbolic ? values[k++]! : x)))];
  };
  out.history = { node: new Node({ name }, symbolic, [out], replay), index: 0 };
  return out;
}

/** Normalizes tensordot's `axes` into two equal-length lists of axes. */
function tensordotAxes(
  a: SymbolicShape,
  b: SymbolicShape,
  axes: number | readonly [number | readonly number[], number | readonly number[]],
): [number[], number[]] {
  if (typeof axes === "number") {
    if (!Number.isInteger(axes) || axes < 0 || axes > a.length || axes > b.length) {
      throw new ValueError(
        `tensordot: axes=${axes} must be an integer in [0, ${Math.min(a.length, b.length)}] for shapes ${formatShape(a)} and ${formatShape(b)}.`,
        { op: "tensordot", axes },
      );
    }
    return [
      Array.from({ length: axes }, (_, i) => a.length - axes + i),
      Array.from({ length: axes }, (_, i) => i),
    ];
  }
  const list = (x: number | readonly number[]) => (typeof x === "number" ? [x] : [...x]);
  const ax = list(axes[0]).map((i) => normalizeAxis(i, a.length, "tensordot"));
  const bx = list(axes[1]).map((i) => normalizeAxis(i, b.length, "tensordot"));
  if (ax.length !== bx.length || new Set(ax).size !== ax.length || new Set(bx).size !== bx.length) {
    throw new ValueError(
      `tensordot: axes ${JSON.stringify(axes)} must name the same number of distinct axes of a and b.`,
      { op: "tensordot", axes },
    );
  }
  return [ax, bx];
}

function tensordotImpl(x: AnyTensor, y: AnyTensor, ax: number[], bx: number[], op: string): AnyTensor {
  const freeA = x.shape.map((_d, i) => i).filter((i) => !ax.includes(i));
  const freeB = y.shape.map((_d, i) => i).filter((i) => !bx.includes(i));
  ax.forEach((i, k) => {
    const da = x.shape[i]!;
    const db = y.shape[bx[k]!]!;
    if (da !== null && db !== null && da !== db) {
      throw new ShapeError(
        `${op}: incompatible shapes ${formatShape(x.shape)} and ${formatShape(y.shape)}: axis ${i} of a (${da}) ` +
          `must equal axis ${bx[k]} of b (${db}).`,
        { op, shapes: [x.shape, y.shape] },
      );
    }
  });
  const shape = [...freeA.map((i) => x.shape[i]!), ...freeB.map((i) => y.shape[i]!)];
  return composite(op, [x, y], shape, x.dtype, ([a, b]) => {
    const size = (t: Tensor, axes: number[]) => axes.reduce((p, i) => p * t.shape[i]!, 1);
    const am = reshape(transpose(a!, [...freeA, ...ax]), [size(a!, freeA), size(a!, ax)]);
    const bm = reshape(transpose(b!, [...bx, ...freeB]), [size(b!, bx), size(b!, freeB)]);
    return reshape(product(am, bm, op), [
      ...freeA.map((i) => a!.shape[i]!),
      ...freeB.map((i) => b!.shape[i]!),
    ]) as Tensor;
  });
}

/**
 * Sum of products over `axes`: an integer n contracts the last n axes of `a` with the first n of
 * `b`; a pair `[axesA, axesB]` names them. The result has a's free axes, then b's.
 * @example
 * ```ts
 * keras.ops.tensordot(keras.ops.ones([2, 3, 4]), keras.ops.ones([3, 4, 5])).shape;         // [2, 5]
 * keras.ops.tensordot(keras.ops.ones([3, 2]), keras.ops.ones([3, 5]), [[0], [0]]).shape;   // [2, 5]
 * ```
 */
export function tensordot<A extends OpInput, B extends OpInput>(
  a: A,
  b: B,
  axes: number | readonly [number | readonly number[], number | readonly number[]] = 2,
): OpResult<A | B> {
  const [x, y] = promoteInputs([a, b], "tensordot") as [AnyTensor, AnyTensor];
  const [ax, bx] = tensordotAxes(x.shape, y.shape, axes);
  return viaInt32([x, y], ([p, q]) => tensordotImpl(p!, q!, ax, bx, "tensordot")) as OpResult<A | B>;
}

/**
 * NumPy's dot: scalars multiply; 1-D·1-D is the inner product; with a 1-D or 2-D `b` (or 1-D `a`) it is
 * matmul; otherwise it sums over the last axis of `a` and the second-to-last of `b`.
 * @example
 * ```ts
 * keras.ops.dot([1, 2, 3], [4, 5, 6]).item();                                // 32
 * keras.ops.dot(keras.ops.ones([2, 3, 4]), keras.ops.ones([5, 4, 6])).shape; // [2, 3, 5, 6]
 * ```
 */
export function dot<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  const [x, y] = promoteInputs([a, b], "dot") as [AnyTensor, AnyTensor];
  if (x.rank === 0 || y.rank === 0) return multiply(x, y) as OpResult<A | B>;
  if (y.rank <= 2 || x.rank === 1) return product(x, y, "dot") as OpResult<A | B>;
  return viaInt32([x, y], ([p, q]) => tensordotImpl(p!, q!, [x.rank - 1], [y.rank - 2], "dot")) as OpResult<
    A | B
  >;
}

/**
 * Outer product of the flattened inputs: `out[i, j] = a[i] * b[j]`.
 * @example `keras.ops.outer([1, 2], [3, 4, 5]).arraySync() // [[3, 4, 5], [6, 8, 10]]`
 */
export function outer<A extends OpInput, B extends OpInput>(a: A, b: B): OpResult<A | B> {
  const [x, y] = promoteInputs([a, b], "outer") as [AnyTensor, AnyTensor];
  return multiply(reshape(x, [-1, 1]), reshape(y, [1, -1])) as OpResult<A | B>;
}

/**
 * Einstein summation over `subscripts` ("ij,jk->ik"; implicit output when "->" is absent; "..."
 * for broadcast dimensions; repeated labels in one operand take its diagonal).
 * @example
 * ```ts
 * keras.ops.einsum("ij,jk->ik", a, b);          // matmul
 * keras.ops.einsum("bhqd,bhkd->bhqk", q, k);   // attention scores
 * keras.ops.einsum("ii->i", m);                 // diagonal
 * keras.ops.einsum("...ij->...ji", x);          // batched transpose
 * ```
 */
export function einsum<T extends OpInput[]>(subscripts: string, ...operands: T): OpResult<T[number]> {
  if (operands.length === 0)
    throw new ValueError(`einsum: "${subscripts}" needs at least one operand.`, { op: "einsum" });
  const xs = promoteInputs(operands, "einsum");
  const plan = parseEinsum(
    subscripts,
    xs.map((x) => x.shape),
  );
  const run = (ys: AnyTensor[]) =>
    composite("einsum", ys, plan.shape, ys[0]!.dtype, (ts) => runEinsum(plan, ts, matmulT));
  return viaInt32(xs, run) as OpResult<T[number]>;
}
