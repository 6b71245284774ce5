/**
 * Every loss against golden values and gradients (w.r.t. yPred) from real Keras 3.15.1 (JAX):
 * see fixtures/generate_losses.py. Each case is checked twice, to 1e-6 relative: with float64
 * inputs and loss dtype against Keras's float64 run (plus 1e-10 absolute; note Keras still takes its
 * means in float32 there), and with float32 against Keras's float32 run (plus 1e-7 absolute).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as keras from "../../src/index.js";
import { assertClose } from "../helpers/gradcheck.js";

const { losses, ops } = keras;

interface Case {
  id: string;
  className?: string;
  function?: string;
  config?: Record<string, unknown>;
  kwargs?: Record<string, unknown>;
  name?: string;
  yTrue: keras.NestedArray;
  yPred: keras.NestedArray;
  sampleWeight?: keras.NestedArray;
  value64: keras.NestedArray;
  grad64: keras.NestedArray;
  value32: keras.NestedArray;
  grad32: keras.NestedArray;
}

const fixture = JSON.parse(readFileSync(new URL("./fixtures/losses.json", import.meta.url), "utf8")) as {
  keras: string;
  cases: Case[];
};

function flat(x: keras.NestedArray): number[] {
  return Array.isArray(x) ? x.flatMap((v) => flat(v as keras.NestedArray)) : [Number(x)];
}

const PRECISION = {
  float64: { atol: 1e-10, rtol: 1e-6 },
  float32: { atol: 1e-7, rtol: 1e-6 },
} as const;

function run(c: Case, dtype: "float64" | "float32"): { value: keras.Tensor; grad: keras.Tensor } {
  const yPred = ops.convertToTensor(c.yPred, dtype);
  if (c.className !== undefined) {
    const loss = losses.deserialize({
      className: c.className,
      config: { ...c.config, dtype },
    }) as keras.losses.Loss;
    const yTrue = ops.convertToTensor(c.yTrue, dtype);
    const sw = c.sampleWeight === undefined ? undefined : ops.convertToTensor(c.sampleWeight, dtype);
    const f = (p: keras.Tensor) => loss.apply(yTrue, p, sw);
    return { value: f(yPred), grad: keras.grad((p: keras.Tensor) => ops.sum(f(p)))(yPred) };
  }
  const fn = losses.get(c.function!) as keras.losses.LossFunction;
  const sparse = c.function!.startsWith("sparse");
  const yTrue = ops.convertToTensor(c.yTrue, sparse ? "int32" : dtype);
  const f = (p: keras.Tensor) => fn(yTrue, p, c.kwargs);
  return { value: f(yPred), grad: keras.grad((p: keras.Tensor) => ops.sum(f(p)))(yPred) };
}

test(`fixture comes from Keras ${fixture.keras}`, () => {
  assert.ok(fixture.cases.length >= 60);
});

for (const c of fixture.cases) {
  for (const dtype of ["float64", "float32"] as const) {
    test(`${c.id} (${dtype}) matches Keras value and gradient`, () => {
      const { value, grad } = run(c, dtype);
      const { atol, rtol } = PRECISION[dtype];
      const expectedValue = dtype === "float64" ? c.value64 : c.value32;
      const expectedGrad = dtype === "float64" ? c.grad64 : c.grad32;
      assert.equal(value.dtype, dtype);
      assert.deepEqual(value.shape, Array.isArray(expectedValue) ? [flat(expectedValue).length] : []);
      assertClose(value.values, flat(expectedValue), atol, rtol);
      assertClose(grad.values, flat(expectedGrad), atol, rtol);
    });
  }
}

test("default names match Keras", () => {
  for (const c of fixture.cases) {
    if (c.className === undefined) continue;
    const loss = losses.get(c.className) as keras.losses.Loss;
    assert.equal(loss.name, c.name, c.className);
  }
});
