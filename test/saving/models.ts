/** Small models shared by the saving tests and the fixture generator (make-ts-files.ts). */
import * as keras from "../../src/index.js";

/** Input(6) → Dense(8, relu) → Dropout(0.5) → Dense(3, softmax). */
export function buildSequential(): keras.Model {
  return new keras.Sequential([
    keras.Input({ shape: [6] }),
    new keras.layers.Dense(8, { activation: "relu" }),
    new keras.layers.Dropout(0.5),
    new keras.layers.Dense(3, { activation: "softmax" }),
  ]);
}

/** Two inputs, Dense ×3, Add, Concatenate, Activation, Reshape, Flatten. */
export function buildFunctional(): keras.Model {
  const a = keras.Input({ shape: [6], name: "a" });
  const b = keras.Input({ shape: [3], name: "b" });
  const h1 = new keras.layers.Dense(5, { activation: "tanh" }).apply(a);
  const h2 = new keras.layers.Dense(5).apply(b);
  const s = new keras.layers.Add().apply([h1, h2]);
  const c = new keras.layers.Concatenate().apply([s, h1]);
  const f = new keras.layers.Activation("relu").apply(c);
  const r = new keras.layers.Reshape([2, 5]).apply(f);
  const out = new keras.layers.Dense(2, { activation: "sigmoid" }).apply(new keras.layers.Flatten().apply(r));
  return new keras.Model({ inputs: [a, b], outputs: out });
}

/** Deterministic inputs: `rows × cols` values of sin(7i + 3j + offset). */
export function inputData(rows: number, cols: number, offset = 0): number[][] {
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => Math.fround(Math.sin(7 * i + 3 * j + offset))),
  );
}

/** The max of |a - b| and whether every element satisfies |a - b| <= atol + rtol·|b|. */
export function compare(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  atol = 1e-5,
  rtol = 1e-4,
): { maxDiff: number; ok: boolean } {
  let maxDiff = 0;
  let ok = a.length === b.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = Math.abs(a[i]! - b[i]!);
    maxDiff = Math.max(maxDiff, d);
    if (!(d <= atol + rtol * Math.abs(b[i]!))) ok = false;
  }
  return { maxDiff, ok };
}
