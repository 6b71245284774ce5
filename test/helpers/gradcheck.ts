/**
 * Float64 central-difference gradient checks. `checkGradients(name, f, inputs)` compares the tape's
 * gradient of `sum(f(...inputs) * r)` (r: fixed random weights, so every output element counts) with
 * (L(x + eps) - L(x - eps)) / 2eps for every input element, and fails above `tol`.
 * Error measure: |analytic - numeric| / max(1, |analytic|, |numeric|).
 * With GRADCHECK_REPORT=<file>, appends "name<TAB>maxError" lines for the notes.
 */
import assert from "node:assert/strict";
import { appendFileSync } from "node:fs";
import * as keras from "../../src/index.js";

const { ops } = keras;

/** Deterministic pseudo-random float64 values in [lo, hi) (test data only; not the library RNG). */
export function testValues(n: number, seed = 1, lo = -1, hi = 1): number[] {
  let s = seed >>> 0 || 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(lo + ((s >>> 8) / (1 << 24)) * (hi - lo));
  }
  return out;
}

/** A float64 tensor of `shape` with test values in [lo, hi). */
export function f64(shape: number[], seed = 1, lo = -1, hi = 1): keras.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return new keras.Tensor(Float64Array.from(testValues(n, seed, lo, hi)), shape, "float64");
}

export interface GradCheckOptions {
  eps?: number;
  tol?: number;
  /** Indices of the inputs to differentiate (default: every float input). */
  wrt?: number[];
}

export function checkGradients(
  name: string,
  f: (...xs: keras.Tensor[]) => keras.Tensor,
  inputs: keras.Tensor[],
  { eps = 1e-6, tol = 1e-6, wrt }: GradCheckOptions = {},
): number {
  const which = wrt ?? inputs.map((x, i) => (x.dtype === "float64" ? i : -1)).filter((i) => i >= 0);
  const probe = f(...inputs);
  assert.equal(probe.dtype, "float64", `${name}: gradient checks need a float64 output, got ${probe.dtype}`);
  const r = new keras.Tensor(Float64Array.from(testValues(probe.size, 99, 0.5, 1.5)), probe.shape, "float64");
  const loss = (...xs: keras.Tensor[]) => ops.sum(ops.multiply(f(...xs), r));
  const analytic = keras.grad(loss, which)(...inputs) as keras.Tensor[];
  let maxErr = 0;
  which.forEach((inputIndex, k) => {
    const x = inputs[inputIndex]!;
    const a = analytic[k]!;
    assert.deepEqual(
      a.shape,
      x.shape,
      `${name}: gradient ${inputIndex} has shape ${a.shape}, input ${x.shape}`,
    );
    for (let i = 0; i < x.size; i++) {
      const at = (delta: number) => {
        const v = Float64Array.from(x.values);
        v[i]! += delta;
        const xs = inputs.slice();
        xs[inputIndex] = new keras.Tensor(v, x.shape, "float64");
        return loss(...xs).item() as number;
      };
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      const got = a.values[i]!;
      const err = Math.abs(got - numeric) / Math.max(1, Math.abs(got), Math.abs(numeric));
      if (!(err <= tol)) {
        assert.fail(
          `${name}: d/dx${inputIndex}[${i}] analytic ${got} vs numeric ${numeric} (error ${err} > ${tol})`,
        );
      }
      maxErr = Math.max(maxErr, err);
    }
  });
  if (process.env.GRADCHECK_REPORT)
    appendFileSync(process.env.GRADCHECK_REPORT, `${name}\t${maxErr.toExponential(2)}\n`);
  return maxErr;
}

/** Asserts that `fn` throws an error of class `cls` whose message contains every fragment. */
export function assertThrowsWith(
  fn: () => unknown,
  cls: new (...args: any[]) => Error,
  ...fragments: string[]
): Error {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(
    caught instanceof cls,
    `expected ${cls.name}, got ${caught === undefined ? "no error" : String(caught)}`,
  );
  for (const f of fragments)
    assert.ok((caught as Error).message.includes(f), `message "${(caught as Error).message}" lacks "${f}"`);
  return caught as Error;
}

/** Asserts two number arrays are elementwise close (atol + rtol·|expected|). */
export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  atol = 1e-6,
  rtol = 1e-6,
): void {
  assert.equal(actual.length, expected.length, `length ${actual.length} vs ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    if (a === e) continue;
    assert.ok(Math.abs(a - e) <= atol + rtol * Math.abs(e), `index ${i}: ${a} vs expected ${e}`);
  }
}
