import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { assertClose, assertThrowsWith, checkGradients, f64 } from "../helpers/gradcheck.js";

const { ops } = keras;
type T = keras.Tensor;

/** Softmax of one row, straight from the definition, in float64. */
function softmaxRow(row: number[]): number[] {
  const m = Math.max(...row);
  const e = row.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

test("softmax and logSoftmax: forward values", () => {
  // softmax([1, 2, 3]) = e^k / (e + e^2 + e^3)
  const denom = Math.E + Math.E ** 2 + Math.E ** 3;
  const x = keras.tensor([1, 2, 3], "float64");
  assertClose(ops.softmax(x).values, [Math.E / denom, Math.E ** 2 / denom, Math.E ** 3 / denom], 1e-15);
  assertClose(
    ops.logSoftmax(x).values,
    [1 - Math.log(denom), 2 - Math.log(denom), 3 - Math.log(denom)],
    1e-14,
  );
  // rows sum to one, along whichever axis
  const m = f64([3, 4], 2, -5, 5);
  assertClose(ops.sum(ops.softmax(m, 0), 0).values, [1, 1, 1, 1], 1e-14);
  assertClose(ops.sum(ops.softmax(m), -1).values, [1, 1, 1], 1e-14);
  for (let r = 0; r < 3; r++) {
    assertClose(
      ops.softmax(m).values.slice(r * 4, r * 4 + 4),
      softmaxRow(Array.from(m.values.slice(r * 4, r * 4 + 4))),
      1e-15,
    );
  }
  // a list of axes normalizes jointly
  const joint = ops.softmax(f64([2, 3, 2], 3), [0, 2]);
  assertClose(ops.sum(joint, [0, 2]).values, [1, 1, 1], 1e-14);
  // stability: huge logits neither overflow nor give NaN
  assert.deepEqual(
    ops
      .softmax([
        [1000, 1000],
        [0, 1000],
      ])
      .arraySync(),
    [
      [0.5, 0.5],
      [0, 1],
    ],
  );
  assert.deepEqual(ops.logSoftmax([0, 1000]).arraySync(), [-1000, 0]);
  assertClose(ops.logSoftmax(keras.tensor([-1000, -1000], "float64")).values, [-Math.LN2, -Math.LN2], 1e-15);
  // ints become float32
  const fromInts = ops.softmax(keras.tensor([0, 0], "int32"));
  assert.equal(fromInts.dtype, "float32");
  assert.deepEqual(fromInts.arraySync(), [0.5, 0.5]);
  assert.equal(ops.logSoftmax(keras.tensor([1], "int32")).dtype, "float32");
});

test("softmax and logSoftmax: float64 gradient checks", () => {
  const x = f64([3, 4], 1, -3, 3);
  const cube = f64([2, 3, 4], 2, -3, 3);
  checkGradients("softmax axis -1", (a) => ops.softmax(a), [x]);
  checkGradients("softmax axis 0", (a) => ops.softmax(a, 0), [x]);
  checkGradients("softmax axes [0,2]", (a) => ops.softmax(a, [0, 2]), [cube]);
  checkGradients("logSoftmax axis -1", (a) => ops.logSoftmax(a), [x]);
  checkGradients("logSoftmax axis 1 of rank 3", (a) => ops.logSoftmax(a, 1), [cube]);
  checkGradients("logSoftmax axes [0,2]", (a) => ops.logSoftmax(a, [0, 2]), [cube]);
  // composed with a broadcast bias, as a Dense layer with softmax activation does
  checkGradients("softmax of x + bias", (a, b) => ops.softmax(ops.add(a, b)), [x, f64([4], 3)]);
  // second order
  checkGradients(
    "softmax second order",
    (a) => keras.grad((b: T) => ops.sum(ops.square(ops.softmax(b))))(a),
    [x],
  );
  checkGradients(
    "logSoftmax second order",
    (a) => keras.grad((b: T) => ops.sum(ops.square(ops.logSoftmax(b))))(a),
    [x],
  );
});

test("softmax gradients match the hand-derived Jacobian", () => {
  // d softmax_i / d x_j = s_i (δij − s_j); with upstream dy = e_0: grad_j = s_0 (δ0j − s_j)
  const x = keras.tensor([0.5, -1, 2], "float64");
  const s = softmaxRow([0.5, -1, 2]);
  const g = keras.grad((a: T) => ops.sum(ops.multiply(ops.softmax(a), keras.tensor([1, 0, 0], "float64"))))(
    x,
  );
  assertClose(g.values, [s[0]! * (1 - s[0]!), -s[0]! * s[1]!, -s[0]! * s[2]!], 1e-15);
  // logSoftmax with dy = ones: grad = 1 − n·s
  const gl = keras.grad((a: T) => ops.sum(ops.logSoftmax(a)))(x);
  assertClose(
    gl.values,
    s.map((v) => 1 - 3 * v),
    1e-14,
  );
});

test("softmax: errors and symbolic shapes", () => {
  assertThrowsWith(() => ops.softmax(ops.zeros([2, 3]), 2), keras.AxisError, "softmax", "axis 2", "rank 2");
  assertThrowsWith(
    () => ops.logSoftmax(ops.zeros([2, 3]), -3),
    keras.AxisError,
    "logSoftmax",
    "axis -3",
    "rank 2",
  );
  const s = new keras.SymbolicTensor([null, 10], "float32");
  const y = ops.softmax(s);
  assert.ok(y instanceof keras.SymbolicTensor);
  assert.deepEqual(y.shape, [null, 10]);
  const z = ops.logSoftmax(new keras.SymbolicTensor([null, 3, 4], "int32"), [1, 2]);
  assert.deepEqual(z.shape, [null, 3, 4]);
  assert.equal(z.dtype, "float32");
});
