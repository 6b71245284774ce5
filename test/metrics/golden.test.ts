// Every metric against real Keras 3.15 (JAX backend): the result after several updateState calls and
// the config. Fixtures: test/metrics/fixtures/generate_metrics.py → metrics.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as keras from "../../src/index.js";
import { assertClose } from "../helpers/gradcheck.js";

interface Batch {
  values?: number[];
  y_true?: number[];
  y_pred?: number[];
  sample_weight?: number[];
}
interface Case {
  label: string;
  className: string;
  kwargs: Record<string, unknown>;
  batches: Batch[];
  resultShape: number[];
  result: number[];
  config: Record<string, unknown>;
}

const fixture = JSON.parse(readFileSync(new URL("./fixtures/metrics.json", import.meta.url), "utf8")) as {
  keras: string;
  cases: Case[];
};

const camel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const camelKeys = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), v]));

/** Keras config keys that keras-ts does not implement (multi-label AUC, ignore_class). */
const UNSUPPORTED_KEYS = new Set(["multiLabel", "numLabels", "labelWeights", "ignoreClass"]);

const f32 = (x: unknown) => keras.tensor(x as number[], "float32");

test(`fixture comes from Keras ${fixture.keras}`, () => {
  assert.ok(fixture.cases.length >= 50);
});

for (const c of fixture.cases) {
  test(`golden: ${c.label}`, () => {
    const Cls = (keras.metrics as unknown as Record<string, new (a: unknown) => keras.metrics.Metric>)[
      c.className
    ]!;
    const metric = new Cls(camelKeys(c.kwargs));
    for (const b of c.batches) {
      const weight = b.sample_weight ? f32(b.sample_weight) : undefined;
      const m = metric as unknown as {
        updateState(...args: (keras.Tensor | undefined)[]): void;
      };
      if (b.values) m.updateState(f32(b.values), weight);
      else m.updateState(f32(b.y_true), f32(b.y_pred), weight);
    }
    const result = metric.result();
    assert.deepEqual(result.shape, c.resultShape);
    assertClose(Array.from(result.dataSync()), c.result, 1e-6, 1e-6);

    const config = metric.getConfig();
    const expected = camelKeys(c.config);
    for (const [k, v] of Object.entries(expected)) {
      if (UNSUPPORTED_KEYS.has(k)) continue;
      assert.ok(k in config, `config lacks "${k}"`);
      assert.deepEqual(config[k], v, `config.${k}`);
    }
    for (const k of Object.keys(config)) assert.ok(k in expected, `unexpected config key "${k}"`);

    // A rebuilt metric fed the same data gives the same result.
    const copy = keras.metrics.deserialize(keras.metrics.serialize(metric));
    assert.equal(copy.name, metric.name);
    metric.resetState();
    for (const v of metric.variables) assert.ok(Array.from(v.dataSync()).every((x) => x === 0));
  });
}
