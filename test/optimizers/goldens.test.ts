// Golden tests: variable values after each of 5 apply_gradients steps, optimizer variable paths and
// configs, and schedule values, all from real Keras 3 (see fixtures/generate.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as keras from "../../src/index.js";
import { assertClose } from "../helpers/gradcheck.js";

const { optimizers } = keras;

interface OptimizerCase {
  className: string;
  name: string;
  args: Record<string, unknown>;
  nullGrads: [number, number][];
  steps: number[][][];
  iterations: number;
  variablePaths: string[];
  config: Record<string, unknown>;
}
interface ScheduleCase {
  className: string;
  args: Record<string, unknown>;
  steps: number[];
  values: number[];
  config: Record<string, unknown>;
}
interface Fixture {
  kerasVersion: string;
  initial: number[][];
  shapes: number[][];
  grads: number[][][];
  optimizers: OptimizerCase[];
  schedules: ScheduleCase[];
}

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/optimizers.json", import.meta.url), "utf8"),
) as Fixture;

function tensor(values: number[], shape: number[]): keras.Tensor {
  return keras.ops.reshape(keras.ops.convertToTensor(Float32Array.from(values)), shape);
}

function makeOptimizer(c: OptimizerCase): keras.optimizers.Optimizer {
  const args: Record<string, unknown> = { ...c.args, name: "opt" };
  const lr = args.learningRate as Record<string, unknown> | number | undefined;
  if (typeof lr === "object") {
    const { schedule, ...config } = lr;
    args.learningRate = optimizers.schedules.deserialize({ className: schedule as string, config });
  }
  return optimizers.deserialize({ className: c.className, config: args });
}

test(`golden fixtures come from Keras ${fixture.kerasVersion}`, () => {
  assert.ok(fixture.optimizers.length >= 30);
  assert.ok(fixture.schedules.length >= 12);
});

for (const c of fixture.optimizers) {
  test(`${c.className} matches Keras step by step: ${c.name}`, (t) => {
    t.mock.method(console, "warn", () => {});
    const opt = makeOptimizer(c);
    const variables = fixture.initial.map(
      (values, i) => new keras.Variable(tensor(values, fixture.shapes[i]!), { name: `v${i}` }),
    );
    c.steps.forEach((expected, step) => {
      const grads = fixture.grads[step]!.map((g, i) =>
        c.nullGrads.some(([s, v]) => s === step && v === i) ? null : tensor(g, fixture.shapes[i]!),
      );
      opt.applyGradients(grads.map((g, i) => [g, variables[i]!] as const));
      expected.forEach((values, i) => {
        assertClose(variables[i]!.value.values, values, 1e-7, 1e-6);
      });
    });
    assert.equal(keras.ops.convertToTensor(opt.iterations).item(), c.iterations);
    assert.deepEqual(
      opt.variables.map((v) => v.path),
      c.variablePaths,
    );
    assert.deepEqual(opt.getConfig(), c.config);
  });
}

for (const s of fixture.schedules) {
  test(`${s.className} matches Keras: ${JSON.stringify(s.args)}`, () => {
    const schedule = optimizers.schedules.deserialize({ className: s.className, config: s.args });
    const actual = s.steps.map((step) => schedule.call(step).item() as number);
    assertClose(actual, s.values, 1e-9, 1e-6);
    const asInt = s.steps.map(
      (step) => schedule.call(keras.ops.convertToTensor(step, "int32")).item() as number,
    );
    assertClose(asInt, s.values, 1e-9, 1e-6);
    assert.deepEqual(schedule.getConfig(), s.config);
  });
}
