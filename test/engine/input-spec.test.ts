import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { TinyDense } from "./helpers.js";

const { ops } = keras;

test("InputSpec axis mismatch: Keras message, Flatten hint, typed error", () => {
  keras.backend.clearSession();
  const dense = new TinyDense(10);
  new TinyDense(10).apply(ops.ones([1, 4])); // take the name "tiny_dense_1"
  dense.apply(ops.ones([2, 784]));
  const x = keras.Input({ shape: [28, 28] });
  assert.throws(
    () => dense.apply(x),
    (e: unknown) => {
      assert.ok(e instanceof keras.IncompatibleInputError);
      assert.ok(e instanceof keras.ValueError);
      assert.equal(
        e.message,
        'Input 0 of layer "tiny_dense" is incompatible with the layer: expected axis -1 of input shape to have value 784, ' +
          "but received input with shape (None, 28, 28). Did you forget a Flatten layer?",
      );
      assert.equal(e.layer, "tiny_dense");
      assert.deepEqual(e.shape, [null, 28, 28]);
      return true;
    },
  );
  // Same rank: no Flatten hint.
  assert.throws(() => dense.apply(ops.ones([2, 5])), {
    message:
      'Input 0 of layer "tiny_dense" is incompatible with the layer: expected axis -1 of input shape to have value 784, but received input with shape (2, 5)',
  });
});

test("InputSpec ndim, min_ndim, dtype, shape and input count checks", () => {
  const spec = (args: keras.InputSpecArgs) => {
    class L extends keras.Layer {
      static override className = "Checked";
      constructor() {
        super({ name: "checked" });
        this.inputSpec = new keras.InputSpec(args);
      }
      call(x: keras.Tensor) {
        return x;
      }
    }
    return new L();
  };
  assert.throws(() => spec({ ndim: 4 }).apply(ops.ones([2, 3])), {
    message:
      'Input 0 of layer "checked" is incompatible with the layer: expected ndim=4, found ndim=2. Full shape received: (2, 3)',
  });
  assert.throws(() => spec({ minNdim: 3 }).apply(ops.ones([2])), {
    message:
      'Input 0 of layer "checked" is incompatible with the layer: expected min_ndim=3, found ndim=1. Full shape received: (2,)',
  });
  assert.throws(
    () => spec({ dtype: "int32" }).apply(ops.ones([2])),
    /expected dtype=int32, found dtype=float32/,
  );
  assert.throws(
    () => spec({ shape: [null, 3] }).apply(ops.ones([2, 4])),
    /expected shape=\(None, 3\), found shape=\(2, 4\)/,
  );
  assert.doesNotThrow(() => spec({ shape: [null, 3] }).apply(ops.ones([5, 3])));
  class Two extends keras.Layer {
    constructor() {
      super({ name: "two" });
      this.inputSpec = [new keras.InputSpec({ ndim: 2 }), new keras.InputSpec({ ndim: 2 })];
    }
    call(xs: keras.Tensor[]) {
      return xs[0]!;
    }
  }
  assert.throws(
    () => new Two().apply([ops.ones([1, 2])]),
    /Layer "two" expects 2 input\(s\), but it received 1 input tensors/,
  );
});

test("calling a layer on a non-tensor names the layer and the value", () => {
  const dense = new TinyDense(2, { name: "dense" });
  assert.throws(
    () => dense.apply(3 as never),
    (e: unknown) => {
      assert.ok(e instanceof keras.ValueError);
      assert.equal(e.message, 'Layer "dense" expects tensor inputs, received 3 (a number).');
      return true;
    },
  );
  assert.throws(
    () => dense.apply([[1, 2]] as never),
    /Layer "dense" expects tensor inputs, received \[\[1,2\]\] \(a plain array; convert it with keras.tensor/,
  );
  assert.throws(() => dense.apply("x" as never), /received "x" \(a string\)/);
});
