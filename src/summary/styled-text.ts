/**
 * A tiny styled string: one style slot per character, so text can be wrapped, cut and padded by
 * character offsets (the way rich's `Text` is) and still be printed with ANSI colors afterwards.
 * Every character counts as one terminal cell.
 */

/** Terminal style of a run of text: bold and/or a 256-color palette index (rich's `color(n)`). */
export interface Style {
  readonly bold?: boolean;
  readonly color?: number;
}

/** Bold text, as Keras's `bold_text`. */
export const BOLD: Style = { bold: true };

const WHITESPACE = /\s/;

/** Whether a character is whitespace in the sense of Python's `str.isspace` / regex `\s`. */
export function isSpace(ch: string): boolean {
  return WHITESPACE.test(ch);
}

/**
 * The SGR escape sequence rich writes for a style: `1` for bold, `30+n` / `82+n` for the 16 standard
 * colors, `38;5;n` for the rest of the 256-color palette. Returns "" for no style.
 *
 * @example
 * ```ts
 * sgr({ bold: true, color: 34 }); // "\x1b[1;38;5;34m"
 * ```
 */
export function sgr(style: Style | undefined): string {
  if (style === undefined) return "";
  const codes: string[] = [];
  if (style.bold) codes.push("1");
  if (style.color !== undefined) {
    const n = style.color;
    codes.push(n < 8 ? String(30 + n) : n < 16 ? String(82 + n) : `38;5;${n}`);
  }
  return codes.length === 0 ? "" : `\x1b[${codes.join(";")}m`;
}

/**
 * Immutable-by-convention text with a style per character. Operations mirror the rich `Text` methods
 * that table cells go through: divide, rstrip, rstripEnd, truncate (with "…"), pad.
 *
 * @example
 * ```ts
 * const t = StyledText.concat(StyledText.plain("dense ("), StyledText.of("Dense", { color: 33 }), StyledText.plain(")"));
 * t.plain;          // "dense (Dense)"
 * t.render(true);   // "dense (\x1b[38;5;33mDense\x1b[0m)"
 * ```
 */
export class StyledText {
  private constructor(
    readonly chars: readonly string[],
    readonly styles: readonly (Style | undefined)[],
  ) {}

  /** Text with one style (or none) on every character. */
  static of(text: string, style?: Style): StyledText {
    const chars = Array.from(text);
    return new StyledText(
      chars,
      chars.map(() => style),
    );
  }

  /** Unstyled text. */
  static plain(text: string): StyledText {
    return StyledText.of(text);
  }

  /** Joins several styled texts end to end. */
  static concat(...parts: readonly StyledText[]): StyledText {
    return new StyledText(
      parts.flatMap((p) => p.chars),
      parts.flatMap((p) => p.styles),
    );
  }

  /** Number of characters (terminal cells). */
  get length(): number {
    return this.chars.length;
  }

  /** The text without styles. */
  get plain(): string {
    return this.chars.join("");
  }

  /** Characters `[start, end)`. */
  slice(start: number, end = this.length): StyledText {
    return new StyledText(this.chars.slice(start, end), this.styles.slice(start, end));
  }

  /** Splits at the given ascending character offsets (rich's `Text.divide`). */
  divide(offsets: readonly number[]): StyledText[] {
    const out: StyledText[] = [];
    let start = 0;
    for (const offset of offsets) {
      out.push(this.slice(start, offset));
      start = offset;
    }
    out.push(this.slice(start));
    return out;
  }

  /** Splits on a separator character, keeping empty pieces. */
  split(separator: string): StyledText[] {
    const offsets: number[] = [];
    this.chars.forEach((c, i) => {
      if (c === separator) offsets.push(i);
    });
    if (offsets.length === 0) return [this];
    const out: StyledText[] = [];
    let start = 0;
    for (const at of offsets) {
      out.push(this.slice(start, at));
      start = at + 1;
    }
    out.push(this.slice(start));
    return out;
  }

  private trailingSpaces(): number {
    let n = 0;
    while (n < this.length && isSpace(this.chars[this.length - 1 - n]!)) n++;
    return n;
  }

  /** Removes all trailing whitespace. */
  rstrip(): StyledText {
    return this.slice(0, this.length - this.trailingSpaces());
  }

  /** Removes trailing whitespace that lies beyond `size` characters (rich's `rstrip_end`). */
  rstripEnd(size: number): StyledText {
    if (this.length <= size) return this;
    const cut = Math.min(this.trailingSpaces(), this.length - size);
    return this.slice(0, this.length - cut);
  }

  /**
   * Cuts the text to `maxWidth` characters, ending it with "…" when something was cut; with `pad`,
   * fills a shorter text with spaces up to `maxWidth` (rich's `truncate(overflow="ellipsis")`).
   * The "…" keeps the style of the character it replaces.
   */
  truncate(maxWidth: number, pad = false): StyledText {
    const length = this.length;
    const keep = Math.max(0, maxWidth - 1);
    const out =
      length > maxWidth
        ? StyledText.concat(this.slice(0, keep), new StyledText(["…"], [this.styles[keep]])).slice(
            0,
            Math.max(0, maxWidth),
          )
        : this;
    return pad && length < maxWidth ? out.padRight(maxWidth - length) : out;
  }

  /** Adds `n` unstyled spaces on the left. */
  padLeft(n: number, style?: Style): StyledText {
    return n <= 0 ? this : StyledText.concat(StyledText.of(" ".repeat(n), style), this);
  }

  /** Adds `n` unstyled spaces on the right. */
  padRight(n: number, style?: Style): StyledText {
    return n <= 0 ? this : StyledText.concat(this, StyledText.of(" ".repeat(n), style));
  }

  /** Pads with spaces or crops to exactly `width` characters. */
  setLength(width: number, style?: Style): StyledText {
    return this.length >= width ? this.slice(0, width) : this.padRight(width - this.length, style);
  }

  /** Applies a style to every character. */
  withStyle(style: Style | undefined): StyledText {
    return new StyledText(
      this.chars,
      this.chars.map(() => style),
    );
  }

  /**
   * The text as a string: plain, or with one SGR sequence per run of equally styled characters,
   * each closed by a reset (`\x1b[0m`), as rich writes segments.
   */
  render(colors: boolean): string {
    if (!colors) return this.plain;
    let out = "";
    let i = 0;
    while (i < this.length) {
      const style = this.styles[i];
      let j = i + 1;
      while (j < this.length && sameStyle(this.styles[j], style)) j++;
      const text = this.chars.slice(i, j).join("");
      const code = sgr(style);
      out += code === "" ? text : `${code}${text}\x1b[0m`;
      i = j;
    }
    return out;
  }
}

function sameStyle(a: Style | undefined, b: Style | undefined): boolean {
  if (a === b) return true;
  return Boolean(a?.bold) === Boolean(b?.bold) && a?.color === b?.color;
}
