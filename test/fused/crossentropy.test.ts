// The fused sparse categorical cross-entropy op against the op chain it replaces (normalize →
// clip → log → one-hot → sum, or log-softmax for logits): values bitwise, gradients within float
// rounding of the chain's and of float64 finite differences; the clip's dead zone passes no gradient.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { fusedSparseCrossentropy } from "../../src/ops/fused-crossentropy.js";
import { checkGradients } from "../helpers/gradcheck.js";
import { BACKENDS, assertBitwise, input, onBackend } from "./helpers.js";

const { ops, losses } = keras;
type T = keras.Tensor;
const labels = new keras.Tensor(Int32Array.from([0, 3, 1, 2, 3, 0]), [6], "int32");

/** Positive rows summing to ~1.3 (not normalized), one row with a class at ~1 to hit the clip. */
function probs(dtype: "float32" | "float64"): T {
  const raw = input([6, 4], 3, dtype);
  const v = raw.values.map((x) => 0.05 + Math.abs(x) / 3);
  v[4 * 4 + 3] = 1;
  v[4 * 4] = v[4 * 4 + 1] = v[4 * 4 + 2] = 0;
  return new keras.Tensor(v, [6, 4], dtype);
}

/** The unfused chain: `ignoreClass` set to an absent label keeps every row and takes that path. */
const chain = (l: T, p: T, fromLogits: boolean) =>
  losses.sparseCategoricalCrossentropy(l, p, { fromLogits, ignoreClass: -7 });

function gradOf(f: (p: T) => T, p: T): T {
  return keras.grad((q: T) => ops.sum(ops.multiply(f(q), ops.arange(1, 7, 1, p.dtype))) as T)(p) as T;
}

for (const backend of BACKENDS)
  for (const dtype of ["float32", "float64"] as const)
    for (const fromLogits of [false, true])
      test(`fused sparse CE = op chain (${backend}, ${dtype}, fromLogits ${fromLogits})`, () =>
        onBackend(backend, () => {
          const p = fromLogits ? input([6, 4], 9, dtype, 4) : probs(dtype);
          assertBitwise(fusedSparseCrossentropy(labels, p, fromLogits), chain(labels, p, fromLogits), "loss");
          const gf = gradOf((q) => fusedSparseCrossentropy(labels, q, fromLogits), p);
          const gc = gradOf((q) => chain(labels, q, fromLogits), p);
          const tol = dtype === "float32" ? 2e-6 : 1e-14;
          for (let i = 0; i < gf.size; i++) {
            const a = gf.values[i]!;
            const b = gc.values[i]!;
            assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `grad[${i}] ${a} vs ${b}`);
          }
        }));

test("fused sparse CE: clipped rows get no gradient, like the clip in the chain", () => {
  const g = gradOf((q) => fusedSparseCrossentropy(labels, q, false), probs("float64"));
  assert.deepEqual(Array.from(g.values.slice(16, 20)), [0, 0, 0, 0]);
  assert.ok(g.values.slice(0, 16).every((v) => v !== 0));
});

test("fused sparse CE: float64 gradients match finite differences", () => {
  const p = probs("float64");
  const rows = new keras.Tensor(Int32Array.from([0, 3, 1, 2]), [4], "int32");
  const head = ops.slice(p, [0, 0], [4, 4]) as T;
  checkGradients("sparseCE probs", (q) => fusedSparseCrossentropy(rows, q, false), [head]);
  checkGradients("sparseCE logits", (q) => fusedSparseCrossentropy(rows, q, true), [
    input([4, 4], 5, "float64", 3),
  ]);
});

test("keras.losses.sparseCategoricalCrossentropy keeps its checks on the fused path", () => {
  assert.throws(
    () =>
      losses.sparseCategoricalCrossentropy(
        [0, 4],
        [
          [0.5, 0.5],
          [0.5, 0.5],
        ],
      ),
    /Received a label value of 4 which is outside the valid range of \[0, 2\)/,
  );
  const out = losses.sparseCategoricalCrossentropy(
    [1, 2],
    [
      [0.05, 0.95, 0],
      [0.1, 0.8, 0.1],
    ],
  );
  assert.deepEqual(
    Array.from(out.values, (v) => Number(v.toFixed(4))),
    [0.0513, 2.3026],
  );
});
