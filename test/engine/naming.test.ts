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
