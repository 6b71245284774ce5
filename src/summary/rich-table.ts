/**
 * The slice of rich's `Table` that Keras's `model.summary()` uses, reproduced character for
 * character: a HEAVY_HEAD box with `show_lines=True`, fixed-width columns squeezed into the table
 * width the way rich does it (`ratio_reduce` with Python's rounding), cell padding of one space,
 * word wrapping inside cells with "…" for words that cannot fit, left/center/right justification,
 * headers aligned to the bottom and body cells to the top.
 */
import { BOLD, isSpace, StyledText } from "./styled-text.js";

/** How a column's cells are justified. */
export type Justify = "left" | "center" | "right";

/** One column: header text, justification and the width Keras asks for (padding included by rich). */
export interface TableColumn {
  readonly header: string;
  readonly justify: Justify;
  readonly width: number;
}

/** Python's `round()` on a float: halves go to the even neighbour. */
export function pyRound(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** rich's `ratio_reduce`: takes `total` cells away from `values`, spread by `ratios`, capped by `maximums`. */
export function ratioReduce(
  total: number,
  ratios: readonly number[],
  maximums: readonly number[],
  values: readonly number[],
): number[] {
  const used = ratios.map((r, i) => (maximums[i] ? r : 0));
  let totalRatio = used.reduce((a, b) => a + b, 0);
  if (!totalRatio) return [...values];
  let remaining = total;
  return used.map((ratio, i) => {
    if (ratio && totalRatio > 0) {
      const distributed = Math.min(maximums[i]!, pyRound((ratio * remaining) / totalRatio));
      remaining -= distributed;
      totalRatio -= ratio;
      return values[i]! - distributed;
    }
    return values[i]!;
  });
}

/**
 * Rendered widths of the columns (padding included, borders excluded) for a table of `tableWidth`
 * characters, as rich's `Table._calculate_column_widths` computes them for fixed-width columns.
 *
 * @example
 * ```ts
 * columnWidths([32, 28, 19, 29], 108); // [31, 27, 17, 28]
 * ```
 */
export function columnWidths(requested: readonly number[], tableWidth: number): number[] {
  const padding = 2;
  const maxWidth = tableWidth - (requested.length + 1);
  const measure = (width: number, available: number): number =>
    available < 1 ? 0 : Math.min(width + padding, available);
  let widths = requested.map((w) => measure(w, maxWidth) || 1);
  const total = widths.reduce((a, b) => a + b, 0);
  if (total > maxWidth) {
    widths = ratioReduce(
      total - maxWidth,
      widths.map(() => 1),
      widths,
      widths,
    );
    widths = widths.map((w, i) => measure(requested[i]!, w));
  }
  return widths;
}

/** rich's `divide_line` without folding: offsets where a line must break to fit `width` cells. */
export function divideLine(text: readonly string[], width: number): number[] {
  const breaks: number[] = [];
  let offset = 0;
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    // A word is `\s*\S+\s*`; it needs at least one non-space character.
    const start = pos;
    let i = pos;
    while (i < n && isSpace(text[i]!)) i++;
    const wordStart = i;
    while (i < n && !isSpace(text[i]!)) i++;
    if (i === wordStart) break;
    const stripped = i - start;
    while (i < n && isSpace(text[i]!)) i++;
    const wordLength = i - start;
    pos = i;
    if (width - offset >= stripped) {
      offset += wordLength;
    } else if (stripped > width) {
      if (start) breaks.push(start);
      offset = wordLength;
    } else if (offset && start) {
      breaks.push(start);
      offset = wordLength;
    }
  }
  return breaks;
}

/**
 * Lays a cell's text out in `width` characters (padding excluded): word-wrapped, each line justified
 * and cut with "…" when a single word is too long, every line exactly `width` long.
 *
 * @example
 * ```ts
 * wrapText(StyledText.plain("dense_2[0][0], dense_3[0][0]"), 26, "left").map((l) => l.plain);
 * // ["dense_2[0][0],            ", "dense_3[0][0]             "]
 * ```
 */
export function wrapText(text: StyledText, width: number, justify: Justify): StyledText[] {
  const out: StyledText[] = [];
  for (const line of text.split("\n")) {
    const pieces = line.divide(divideLine(line.chars, width)).map((p) => p.rstripEnd(width));
    for (let piece of pieces) {
      if (justify === "left") {
        piece = piece.truncate(width, true);
      } else {
        piece = piece.rstrip().truncate(width);
        if (justify === "center") piece = piece.padLeft(Math.floor((width - piece.length) / 2));
        else piece = piece.padLeft(width - piece.length);
        piece = piece.padRight(width - piece.length);
      }
      out.push(piece.truncate(width).setLength(width));
    }
  }
  return out;
}

const HEAVY_HEAD = {
  top: ["┏", "━", "┳", "┓"],
  head: ["┃", "┃", "┃"],
  headRow: ["┡", "━", "╇", "┩"],
  body: ["│", "│", "│"],
  row: ["├", "─", "┼", "┤"],
  bottom: ["└", "─", "┴", "┘"],
} as const;

function rule(widths: readonly number[], [left, fill, cross, right]: readonly string[]): string {
  return left + widths.map((w) => fill!.repeat(w)).join(cross) + right;
}

/** A rendered line of a cell: segments written one after the other (each styled on its own). */
type CellLine = readonly StyledText[];

/**
 * Renders one cell: wrapped text with one space of padding each side (rich's `Padding`). Header
 * cells are bold throughout, padding included, as rich's header style makes them.
 */
function renderCell(text: StyledText, width: number, justify: Justify, header: boolean): CellLine[] {
  const padStyle = header ? BOLD : undefined;
  if (width < 2) return [[StyledText.of(" ".repeat(Math.max(0, width)), padStyle)]];
  const pad = StyledText.of(" ", padStyle);
  return wrapText(text, width - 2, justify).map((line) => [pad, header ? line.withStyle(BOLD) : line, pad]);
}

/** Fills a cell up to `height` lines with blank ones: below for body cells, above for headers. */
function alignCell(lines: CellLine[], width: number, height: number, header: boolean): CellLine[] {
  if (lines.length >= height) return lines;
  const blank = [StyledText.of(" ".repeat(width), header ? BOLD : undefined)];
  const fill = Array.from({ length: height - lines.length }, () => blank);
  return header ? [...fill, ...lines] : [...lines, ...fill];
}

/**
 * Renders a rich-style HEAVY_HEAD table with a separator line between rows, `tableWidth` wide.
 * Returns the lines without trailing newlines; with `colors`, headers are bold and cell styles kept.
 *
 * @example
 * ```ts
 * renderTable(
 *   [{ header: "Layer (type)", justify: "left", width: 34 }, { header: "Param #", justify: "right", width: 42 }],
 *   [[StyledText.plain("dense (Dense)"), StyledText.plain("100")]],
 *   76,
 *   false,
 * );
 * ```
 */
export function renderTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly StyledText[])[],
  tableWidth: number,
  colors: boolean,
): string[] {
  const widths = columnWidths(
    columns.map((c) => c.width),
    tableWidth,
  );
  const out: string[] = [rule(widths, HEAVY_HEAD.top)];
  const emit = (
    cells: readonly StyledText[],
    header: boolean,
    [left, divider, right]: readonly string[],
  ): void => {
    const rendered = cells.map((cell, i) => renderCell(cell, widths[i]!, columns[i]!.justify, header));
    const height = Math.max(1, ...rendered.map((r) => r.length));
    const shaped = rendered.map((lines, i) => alignCell(lines, widths[i]!, height, header));
    for (let line = 0; line < height; line++) {
      const parts = shaped.map((c) => c[line]!.map((segment) => segment.render(colors)).join(""));
      out.push(left + parts.join(divider) + right);
    }
  };
  emit(
    columns.map((c) => StyledText.plain(c.header)),
    true,
    HEAVY_HEAD.head,
  );
  out.push(rule(widths, HEAVY_HEAD.headRow));
  rows.forEach((row, i) => {
    emit(row, false, HEAVY_HEAD.body);
    if (i < rows.length - 1) out.push(rule(widths, HEAVY_HEAD.row));
  });
  out.push(rule(widths, HEAVY_HEAD.bottom));
  return out;
}
