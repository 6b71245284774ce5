// End to end through keras.ops and a model: the same computations on setBackend("native") and on
// the reference "js" backend agree (float32 rounding only where the native GEMM runs; bitwise
// where ops still delegate to the reference kernels).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { seedSequential } from "../../examples/seed-models.js";
import { skipUnlessNative, values } from "./helpers.js";

const { ops } = keras;
const opts = skipUnlessNative();

/** Runs `fn` on each backend and returns [native, js] results as plain arrays. */
function onBoth(fn: () => keras.Tensor | keras.Tensor[]): [Float32Array[], Float32Array[]] {
  const before = keras.backend.getBackend();
  const run = (name: string) => {
    keras.backend.setBackend(name);
    try {
      const r = fn();
      return (Array.isArray(r) ? r : [r]).map((x) => Float32Array.from(x.dataSync() as Float32Array));
    } finally {
      keras.backend.setBackend(before);
    }
  };
  return [run("native"), run("js")];
}

function assertClose(got: Float32Array[], want: Float32Array[], what: string, tol = 1e-5): void {
  assert.equal(got.length, want.length, what);
  got.forEach((g, j) => {
    const w = want[j]!;
    assert.equal(g.length, w.length, what);
    for (let i = 0; i < g.length; i++) {
      if (!(Math.abs(g[i]! - w[i]!) <= tol * Math.max(1, Math.abs(w[i]!))))
        assert.fail(`${what} output ${j} [${i}]: ${g[i]} vs ${w[i]}`);
    }
  });
}

test('setBackend("native") switches the active backend and back', opts, () => {
  const before = keras.backend.getBackend();
  keras.backend.setBackend("native");
  assert.equal(keras.backend.getBackend(), "native");
  keras.backend.setBackend("js");
  assert.equal(keras.backend.getBackend(), "js");
  keras.backend.setBackend(before);
  assert.ok(keras.backend.listBackends().includes("native"));
});

test("linear algebra ops agree: matmul, batched matmul, einsum, tensordot, dot", opts, () => {
  const x = new keras.Tensor(values(4 * 37 * 53, 1), [4, 37, 53], "float32");
  const w = new keras.Tensor(values(53 * 29, 2), [53, 29], "float32");
  const y = new keras.Tensor(values(4 * 29 * 53, 3), [4, 29, 53], "float32");
  const [n, j] = onBoth(() => [
    ops.matmul(x, w),
    ops.matmul(x, ops.transpose(y, [0, 2, 1])),
    ops.einsum("bik,bjk->bij", x, y),
    ops.tensordot(x, w, 1),
    ops.dot(ops.reshape(x, [148, 53]), w),
  ]);
  assertClose(n, j, "linalg");
});

test("gradients of a matmul-based loss agree", opts, () => {
  const x = new keras.Tensor(values(32 * 40, 4), [32, 40], "float32");
  const w = new keras.Tensor(values(40 * 10, 5), [40, 10], "float32");
  const loss = (a: keras.Tensor, b: keras.Tensor) => ops.mean(ops.square(ops.relu(ops.matmul(a, b))));
  const [n, j] = onBoth(() => {
    const { value, grads } = keras.valueAndGrad(loss, [0, 1])(x, w);
    return [value, ...grads];
  });
  assertClose(n, j, "valueAndGrad");
});

test("a seeded MLP predicts the same on both backends; non-matmul ops are bitwise equal", opts, () => {
  const [n, j] = onBoth(() => {
    keras.utils.setRandomSeed(42);
    const model = seedSequential();
    const x = keras.random.uniform([8, 28, 28], { seed: 7 });
    return [model.apply(x), ops.softmax(x), ops.sum(x, 1)];
  });
  assertClose([n[0]!], [j[0]!], "predictions");
  assert.deepEqual(n.slice(1), j.slice(1));
});
