// Interop with real Keras 3: a Keras-written .keras file (K01), and keras-ts-written files loaded
// by Keras 3.15.1 (JAX) through fixtures/check_with_keras.py (outputs in keras_predictions.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as keras from "../../src/index.js";
import { buildSequential, compare } from "./models.js";
import { FIXTURES, predictFlat, rows } from "./helpers.js";

interface Expected {
  inputs: { shape: number[]; data: number[] }[];
  outputs: { shape: number[]; data: number[] }[];
}

const readJson = <T>(name: string): T => JSON.parse(readFileSync(join(FIXTURES, name), "utf8")) as T;

test("K01: a real Keras 3.8 .keras file (Sequential: InputLayer, Flatten, Dense×2) matches Keras 3.15.1", async () => {
  const expected = readJson<Expected>("mnist_model.keras.expected.json");
  const model = await keras.saving.loadModel(join(FIXTURES, "mnist_model.keras"));
  assert.equal(model.name, "sequential_1");
  assert.deepEqual(
    model.layers.map((l) => l.name),
    ["flatten_1", "dense_3", "dense_4"],
  );
  assert.equal(model.countParams(), 101770);
  const input = expected.inputs[0]!;
  const x = keras.ops.reshape(keras.tensor(Float32Array.from(input.data)), input.shape);
  const got = await predictFlat(model, x);
  const { maxDiff, ok } = compare(got, expected.outputs[0]!.data);
  assert.ok(ok, `max abs diff ${maxDiff}`);
});

const keras3 = readJson<Record<string, number[][]>>("keras_predictions.json");
const inputs = readJson<Record<string, number[][]>>("ts_inputs.json");

function assertClose(got: Float32Array, want: number[][]): void {
  const { maxDiff, ok } = compare(got, want.flat());
  assert.ok(ok, `max abs diff ${maxDiff}`);
}

test("keras-ts's Sequential .keras file: Keras's predictions equal keras-ts's", async () => {
  const model = await keras.saving.loadModel(join(FIXTURES, "ts_sequential.keras"));
  assertClose(await predictFlat(model, rows(inputs.seq!)), keras3.sequential_keras!);
});

test("keras-ts's .weights.h5 file loaded by Keras into a Python-built model: same predictions", async () => {
  const model = buildSequential();
  await model.loadWeights(join(FIXTURES, "ts_sequential_other.weights.h5"));
  assertClose(await predictFlat(model, rows(inputs.seq!)), keras3.sequential_other_weights!);
});

test("keras-ts's Functional .keras (two inputs, Add, Concatenate, Reshape) and .weights.h5: Keras agrees", async () => {
  const model = await keras.saving.loadModel(join(FIXTURES, "ts_functional.keras"));
  const x = [rows(inputs.a!), rows(inputs.b!)];
  assertClose(await predictFlat(model, x), keras3.functional_keras!);
  const fresh = await keras.saving.loadModel(join(FIXTURES, "ts_functional.keras"));
  for (const v of fresh.weights) v.assign(keras.ops.zeros([...v.shape]));
  await fresh.loadWeights(join(FIXTURES, "ts_functional.weights.h5"));
  assertClose(await predictFlat(fresh, x), keras3.functional_weights!);
  const paths = keras3 as unknown as Record<string, string[]>;
  assert.deepEqual(
    paths.functional_h5_paths_ts,
    paths.functional_h5_paths_keras,
    "same HDF5 groups as Keras writes",
  );
});
