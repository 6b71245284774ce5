// The fused Dense op (one backend call forward, one backward) against the op composition it
// replaces — matmul → add → relu — bitwise on each backend, plus float64 finite differences,
// higher-order gradients (composed VJP under an outer tape), rank-3 inputs and the layer using it.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { fusedDense } from "../../src/ops/fused-dense.js";
import { computeLoss } from "../../src/trainer/steps.js";
import { backend as currentBackend } from "../../src/backends/registry.js";
import { nativeAvailable } from "../../src/backends/native/index.js";
import { assertThrowsWith, checkGradients, f64 } from "../helpers/gradcheck.js";
import { BACKENDS, assertBitwise, input, onBackend } from "./helpers.js";

const { ops } = keras;
type T = keras.Tensor;

function composed(x: T, k: T, b: T | null, act: "relu" | "linear"): T {
  let y = ops.matmul(x, k) as T;
  if (b) y = ops.add(y, b) as T;
  return act === "relu" ? (ops.relu(y) as T) : y;
}

/** Value and gradients of sum(f(x, k, b) · r) with respect to x, k and b. */
function valueAndGrads(f: (x: T, k: T, b: T | null) => T, x: T, k: T, b: T | null) {
  const r = input([x.shape[0]!, k.shape[1]!], 77, x.dtype as "float32");
  const wrt = b ? [0, 1, 2] : [0, 1];
  const loss = (...xs: T[]) => ops.sum(ops.multiply(f(xs[0]!, xs[1]!, xs[2] ?? null), r)) as T;
  const { value, grads } = keras.valueAndGrad(loss, wrt)(...(b ? [x, k, b] : [x, k])) as {
    value: T;
    grads: T[];
  };
  return { y: f(x, k, b), value, grads };
}

for (const backend of BACKENDS)
  for (const dtype of ["float32", "float64"] as const)
    for (const act of ["relu", "linear"] as const)
      for (const withBias of [true, false])
        test(`fused dense = matmul+add+${act} bitwise (${backend}, ${dtype}, bias ${withBias})`, () =>
          onBackend(backend, () => {
            const x = input([33, 50], 1, dtype, 2);
            const k = input([50, 17], 2, dtype);
            const b = withBias ? input([17], 3, dtype) : null;
            const fused = valueAndGrads((a, c, d) => fusedDense(a, c, d, act), x, k, b);
            const plain = valueAndGrads((a, c, d) => composed(a, c, d, act), x, k, b);
            assertBitwise(fused.y, plain.y, "output");
            assertBitwise(fused.value, plain.value, "loss");
            fused.grads.forEach((g, i) => assertBitwise(g, plain.grads[i]!, `gradient ${i}`));
          }));

for (const backend of BACKENDS)
  test(`fused dense: float64 gradients match finite differences (${backend})`, () =>
    onBackend(backend, () => {
      const x = f64([4, 5], 1);
      const k = f64([5, 3], 2);
      const b = f64([3], 3, 0.2, 0.6); // keeps pre-activations away from relu's kink
      const err = checkGradients("fusedDense relu", (a, c, d) => fusedDense(a, c, d!, "relu"), [x, k, b]);
      assert.ok(err < 1e-7, `max error ${err}`);
      checkGradients("fusedDense linear", (a, c) => fusedDense(a, c, null, "linear"), [x, k]);
    }));

test("fused dense: rank-3 input folds leading axes and matches the composition", () => {
  const x = input([2, 3, 4], 5);
  const k = input([4, 6], 6);
  const b = input([6], 7);
  const y = fusedDense(x, k, b, "relu");
  assert.deepEqual(y.shape, [2, 3, 6]);
  assertBitwise(y, composed(x, k, b, "relu"), "rank-3 output");
});

test("fused dense: second-order gradients go through the composed VJP", () => {
  const x = f64([3, 4], 11);
  const k = f64([4, 2], 12);
  // d/dx of ||d/dk sum(dense(x, k)²)||²-style nested gradient, fused vs composed.
  const nested = (f: (a: T, c: T) => T) => {
    const inner = (a: T) => {
      const g = keras.grad((c: T) => ops.sum(ops.square(f(a, c))) as T)(k) as T;
      return ops.sum(ops.square(g)) as T;
    };
    return keras.grad(inner)(x) as T;
  };
  const fused = nested((a, c) => fusedDense(a, c, null, "linear"));
  const plain = nested((a, c) => composed(a, c, null, "linear"));
  for (let i = 0; i < fused.size; i++) assert.ok(Math.abs(fused.values[i]! - plain.values[i]!) < 1e-12);
  assert.ok(fused.values.some((v) => v !== 0));
});

test("fused dense: shape errors name the op and the shapes", () => {
  assertThrowsWith(
    () => fusedDense(input([2, 3], 1), input([4, 5], 2), null, "linear"),
    keras.ShapeError,
    "dense: incompatible shapes x (2, 3), kernel (4, 5)",
  );
});

for (const backend of BACKENDS)
  test(`Dense layer on the fused path equals the unfused layer math (${backend})`, () =>
    onBackend(backend, () => {
      const layer = new keras.layers.Dense(7, { activation: "relu" });
      const x = input([9, 5], 21);
      const y = layer.apply(x) as T;
      assertBitwise(y, composed(x, layer.kernel.value, layer.bias!.value, "relu"), "Dense relu");
      const soft = new keras.layers.Dense(3, { activation: "softmax" });
      const z = soft.apply(x) as T;
      const expected = ops.softmax(composed(x, soft.kernel.value, soft.bias!.value, "linear")) as T;
      assertBitwise(z, expected, "Dense softmax");
    }));

for (const backend of BACKENDS)
  test(`weight-gradient arrays reused across train steps stay correct for a shared layer (${backend})`, async () => {
    const before = keras.backend.getBackend();
    keras.backend.setBackend(backend);
    try {
      keras.utils.setRandomSeed(5);
      // Big enough (≥ 1024 elements) for the shared layer's arrays to be reused.
      const shared = new keras.layers.Dense(48, { activation: "relu" });
      const inp = keras.Input({ shape: [4] });
      const out = new keras.layers.Dense(3).apply(
        shared.apply(shared.apply(new keras.layers.Dense(48).apply(inp))),
      );
      const model = new keras.Model({ inputs: inp, outputs: out });
      model.compile({ optimizer: new keras.optimizers.SGD({ learningRate: 1 }), loss: "mse" });
      const x = input([32, 4], 1);
      const y = input([32, 3], 2);
      await model.trainOnBatch(x, y); // steps 1 and 2 leave arrays for step 3 to reuse
      await model.trainOnBatch(x, y);
      const weights = model.trainableWeights;
      const tape = new keras.GradientTape();
      const loss = tape.record(() => computeLoss(model, y, model.apply(x) as T));
      const grads = tape.gradient(loss, weights) as T[];
      const expected = weights.map((w, i) => ops.subtract(w.value, grads[i]!) as T);
      await model.trainOnBatch(x, y);
      weights.forEach((w, i) => assertBitwise(w.value, expected[i]!, `weight ${w.path}`));
    } finally {
      keras.backend.setBackend(before);
    }
  });

test("default train steps write Dense outputs and gradients into the previous step's arrays", async (t) => {
  if (!nativeAvailable()) return t.skip("the js backend allocates (it ignores the reuse hints)");
  const before = keras.backend.getBackend();
  keras.backend.setBackend("native");
  const b = currentBackend() as unknown as Record<"dense" | "denseGrad", (a: never) => unknown>;
  const [dense, denseGrad] = [b.dense, b.denseGrad];
  const made: unknown[][] = [];
  b.dense = (a) => {
    const out = dense(a);
    made.at(-1)!.push(out);
    return out;
  };
  b.denseGrad = (a) => {
    const g = denseGrad(a) as { dx: unknown; dKernel: unknown };
    made.at(-1)!.push(g.dx, g.dKernel);
    return g;
  };
  try {
    keras.utils.setRandomSeed(6);
    const model = new keras.Sequential([
      keras.Input({ shape: [40] }),
      new keras.layers.Dense(64, { activation: "relu" }),
      new keras.layers.Dense(48, { activation: "relu" }),
      new keras.layers.Dense(32),
    ]);
    model.compile({ optimizer: "sgd", loss: "mse" });
    // Arrays of 1024 elements or more are kept (smaller ones come from slabs): all of these.
    const x = input([32, 40], 3);
    const y = input([32, 32], 4);
    // Step 1's update moves the weights to arrays of their own (the initial ones were handed out), so
    // the arrays keyed by them are reused from step 3 on.
    for (let s = 0; s < 4; s++) {
      made.push([]);
      await model.trainOnBatch(x, y);
    }
    made.push([]);
    const outside = model.apply(x) as T; // not a train step: fresh arrays
    // 3 forward outputs, then per layer (last first) dx and dKernel (the first layer needs no dx).
    assert.equal(made[1]!.length, 9);
    assert.equal(made[1]!.filter((a) => a !== null).length, 8);
    for (let i = 0; i < 9; i++) {
      assert.ok(made[2]![i] === made[1]![i] && made[3]![i] === made[1]![i], `array ${i} reused`);
      assert.ok(made[1]![i] === null || !made[0]!.includes(made[1]![i]), `array ${i} of step 2 is new`);
    }
    assert.equal(made[4]!.length, 3);
    for (const a of made[4]!) assert.ok(!made[3]!.includes(a), "an eager call outside fit reused an array");
    // The values are still right: one more step equals a step computed by hand from these weights.
    const weights = model.trainableWeights;
    const tape = new keras.GradientTape();
    const loss = tape.record(() => computeLoss(model, y, model.apply(x) as T));
    const grads = tape.gradient(loss, weights) as T[];
    const expected = weights.map((w, i) => ops.subtract(w.value, ops.multiply(grads[i]!, 0.01)) as T);
    await model.trainOnBatch(x, y);
    weights.forEach((w, i) => assertBitwise(w.value, expected[i]!, `weight ${w.path}`));
    assert.equal(outside.shape.join(), "32,32");
  } finally {
    b.dense = dense;
    b.denseGrad = denseGrad;
    keras.backend.setBackend(before);
  }
});
