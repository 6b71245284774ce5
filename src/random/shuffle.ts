/**
 * Random permutations: `shuffle` along an axis and `permutation`, both Fisher–Yates driven by one
 * Philox stream. `shuffle` is two ops (draw a permutation, permute along the axis), so it works on
 * symbolic tensors (a fresh permutation at each run) and is differentiable: the gradient is the
 * upstream gradient permuted back.
 */
import { ValueError } from "../core/errors.js";
import { normalizeAxis, sizeOf } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { toOpTensor, type OpInput, type OpResult } from "../ops/convert.js";
import { runOp1, type OpDef } from "../ops/op.js";
import type { SeedOptions } from "./distributions.js";
import { drawStream, type Seed } from "./seed-generator.js";

/** A uniformly random permutation of 0..n-1 (Fisher–Yates, Durstenfeld's in-place form). */
function randomPermutation(n: number, seed: Seed): Int32Array {
  const stream = drawStream(seed);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = stream.nextBelow(i + 1);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm;
}

/** Draws a permutation of the indices of `x` along `axis` (no gradient: it is a constant). */
const drawPermutationDef: OpDef<{ axis: number; seed: Seed }> = {
  name: "randomPermutation",
  infer: ([x], { axis }) => [{ shape: [x!.shape[axis]!], dtype: "int32" }],
  forward: ([x], { axis, seed }) => [randomPermutation(x!.shape[axis]!, seed)],
};

/** `y[..., i, ...] = x[..., perm[i], ...]` along `axis`. */
const permuteAxisDef: OpDef<{ axis: number }> = {
  name: "permuteAxis",
  infer: ([x]) => [{ shape: x!.shape, dtype: x!.dtype }],
  forward: ([x, perm], { axis }) => {
    const src = x!.values;
    const dst = src.slice();
    const n = x!.shape[axis]!;
    const inner = sizeOf(x!.shape.slice(axis + 1));
    const outer = sizeOf(x!.shape.slice(0, axis));
    for (let o = 0; o < outer; o++) {
      const base = o * n * inner;
      for (let i = 0; i < n; i++) {
        const from = base + perm!.values[i]! * inner;
        dst.set(src.subarray(from, from + inner), base + i * inner);
      }
    }
    return [dst];
  },
  vjp: ([g], [, perm], _outputs, attrs) => {
    const inverse = new Int32Array(perm!.size);
    perm!.values.forEach((p, i) => (inverse[p] = i));
    return [runOp1(permuteAxisDef, [g!, new Tensor(inverse, perm!.shape, "int32")], attrs), null];
  },
};

/** Options of `shuffle`. */
export interface ShuffleOptions extends SeedOptions {
  /** The axis to shuffle along. Default 0. */
  axis?: number;
}

/**
 * Shuffles the elements of `x` along `axis` uniformly at random.
 *
 * @example
 * ```ts
 * keras.random.shuffle([[1, 2], [3, 4], [5, 6]], { seed: 1 }); // the three rows in a random order
 * ```
 */
export function shuffle<T extends OpInput>(x: T, options: ShuffleOptions = {}): OpResult<T> {
  const xt = toOpTensor(x);
  const axis = normalizeAxis(options.axis ?? 0, xt.rank, "keras.random.shuffle");
  const perm = runOp1(drawPermutationDef, [xt], { axis, seed: options.seed });
  return runOp1(permuteAxisDef, [xt, perm], { axis }) as OpResult<T>;
}

/**
 * A random permutation: of `0..n-1` (int32) when given a number, or of `x`'s first axis otherwise
 * (like `numpy.random.permutation`).
 *
 * @example
 * ```ts
 * keras.random.permutation(5, { seed: 0 }).arraySync(); // e.g. [3, 0, 4, 1, 2]
 * ```
 */
export function permutation(n: number, options?: SeedOptions): Tensor;
export function permutation<T extends OpInput>(x: T, options?: SeedOptions): OpResult<T>;
export function permutation(x: OpInput, options: SeedOptions = {}): Tensor | OpResult<OpInput> {
  if (typeof x !== "number") return shuffle(x, { axis: 0, seed: options.seed });
  if (!Number.isInteger(x) || x < 0) {
    throw new ValueError(`keras.random.permutation: n must be a non-negative integer. Received: ${x}.`, {
      n: x,
    });
  }
  return new Tensor(randomPermutation(x, options.seed), [x], "int32");
}
