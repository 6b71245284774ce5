import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { createJsBackend } from "../../src/backends/js/index.js";
import { assertThrowsWith } from "../helpers/gradcheck.js";

test("the reference backend is active by default and can be selected by name", () => {
  assert.equal(keras.backend.getBackend(), "js");
  keras.backend.setBackend("js");
  assert.equal(keras.backend.getBackend(), "js");
  assert.ok(keras.backend.listBackends().includes("js"));
});

test("an unknown backend name is a BackendError listing the available ones", () => {
  const err = assertThrowsWith(
    () => keras.backend.setBackend("cuda"),
    keras.BackendError,
    'Unknown backend "cuda"',
    '"js"',
  );
  assert.match(err.message, /Available backends: "js"/);
  assert.equal(keras.backend.getBackend(), "js"); // unchanged
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
  try {
    keras.backend.setBackend("counting");
    assert.equal(keras.backend.getBackend(), "counting");
    const y = keras.ops.add(keras.tensor([1, 2]), 1);
    assert.deepEqual(y.arraySync(), [2, 3]);
    assert.ok(calls.includes("binary"));
  } finally {
    keras.backend.setBackend("js");
  }
});
