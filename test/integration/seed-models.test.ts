// The acceptance points of the seed issue, end to end with the real layers: the three ways of
// DESIGN.md build bitwise-identical models, `model.summary()` prints Keras 3's text, multi-input /
// shared-layer graphs, nested models, and the errors users meet first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as keras from "../../src/index.js";
import { summaryTable } from "../../src/summary/index.js";
import { MyModel, seedFunctional, seedSequential } from "../../examples/seed-models.js";

const { layers, ops } = keras;

const fixtures = JSON.parse(
  readFileSync(new URL("../summary/fixtures/keras-summaries.json", import.meta.url), "utf8"),
) as { cases: { id: string; text: string }[] };
/** A summary printed by real Keras 3 (test/summary/fixtures/generate.py). */
const kerasText = (id: string): string => fixtures.cases.find((c) => c.id === id)!.text;

// The seed's three model definitions (DESIGN.md) live in examples/seed-models.ts.

/** Captures what `model.summary()` prints when stdout is piped to an 80-column terminal. */
function printed(model: keras.Model, options: Parameters<keras.Model["summary"]>[0] = {}): string {
  const saved = process.env.COLUMNS;
  process.env.COLUMNS = "80";
  try {
    let text: string | undefined;
    model.summary({ ...options, printFn: (s) => (text = s) });
    return text!;
  } finally {
    if (saved === undefined) delete process.env.COLUMNS;
    else process.env.COLUMNS = saved;
  }
}

function assertBitwiseEqual(a: keras.Tensor, b: keras.Tensor, what: string): void {
  assert.deepEqual(a.shape, b.shape, `${what}: shape`);
  const x = a.dataSync() as Float32Array;
  const y = b.dataSync() as Float32Array;
  assert.ok(x instanceof Float32Array && y instanceof Float32Array, `${what}: float32 data`);
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) assert.fail(`${what}: element ${i} differs: ${x[i]} !== ${y[i]}`);
  }
}

test("the seed's three APIs give bitwise-identical initial weights and predictions", () => {
  keras.utils.setRandomSeed(42);
  const seq = seedSequential();
  keras.utils.setRandomSeed(42);
  const fn = seedFunctional();
  keras.utils.setRandomSeed(42);
  const sub = new MyModel();
  sub.apply(ops.zeros([1, 28, 28])); // builds the subclassed model by calling it once
  keras.utils.setRandomSeed(42);
  const built = new MyModel();
  built.build([null, 28, 28]); // ...or by building it explicitly

  const reference = seq.weights;
  assert.equal(reference.length, 6);
  assert.deepEqual(
    reference.map((w) => [w.name, w.shape]),
    [
      ["kernel", [784, 300]],
      ["bias", [300]],
      ["kernel", [300, 100]],
      ["bias", [100]],
      ["kernel", [100, 10]],
      ["bias", [10]],
    ],
  );
  for (const [label, model] of [
    ["functional", fn],
    ["subclassed (called)", sub],
    ["subclassed (built)", built],
  ] as const) {
    assert.equal(model.weights.length, 6, label);
    assert.equal(model.countParams(), 266610, label);
    model.weights.forEach((w, i) => assertBitwiseEqual(w.value, reference[i]!.value, `${label} weight ${i}`));
  }
  // Not all zeros: the kernels were really drawn.
  assert.ok((reference[0]!.dataSync() as Float32Array).some((v) => v !== 0));

  const x = keras.random.uniform([5, 28, 28], { seed: 7 });
  const expected = seq.apply(x);
  assert.deepEqual(expected.shape, [5, 10]);
  for (const model of [fn, sub, built])
    assertBitwiseEqual(model.apply(x), expected, `${model.name} prediction`);
  // Softmax rows sum to one.
  for (const row of expected.arraySync() as number[][]) {
    assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  }
});

test("summary(): the seed Sequential prints Keras's text; the Functional one starts with its InputLayer", () => {
  keras.backend.clearSession();
  keras.utils.setRandomSeed(42);
  const seq = seedSequential();
  const expected76 = [
    'Model: "sequential"',
    "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓",
    "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃",
    "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩",
    "│ flatten (Flatten)               │ (None, 784)            │             0 │",
    "├─────────────────────────────────┼────────────────────────┼───────────────┤",
    "│ dense (Dense)                   │ (None, 300)            │       235,500 │",
    "├─────────────────────────────────┼────────────────────────┼───────────────┤",
    "│ dense_1 (Dense)                 │ (None, 100)            │        30,100 │",
    "├─────────────────────────────────┼────────────────────────┼───────────────┤",
    "│ dense_2 (Dense)                 │ (None, 10)             │         1,010 │",
    "└─────────────────────────────────┴────────────────────────┴───────────────┘",
    " Total params: 266,610 (1.02 MB)",
    " Trainable params: 266,610 (1.02 MB)",
    " Non-trainable params: 0 (0.00 B)",
  ].join("\n");
  const text76 = printed(seq);
  assert.equal(text76, expected76);
  assert.equal(text76, kerasText("seed-sequential-76"));
  assert.ok(text76.split("\n").every((line) => line.length <= 76));
  assert.equal(text76.split("\n")[1]!.length, 76);

  // A second seed Sequential at lineLength 88: Keras's automatic names go on (sequential_1, dense_3, ...).
  const seq2 = seedSequential();
  const text88 = printed(seq2, { lineLength: 88 });
  assert.equal(text88, kerasText("seed-sequential-88"));
  assert.equal(text88.split("\n")[1]!.length, 88);

  // Each built Sequential took a "functional" name, as in Keras: this one is functional_2.
  const fn = seedFunctional();
  assert.equal(fn.name, "functional_2");
  const fnText = printed(fn);
  assert.equal(fnText, kerasText("seed-functional-76"));
  assert.match(fnText.split("\n")[4]!, /^│ input_layer_2 \(InputLayer\) +│ \(None, 28, 28\) +│ +0 │$/);
  assert.doesNotMatch(fnText, /Connected to/);
});

test("two inputs, a shared Dense, Add and Concatenate, two outputs", () => {
  keras.backend.clearSession();
  keras.utils.setRandomSeed(42);
  const a = keras.Input({ shape: [6], name: "a" });
  const b = keras.Input({ shape: [6], name: "b" });
  const shared = new layers.Dense(4, { activation: "relu", name: "shared" });
  const addLayer = new layers.Add({ name: "add" });
  const concat = new layers.Concatenate({ name: "concat" });
  const sumHead = new layers.Dense(2, { name: "sum_head" });
  const concatHead = new layers.Dense(3, { name: "concat_head" });
  const ha = shared.apply(a);
  const hb = shared.apply(b);
  const out1 = sumHead.apply(addLayer.apply([ha, hb]));
  const out2 = concatHead.apply(concat.apply([ha, hb]));
  const model = new keras.Model({ inputs: [a, b], outputs: [out1, out2], name: "two_towers" });

  assert.equal(model.built, true);
  assert.deepEqual(
    model.layers.map((l) => l.name),
    ["a", "b", "shared", "add", "concat", "sum_head", "concat_head"],
  );
  assert.equal(shared.inboundNodes.length, 2);
  assert.equal(model.weights.length, 6, "the shared layer's weights count once");
  assert.equal(model.countParams(), 6 * 4 + 4 + (4 * 2 + 2) + (8 * 3 + 3));

  const xa = keras.random.normal([5, 6], { seed: 1 });
  const xb = keras.random.normal([5, 6], { seed: 2 });
  const [y1, y2] = model.apply<keras.Tensor[], keras.Tensor[]>([xa, xb]);
  assert.deepEqual(y1!.shape, [5, 2]);
  assert.deepEqual(y2!.shape, [5, 3]);
  const ea = shared.apply(xa);
  const eb = shared.apply(xb);
  assertBitwiseEqual(y1!, sumHead.apply(addLayer.apply([ea, eb])), "sum head");
  assertBitwiseEqual(y2!, concatHead.apply(concat.apply([ea, eb])), "concat head");
  // ...and the merge layers agree with the ops they stand for.
  assertBitwiseEqual(addLayer.apply([ea, eb]), ops.add(ea, eb), "Add");
  assertBitwiseEqual(concat.apply([ea, eb]), ops.concatenate([ea, eb], -1), "Concatenate");

  const rows = summaryTable(model).rows;
  assert.deepEqual(rows.find((r) => r.name === "shared")!.connectedTo, ["a[0][0]", "b[0][0]"]);
  assert.deepEqual(rows.find((r) => r.name === "add")!.connectedTo, ["shared[0][0]", "shared[1][0]"]);

  const wide = printed(model, { terminalColumns: 200 }).split("\n");
  assert.equal(
    wide[2],
    "┃ Layer (type)                  ┃ Output Shape              ┃         Param # ┃ Connected to               ┃",
  );
  for (const line of [
    "│ shared (Dense)                │ (None, 4)                 │              28 │ a[0][0], b[0][0]           │",
    "│ add (Add)                     │ (None, 4)                 │               0 │ shared[0][0], shared[1][0] │",
    "│ concat (Concatenate)          │ (None, 8)                 │               0 │ shared[0][0], shared[1][0] │",
    "│ sum_head (Dense)              │ (None, 2)                 │              10 │ add[0][0]                  │",
    "│ concat_head (Dense)           │ (None, 3)                 │              27 │ concat[0][0]               │",
  ])
    assert.ok(wide.includes(line), `missing line:\n${line}\nin:\n${wide.join("\n")}`);
  assert.ok(wide.includes(" Total params: 65 (260.00 B)"));

  // At 76 columns the Connected-to cell wraps after the comma, as Rich does.
  const narrow = printed(model).split("\n");
  const addAt = narrow.findIndex((l) => l.startsWith("│ add (Add)"));
  assert.equal(narrow[addAt], "│ add (Add)           │ (None, 4)         │          0 │ shared[0][0],     │");
  assert.equal(
    narrow[addAt + 1],
    "│                     │                   │            │ shared[1][0]      │",
  );
});

test("a Sequential as a layer of a Functional model, and a subclassed model holding an array of Dense", () => {
  keras.backend.clearSession();
  const encoder = new keras.Sequential(
    [new layers.Dense(4, { activation: "relu", inputShape: [3] }), new layers.Dense(2)],
    { name: "encoder" },
  );
  const inputs = keras.Input({ shape: [3] });
  const outputs = new layers.Dense(1).apply(encoder.apply(inputs));
  const model = new keras.Model({ inputs, outputs });
  assert.deepEqual(
    model.layers.map((l) => l.name),
    ["input_layer_1", "encoder", "dense_2"],
  );
  assert.equal(model.weights.length, 6);
  assert.equal(model.trainableWeights.length, 6);
  assert.equal(model.countParams(), 3 * 4 + 4 + (4 * 2 + 2) + (2 * 1 + 1));
  const x = keras.random.normal([4, 3], { seed: 3 });
  assertBitwiseEqual(model.apply(x), model.getLayer("dense_2").apply(encoder.apply(x)), "nested");
  assert.deepEqual(
    summaryTable(model).rows.map((r) => [r.name, r.className, r.outputShape, r.params]),
    [
      ["input_layer_1", "InputLayer", "(None, 3)", 0],
      ["encoder", "Sequential", "(None, 2)", 26],
      ["dense_2", "Dense", "(None, 1)", 3],
    ],
  );
  encoder.trainable = false;
  assert.equal(model.trainableWeights.length, 2);
  assert.equal(model.nonTrainableWeights.length, 4);
  assert.equal(model.countParams(), 29);

  class Stack extends keras.Model {
    blocks = [new layers.Dense(8, { activation: "relu" }), new layers.Dense(8), new layers.Dense(2)];
    call(x: keras.Tensor) {
      return this.blocks.reduce((y, layer) => layer.apply(y), x);
    }
  }
  const stack = new Stack();
  assert.equal(stack.name, "stack");
  assert.equal(stack.weights.length, 0);
  stack.build([null, 5]);
  assert.equal(stack.weights.length, 6);
  assert.equal(stack.trainableWeights.length, 6);
  assert.deepEqual(
    stack.weights.map((w) => w.path),
    ["dense_3/kernel", "dense_3/bias", "dense_4/kernel", "dense_4/bias", "dense_5/kernel", "dense_5/bias"],
  );
  assert.equal(stack.countParams(), 5 * 8 + 8 + (8 * 8 + 8) + (8 * 2 + 2));
  assert.deepEqual(stack.apply(ops.ones([3, 5])).shape, [3, 2]);
  assert.deepEqual(
    summaryTable(stack).rows.map((r) => r.params),
    [48, 72, 18],
  );
});

test("errors: typed, with Keras's messages", () => {
  keras.backend.clearSession();
  // A Dense built for 784 features fed the unflattened images.
  const dense = new layers.Dense(10, { name: "classifier" });
  dense.build([null, 784]);
  const images = keras.Input({ shape: [28, 28] });
  assert.throws(
    () => dense.apply(images),
    (e: unknown) => {
      assert.ok(e instanceof keras.IncompatibleInputError);
      assert.ok(e instanceof keras.ValueError);
      assert.equal(
        e.message,
        'Input 0 of layer "classifier" is incompatible with the layer: expected axis -1 of input shape to have value 784, ' +
          "but received input with shape (None, 28, 28). Did you forget a Flatten layer?",
      );
      assert.equal(e.layer, "classifier");
      assert.deepEqual(e.shape, [null, 28, 28]);
      return true;
    },
  );

  // Outputs that do not come from the model's inputs.
  const a = keras.Input({ shape: [4], name: "a" });
  const b = keras.Input({ shape: [4], name: "b" });
  const out = new layers.Dense(1, { name: "head" }).apply(new layers.Add({ name: "sum" }).apply([a, b]));
  assert.throws(
    () => new keras.Model({ inputs: a, outputs: out }),
    (e: unknown) => {
      assert.ok(e instanceof keras.GraphDisconnectedError);
      assert.match(
        e.message,
        /^Graph disconnected: cannot find parent for tensor .*name=b.* at layer "sum"\. The following previous layers were accessed without issue: \["a"\]\./,
      );
      return true;
    },
  );

  // A layer called on a plain number.
  const d = new layers.Dense(3, { name: "d" });
  assert.throws(() => d.apply(5 as never), {
    name: "ValueError",
    message: 'Layer "d" expects tensor inputs, received 5 (a number).',
  });
  assert.throws(() => d.apply(5 as never), keras.ValueError);
});
