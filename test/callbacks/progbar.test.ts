// Byte-for-byte checks of Keras 3's progress bar (docs/keras-console-output.md §3.3), with an
// injected writer and clock.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CallbackList, Progbar, ProgbarLogger } from "../../src/callbacks/index.js";
import { manualClock, recorder } from "./helpers.js";

const B = (s: string) => `\x1b[1m${s}\x1b[0m`;
const green = (n: number) => `\x1b[32m${"━".repeat(n)}\x1b[0m`;
const white = (n: number) => `\x1b[37m${"━".repeat(n)}\x1b[0m`;
/** The text after the `"\b" * width + "\r"` that starts each redraw. */
const afterRedraw = (s: string) => s.slice(s.indexOf("\r") + 1);

test("fit, verbose 1: first update, an intermediate update with 13 of 20 green, the final write", async () => {
  const clock = manualClock(1000);
  const out = recorder();
  const logger = new ProgbarLogger({ write: out.write, now: clock.now });
  const list = new CallbackList([logger], { verbose: 1, epochs: 2, steps: 169 });
  await list.onTrainBegin();
  await list.onEpochBegin(0); // the bar starts at t = 1000
  assert.deepEqual(out.writes, ["Epoch 1/2\n"]);

  clock.t = 1000.887;
  await list.onTrainBatchEnd(0, { loss: 2.4, accuracy: 0.1 });
  const first = `\r${B("  1/169")} ${white(20)} ${B("2:29")} 887ms/step - accuracy: 0.1000 - loss: 2.4000`;
  assert.equal(out.writes[1], first);

  // Steps 2..113 come within 0.05 s of the last draw: throttled, nothing written.
  for (let b = 1; b < 113; b++) {
    clock.t = 1000.887 + 0.0003 * b;
    await list.onTrainBatchEnd(b, { loss: 2.36, accuracy: 0.1036 });
  }
  assert.equal(out.writes.length, 2);

  clock.t = 1000.887 + 0.000465 * 113;
  await list.onTrainBatchEnd(113, { loss: 2.3525, accuracy: 0.1036 });
  // The first line was 78 columns wide, this one 76: two spaces of padding.
  const mid = `${"\b".repeat(78)}\r${B("114/169")} ${green(13)}${white(7)} ${B("0s")} 465us/step - accuracy: 0.1036 - loss: 2.3525  `;
  assert.equal(out.writes[2], mid);

  for (let b = 114; b < 169; b++) {
    clock.t = 1000.94 + 0.0007 * (b - 114);
    await list.onTrainBatchEnd(b, { loss: 2.3365, accuracy: 0.103 });
  }
  assert.equal(out.writes.length, 3);

  // Validation is silent inside fit; its metrics appear on the final line.
  await list.onTestBegin();
  await list.onTestBatchEnd(0, { loss: 2.3, accuracy: 0.1 });
  await list.onTestEnd({ loss: 2.3022, accuracy: 0.105 });
  assert.equal(out.writes.length, 3);

  clock.t = 1000.887 + 0.008 * 168;
  await list.onEpochEnd(0, { accuracy: 0.103, loss: 2.3365, val_accuracy: 0.105, val_loss: 2.3022 });
  const final =
    "\b".repeat(76) +
    "\r\x1b[1m169/169\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m2s\x1b[0m 8ms/step" +
    " - accuracy: 0.1030 - loss: 2.3365 - val_accuracy: 0.1050 - val_loss: 2.3022\n";
  assert.equal(out.writes[3], final);

  await list.onEpochBegin(1);
  assert.equal(out.writes[4], "Epoch 2/2\n");
});

test("fit, verbose 2: one plain line per epoch, printed only when the epoch ends", async () => {
  const clock = manualClock(500);
  const out = recorder();
  const list = new CallbackList([new ProgbarLogger({ write: out.write, now: clock.now })], {
    verbose: 2,
    epochs: 2,
    steps: 169,
  });
  await list.onTrainBegin();
  for (const [epoch, perStep, logs] of [
    [0, 405e-6, { accuracy: 0.1065, loss: 2.3031, val_accuracy: 0.11, val_loss: 2.3032 }],
    [1, 333e-6, { accuracy: 0.1072, loss: 2.3024, val_accuracy: 0.11, val_loss: 2.3034 }],
  ] as const) {
    clock.t = 500 + epoch;
    await list.onEpochBegin(epoch);
    for (let b = 0; b < 169; b++) {
      clock.t += perStep;
      await list.onTrainBatchEnd(b, { loss: 2.3 });
    }
    await list.onEpochEnd(epoch, { ...logs });
  }
  assert.equal(
    out.text(),
    "Epoch 1/2\n" +
      "169/169 - 0s - 405us/step - accuracy: 0.1065 - loss: 2.3031 - val_accuracy: 0.1100 - val_loss: 2.3032\n" +
      "Epoch 2/2\n" +
      "169/169 - 0s - 333us/step - accuracy: 0.1072 - loss: 2.3024 - val_accuracy: 0.1100 - val_loss: 2.3034\n",
  );
});

test("a single epoch prints no `Epoch 1/1` header", async () => {
  const out = recorder();
  const list = new CallbackList([new ProgbarLogger({ write: out.write, now: manualClock().now })], {
    verbose: 2,
    epochs: 1,
    steps: 1,
  });
  await list.onTrainBegin();
  await list.onEpochBegin(0);
  await list.onEpochEnd(0, { loss: 1 });
  assert.equal(out.text(), "1/1 - 0s - 0s/step - loss: 1.0000\n");
});

test("evaluate (verbose 1 and 2) and predict (no metrics) lines", async () => {
  const run = async (verbose: number, kind: "test" | "predict", steps: number, perStep: number) => {
    const clock = manualClock(10);
    const out = recorder();
    const list = new CallbackList([new ProgbarLogger({ write: out.write, now: clock.now })], {
      verbose,
      epochs: 1,
      steps,
    });
    const logs = { accuracy: 0.106, loss: 2.3027 };
    if (kind === "test") await list.onTestBegin();
    else await list.onPredictBegin();
    for (let b = 0; b < steps; b++) {
      clock.t += perStep;
      if (kind === "test") await list.onTestBatchEnd(b, logs);
      else await list.onPredictBatchEnd(b, { outputs: 1 });
    }
    if (kind === "test") await list.onTestEnd(logs);
    else await list.onPredictEnd();
    return out.writes;
  };
  const ev1 = await run(1, "test", 32, 0.007);
  const last = ev1[ev1.length - 1]!;
  assert.equal(
    afterRedraw(last),
    `${B("32/32")} ${green(20)}${white(0)} ${B("0s")} 7ms/step - accuracy: 0.1060 - loss: 2.3027\n`,
  );
  assert.deepEqual(await run(2, "test", 32, 229e-6), [
    "32/32 - 0s - 229us/step - accuracy: 0.1060 - loss: 2.3027\n",
  ]);
  const pred = await run(1, "predict", 4, 0.029);
  assert.equal(
    afterRedraw(pred[pred.length - 1]!),
    `${B("4/4")} ${green(20)}${white(0)} ${B("0s")} 29ms/step\n`,
  );
});

test("unknown target: `%7d/Unknown`, then the logger sets the target from the steps seen", async () => {
  const clock = manualClock(0);
  const out = recorder();
  const bar = new Progbar(null, { write: out.write, now: clock.now, statelessMetrics: [] });
  clock.t = 0.25;
  bar.update(1, [["loss", 0.5]]);
  assert.deepEqual(out.writes, [`\r      1/Unknown ${B("0s")} 250ms/step - loss: 0.5000`]);

  const logOut = recorder();
  const list = new CallbackList([new ProgbarLogger({ write: logOut.write, now: clock.now })], {
    verbose: 1,
    epochs: 1,
    steps: null,
  });
  await list.onTrainBegin();
  clock.t = 0;
  await list.onEpochBegin(0);
  clock.t = 1;
  await list.onTrainBatchEnd(0, { loss: 0.5 });
  clock.t = 4;
  await list.onTrainBatchEnd(1, { loss: 0.25 });
  clock.t = 7;
  await list.onEpochEnd(0, { loss: 0.25 });
  assert.deepEqual(logOut.writes.slice(0, 2), [
    `\r      1/Unknown ${B("1s")} 1s/step - loss: 0.5000`,
    `${"\b".repeat(41)}\r      2/Unknown ${B("4s")} 3s/step - loss: 0.2500`,
  ]);
  assert.equal(
    logOut.writes[2],
    `${"\b".repeat(41)}\r${B("2/2")} ${green(20)}${white(0)} ${B("7s")} 6s/step - loss: 0.2500\n`,
  );
});

test("value formatting: %.4f above 1e-3, else %.4e; verbose 1 uses abs, verbose 2 does not", () => {
  const clock = manualClock(0);
  const v1 = recorder();
  const bar1 = new Progbar(2, { write: v1.write, now: clock.now, statelessMetrics: [] });
  clock.t = 0.5;
  bar1.update(2, { zero: 0, tiny: 0.0005, neg: -0.5, big: 12345.678 });
  assert.equal(
    v1.writes[0],
    `\r${B("2/2")} ${green(20)}${white(0)} ${B("0s")} 250ms/step - zero: 0.0000e+00 - tiny: 5.0000e-04 - neg: -0.5000 - big: 12345.6780\n`,
  );
  const v2 = recorder();
  const bar2 = new Progbar(2, { verbose: 2, write: v2.write, now: clock.now, statelessMetrics: [] });
  bar2.update(1, { neg: -0.5 });
  assert.deepEqual(v2.writes, []);
  bar2.update(2, { zero: 0, neg: -0.5, pos: 0.002 });
  assert.deepEqual(v2.writes, ["2/2 - 0s - 0s/step - neg: -5.0000e-01 - zero: 0.0000e+00 - pos: 0.0020\n"]);
});

test("Progbar averages values over steps unless they are stateful; add() advances", () => {
  const clock = manualClock(0);
  const out = recorder();
  const bar = new Progbar(10, { verbose: 2, write: out.write, now: clock.now, statefulMetrics: ["acc"] });
  bar.update(1, [
    ["loss", 1],
    ["acc", 0.5],
  ]);
  bar.add(2, [
    ["loss", 4],
    ["acc", 0.75],
  ]); // loss weighted by 2 steps: (1 + 8) / 3
  clock.t = 20;
  bar.update(10, [["acc", 0.9]], true);
  assert.deepEqual(out.writes, ["10/10 - 20s - 2s/step - loss: 3.0000 - acc: 0.9000\n"]);
  assert.throws(() => new Progbar(1, { statefulMetrics: [], statelessMetrics: [] }), /only one/);
});

test("throttling: updates closer than `interval` are skipped unless finalizing; no dynamic display → newline", () => {
  const clock = manualClock(0);
  const out = recorder();
  const bar = new Progbar(3, {
    write: out.write,
    now: clock.now,
    dynamicDisplay: false,
    statelessMetrics: [],
  });
  clock.t = 1;
  bar.update(1);
  clock.t = 1.01;
  bar.update(2);
  clock.t = 1.02;
  bar.update(3);
  assert.deepEqual(out.writes, [
    `\n${B("1/3")} ${green(6)}${white(14)} ${B("2s")} 1s/step`,
    `\n${B("3/3")} ${green(20)}${white(0)} ${B("1s")} 10ms/step\n`,
  ]);
});

test("ETA formats: h:mm:ss above an hour, m:ss above a minute", () => {
  const clock = manualClock(0);
  const out = recorder();
  const bar = new Progbar(10000, { write: out.write, now: clock.now, statelessMetrics: [] });
  clock.t = 2;
  bar.update(1); // 2 s/step × 9999 steps = 19998 s
  const bar2 = new Progbar(100, { write: out.write, now: clock.now, statelessMetrics: [] });
  clock.t = 3.5;
  bar2.update(1); // 1.5 s/step × 99 = 148.5 s
  assert.ok(out.writes[0]!.endsWith(`${B("5:33:18")} 2s/step`), out.writes[0]);
  assert.ok(out.writes[1]!.endsWith(`${B("2:28")} 2s/step`), out.writes[1]);
});
