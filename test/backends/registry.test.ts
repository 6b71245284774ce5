import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { createJsBackend } from "../../src/backends/js/index.js";
import { nativeAvailable } from "../../src/backends/native/index.js";
import { assertThrowsWith } from "../helpers/gradcheck.js";

test("the default backend is the one this run chose, and js can be selected by name", () => {
  // npm test runs the suite with KERAS_TS_BACKEND=js and =native; with it unset, native when it loads.
  const chosen = process.env.KERAS_TS_BACKEND || (nativeAvailable() ? "native" : "js");
  const before = keras.backend.getBackend();
  assert.equal(before, chosen);
  assert.ok(keras.backend.listBackends().includes("js"));
  assert.ok(keras.backend.listBackends().includes("native")); // registered even where it cannot load
  try {
    keras.backend.setBackend("js");
    assert.equal(keras.backend.getBackend(), "js");
  } finally {
    keras.backend.setBackend(before);
  }
  assert.equal(keras.backend.getBackend(), before);
});

test("an unknown backend name is a BackendError listing the available ones", () => {
  const before = keras.backend.getBackend();
  const err = assertThrowsWith(
    () => keras.backend.setBackend("cuda"),
    keras.BackendError,
    'Unknown backend "cuda"',
    '"js"',
  );
  assert.match(err.message, /Available backends: "js", "native"/);
  assert.equal(keras.backend.getBackend(), before); // unchanged
});

test("a registered backend runs the ops; fast paths are optional", () => {
  const calls: string[] = [];
  keras.backend.registerBackend("counting", () => {
    const js = createJsBackend();
    return new Proxy(js, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop === "name") return "counting";
        if (typeof value === "function") calls.push(String(prop));
        return value;
      },
    });
  });
  const before = keras.backend.getBackend();
  try {
    keras.backend.setBackend("counting");
    assert.equal(keras.backend.getBackend(), "counting");
    const y = keras.ops.add(keras.tensor([1, 2]), 1);
    assert.deepEqual(y.arraySync(), [2, 3]);
    assert.ok(calls.includes("binary"));
  } finally {
    keras.backend.setBackend(before);
  }
  assert.equal(keras.backend.getBackend(), before);
});
