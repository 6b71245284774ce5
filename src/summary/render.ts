/**
 * `renderSummary`: the text of Keras 3's `model.summary()` from plain table data, with no knowledge
 * of models. `printSummary` (print-summary.ts) builds the data from a model.
 */
import { ValueError } from "../core/errors.js";
import { formatCount, readableMemorySize } from "./format.js";
import { renderTable, type Justify, type TableColumn } from "./rich-table.js";
import { BOLD, StyledText, type Style } from "./styled-text.js";

/** One row of the summary table: one layer (or a nested layer when `level > 0`). */
export interface SummaryRow {
  /** Layer name, e.g. `"dense_1"`. */
  readonly name: string;
  /** Class name printed in parentheses, e.g. `"Dense"`. */
  readonly className: string;
  /** The "Output Shape" cell: `"(None, 784)"`, `"?"` when unknown, or a repr of several outputs. */
  readonly outputShape: string;
  /** Parameter count, or `"unbuilt"` for a layer that has not been built (`0 (unbuilt)`). */
  readonly params: number | "unbuilt";
  /** Inbound tensors as `"layer[node][tensor]"`; only printed for non-sequential models (empty: `-`). */
  readonly connectedTo?: readonly string[];
  /** The "Trainable" cell when `showTrainable`: `Y`, `N`, or `-` for a layer without weights. */
  readonly trainable?: "Y" | "N" | "-";
  /** Nesting depth with `expandNested`: 0 for the model's own layers. */
  readonly level?: number;
}

/** A number of parameters and the memory they take, in bytes. */
export interface ParamStats {
  readonly count: number;
  readonly bytes: number;
}

/** Footer data. The printed total is the sum of all three. */
export interface SummaryTotals {
  readonly trainable: ParamStats;
  readonly nonTrainable: ParamStats;
  /** Optimizer variables; printed only when given (Keras: once the optimizer is built). */
  readonly optimizer?: ParamStats;
}

/** Everything `model.summary()` prints, as plain data. */
export interface SummaryTable {
  readonly modelName: string;
  /** 3 columns (Sequential, subclassed, chain-shaped Functional) instead of 4 with "Connected to". */
  readonly sequentialLike: boolean;
  readonly rows: readonly SummaryRow[];
  readonly totals: SummaryTotals;
}

/** Layout options, named as in Keras's `model.summary()`. */
export interface RenderOptions {
  /** Total width. Default: `min(88 or 108 (+12 with showTrainable), terminalColumns - 4)`. */
  lineLength?: number;
  /** Relative right edges of the columns, e.g. `[0.45, 0.8, 1.0]`. */
  positions?: readonly number[];
  /** Adds a centered "Trainable" column. */
  showTrainable?: boolean;
  /** Terminal width used for the default line length; default: {@link terminalColumns}(). */
  terminalColumns?: number;
  /** ANSI colors as Keras prints to a terminal. Default false. */
  colors?: boolean;
}

/**
 * The terminal width Keras sees (`shutil.get_terminal_size()`): the `COLUMNS` environment variable
 * when it is a positive integer, else the width of stdout when it is a terminal, else 80.
 *
 * @example
 * ```ts
 * terminalColumns(); // 80 when output is piped
 * ```
 */
export function terminalColumns(): number {
  const proc = hostProcess();
  const fromEnv = Number(proc?.env?.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  const stdout = proc?.stdout;
  if (stdout?.isTTY && typeof stdout.columns === "number" && stdout.columns > 0) return stdout.columns;
  return 80;
}

/** The parts of Node's `process` the summary reads; undefined in browsers (no Node types needed). */
interface ProcessLike {
  env?: Record<string, string | undefined>;
  stdout?: { isTTY?: boolean; columns?: number };
}

/** Node's `process` when running under Node, else undefined. */
export function hostProcess(): ProcessLike | undefined {
  return (globalThis as { process?: ProcessLike }).process;
}

const NUMBER: Style = { color: 34 };
const NONE: Style = { color: 45 };
const SYMBOL: Style = { color: 33 };

/** Colors the `None`s and numbers of a shape cell, as Keras's `highlight_number` does per dimension. */
function shapeCell(shape: string): StyledText {
  const parts: StyledText[] = [];
  let last = 0;
  for (const m of shape.matchAll(/\bNone\b|\b\d+\b/g)) {
    parts.push(StyledText.plain(shape.slice(last, m.index)));
    parts.push(StyledText.of(m[0], m[0] === "None" ? NONE : NUMBER));
    last = m.index! + m[0].length;
  }
  parts.push(StyledText.plain(shape.slice(last)));
  return StyledText.concat(...parts);
}

function connectionsCell(connections: readonly string[] | undefined): StyledText {
  if (!connections || connections.length === 0) return StyledText.plain("-");
  const parts: StyledText[] = [];
  connections.forEach((c, i) => {
    if (i > 0) parts.push(StyledText.plain(", "));
    const m = /^(.*)\[(\d+)\]\[(\d+)\]$/s.exec(c);
    if (!m) {
      parts.push(StyledText.plain(c));
      return;
    }
    parts.push(StyledText.plain(`${m[1]}[`), StyledText.of(m[2]!, NUMBER), StyledText.plain("]["));
    parts.push(StyledText.of(m[3]!, NUMBER), StyledText.plain("]"));
  });
  return StyledText.concat(...parts);
}

function rowCells(row: SummaryRow, sequentialLike: boolean, showTrainable: boolean): StyledText[] {
  const level = row.level ?? 0;
  const prefix = level > 0 ? "   ".repeat(level) + "└ " : "";
  const cells = [
    StyledText.concat(
      StyledText.plain(`${prefix}${row.name} (`),
      StyledText.of(row.className, SYMBOL),
      StyledText.plain(")"),
    ),
    shapeCell(row.outputShape),
    row.params === "unbuilt"
      ? StyledText.concat(StyledText.of("0", NUMBER), StyledText.plain(" (unbuilt)"))
      : StyledText.of(formatCount(row.params), NUMBER),
  ];
  if (!sequentialLike) cells.push(connectionsCell(row.connectedTo));
  if (showTrainable) {
    const flag = row.trainable ?? "-";
    const style = flag === "Y" ? { bold: true, color: 34 } : flag === "N" ? { bold: true, color: 9 } : BOLD;
    cells.push(StyledText.of(flag, style));
  }
  return cells;
}

/**
 * Column widths `int(pos_i * L) - sum(previous widths)`, as Keras computes them.
 * @throws ValueError "Insufficient console width to print summary." when a column is under 4.
 */
export function summaryColumnWidths(positions: readonly number[], lineLength: number): number[] {
  const widths: number[] = [];
  let current = 0;
  for (const pos of positions) {
    const width = Math.trunc(pos * lineLength) - current;
    if (width < 4) throw new ValueError("Insufficient console width to print summary.");
    widths.push(width);
    current += width;
  }
  return widths;
}

function footerLine(label: string, stats: ParamStats, colors: boolean): string {
  return StyledText.concat(
    StyledText.of(` ${label}: `, BOLD),
    StyledText.of(formatCount(stats.count), NUMBER),
    StyledText.plain(` (${readableMemorySize(stats.bytes)})`),
  ).render(colors);
}

/**
 * Renders a model summary exactly as Keras 3 prints it (rich's HEAVY_HEAD table), without a trailing
 * newline. Plain text unless `colors` is set.
 *
 * @example
 * ```ts
 * const text = renderSummary({
 *   modelName: "sequential",
 *   sequentialLike: true,
 *   rows: [{ name: "dense", className: "Dense", outputShape: "(None, 10)", params: 7850 }],
 *   totals: { trainable: { count: 7850, bytes: 31400 }, nonTrainable: { count: 0, bytes: 0 } },
 * }, { lineLength: 76 });
 * // Model: "sequential"
 * // ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
 * // ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
 * // ...
 * ```
 */
export function renderSummary(table: SummaryTable, options: RenderOptions = {}): string {
  const showTrainable = options.showTrainable ?? false;
  const colors = options.colors ?? false;
  const sequentialLike = table.sequentialLike;
  let defaultLength = sequentialLike ? 88 : 108;
  let positions = options.positions ?? (sequentialLike ? [0.45, 0.8, 1.0] : [0.3, 0.56, 0.74, 1.0]);
  const headers = ["Layer (type)", "Output Shape", "Param #"];
  const justify: Justify[] = ["left", "left", "right"];
  if (!sequentialLike) {
    headers.push("Connected to");
    justify.push("left");
  }
  if (showTrainable) {
    defaultLength += 12;
    positions = [...positions.map((p) => p * 0.9), 1.0];
    headers.push("Trainable");
    justify.push("center");
  }
  defaultLength = Math.min(defaultLength, (options.terminalColumns ?? terminalColumns()) - 4);
  const lineLength = options.lineLength || defaultLength;
  const widths = summaryColumnWidths(positions, lineLength);
  if (widths.length !== headers.length) {
    throw new ValueError(
      `positions must have one entry per column (${headers.length}: ${headers.join(", ")}), received ${positions.length}: [${positions.join(", ")}].`,
    );
  }
  const columns: TableColumn[] = headers.map((header, i) => ({
    header,
    justify: justify[i]!,
    width: widths[i]!,
  }));
  const rows = table.rows.map((row) => rowCells(row, sequentialLike, showTrainable));

  const { trainable, nonTrainable, optimizer } = table.totals;
  const total: ParamStats = {
    count: trainable.count + nonTrainable.count + (optimizer?.count ?? 0),
    bytes: trainable.bytes + nonTrainable.bytes + (optimizer?.bytes ?? 0),
  };
  const lines = [
    StyledText.of(`Model: "${table.modelName}"`, BOLD).render(colors),
    ...renderTable(columns, rows, lineLength, colors),
    footerLine("Total params", total, colors),
    footerLine("Trainable params", trainable, colors),
    footerLine("Non-trainable params", nonTrainable, colors),
  ];
  if (optimizer) lines.push(footerLine("Optimizer params", optimizer, colors));
  return lines.join("\n");
}
