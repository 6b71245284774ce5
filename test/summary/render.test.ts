import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { renderSummary, type SummaryRow, type SummaryTable } from "../../src/summary/index.js";
import { FASHION_76, FASHION_88, FUNC_108 } from "./keras-texts.js";

interface Fixture {
  id: string;
  description: string;
  terminalColumns: number;
  options: { lineLength: number | null; positions: number[] | null; showTrainable: boolean };
  table: SummaryTable;
  text: string;
}

const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/keras-summaries.json", import.meta.url), "utf8"),
) as {
  keras: string;
  cases: Fixture[];
};

/** Renders with the options a fixture was recorded with. */
function renderFixture(f: Fixture): string {
  return renderSummary(f.table, {
    terminalColumns: f.terminalColumns,
    ...(f.options.lineLength !== null && { lineLength: f.options.lineLength }),
    ...(f.options.positions !== null && { positions: f.options.positions }),
    showTrainable: f.options.showTrainable,
  });
}

for (const f of fixtures.cases) {
  test(`summary matches Keras ${fixtures.keras} character for character: ${f.id} (${f.description})`, () => {
    assert.equal(renderFixture(f), f.text);
  });
}

const dense = (name: string, outputShape: string, params: number): SummaryRow => ({
  name,
  className: "Dense",
  outputShape,
  params,
});
const stats = (count: number) => ({ count, bytes: count * 4 });

const fashionMlp: SummaryTable = {
  modelName: "fashion_mlp",
  sequentialLike: true,
  rows: [
    { name: "flatten", className: "Flatten", outputShape: "(None, 784)", params: 0 },
    dense("dense", "(None, 128)", 100480),
    { name: "dropout", className: "Dropout", outputShape: "(None, 128)", params: 0 },
    dense("dense_1", "(None, 10)", 1290),
  ],
  totals: { trainable: stats(101770), nonTrainable: stats(0) },
};

test("the 76-column Sequential of the console doc (80-column terminal or piped output)", () => {
  assert.equal(renderSummary(fashionMlp, { terminalColumns: 80 }), FASHION_76);
});

test("the 88-column Sequential of the console doc (wide terminal), and an explicit lineLength", () => {
  assert.equal(renderSummary(fashionMlp, { terminalColumns: 200 }), FASHION_88);
  assert.equal(renderSummary(fashionMlp, { terminalColumns: 80, lineLength: 88 }), FASHION_88);
  assert.equal(renderSummary(fashionMlp, { terminalColumns: 200, lineLength: 76 }), FASHION_76);
});

test("the footer after fit adds optimizer params to the total", () => {
  const trained = { ...fashionMlp, totals: { ...fashionMlp.totals, optimizer: stats(203542) } };
  const footer = renderSummary(trained, { terminalColumns: 80 }).split("\n").slice(-4).join("\n");
  assert.equal(
    footer,
    ` Total params: 305,312 (1.16 MB)
 Trainable params: 101,770 (397.54 KB)
 Non-trainable params: 0 (0.00 B)
 Optimizer params: 203,542 (795.09 KB)`,
  );
});

test("the 108-column Functional with two inputs and Add wraps the Connected to cell", () => {
  const table: SummaryTable = {
    modelName: "func",
    sequentialLike: false,
    rows: [
      { name: "a", className: "InputLayer", outputShape: "(None, 16)", params: 0, connectedTo: [] },
      { name: "b", className: "InputLayer", outputShape: "(None, 16)", params: 0, connectedTo: [] },
      { ...dense("dense_2", "(None, 8)", 136), connectedTo: ["a[0][0]"] },
      { ...dense("dense_3", "(None, 8)", 136), connectedTo: ["b[0][0]"] },
      {
        name: "add",
        className: "Add",
        outputShape: "(None, 8)",
        params: 0,
        connectedTo: ["dense_2[0][0]", "dense_3[0][0]"],
      },
      { ...dense("out", "(None, 1)", 9), connectedTo: ["add[0][0]"] },
    ],
    totals: { trainable: stats(281), nonTrainable: stats(0) },
  };
  assert.equal(renderSummary(table, { terminalColumns: 200 }), FUNC_108);
});

test("unbuilt and expandNested rows of the console doc", () => {
  const table: SummaryTable = {
    modelName: "m",
    sequentialLike: true,
    rows: [
      { name: "dense", className: "Dense", outputShape: "?", params: "unbuilt" },
      { name: "inner", className: "Sequential", outputShape: "(None, 4)", params: 36 },
      { name: "dense_2", className: "Dense", outputShape: "(None, 4)", params: 36, level: 1 },
    ],
    totals: { trainable: stats(72), nonTrainable: stats(0) },
  };
  const body = renderSummary(table, { lineLength: 88 })
    .split("\n")
    .filter((l) => l.startsWith("│"));
  assert.deepEqual(body, [
    "│ dense (Dense)                        │ ?                           │     0 (unbuilt) │",
    "│ inner (Sequential)                   │ (None, 4)                   │              36 │",
    "│    └ dense_2 (Dense)                 │ (None, 4)                   │              36 │",
  ]);
});

// The seed MLP of DESIGN.md: Flatten -> Dense 300 -> Dense 100 -> Dense 10 on (28, 28) inputs.
// Params: 784*300+300 = 235,500; 300*100+100 = 30,100; 100*10+10 = 1,010; total 266,610 float32
// = 1,066,440 bytes = 1.017 MiB -> "1.02 MB". Widths at 76: int(.45*76)=34, int(.8*76)-34=26, 16;
// rich fits them with padding (36+28+18=82) into 76-4 borders=72 by taking 3, 4, 3: 33, 24, 15.
const SEED_ROWS: SummaryRow[] = [
  { name: "flatten", className: "Flatten", outputShape: "(None, 784)", params: 0 },
  dense("dense", "(None, 300)", 235500),
  dense("dense_1", "(None, 100)", 30100),
  dense("dense_2", "(None, 10)", 1010),
];
const SEED_TAIL = `│ flatten (Flatten)               │ (None, 784)            │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense (Dense)                   │ (None, 300)            │       235,500 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense_1 (Dense)                 │ (None, 100)            │        30,100 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense_2 (Dense)                 │ (None, 10)             │         1,010 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 266,610 (1.02 MB)
 Trainable params: 266,610 (1.02 MB)
 Non-trainable params: 0 (0.00 B)`;
const SEED_HEAD = `┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩`;

test("seed MLP, Sequential: 266,610 params (1.02 MB), no InputLayer row", () => {
  const table: SummaryTable = {
    modelName: "sequential",
    sequentialLike: true,
    rows: SEED_ROWS,
    totals: { trainable: stats(266610), nonTrainable: stats(0) },
  };
  assert.equal(
    renderSummary(table, { terminalColumns: 80 }),
    `Model: "sequential"\n${SEED_HEAD}\n${SEED_TAIL}`,
  );
});

test("seed MLP, Functional: a chain, so 3 columns, with the InputLayer row first", () => {
  const table: SummaryTable = {
    modelName: "functional",
    sequentialLike: true,
    rows: [
      { name: "input_layer", className: "InputLayer", outputShape: "(None, 28, 28)", params: 0 },
      ...SEED_ROWS,
    ],
    totals: { trainable: stats(266610), nonTrainable: stats(0) },
  };
  const inputRow = `│ input_layer (InputLayer)        │ (None, 28, 28)         │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤`;
  assert.equal(
    renderSummary(table, { terminalColumns: 80 }),
    `Model: "functional"\n${SEED_HEAD}\n${inputRow}\n${SEED_TAIL}`,
  );
});

test("colors: bold title and labels, 256-color numbers, None and class names, bold headers", () => {
  const text = renderSummary(fashionMlp, { terminalColumns: 80, colors: true });
  const lines = text.split("\n");
  assert.equal(lines[0], '\x1b[1mModel: "fashion_mlp"\x1b[0m');
  assert.ok(
    lines[2]!.startsWith("┃\x1b[1m \x1b[0m\x1b[1mLayer (type)                   \x1b[0m\x1b[1m \x1b[0m┃"),
  );
  assert.equal(
    lines[6],
    "│ dense (\x1b[38;5;33mDense\x1b[0m)                   │ (\x1b[38;5;45mNone\x1b[0m, \x1b[38;5;34m128\x1b[0m)" +
      "            │       \x1b[38;5;34m100,480\x1b[0m │",
  );
  assert.equal(lines.at(-1), "\x1b[1m Non-trainable params: \x1b[0m\x1b[38;5;34m0\x1b[0m (0.00 B)");
  // Stripping the escapes gives the plain text back.
  // eslint-disable-next-line no-control-regex
  assert.equal(text.replace(/\x1b\[[0-9;]*m/g, ""), FASHION_76);
});

test("showTrainable colors Y and N bold, and too narrow a width is a ValueError", () => {
  const table: SummaryTable = {
    ...fashionMlp,
    rows: [
      { ...dense("d", "(None, 1)", 2), trainable: "Y" },
      { ...dense("e", "(None, 1)", 2), trainable: "N" },
    ],
  };
  const text = renderSummary(table, { lineLength: 120, showTrainable: true, colors: true });
  assert.ok(text.includes("\x1b[1;38;5;34mY\x1b[0m"));
  assert.ok(text.includes("\x1b[1;91mN\x1b[0m"));
  assert.throws(
    () => renderSummary(fashionMlp, { lineLength: 8 }),
    /Insufficient console width to print summary\./,
  );
  assert.throws(
    () => renderSummary(fashionMlp, { lineLength: 80, positions: [0.5, 1.0] }),
    /one entry per column/,
  );
});
