/**
 * `runLayerTest(makeLayer, options)`: the checks every layer goes through (Keras's `run_layer_test`):
 * - symbolic call on inputs with a `null` batch builds the layer; weight counts and shapes;
 * - eager call on real data: its output shape equals the symbolic one (batch filled in), and the
 *   expected shape; a layer built eagerly first ends up with the same weight shapes;
 * - `getConfig` → `fromConfig` (and through JSON) gives the same config, and a clone given the same
 *   weights computes the same outputs; the class is registered under its `className`;
 * - every trainable weight gets a non-null, not-all-zero gradient, and one SGD step lowers the loss.
 */
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { getRegistered } from "../../src/engine/registry.js";
import { assertClose, testValues } from "./gradcheck.js";

const { ops } = keras;
type Shape = (number | null)[];

export interface LayerTestOptions {
  /** Full input shape with a concrete batch size, e.g. [2, 3]. Use `inputShapes` for several inputs. */
  inputShape?: number[];
  inputShapes?: number[][];
  /** Explicit input data (else test values in [-1, 1)). */
  inputData?: keras.Tensor | keras.Tensor[];
  /** Expected eager output shape (null entries match anything). */
  expectedOutputShape?: Shape;
  expectedNumTrainableWeights?: number;
  expectedNumNonTrainableWeights?: number;
  /** Shapes of `layer.weights`, in order. */
  expectedWeightShapes?: number[][];
  /** Expected `layer.losses.length` after the eager call. */
  expectedNumLosses?: number;
  /** Options for the eager calls (default `{ training: false }`). */
  callArgs?: keras.CallArgs;
  /** Lambda wraps functions: skip the JSON round trip of its config. */
  skipJsonConfig?: boolean;
  /** Skip the SGD-step check (for layers whose loss is not locally decreasing). */
  skipTrainingStep?: boolean;
}

export interface LayerTestResult {
  layer: keras.Layer;
  symbolicOutput: keras.SymbolicTensor;
  output: keras.Tensor;
  inputs: keras.Tensor[];
}

function makeInputs(options: LayerTestOptions): keras.Tensor[] {
  if (options.inputData) return Array.isArray(options.inputData) ? options.inputData : [options.inputData];
  const shapes = options.inputShapes ?? (options.inputShape ? [options.inputShape] : []);
  assert.ok(shapes.length > 0, "runLayerTest needs inputShape, inputShapes or inputData");
  return shapes.map((shape, k) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return new keras.Tensor(Float32Array.from(testValues(n, 17 + k)), shape, "float32");
  });
}

const pack = <T>(xs: T[], multi: boolean): T | T[] => (multi ? xs : xs[0]!);

function assertShapeMatches(actual: readonly number[], expected: Shape, what: string): void {
  assert.equal(
    actual.length,
    expected.length,
    `${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
  );
  expected.forEach((d, i) => {
    if (d !== null)
      assert.equal(
        actual[i],
        d,
        `${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
      );
  });
}

function firstOutput(y: unknown): keras.Tensor {
  assert.ok(y instanceof keras.Tensor, `expected an eager tensor output, got ${String(y)}`);
  return y;
}

/** Runs the standard layer checks; returns the built layer and its outputs for further assertions. */
export function runLayerTest(makeLayer: () => keras.Layer, options: LayerTestOptions): LayerTestResult {
  const inputs = makeInputs(options);
  const multi = inputs.length > 1 || options.inputShapes !== undefined || Array.isArray(options.inputData);
  const callArgs = options.callArgs ?? { training: false };
  const layer = makeLayer();
  const cls = layer.constructor as unknown as {
    className: string;
    fromConfig(c: Record<string, unknown>): keras.Layer;
  };
  assert.equal(
    getRegistered("layer", cls.className),
    cls,
    `${cls.className} is registered under its className`,
  );

  // 1. Symbolic call with an unknown batch size builds the layer.
  const symbolicInputs = inputs.map((x) => new keras.SymbolicTensor([null, ...x.shape.slice(1)], x.dtype));
  const sym = layer.apply(pack(symbolicInputs, multi) as keras.LayerInputs) as unknown;
  assert.ok(
    sym instanceof keras.SymbolicTensor,
    `symbolic call returns a SymbolicTensor, got ${String(sym)}`,
  );
  assert.ok(layer.built, "the layer is built after its first call");

  // 2. Weights.
  if (options.expectedNumTrainableWeights !== undefined) {
    assert.equal(
      layer.trainableWeights.length,
      options.expectedNumTrainableWeights,
      "number of trainable weights",
    );
  }
  if (options.expectedNumNonTrainableWeights !== undefined) {
    assert.equal(
      layer.nonTrainableWeights.length,
      options.expectedNumNonTrainableWeights,
      "number of non-trainable weights",
    );
  }
  if (options.expectedWeightShapes) {
    assert.deepEqual(
      layer.weights.map((w) => [...w.shape]),
      options.expectedWeightShapes,
      "weight shapes",
    );
  }

  // 3. Eager call: shape equals the symbolic shape (batch filled in) and the expected shape.
  const output = firstOutput(layer.apply(pack(inputs, multi) as keras.LayerInputs, callArgs));
  assertShapeMatches(output.shape, sym.shape as Shape, "eager output vs symbolic output shape");
  assert.equal(output.dtype, sym.dtype, "eager and symbolic output dtypes agree");
  if (options.expectedOutputShape)
    assertShapeMatches(output.shape, options.expectedOutputShape, "eager output shape");
  if (options.expectedNumLosses !== undefined)
    assert.equal(layer.losses.length, options.expectedNumLosses, "number of losses");

  // 4. A layer built eagerly gets the same weight shapes and output shape.
  const eagerFirst = makeLayer();
  const eagerOut = firstOutput(eagerFirst.apply(pack(inputs, multi) as keras.LayerInputs, callArgs));
  assert.deepEqual(eagerOut.shape, output.shape, "output shape of an eagerly built layer");
  assert.deepEqual(
    eagerFirst.weights.map((w) => [...w.shape]),
    layer.weights.map((w) => [...w.shape]),
    "weights of an eagerly built layer",
  );

  // 5. Config round trip (in memory and through JSON); a clone with the same weights computes the same.
  const config = layer.getConfig();
  const clone = cls.fromConfig(config);
  assert.equal(clone.constructor, layer.constructor);
  assert.deepEqual(clone.getConfig(), config, "fromConfig(getConfig()) keeps the config");
  if (!options.skipJsonConfig) {
    const json = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
    assert.deepEqual(cls.fromConfig(json).getConfig(), json, "the config survives JSON");
  }
  clone.apply(pack(inputs, multi) as keras.LayerInputs, callArgs); // builds it
  clone.setWeights(layer.getWeights());
  const cloneOut = firstOutput(clone.apply(pack(inputs, multi) as keras.LayerInputs, callArgs));
  assertClose(cloneOut.dataSync() as Float32Array, output.dataSync() as Float32Array, 1e-6, 1e-6);

  // 6. Gradients reach every trainable weight; one SGD step lowers a generic loss.
  const trainable = layer.trainableWeights;
  if (trainable.length > 0) {
    const r = new keras.Tensor(
      Float32Array.from(testValues(output.size, 5, 0.5, 1.5)),
      output.shape,
      "float32",
    );
    const lossOf = () =>
      ops.sum(ops.multiply(firstOutput(layer.apply(pack(inputs, multi) as keras.LayerInputs, callArgs)), r));
    const tape = new keras.GradientTape();
    const loss = tape.record(lossOf);
    const grads = tape.gradient(loss, trainable);
    grads.forEach((g, i) => {
      const w = trainable[i]!;
      assert.ok(g !== null, `gradient of ${w.path} is null`);
      assert.deepEqual(g.shape, w.shape, `gradient shape of ${w.path}`);
      assert.ok(
        g.values.some((v) => v !== 0 && Number.isFinite(v)),
        `gradient of ${w.path} is zero everywhere or not finite`,
      );
    });
    if (!options.skipTrainingStep) {
      const norm2 = grads.reduce((s, g) => s + (ops.sum(ops.square(g!)).item() as number), 0);
      const lr = (1e-3 * Math.max(1, Math.abs(loss.item() as number))) / norm2;
      const before = trainable.map((w) => w.value);
      trainable.forEach((w, i) => w.assign(ops.subtract(w.value, ops.multiply(grads[i]!, lr))));
      const after = lossOf().item() as number;
      assert.ok(
        after < (loss.item() as number),
        `one SGD step should lower the loss: ${loss.item()} → ${after}`,
      );
      trainable.forEach((w, i) => w.assign(before[i]!));
    }
  }
  return { layer, symbolicOutput: sym, output, inputs };
}
