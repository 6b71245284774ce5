/**
 * Where callbacks print, and the clock the progress bar reads. Both are injectable so that tests
 * capture exact bytes and control time; the defaults work in Node and in browsers.
 */

/** Receives raw text, exactly as Keras writes it to `sys.stdout` (no newline added). */
export type Writer = (text: string) => void;

/** A clock in seconds, like Python's `time.time()`. */
export type Clock = () => number;

interface StdoutLike {
  write(text: string): unknown;
  isTTY?: boolean;
}

function stdout(): StdoutLike | undefined {
  const proc = (globalThis as { process?: { stdout?: StdoutLike } }).process;
  return proc?.stdout && typeof proc.stdout.write === "function" ? proc.stdout : undefined;
}

/**
 * The default writer: `process.stdout.write` where there is one (Node), else `console.log` with the
 * text's leading and trailing newline removed (browsers, where every log call is its own line).
 *
 * @example
 * ```ts
 * defaultWriter("Epoch 1/2\n");
 * ```
 */
export const defaultWriter: Writer = (text) => {
  const out = stdout();
  if (out) {
    out.write(text);
    return;
  }
  const line = text.replace(/^\n/, "").replace(/\n$/, "");
  if (line.length > 0) console.log(line);
};

/**
 * Whether the default output supports rewriting the current line with `"\b"` and `"\r"`, as Keras's
 * `_dynamic_display`: a terminal, or any POSIX system (Keras checks `"posix" in sys.modules`).
 *
 * @example
 * ```ts
 * const dynamic = defaultDynamicDisplay(); // true in Node on Linux and macOS
 * ```
 */
export function defaultDynamicDisplay(): boolean {
  const out = stdout();
  if (!out) return false;
  const platform = (globalThis as { process?: { platform?: string } }).process?.platform;
  return out.isTTY === true || (platform !== undefined && platform !== "win32");
}

/**
 * The default clock: a monotonic time in seconds (`performance.now()`), else `Date.now()`.
 *
 * @example
 * ```ts
 * const t0 = defaultClock();
 * ```
 */
export const defaultClock: Clock = () =>
  typeof performance !== "undefined" ? performance.now() / 1000 : Date.now() / 1000;

/**
 * Keras's `io_utils.print_msg`: writes `message` followed by a newline (unless `lineBreak` is false).
 *
 * @example
 * ```ts
 * printMsg("Epoch 3: early stopping"); // writes "Epoch 3: early stopping\n"
 * ```
 */
export function printMsg(message: string, write: Writer = defaultWriter, lineBreak = true): void {
  write(lineBreak ? message + "\n" : message);
}

/**
 * Emits a warning as Python's `warnings.warn` would (to `console.warn`).
 *
 * @example
 * ```ts
 * warn("Early stopping conditioned on metric `val_auc` which is not available.");
 * ```
 */
export function warn(message: string): void {
  console.warn(`Warning: ${message}`);
}

/**
 * Reads a number from a log value or a scalar tensor/variable, as Python's `float(x)`.
 *
 * @example
 * ```ts
 * toNumber(optimizer.learningRate); // 0.009999999776482582 (a float32 variable)
 * ```
 */
export function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  const maybe = value as { item?: () => unknown; dataSync?: () => ArrayLike<number> } | null;
  if (maybe && typeof maybe.item === "function") return Number(maybe.item());
  if (maybe && typeof maybe.dataSync === "function") return Number(maybe.dataSync()[0]);
  return Number(value);
}
