/**
 * NumPy-like text for tensors, used by `Tensor.toString()`. The layout is NumPy's `array2string`
 * with `", "` separators (NumPy's defaults: line width 75, summarization above 1000 elements with 3
 * edge items per axis, floats in "maxprec" mode with at most 8 fractional digits), followed by
 * `, shape=(2, 2), dtype=float32` in the style of a TF eager tensor:
 *
 * ```
 * [[0.1 , 2.5 ],
 *  [3.  , 4.25]], shape=(2, 2), dtype=float32
 * ```
 */
import type { DType } from "./dtype.js";
import { formatShape, sizeOf, stridesOf, type Shape } from "./shape.js";
import type { TensorData } from "./tensor.js";

const LINE_WIDTH = 75;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const PRECISION = 8;

/** Shortest decimal digits and exponent that read back as `v` (> 0) in `dtype`: v ≈ d.ddd × 10^exp. */
function shortestDigits(v: number, dtype: DType): { digits: string; exp: number } {
  const maxDigits = dtype === "float32" ? 9 : 17;
  let s = v.toExponential(maxDigits - 1);
  for (let p = 1; p < maxDigits; p++) {
    const candidate = v.toExponential(p - 1);
    const back = Number(candidate);
    if ((dtype === "float32" ? Math.fround(back) : back) === v) {
      s = candidate;
      break;
    }
  }
  const [mantissa, exp] = s.split("e") as [string, string];
  return { digits: mantissa.replace(".", "").replace(/0+$/, "") || "0", exp: Number(exp) };
}

/**
 * Digits of `a` (> 0) rounded to `keep` significant digits, ties to even as NumPy's Dragon4 does
 * (`toExponential(100)` is exact for every tie, since a tie's decimal expansion is short).
 */
function roundedDigits(a: number, keep: number): { digits: string; exp: number } {
  const [m, e] = a.toExponential(100).split("e") as [string, string];
  const all = m.replace(".", "");
  let exp = Number(e);
  keep = Math.max(1, keep);
  let head = all.slice(0, keep);
  const rest = all.slice(keep);
  const tieOrMore =
    rest[0] === "5" && /^0*$/.test(rest.slice(1)) ? Number(head[keep - 1]) % 2 === 1 : rest[0]! >= "5";
  if (rest.length > 0 && tieOrMore) {
    const bumped = (BigInt(head) + 1n).toString();
    if (bumped.length > head.length) exp += 1;
    head = bumped.slice(0, keep);
  }
  return { digits: head, exp };
}

/** Positional `[integer part, fractional part]` of the number with digits d.ddd × 10^exp. */
function toPositional(digits: string, exp: number): [string, string] {
  if (exp < 0) return ["0", "0".repeat(-exp - 1) + digits];
  const padded = digits.padEnd(exp + 1, "0");
  return [padded.slice(0, exp + 1), padded.slice(exp + 1)];
}

/** `[sign + integer part, fractional part]` in positional notation, at most PRECISION fractional digits. */
function positionalParts(v: number, dtype: DType): [string, string] {
  const sign = v < 0 || Object.is(v, -0) ? "-" : "";
  const a = Math.abs(v);
  if (a === 0) return [sign + "0", ""];
  const { digits, exp } = shortestDigits(a, dtype);
  let [int, frac] = toPositional(digits, exp);
  if (frac.length > PRECISION) {
    const r = roundedDigits(a, exp + 1 + PRECISION);
    [int, frac] = toPositional(r.digits, r.exp);
  }
  return [sign + int, frac.replace(/0+$/, "")];
}

/** `[sign + leading digit, fractional digits, exponent]` in scientific notation (shortest, capped). */
function scientificParts(v: number, dtype: DType): [string, string, number] {
  const sign = v < 0 || Object.is(v, -0) ? "-" : "";
  const a = Math.abs(v);
  if (a === 0) return [sign + "0", "", 0];
  let { digits, exp } = shortestDigits(a, dtype);
  if (digits.length > PRECISION + 1) {
    ({ digits, exp } = roundedDigits(a, PRECISION + 1));
    digits = digits.replace(/0+$/, "") || "0";
  }
  return [sign + digits[0], digits.slice(1), exp];
}

/** Builds the formatter of a float tensor from the values that will be shown (NumPy's FloatingFormat). */
function floatFormatter(shown: readonly number[], dtype: DType): (v: number) => string {
  const finite = shown.filter(Number.isFinite);
  const nonZero = finite.map(Math.abs).filter((a) => a > 0);
  const maxVal = Math.max(0, ...nonZero);
  const minVal = Math.min(Infinity, ...nonZero);
  const cutoff = dtype === "float32" ? 1e6 : 1e8; // NumPy 2: 10 ** min(8, decimal precision of the dtype)
  const scientific = nonZero.length > 0 && (maxVal >= cutoff || minVal < 1e-4 || maxVal / minVal > 1e3);
  let padLeft = 0;
  let padRight = 0;
  let body: (v: number) => string;
  if (scientific) {
    const parts = finite.map((v) => scientificParts(v, dtype));
    padLeft = Math.max(0, ...parts.map((p) => p[0].length));
    const precision = Math.max(0, ...parts.map((p) => p[1].length));
    const expSize = Math.max(2, ...parts.map((p) => String(Math.abs(p[2])).length));
    padRight = precision + 2 + expSize;
    // As NumPy: every value then shows exactly `precision` digits of its exact value (not just zeros).
    body = (v) => {
      const sign = v < 0 || Object.is(v, -0) ? "-" : "";
      const { digits, exp } =
        v === 0 ? { digits: "0".repeat(precision + 1), exp: 0 } : roundedDigits(Math.abs(v), precision + 1);
      const e = (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(expSize, "0");
      return `${(sign + digits[0]).padStart(padLeft)}.${digits.slice(1).padEnd(precision, "0")}e${e}`;
    };
  } else {
    const parts = finite.map((v) => positionalParts(v, dtype));
    padLeft = Math.max(0, ...parts.map((p) => p[0].length));
    padRight = Math.max(0, ...parts.map((p) => p[1].length));
    body = (v) => {
      const [int, frac] = positionalParts(v, dtype);
      return `${int.padStart(padLeft)}.${frac.padEnd(padRight)}`;
    };
  }
  if (finite.length !== shown.length) {
    const negInf = shown.some((v) => v === -Infinity);
    padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + (negInf ? 1 : 0) - (padRight + 1));
  }
  return (v) => {
    if (Number.isFinite(v)) return body(v);
    const s = Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    return s.padStart(padLeft + padRight + 1);
  };
}

/** Builds the element formatter for `dtype` from the values that will be shown. */
function elementFormatter(shown: readonly number[], dtype: DType, scalar: boolean): (v: number) => string {
  if (dtype === "float32" || dtype === "float64") return floatFormatter(shown, dtype);
  if (dtype === "bool") return (v) => (v ? (scalar ? "True" : " True") : "False");
  const width = Math.max(0, ...shown.map((v) => String(v).length));
  return (v) => String(v).padStart(width);
}

/** Flat offsets of the elements shown (all of them, or the edge items of each axis when summarizing). */
function shownOffsets(shape: Shape, summarize: boolean): number[] {
  const strides = stridesOf(shape);
  const out: number[] = [];
  const visit = (dim: number, offset: number) => {
    if (dim === shape.length) return void out.push(offset);
    const n = shape[dim]!;
    const cut = summarize && n > 2 * EDGE_ITEMS;
    for (let i = 0; i < n; i++) {
      if (cut && i === EDGE_ITEMS) i = n - EDGE_ITEMS;
      visit(dim + 1, offset + i * strides[dim]!);
    }
  };
  visit(0, 0);
  return out;
}

/** Appends `word` to `line`, first wrapping onto a new line when it would pass `width` (NumPy's _extendLine). */
function extendLine(acc: { s: string; line: string }, word: string, width: number, indent: string): void {
  if (acc.line.length + word.length > width && acc.line.length > indent.length) {
    acc.s += acc.line.trimEnd() + "\n";
    acc.line = indent;
  }
  acc.line += word;
}

/**
 * The values of a tensor as NumPy prints an array: nested brackets, aligned columns, wrapped at 75
 * columns, with `...` standing for the middle of each axis when there are more than 1000 elements.
 *
 * @example
 * ```ts
 * formatValues(keras.tensor([[1, 2.5], [3, 4]])); // "[[1. , 2.5],\n [3. , 4. ]]"
 * ```
 */
export function formatValues(data: TensorData): string {
  const { shape, values, dtype } = data;
  const size = sizeOf(shape);
  if (size === 0) return "[]";
  const summarize = size > THRESHOLD;
  const strides = stridesOf(shape);
  const shown = shownOffsets(shape, summarize).map((o) => values[o]!);
  const fmt = elementFormatter(shown, dtype, shape.length === 0);
  const recurse = (dim: number, offset: number, indent: string, width: number): string => {
    if (dim === shape.length) return fmt(values[offset]!);
    const n = shape[dim]!;
    const cut = summarize && n > 2 * EDGE_ITEMS;
    const items: (number | "...")[] = [];
    for (let i = 0; i < n; i++) {
      if (cut && i === EDGE_ITEMS) {
        items.push("...");
        i = n - EDGE_ITEMS;
      }
      items.push(i);
    }
    const child = (i: number) => recurse(dim + 1, offset + i * strides[dim]!, indent + " ", width - 1);
    let s: string;
    if (dim === shape.length - 1) {
      const acc = { s: "", line: indent };
      items.forEach((item, k) => {
        extendLine(acc, item === "..." ? "..." : child(item), width - 1, indent);
        if (k < items.length - 1) acc.line += ", ";
      });
      s = acc.s + acc.line;
    } else {
      const sep = "," + "\n".repeat(shape.length - dim - 1);
      s = items.map((item) => indent + (item === "..." ? "..." : child(item))).join(sep);
    }
    return "[" + s.slice(indent.length) + "]";
  };
  return recurse(0, 0, " ", LINE_WIDTH);
}

/**
 * `Tensor.toString()`: the NumPy-style values, then `, shape=(...), dtype=...`.
 *
 * @example
 * ```ts
 * formatTensor(keras.tensor([true, false])); // "[ True, False], shape=(2,), dtype=bool"
 * ```
 */
export function formatTensor(data: TensorData): string {
  return `${formatValues(data)}, shape=${formatShape(data.shape)}, dtype=${data.dtype}`;
}
