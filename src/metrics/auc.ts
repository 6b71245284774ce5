/**
 * `AUC`: the area under the ROC or precision-recall curve, approximated over a grid of thresholds
 * exactly as Keras 3 (`numThresholds` 200, end thresholds `-ε` and `1 + ε`, Riemann sums or the
 * Davis & Goadrich interpolation for PR).
 */
import { ValueError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { convertToTensor, sigmoid, type TensorLike } from "../ops/index.js";
import { isEvenlyDistributedThresholds, updateConfusionMatrix } from "./confusion-utils.js";
import { Metric, type MetricArgs, type MetricConfig } from "./metric.js";

const EPSILON = 1e-7;

/** Which curve `AUC` integrates. */
export type AUCCurve = "ROC" | "PR" | "PRGAIN";
/** How `AUC` sums the area between thresholds. */
export type AUCSummationMethod = "interpolation" | "minoring" | "majoring";

/** Options of {@link AUC}. */
export interface AUCArgs extends MetricArgs {
  /** Number of thresholds on the grid (> 1). Default 200. */
  numThresholds?: number;
  /** `"ROC"` (default), `"PR"` or `"PRGAIN"`; any casing. */
  curve?: AUCCurve | Lowercase<AUCCurve>;
  /** `"interpolation"` (default), `"minoring"` or `"majoring"`. */
  summationMethod?: AUCSummationMethod;
  /** Explicit interior thresholds in `[0, 1]`; overrides `numThresholds`. */
  thresholds?: number[] | null;
  /** Whether predictions are logits (a sigmoid is applied first). Default false. */
  fromLogits?: boolean;
}

function parseCurve(curve: string): AUCCurve {
  const upper = curve.toUpperCase();
  if (upper === "ROC" || upper === "PR" || upper === "PRGAIN") return upper;
  throw new ValueError(`Invalid AUC curve: "${curve}". Expected one of "ROC", "PR", "PRGAIN".`, { curve });
}

function parseSummation(method: string): AUCSummationMethod {
  const lower = method.toLowerCase();
  if (lower === "interpolation" || lower === "minoring" || lower === "majoring") return lower;
  throw new ValueError(
    `Invalid AUC summation method: "${method}". Expected one of "interpolation", "minoring", "majoring".`,
    { summationMethod: method },
  );
}

const safeDiv = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/**
 * Area under the ROC (default) or PR curve, from weighted confusion counts at each threshold.
 *
 * @example
 * ```ts
 * const m = new keras.metrics.AUC({ numThresholds: 3 });
 * m.updateState(keras.tensor([0, 0, 1, 1]), keras.tensor([0, 0.5, 0.3, 0.9]));
 * m.result().item(); // 0.75
 * ```
 */
export class AUC extends Metric {
  static override className = "AUC";
  readonly numThresholds: number;
  readonly curve: AUCCurve;
  readonly summationMethod: AUCSummationMethod;
  readonly fromLogits: boolean;
  /** Every threshold used, including `-ε` and `1 + ε` at the ends. */
  readonly thresholds: number[];
  private readonly initFromThresholds: boolean;
  private readonly evenly: boolean;
  private readonly tp: Variable;
  private readonly fp: Variable;
  private readonly tn: Variable;
  private readonly fn: Variable;

  constructor(args: AUCArgs = {}) {
    super(args);
    this.curve = parseCurve(args.curve ?? "ROC");
    this.summationMethod = parseSummation(args.summationMethod ?? "interpolation");
    this.fromLogits = args.fromLogits ?? false;
    let interior: number[];
    if (args.thresholds !== undefined && args.thresholds !== null) {
      interior = [...args.thresholds].sort((a, b) => a - b);
      this.numThresholds = interior.length + 2;
      this.initFromThresholds = true;
      this.evenly = isEvenlyDistributedThresholds([0, ...interior, 1]);
    } else {
      const n = args.numThresholds ?? 200;
      if (!Number.isInteger(n) || n <= 1) {
        throw new ValueError(
          `Argument \`num_thresholds\` must be an integer > 1. Received: num_thresholds=${n}`,
          {
            numThresholds: n,
          },
        );
      }
      this.numThresholds = n;
      interior = Array.from({ length: n - 2 }, (_, i) => (i + 1) / (n - 1));
      this.initFromThresholds = false;
      this.evenly = true;
    }
    this.thresholds = [-EPSILON, ...interior, 1 + EPSILON];
    const shape = [this.numThresholds];
    this.tp = this.addVariable(shape, "true_positives");
    this.fp = this.addVariable(shape, "false_positives");
    this.tn = this.addVariable(shape, "true_negatives");
    this.fn = this.addVariable(shape, "false_negatives");
  }

  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike): void {
    const pred = this.fromLogits ? sigmoid(convertToTensor(yPred)) : yPred;
    updateConfusionMatrix({ tp: this.tp, fp: this.fp, tn: this.tn, fn: this.fn }, yTrue, pred, {
      thresholds: this.thresholds,
      evenly: this.evenly,
      sampleWeight: sampleWeight ?? null,
    });
  }

  result(): Tensor {
    const tp = Array.from(this.tp.dataSync());
    const fp = Array.from(this.fp.dataSync());
    const tn = Array.from(this.tn.dataSync());
    const fn = Array.from(this.fn.dataSync());
    const n = this.numThresholds;
    if (this.curve === "PR" && this.summationMethod === "interpolation") {
      return scalar(interpolatePrAuc(tp, fp, fn));
    }
    const recall = tp.map((t, i) => safeDiv(t, t + fn[i]!));
    let x: number[];
    let y: number[];
    if (this.curve === "ROC") {
      x = fp.map((f, i) => safeDiv(f, f + tn[i]!));
      y = recall;
    } else if (this.curve === "PR") {
      x = recall;
      y = tp.map((t, i) => safeDiv(t, t + fp[i]!));
    } else {
      const scale = tp.map((t, i) => safeDiv(t + fn[i]!, tn[i]! + fp[i]!));
      x = tp.map((t, i) => (t === 0 ? 0 : Math.max(1 - scale[i]! * safeDiv(fn[i]!, t), 0)));
      y = tp.map((t, i) => (t === 0 ? 1 : 1 - scale[i]! * safeDiv(fp[i]!, t)));
    }
    let area = 0;
    for (let i = 0; i < n - 1; i++) {
      const a = y[i]!;
      const b = y[i + 1]!;
      const height =
        this.summationMethod === "interpolation"
          ? (a + b) / 2
          : this.summationMethod === "minoring"
            ? Math.min(a, b)
            : Math.max(a, b);
      area += (x[i]! - x[i + 1]!) * height;
    }
    return scalar(area);
  }

  override getConfig(): MetricConfig {
    const config: MetricConfig = {
      ...super.getConfig(),
      numThresholds: this.numThresholds,
      curve: this.curve,
      summationMethod: this.summationMethod,
      fromLogits: this.fromLogits,
    };
    if (this.initFromThresholds) config.thresholds = this.thresholds.slice(1, -1);
    return config;
  }
}

/** Davis & Goadrich (2006) interpolation of the PR curve between thresholds (Keras's `interpolate_pr_auc`). */
function interpolatePrAuc(tp: number[], fp: number[], fn: number[]): number {
  let area = 0;
  for (let i = 0; i < tp.length - 1; i++) {
    const dtp = tp[i]! - tp[i + 1]!;
    const p0 = tp[i]! + fp[i]!;
    const p1 = tp[i + 1]! + fp[i + 1]!;
    const slope = safeDiv(dtp, Math.max(p0 - p1, 0));
    const intercept = tp[i + 1]! - slope * p1;
    const ratio = p0 > 0 && p1 > 0 ? safeDiv(p0, Math.max(p1, 0)) : 1;
    area += safeDiv(slope * (dtp + intercept * Math.log(ratio)), Math.max(tp[i + 1]! + fn[i + 1]!, 0));
  }
  return area;
}

function scalar(value: number): Tensor {
  return convertToTensor(Math.fround(value), "float32");
}
