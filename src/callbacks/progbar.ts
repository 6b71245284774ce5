/**
 * `Progbar`: Keras 3's progress bar (`keras.utils.Progbar`), byte for byte. Verbose 1 redraws one
 * line (`"\b" × previous width + "\r"`) with a bold count, a green/white bar of `━`, the ETA or the
 * elapsed time, the time per step and the values; verbose 2 prints one plain line when finalized.
 */
import { ValueError } from "../core/errors.js";
import { defaultClock, defaultDynamicDisplay, defaultWriter, type Clock, type Writer } from "./io.js";
import { formatExp, formatFixed, formatInt } from "./pyformat.js";

/** Options of {@link Progbar}. */
export interface ProgbarOptions {
  /** Bar width in characters. Default 20. */
  width?: number;
  /** 0 (silent), 1 (dynamic bar) or 2 (one line when finalized). Default 1. */
  verbose?: number;
  /** Minimum seconds between two redraws (finalizing always draws). Default 0.05. */
  interval?: number;
  /** Names of values shown as given; all others are averaged over steps. */
  statefulMetrics?: Iterable<string>;
  /** Names of values averaged over steps; all others are shown as given. Excludes `statefulMetrics`. */
  statelessMetrics?: Iterable<string>;
  /** Unit of the time per unit (`"step"`, `"sample"`). Default "step". */
  unitName?: string;
  /** Where the bytes go. Default: `process.stdout.write`, else `console.log`. */
  write?: Writer;
  /** Clock in seconds. Default: `performance.now() / 1000`. */
  now?: Clock;
  /**
   * Redraw in place (`\b…\r`) rather than one line per update. Default: true when `write` is given,
   * else on a terminal or a POSIX system (as Keras).
   */
  dynamicDisplay?: boolean;
}

/** One value to display, as `[name, value]` pairs or a record. */
export type ProgbarValues = Iterable<readonly [string, number]> | Record<string, number>;

const BOLD = "\x1b[1m";
const RESET = "\x1b[0m";
const GREEN = "\x1b[32m";
const WHITE = "\x1b[37m";
const BAR_CHAR = "━";

/**
 * A progress bar, as Keras 3 draws it.
 *
 * @example
 * ```ts
 * const bar = new keras.callbacks.Progbar(169);
 * for (let step = 1; step <= 169; step++) bar.update(step, [["loss", 0.25]]);
 * // 169/169 ━━━━━━━━━━━━━━━━━━━━ 2s 8ms/step - loss: 0.2500
 * ```
 */
export class Progbar {
  /** Total number of steps, or null when unknown. */
  target: number | null;
  readonly width: number;
  readonly verbose: number;
  readonly interval: number;
  readonly unitName: string;
  private readonly statefulMetrics: Set<string> | null;
  private readonly statelessMetrics: Set<string> | null;
  private readonly write: Writer;
  private readonly now: Clock;
  private readonly dynamicDisplay: boolean;
  private seenSoFar = 0;
  private readonly values = new Map<string, [number, number]>();
  private readonly start: number;
  private lastUpdate = -Infinity;
  private timeAfterFirstStep: number | null = null;
  private prevTotalWidth = 0;

  constructor(target: number | null, options: ProgbarOptions = {}) {
    if (options.statefulMetrics !== undefined && options.statelessMetrics !== undefined) {
      throw new ValueError(
        "Progbar: pass only one of `statefulMetrics` (averaged unless listed) and `statelessMetrics` " +
          "(shown as given unless listed), not both.",
      );
    }
    this.target = target;
    this.width = options.width ?? 20;
    this.verbose = options.verbose ?? 1;
    this.interval = options.interval ?? 0.05;
    this.unitName = options.unitName ?? "step";
    if (options.statelessMetrics !== undefined) {
      this.statefulMetrics = null;
      this.statelessMetrics = new Set(options.statelessMetrics);
    } else {
      this.statefulMetrics = new Set(options.statefulMetrics ?? []);
      this.statelessMetrics = null;
    }
    this.write = options.write ?? defaultWriter;
    this.now = options.now ?? defaultClock;
    this.dynamicDisplay =
      options.dynamicDisplay ?? (options.write === undefined ? defaultDynamicDisplay() : true);
    this.start = this.now();
  }

  /**
   * Updates the bar to step `current` with the values of the last step.
   *
   * @param finalize Whether this is the last update; defaults to `current >= target`.
   */
  update(current: number, values?: ProgbarValues, finalize?: boolean): void {
    const done = finalize ?? (this.target === null ? false : current >= this.target);
    const pairs: Iterable<readonly [string, number]> =
      values === undefined
        ? []
        : Symbol.iterator in values
          ? (values as Iterable<readonly [string, number]>)
          : Object.entries(values as Record<string, number>);
    for (const [k, v] of pairs) {
      const stateless =
        this.statefulMetrics !== null ? !this.statefulMetrics.has(k) : this.statelessMetrics!.has(k);
      const entry = this.values.get(k);
      if (stateless && !done) {
        const base = Math.max(current - this.seenSoFar, 1);
        if (entry === undefined) this.values.set(k, [v * base, base]);
        else {
          entry[0] += v * base;
          entry[1] += base;
        }
      } else this.values.set(k, [v, 1]);
    }
    this.seenSoFar = current;

    const now = this.now();
    const timePerUnit = this.estimateStepDuration(current, now);
    if (this.verbose === 1) {
      if (now - this.lastUpdate < this.interval && !done) return;
      this.drawDynamic(current, now, timePerUnit, done);
    } else if (this.verbose === 2) {
      if (done && this.target !== null && this.target > 0) {
        let info = `${this.count(current, this.target)} - ${formatFixed(now - this.start, 0)}s`;
        info += ` -${formatTime(timePerUnit, this.unitName)}`;
        for (const [k, [sum, n]] of this.values) {
          const avg = sum / Math.max(1, n);
          info += ` - ${k}: ${avg > 1e-3 ? formatFixed(avg, 4) : formatExp(avg, 4)}`;
        }
        this.write(info + "\n");
      }
    }
    this.lastUpdate = now;
  }

  /** Advances the bar by `n` steps. */
  add(n: number, values?: ProgbarValues): void {
    this.update(this.seenSoFar + n, values);
  }

  private count(current: number, target: number): string {
    const numDigits = String(Math.trunc(target)).length;
    return `${formatInt(current).padStart(numDigits)}/${formatInt(target)}`;
  }

  private drawDynamic(current: number, now: number, timePerUnit: number, done: boolean): void {
    let message = this.dynamicDisplay ? "\b".repeat(this.prevTotalWidth) + "\r" : "\n";
    let specialCharLen = 0;
    let bar: string;
    const target = this.target;
    if (target !== null && target > 0) {
      bar = `${BOLD}${this.count(current, target)}${RESET} `;
      specialCharLen += 8;
      const progWidth = Math.trunc(this.width * (current / target));
      if (progWidth > 0) {
        bar += `${GREEN}${BAR_CHAR.repeat(progWidth)}${RESET}`;
        specialCharLen += 9;
      }
      bar += `${WHITE}${BAR_CHAR.repeat(Math.max(0, this.width - progWidth))}${RESET}`;
      specialCharLen += 9;
    } else {
      bar = `${formatInt(current).padStart(7)}/Unknown`;
    }
    message += bar;

    let info: string;
    if (target !== null && target > 0 && !done) {
      info = ` ${BOLD}${formatEta(timePerUnit * (target - current))}${RESET}`;
    } else {
      info = ` ${BOLD}${formatFixed(now - this.start, 0)}s${RESET}`;
    }
    specialCharLen += 8;
    info += formatTime(timePerUnit, this.unitName);
    for (const [k, [sum, n]] of this.values) {
      const avg = sum / Math.max(1, n);
      info += ` - ${k}: ${Math.abs(avg) > 1e-3 ? formatFixed(avg, 4) : formatExp(avg, 4)}`;
    }
    message += info;

    const totalWidth = bar.length + info.length - specialCharLen;
    if (this.prevTotalWidth > totalWidth) message += " ".repeat(this.prevTotalWidth - totalWidth);
    if (done) message += "\n";
    this.write(message);
    this.prevTotalWidth = totalWidth;
  }

  /** Seconds per step, leaving out the first step once more than one step has run. */
  private estimateStepDuration(current: number, now: number): number {
    if (!current) return 0;
    const perUnit =
      this.timeAfterFirstStep !== null && current > 1
        ? (now - this.timeAfterFirstStep) / (current - 1)
        : (now - this.start) / current;
    if (current === 1) this.timeAfterFirstStep = now;
    return perUnit;
  }
}

/** Keras's ETA: `h:mm:ss` above an hour, `m:ss` above a minute, else `Ns`. */
function formatEta(eta: number): string {
  const trunc = (x: number) => formatInt(x);
  const pad2 = (x: number) => trunc(x).padStart(2, "0");
  if (eta > 3600)
    return `${trunc(Math.floor(eta / 3600))}:${pad2(Math.floor((eta % 3600) / 60))}:${pad2(eta % 60)}`;
  if (eta > 60) return `${trunc(Math.floor(eta / 60))}:${pad2(eta % 60)}`;
  return `${trunc(eta)}s`;
}

/** Keras's time per unit: ` 2s/step`, ` 8ms/step` or ` 412us/step`. */
function formatTime(timePerUnit: number, unitName: string): string {
  if (timePerUnit >= 1 || timePerUnit === 0) return ` ${formatFixed(timePerUnit, 0)}s/${unitName}`;
  if (timePerUnit >= 1e-3) return ` ${formatFixed(timePerUnit * 1000, 0)}ms/${unitName}`;
  return ` ${formatFixed(timePerUnit * 1e6, 0)}us/${unitName}`;
}
