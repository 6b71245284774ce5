/** `CSVLogger`: streams each epoch's logs to a CSV file (Node only). */
import { Callback, type Logs } from "./callback.js";
import { pyFloatStr } from "./pyformat.js";

/** Options of {@link CSVLogger}. */
export interface CSVLoggerOptions {
  /** Field separator. Default ",". */
  separator?: string;
  /** Append to an existing file (no second header) instead of overwriting it. Default false. */
  append?: boolean;
}

/**
 * Writes one row per epoch: `epoch`, then the log keys sorted (plus any `val_*` metric the model
 * will produce), as Keras's `CSVLogger` and Python's `csv` module write them: numbers as Python's
 * `str(float)`, missing values as `NA`, rows ending in `\r\n`. Uses `node:fs`, loaded on first use.
 *
 * @example
 * ```ts
 * const csv = new keras.callbacks.CSVLogger("training.log");
 * await model.fit(x, y, { epochs: 3, callbacks: [csv] });
 * // training.log:
 * // epoch,loss
 * // 0,0.6931471824645996
 * // ...
 * ```
 */
export class CSVLogger extends Callback {
  readonly filename: string;
  readonly separator: string;
  readonly append: boolean;
  /** The columns after `epoch`, fixed at the first epoch. */
  keys: string[] | null = null;
  private appendHeader = true;
  private headerWritten = false;

  constructor(filename: string, options: CSVLoggerOptions = {}) {
    super();
    this.filename = filename;
    this.separator = options.separator ?? ",";
    this.append = options.append ?? false;
  }

  override async onTrainBegin(): Promise<void> {
    const fs = await import("node:fs/promises");
    this.appendHeader = true;
    if (this.append) {
      const existing = await fs.readFile(this.filename, "utf8").catch(() => null);
      if (existing !== null) this.appendHeader = existing.length === 0; // Keras: `not f.readline()`
    } else {
      await fs.writeFile(this.filename, "");
    }
    this.keys = null;
    this.headerWritten = false;
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    const fs = await import("node:fs/promises");
    if (this.keys === null) {
      this.keys = Object.keys(logs).sort();
      // Columns for the validation metrics the model is expected to produce.
      const expected: unknown = this.model?.metricsNames;
      if (Array.isArray(expected)) {
        for (const name of expected) {
          if (typeof name === "string" && name.startsWith("val_") && !this.keys.includes(name))
            this.keys.push(name);
        }
      }
    }
    let text = "";
    if (!this.headerWritten) {
      if (this.appendHeader) text += this.row(["epoch", ...this.keys]);
      this.headerWritten = true;
    }
    text += this.row([String(epoch), ...this.keys.map((k) => formatValue(logs[k]))]);
    await fs.appendFile(this.filename, text);
  }

  override onTrainEnd(): void {
    this.headerWritten = false;
  }

  /** One CSV row as Python's `csv` (excel dialect, minimal quoting) writes it. */
  private row(fields: string[]): string {
    const quoteIf = new RegExp(`[${escapeForClass(this.separator)}"\\r\\n]`);
    return (
      fields.map((f) => (quoteIf.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(this.separator) + "\r\n"
    );
  }
}

/** A log value as Python's `csv` writes it: `str(value)`, "NA" when missing, lists as `"[a, b]"`. */
function formatValue(value: unknown): string {
  if (value === undefined || value === null) return "NA";
  if (typeof value === "number") return pyFloatStr(value);
  if (typeof value === "string") return value;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<number>, (v) =>
      typeof v === "number" ? pyFloatStr(v) : String(v),
    );
    return `"[${items.join(", ")}]"`;
  }
  return String(value);
}

function escapeForClass(s: string): string {
  return s.replace(/[\\\]^-]/g, "\\$&");
}
