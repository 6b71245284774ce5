import { test } from "node:test";
import assert from "node:assert/strict";
import {
  columnWidths,
  divideLine,
  formatCount,
  formatFixed2,
  formatOutputShapes,
  formatSummaryShape,
  pyRound,
  readableMemorySize,
  StyledText,
  wrapText,
} from "../../src/summary/index.js";

test("formatFixed2 matches Python's '{:.2f}', exact ties to even (values checked with CPython)", () => {
  const python: [number, string][] = [
    [1.125, "1.12"],
    [0.125, "0.12"],
    [0.625, "0.62"],
    [0.375, "0.38"],
    [1.005, "1.00"],
    [2.675, "2.67"],
    [1023.995, "1024.00"],
    [397.5390625, "397.54"],
    [0, "0.00"],
  ];
  for (const [x, want] of python) assert.equal(formatFixed2(x), want, String(x));
});

test("readableMemorySize steps by 1024 through B, KB, MB, GB, TB, PB", () => {
  assert.equal(readableMemorySize(0), "0.00 B");
  assert.equal(readableMemorySize(1023), "1023.00 B");
  assert.equal(readableMemorySize(1024), "1.00 KB");
  assert.equal(readableMemorySize(407080), "397.54 KB");
  assert.equal(readableMemorySize(1066440), "1.02 MB");
  assert.equal(readableMemorySize(1152), "1.12 KB"); // 1.125 KB: a tie, rounded to even as Python does
  assert.equal(readableMemorySize(3 * 1024 ** 5), "3.00 PB");
  // Keras divides once more after PB and still prints "PB": 2048 PB prints as "2.00 PB".
  assert.equal(readableMemorySize(2048 * 1024 ** 5), "2.00 PB");
});

test("formatCount groups thousands like f'{n:,}'", () => {
  assert.deepEqual([0, 999, 1000, 266610, 1234567].map(formatCount), [
    "0",
    "999",
    "1,000",
    "266,610",
    "1,234,567",
  ]);
});

test("output shapes print as the summary does: rank 1 without a comma, several outputs as a repr", () => {
  assert.equal(formatSummaryShape([null, 28, 28]), "(None, 28, 28)");
  assert.equal(formatSummaryShape([null]), "(None)");
  assert.equal(formatSummaryShape([]), "()");
  assert.equal(formatOutputShapes([[null, 10]]), "(None, 10)");
  assert.equal(formatOutputShapes([[null, 2], [null, 4], [null]]), "[(None, 2), (None, 4), (None)]");
  assert.equal(formatOutputShapes({ a: [null, 2], b: [[null], [3]] }), "{a: (None, 2), b: [(None), (3)]}");
});

test("column widths are squeezed into the table as rich does (ratio_reduce, Python rounding)", () => {
  assert.deepEqual([pyRound(2.5), pyRound(3.5), pyRound(3.25), pyRound(3.75)], [2, 4, 3, 4]);
  assert.deepEqual(columnWidths([34, 26, 16], 76), [33, 24, 15]);
  assert.deepEqual(columnWidths([39, 31, 18], 88), [38, 29, 17]);
  assert.deepEqual(columnWidths([32, 28, 19, 29], 108), [31, 27, 17, 28]);
});

test("cells wrap at spaces, and a word longer than the cell ends with an ellipsis", () => {
  assert.deepEqual(divideLine(Array.from("dense_2[0][0], dense_3[0][0]"), 26), [15]);
  const lines = (text: string, width: number, justify: "left" | "center" | "right" = "left") =>
    wrapText(StyledText.plain(text), width, justify).map((l) => l.plain);
  assert.deepEqual(lines("dense_2[0][0], dense_3[0][0]", 26), [
    "dense_2[0][0],            ",
    "dense_3[0][0]             ",
  ]);
  assert.deepEqual(lines("concatenate_everything (Concatenate)", 29), [
    "concatenate_everything       ",
    "(Concatenate)                ",
  ]);
  assert.deepEqual(lines("a_very_long_layer_name_indeed (Dense)", 12), ["a_very_long…", "(Dense)     "]);
  assert.deepEqual(lines("Trainable", 5, "center"), ["Trai…"]);
  assert.deepEqual(lines("Y", 5, "center"), ["  Y  "]);
  assert.deepEqual(lines("1,290", 9, "right"), ["    1,290"]);
  assert.deepEqual(lines("", 3), ["   "]);
});
