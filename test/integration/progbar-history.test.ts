// The progress bar prints the numbers that History logs (verbose 1 and 2, with validation).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";

const { layers, ops } = keras;

async function trainWithCapturedBar(verbose: 1 | 2) {
  keras.utils.setRandomSeed(3);
  const x = keras.random.normal([96, 4]);
  const y = ops.cast(ops.greater(ops.sum(x, 1), 0), "int32");
  const model = new keras.Sequential([
    new layers.Dense(8, { activation: "relu", inputShape: [4] }),
    new layers.Dense(2, { activation: "softmax" }),
  ]);
  model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"] });
  let printed = "";
  const logger = new keras.callbacks.ProgbarLogger({ write: (s: string) => (printed += s) });
  const history = await model.fit(x, y, {
    epochs: 3,
    batchSize: 16,
    validationSplit: 0.25,
    verbose,
    callbacks: [logger],
  });
  return { printed, history: history.history };
}

/** Keras's bold/green/white SGR codes, `ESC [ ... m`. */
const ANSI_STYLE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** The last rendered line of each epoch: what the user sees once the epoch ends. */
function epochLines(printed: string): string[] {
  return printed
    .split("\n")
    .filter((l) => l.includes("/step"))
    .map((l) => l.split("\r").pop()!.replace(ANSI_STYLE, ""));
}

function printedValue(line: string, key: string): string {
  const m = new RegExp(`(?:^| )${key}: (\\S+)`).exec(line);
  assert.ok(m, `"${key}" missing from: ${line}`);
  return m[1]!;
}

for (const verbose of [1, 2] as const) {
  test(`verbose ${verbose}: every printed value equals History's value`, async () => {
    const { printed, history } = await trainWithCapturedBar(verbose);
    const lines = epochLines(printed);
    assert.equal(lines.length, 3, printed);
    assert.deepEqual(Object.keys(history).sort(), ["accuracy", "loss", "val_accuracy", "val_loss"]);
    lines.forEach((line, epoch) => {
      assert.match(line, /^5\/5 /);
      // Keras prints the logs sorted: training keys, then the val_ keys.
      assert.match(line, / - accuracy: \S+ - loss: \S+ - val_accuracy: \S+ - val_loss: \S+$/);
      for (const key of ["accuracy", "loss", "val_accuracy", "val_loss"]) {
        assert.equal(
          printedValue(line, key),
          history[key]![epoch]!.toFixed(4),
          `${key} at epoch ${epoch + 1}`,
        );
      }
    });
    assert.equal((printed.match(/Epoch \d\/3\n/g) ?? []).length, 3);
  });
}
