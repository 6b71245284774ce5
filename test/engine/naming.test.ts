import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { toSnakeCase, uniqueName } from "../../src/engine/naming.js";
import { TinyDense, TinyFlatten } from "./helpers.js";

test("toSnakeCase follows Keras", () => {
  assert.equal(toSnakeCase("Dense"), "dense");
  assert.equal(toSnakeCase("BatchNormalization"), "batch_normalization");
  assert.equal(toSnakeCase("Conv2D"), "conv2d");
  assert.equal(toSnakeCase("MyModel"), "my_model");
  assert.equal(toSnakeCase("InputLayer"), "input_layer");
});

test("layers get unique snake_case names; clearSession resets the counters", () => {
  keras.backend.clearSession();
  assert.equal(new TinyDense(2).name, "tiny_dense");
  assert.equal(new TinyDense(2).name, "tiny_dense_1");
  assert.equal(new TinyDense(2, { name: "custom" }).name, "custom");
  assert.equal(new TinyDense(2).name, "tiny_dense_2");
  assert.equal(uniqueName("thing"), "thing");
  keras.backend.clearSession();
  assert.equal(new TinyDense(2).name, "tiny_dense");
  assert.equal(uniqueName("thing"), "thing");
});

test("model names: functional, sequential, subclass class name, input_layer", () => {
  keras.backend.clearSession();
  const inputs = keras.Input({ shape: [3] });
  assert.equal(inputs.name, "input_layer");
  const fn = new keras.Model({ inputs, outputs: new TinyDense(1).apply(inputs) });
  assert.equal(fn.name, "functional");
  assert.equal(new keras.Sequential().name, "sequential");
  assert.equal(new keras.Sequential().name, "sequential_1");
  class MyModel extends keras.Model {
    flatten = new TinyFlatten();
    call(x: keras.Tensor) {
      return this.flatten.apply(x);
    }
  }
  assert.equal(new MyModel().name, "my_model");
  assert.equal(keras.Input({ shape: [3] }).name, "input_layer_1");
});

test("Keras 3's shared counters: each Sequential build takes a `functional` name", () => {
  keras.backend.clearSession();
  // Keras's Sequential wraps an automatically named Functional, built once its input shape is known.
  const seed = () => new keras.Sequential([new TinyFlatten({ inputShape: [28, 28] }), new TinyDense(3)]);
  assert.equal(seed().name, "sequential");
  assert.equal(seed().name, "sequential_1");
  const inputs = keras.Input({ shape: [28, 28] });
  assert.equal(inputs.name, "input_layer_2");
  const fn = new keras.Model({ inputs, outputs: new TinyDense(1).apply(new TinyFlatten().apply(inputs)) });
  assert.equal(fn.name, "functional_2");
  // An unbuilt Sequential takes none; each rebuild by add() takes one (as Keras's _maybe_rebuild).
  const grown = new keras.Sequential();
  assert.equal(grown.name, "sequential_2");
  grown.add(keras.Input({ shape: [2] }));
  grown.add(new TinyDense(2)); // functional_3
  grown.add(new TinyDense(2)); // functional_4
  const i = keras.Input({ shape: [2] });
  assert.equal(new keras.Model({ inputs: i, outputs: new TinyDense(1).apply(i) }).name, "functional_5");
  // A subclass given inputs and outputs keeps its class name, as in Keras.
  class Tower extends keras.Model {
    call(x: keras.Tensor) {
      return this._runGraph(x);
    }
  }
  const j = keras.Input({ shape: [2] });
  assert.equal(new Tower({ inputs: j, outputs: new TinyDense(1).apply(j) }).name, "tower");
});
