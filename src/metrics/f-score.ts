/**
 * `FBetaScore` and `F1Score` for multi-class / multi-label predictions of shape
 * `(batchSize, numClasses)`, as Keras 3's `f_score_metrics.py`.
 */
import { ValueError } from "../core/errors.js";
import { formatShape } from "../core/shape.js";
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { cast, convertToTensor, reshape, type TensorLike } from "../ops/index.js";
import { Metric, type MetricArgs, type MetricConfig } from "./metric.js";

const EPSILON = 1e-7;

/** How per-class scores are combined: `null` keeps one score per class. */
export type FScoreAverage = "micro" | "macro" | "weighted" | null;

/** Options of {@link F1Score}. */
export interface F1ScoreArgs extends MetricArgs {
  /** `null` (default: one score per class), `"micro"`, `"macro"` or `"weighted"`. */
  average?: FScoreAverage;
  /** Predictions above it count as 1; `null` (default) marks each row's maximum instead. */
  threshold?: number | null;
}

/** Options of {@link FBetaScore}. */
export interface FBetaScoreArgs extends F1ScoreArgs {
  /** Weight of recall relative to precision (> 0). Default 1. */
  beta?: number;
}

function floats(x: TensorLike): { data: Float32Array; shape: readonly number[] } {
  const t = cast(convertToTensor(x), "float32");
  return { data: t.dataSync() as Float32Array, shape: t.shape };
}

/**
 * The F-beta score, `(1 + β²)·P·R / (β²·P + R)`, per class or averaged.
 * @example
 * ```ts
 * const m = new keras.metrics.FBetaScore({ beta: 2, threshold: 0.5 });
 * m.updateState(keras.tensor([[1, 1, 1], [1, 0, 0], [1, 1, 0]]),
 *               keras.tensor([[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0.0]]));
 * m.result().arraySync(); // [0.3846154, 0.90909094, 0.8333334]
 * ```
 */
export class FBetaScore extends Metric {
  static override className = "FBetaScore";
  readonly average: FScoreAverage;
  readonly beta: number;
  readonly threshold: number | null;
  private state: { tp: Variable; fp: Variable; fn: Variable; support: Variable } | null = null;

  constructor(args: FBetaScoreArgs = {}) {
    super({ ...args, name: args.name ?? "fbeta_score" });
    const average = args.average ?? null;
    if (![null, "micro", "macro", "weighted"].includes(average)) {
      throw new ValueError(
        `Invalid \`average\` argument value. Expected one of: {null, "micro", "macro", "weighted"}. Received: average=${String(average)}`,
        { average },
      );
    }
    const beta = args.beta ?? 1;
    if (!(beta > 0)) {
      throw new ValueError(`Invalid \`beta\` argument value. It should be > 0. Received: beta=${beta}`, {
        beta,
      });
    }
    const threshold = args.threshold ?? null;
    if (threshold !== null && !(threshold > 0 && threshold <= 1)) {
      throw new ValueError(
        `Invalid \`threshold\` argument value. It should verify 0 < threshold <= 1. Received: threshold=${threshold}`,
        { threshold },
      );
    }
    this.average = average;
    this.beta = beta;
    this.threshold = threshold;
  }

  private build(trueShape: readonly number[], predShape: readonly number[]) {
    if (predShape.length !== 2 || trueShape.length !== 2) {
      throw new ValueError(
        `FBetaScore expects 2D inputs with shape (batch_size, output_dim). Received input shapes: y_pred.shape=${formatShape(predShape)} and y_true.shape=${formatShape(trueShape)}.`,
        { shapes: [trueShape, predShape] },
      );
    }
    const shape = this.average === "micro" ? [] : [predShape[1]!];
    return {
      tp: this.addVariable(shape, "true_positives"),
      fp: this.addVariable(shape, "false_positives"),
      fn: this.addVariable(shape, "false_negatives"),
      support: this.addVariable(shape, "intermediate_weights"),
    };
  }

  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike): void {
    const y = floats(yTrue);
    const p = floats(yPred);
    const state = (this.state ??= this.build(y.shape, p.shape));
    const [rows, classes] = [p.shape[0]!, p.shape[1]!];
    if (y.shape[0] !== rows || y.shape[1] !== classes) {
      throw new ValueError(
        `FBetaScore: y_true.shape=${formatShape(y.shape)} and y_pred.shape=${formatShape(p.shape)} must match.`,
      );
    }
    const w = sampleWeight === undefined || sampleWeight === null ? null : floats(sampleWeight).data;
    const size = this.average === "micro" ? 1 : classes;
    const tp = new Float64Array(size);
    const fp = new Float64Array(size);
    const fn = new Float64Array(size);
    const support = new Float64Array(size);
    for (let r = 0; r < rows; r++) {
      let rowMax = -Infinity;
      for (let c = 0; c < classes; c++) rowMax = Math.max(rowMax, p.data[r * classes + c]!);
      const wr = w ? (w.length === 1 ? w[0]! : w[r]!) : 1;
      for (let c = 0; c < classes; c++) {
        const v = p.data[r * classes + c]!;
        const predicted =
          this.threshold === null ? v >= rowMax && Math.abs(v) > 1e-9 : v > Math.fround(this.threshold);
        const pi = predicted ? 1 : 0;
        const yi = y.data[r * classes + c]!;
        const k = size === 1 ? 0 : c;
        tp[k] += pi * yi * wr;
        fp[k] += pi * (1 - yi) * wr;
        fn[k] += (1 - pi) * yi * wr;
        support[k] += yi * wr;
      }
    }
    const bump = (v: Variable, delta: Float64Array) =>
      v.assign(reshape(convertToTensor(Float32Array.from(v.dataSync(), (x, i) => x + delta[i]!)), v.shape));
    bump(state.tp, tp);
    bump(state.fp, fp);
    bump(state.fn, fn);
    bump(state.support, support);
  }

  result(): Tensor {
    if (!this.state) return convertToTensor(0, "float32");
    const tp = Array.from(this.state.tp.dataSync());
    const fp = Array.from(this.state.fp.dataSync());
    const fn = Array.from(this.state.fn.dataSync());
    const support = Array.from(this.state.support.dataSync());
    const b2 = this.beta * this.beta;
    const scores = tp.map((t, i) => {
      const precision = t / (t + fp[i]! + EPSILON);
      const recall = t / (t + fn[i]! + EPSILON);
      return ((precision * recall) / (b2 * precision + recall + EPSILON)) * (1 + b2);
    });
    if (this.average === "weighted") {
      const total = support.reduce((a, b) => a + b, 0) + EPSILON;
      return convertToTensor(
        scores.reduce((acc, s, i) => acc + (s * support[i]!) / total, 0),
        "float32",
      );
    }
    if (this.average !== null) {
      return convertToTensor(scores.reduce((a, b) => a + b, 0) / scores.length, "float32");
    }
    return reshape(convertToTensor(Float32Array.from(scores)), this.state.tp.shape);
  }

  override getConfig(): MetricConfig {
    return { ...super.getConfig(), average: this.average, beta: this.beta, threshold: this.threshold };
  }
}

/**
 * The F1 score, `2·P·R / (P + R)`, per class or averaged (FBetaScore with β = 1).
 * @example
 * ```ts
 * const m = new keras.metrics.F1Score({ threshold: 0.5 });
 * m.updateState(keras.tensor([[1, 1, 1], [1, 0, 0], [1, 1, 0]]),
 *               keras.tensor([[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0.0]]));
 * m.result().arraySync(); // [0.5, 0.8, 0.6666667]
 * ```
 */
export class F1Score extends FBetaScore {
  static override className = "F1Score";
  constructor(args: F1ScoreArgs = {}) {
    super({ ...args, beta: 1, name: args.name ?? "f1_score" });
  }
  override getConfig(): MetricConfig {
    const config = super.getConfig();
    delete config.beta;
    return config;
  }
}
