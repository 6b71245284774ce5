import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { createJsBackend } from "../../src/backends/js/index.js";
import { assertThrowsWith, checkGradients, f64 } from "../helpers/gradcheck.js";

const { ops } = keras;

test("binary ops: float64 gradient checks with broadcasting", () => {
  const a = f64([2, 3], 1);
  const b = f64([3], 2, 0.5, 2);
  const col = f64([2, 1], 3, 0.5, 2);
  checkGradients("add", ops.add, [a, b]);
  checkGradients("subtract", ops.subtract, [a, col]);
  checkGradients("multiply", ops.multiply, [a, b]);
  checkGradients("divide", ops.divide, [a, b]);
  checkGradients("power", ops.power, [f64([2, 3], 4, 0.5, 2), b]);
  checkGradients("maximum", ops.maximum, [a, f64([2, 3], 5)]);
  checkGradients("minimum", ops.minimum, [a, f64([2, 3], 5)]);
  checkGradients("arctan2", ops.arctan2, [a, b]);
  checkGradients("squaredDifference", ops.squaredDifference, [a, b]);
  checkGradients("mod", ops.mod, [f64([2, 3], 6, 0.1, 0.9), f64([3], 7, 1.1, 2)]);
  checkGradients("where", (x, y) => ops.where(ops.greater(x, 0), x, y), [a, b]);
  checkGradients("cast(float64)", (x) => ops.cast(ops.cast(x, "float32"), "float64"), [a], {
    eps: 1e-2,
    tol: 1e-4,
  });
});

test("GradientTape watches trainable variables and accumulates reuse", () => {
  const w = new keras.Variable([1, 2, 3], { dtype: "float64" });
  const frozen = new keras.Variable([1, 1, 1], { dtype: "float64", trainable: false });
  const tape = new keras.GradientTape({ persistent: true });
  const y = tape.record(() => ops.sum(ops.add(ops.multiply(w, w), ops.multiply(w, frozen))));
  const [gw, gf] = tape.gradient(y, [w, frozen]);
  assert.deepEqual(gw!.arraySync(), [3, 5, 7]);
  assert.equal(gf, null);
  // persistent tapes can be asked again
  assert.deepEqual(tape.gradient(y, w)!.arraySync(), [3, 5, 7]);
});

test("non-persistent tape refuses a second gradient", () => {
  const x = keras.tensor([1, 2]);
  const tape = new keras.GradientTape();
  tape.watch(x);
  const y = tape.record(() => ops.sum(ops.square(x)));
  tape.gradient(y, x);
  assertThrowsWith(() => tape.gradient(y, x), keras.ValueError, "persistent");
});

test("second-order gradients through nested tapes", () => {
  const x = keras.tensor([3], "float64");
  const outer = new keras.GradientTape();
  outer.watch(x);
  const dy = outer.record(() => {
    const inner = new keras.GradientTape();
    inner.watch(x);
    const y = inner.record(() => ops.sum(ops.multiply(ops.multiply(x, x), x)));
    return ops.sum(inner.gradient(y, x)!); // 3x^2
  });
  assert.equal(dy.item(), 27);
  assert.deepEqual(outer.gradient(dy, x)!.arraySync(), [18]); // 6x
});

test("stopGradient blocks the gradient; int inputs get null", () => {
  const g = keras.grad((x: keras.Tensor) => ops.sum(ops.multiply(x, ops.stopGradient(x))))(
    keras.tensor([2, 3]),
  );
  assert.deepEqual(g.arraySync(), [2, 3]);
  const xi = keras.tensor([1, 2], "int32");
  const tape = new keras.GradientTape();
  tape.watch(xi);
  const y = tape.record(() => ops.sum(ops.multiply(xi, 2)));
  assert.equal(tape.gradient(y, xi), null);
});

test("valueAndGrad returns the value and gradients for several argnums", () => {
  const { value, grads } = keras.valueAndGrad(
    (a: keras.Tensor, b: keras.Tensor) => ops.sum(ops.multiply(a, b)),
    [0, 1],
  )(keras.tensor([1, 2]), keras.tensor([3, 4]));
  assert.equal(value.item(), 11);
  assert.deepEqual(
    grads.map((g) => g.arraySync()),
    [
      [3, 4],
      [1, 2],
    ],
  );
});

test("the tape asks only for the gradients it needs (no dX product for an unwatched input)", () => {
  const calls: string[] = [];
  keras.backend.registerBackend("matmul-counting", () => {
    const js = createJsBackend();
    return {
      ...js,
      name: "matmul-counting",
      matmul: (...args) => (calls.push("matmul"), js.matmul(...args)),
    };
  });
  const before = keras.backend.getBackend();
  keras.backend.setBackend("matmul-counting");
  try {
    const x = keras.tensor([[1, 2]], "float64");
    const w = new keras.Variable([[1], [2]], { dtype: "float64" });
    const tape = new keras.GradientTape();
    const y = tape.record(() => ops.sum(ops.matmul(x, w)));
    assert.equal(calls.length, 1); // forward
    const [gw] = tape.gradient(y, [w]);
    assert.deepEqual(gw!.arraySync(), [[1], [2]]);
    assert.equal(calls.length, 2); // only dW = xᵀ·dY; dX was not computed
  } finally {
    keras.backend.setBackend(before);
  }
});
