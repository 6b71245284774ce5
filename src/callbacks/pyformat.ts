/**
 * Python's number formatting, as the callbacks print it: `f"{v:.4f}"`, `f"{v:.4e}"`, `"%d"`, `str(v)`
 * and the `str.format` fields of `ModelCheckpoint` paths (`"{epoch:02d}-{val_loss:.2f}.keras"`).
 * Python rounds the exact binary value half to even; JS's `toFixed` rounds ties away from zero, so
 * ties are resolved here on the exact decimal expansion.
 */
import { ValueError } from "../core/errors.js";

/** Exact significant digits of `a` (> 0, finite) with its decimal exponent: a = 0.d1d2… × 10^(exp+1). */
function exactDigits(a: number): { digits: string; exp: number } {
  if (Number.isInteger(a)) {
    const digits = BigInt(a).toString();
    return { digits: digits.replace(/0+$/, "") || "0", exp: digits.length - 1 };
  }
  // toExponential(100) is exact for every value whose expansion ends within 101 digits, which
  // covers every tie; longer expansions are never ties, and rounding them at ≤ 100 digits is exact.
  const [m, e] = a.toExponential(100).split("e") as [string, string];
  return { digits: m.replace(".", "").replace(/0+$/, "") || "0", exp: Number(e) };
}

/** `digits` (d1d2…, value 0.d1d2… scaled) rounded to `keep` digits, ties to even; may carry. */
function roundDigits(digits: string, keep: number): { head: string; carry: boolean } {
  if (keep < 0) return { head: "", carry: false };
  const head = digits.slice(0, keep);
  const rest = digits.slice(keep);
  if (rest.length === 0) return { head: head.padEnd(keep, "0"), carry: false };
  const first = rest[0]!;
  const exactHalf = first === "5" && /^0*$/.test(rest.slice(1));
  const lastOdd = keep > 0 && Number(head[keep - 1]) % 2 === 1;
  const up = first > "5" || (first === "5" && (!exactHalf || lastOdd));
  if (!up) return { head: head.padEnd(keep, "0"), carry: false };
  if (keep === 0) return { head: "", carry: true };
  const bumped = (BigInt(head) + 1n).toString().padStart(keep, "0");
  return bumped.length > keep ? { head: bumped.slice(1), carry: true } : { head: bumped, carry: false };
}

function nonFinite(v: number): string | null {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  return null;
}

function signOf(v: number): string {
  return v < 0 || Object.is(v, -0) ? "-" : "";
}

/**
 * Python's `f"{v:.{precision}f}"`: fixed point, round half to even on the exact value.
 *
 * @example
 * ```ts
 * formatFixed(2.5, 0);      // "2"  (JS's toFixed gives "3")
 * formatFixed(0.10305, 4);  // "0.1030" or "0.1031", as Python prints the same double
 * ```
 */
export function formatFixed(v: number, precision: number): string {
  const special = nonFinite(v);
  if (special !== null) return special;
  const sign = signOf(v);
  const a = Math.abs(v);
  let intPart: string;
  let frac: string;
  if (a === 0) {
    intPart = "0";
    frac = "0".repeat(precision);
  } else {
    const { digits, exp } = exactDigits(a);
    // Positional digits: integer part has exp+1 digits (or "0" when exp < 0).
    const lead = exp >= 0 ? "" : "0".repeat(-exp - 1);
    const all = lead + digits; // value = 0.all × 10^(max(exp, -1) + 1)
    const intLen = Math.max(exp + 1, 0);
    const { head, carry } = roundDigits(all, intLen + precision);
    // On a carry (9.99996 → 10.0000), the rounded digits lost their leading 1.
    const intDigits = (carry ? "1" : "") + head.slice(0, intLen);
    intPart = intDigits.replace(/^0+(?=\d)/, "") || "0";
    frac = head.slice(intLen).padEnd(precision, "0");
  }
  return sign + intPart + (precision > 0 ? "." + frac : "");
}

/**
 * Python's `f"{v:.{precision}e}"`: `d.ddddе±XX` with at least two exponent digits.
 *
 * @example
 * ```ts
 * formatExp(0, 4);        // "0.0000e+00"
 * formatExp(-2.5e-7, 4);  // "-2.5000e-07"
 * ```
 */
export function formatExp(v: number, precision: number): string {
  const special = nonFinite(v);
  if (special !== null) return special;
  const sign = signOf(v);
  const a = Math.abs(v);
  let mant: string;
  let exp = 0;
  if (a === 0) mant = "0".repeat(precision + 1);
  else {
    const d = exactDigits(a);
    exp = d.exp;
    const { head, carry } = roundDigits(d.digits, precision + 1);
    mant = carry ? "1" + "0".repeat(precision) : head;
    if (carry) exp += 1;
  }
  const e = (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(2, "0");
  return `${sign}${mant[0]}${precision > 0 ? "." + mant.slice(1) : ""}e${e}`;
}

/**
 * Python's `"%d" % v` and `int(v)` for a float: truncation toward zero.
 *
 * @example
 * ```ts
 * formatInt(149.9); // "149"
 * ```
 */
export function formatInt(v: number): string {
  return String(Math.trunc(v));
}

/**
 * Python's `str(v)` for a float (`repr`): shortest round-trip digits, `1.0` for integral values,
 * scientific (`1e-05`, `1e+16`) outside [1e-4, 1e16).
 *
 * @example
 * ```ts
 * pyFloatStr(1);      // "1.0"
 * pyFloatStr(1e-5);   // "1e-05"
 * ```
 */
export function pyFloatStr(v: number): string {
  const special = nonFinite(v);
  if (special !== null) return special;
  if (v === 0) return signOf(v) + "0.0";
  const [m, e] = v.toExponential().split("e") as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 16) return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  const s = String(v);
  return s.includes(".") ? s : s + ".0";
}

/** Formats one value with a Python format spec (`02d`, `.2f`, `.4e`, `>5`, `""`). */
function formatWithSpec(value: unknown, spec: string, isInt: boolean): string {
  if (typeof value !== "number") return String(value);
  const m = /^(?:([^<>=^]?)([<>=^]))?([+ -]?)(0?)(\d*)(?:\.(\d+))?([dfeEgs%]?)$/.exec(spec);
  if (!m) throw new ValueError(`Invalid format specifier "${spec}" for a number.`, { spec });
  const [, fill = "", align = "", signOpt = "", zero, widthStr, precStr, type] = m;
  const precision = precStr === undefined ? 6 : Number(precStr);
  let body: string;
  switch (type) {
    case "d":
      if (!Number.isInteger(value)) {
        throw new ValueError(`Unknown format code 'd' for a non-integer value ${value}.`, { spec, value });
      }
      body = String(value);
      break;
    case "f":
      body = formatFixed(value, precision);
      break;
    case "e":
    case "E":
      body = formatExp(value, precision);
      if (type === "E") body = body.toUpperCase();
      break;
    case "%":
      body = formatFixed(value * 100, precision) + "%";
      break;
    default:
      body =
        precStr === undefined ? (isInt ? String(value) : pyFloatStr(value)) : formatGeneral(value, precision);
  }
  if (signOpt === "+" && !body.startsWith("-")) body = "+" + body;
  else if (signOpt === " " && !body.startsWith("-")) body = " " + body;
  const width = widthStr ? Number(widthStr) : 0;
  if (body.length >= width) return body;
  const pad = width - body.length;
  if (zero && !align) {
    const neg = /^[-+ ]/.test(body) ? body[0]! : "";
    return neg + "0".repeat(pad) + body.slice(neg.length);
  }
  const f = fill || " ";
  if (align === "<") return body + f.repeat(pad);
  if (align === "^") return f.repeat(Math.floor(pad / 2)) + body + f.repeat(pad - Math.floor(pad / 2));
  return f.repeat(pad) + body;
}

/** Python's `g` format with `precision` significant digits (trailing zeros removed). */
function formatGeneral(v: number, precision: number): string {
  const special = nonFinite(v);
  if (special !== null) return special;
  const p = Math.max(precision, 1);
  const sci = formatExp(v, p - 1);
  const exp = Number(sci.slice(sci.indexOf("e") + 1));
  if (exp < -4 || exp >= p) {
    const [mant, e] = sci.split("e") as [string, string];
    return (mant.includes(".") ? mant.replace(/\.?0+$/, "") : mant) + "e" + e;
  }
  const fixed = formatFixed(v, p - 1 - exp);
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

/**
 * Python's `template.format(**values)` for named fields with optional specs, as `ModelCheckpoint`
 * fills its path: `"{epoch:02d}-{val_loss:.2f}.keras"`. `{{` and `}}` are literal braces. Keys listed
 * in `intKeys` print as integers when no spec is given (Python ints), other numbers as floats.
 *
 * @example
 * ```ts
 * pyFormat("w.{epoch:02d}-{val_loss:.2f}.keras", { epoch: 3, val_loss: 0.12345 }, ["epoch"]);
 * // "w.03-0.12.keras"
 * ```
 */
export function pyFormat(template: string, values: Record<string, unknown>, intKeys: string[] = []): string {
  return template.replace(/\{\{|\}\}|\{([^{}:!]*)(?:![rsa])?(?::([^{}]*))?\}/g, (whole, name, spec) => {
    if (whole === "{{") return "{";
    if (whole === "}}") return "}";
    if (!(name in values)) {
      throw new ValueError(
        `Failed to format this callback filepath: "${template}". Reason: no value for '${name}'. ` +
          `Available keys: ${Object.keys(values).join(", ")}.`,
        { template, key: name },
      );
    }
    return formatWithSpec(values[name], spec ?? "", intKeys.includes(name));
  });
}
