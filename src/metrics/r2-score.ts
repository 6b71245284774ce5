/**
 * `R2Score`: the coefficient of determination of `(batchSize, outputs)` regression targets, as
 * Keras 3's `regression_metrics.R2Score` (with its adjusted variant and class aggregations).
 */
import { ValueError } from "../core/errors.js";
import { formatShape } from "../core/shape.js";
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { broadcastTo, cast, convertToTensor, expandDims, type TensorLike } from "../ops/index.js";
import { Metric, type MetricArgs, type MetricConfig } from "./metric.js";
import { squeezeOrExpandToSameRank } from "./reduction.js";

/** How per-output scores are combined: `null` keeps one score per output. */
export type R2ClassAggregation = "uniform_average" | "variance_weighted_average" | null;

/** Options of {@link R2Score}. */
export interface R2ScoreArgs extends MetricArgs {
  /** `"uniform_average"` (default), `"variance_weighted_average"` or `null`. */
  classAggregation?: R2ClassAggregation;
  /** Number of regressors, for the adjusted R²; 0 (default) gives the plain R². */
  numRegressors?: number;
}

const f = Math.fround;

/**
 * R² = 1 - Σ(y - ŷ)² / Σ(y - ȳ)², per output, then aggregated.
 * @example
 * ```ts
 * const m = new keras.metrics.R2Score();
 * m.updateState(keras.tensor([[1], [4], [3]]), keras.tensor([[2], [4], [4]]));
 * m.result().item(); // 0.5714286
 * ```
 */
export class R2Score extends Metric {
  static override className = "R2Score";
  readonly classAggregation: R2ClassAggregation;
  readonly numRegressors: number;
  private readonly numSamples: Variable;
  private state: { squaredSum: Variable; sum: Variable; residual: Variable; count: Variable } | null = null;

  constructor(args: R2ScoreArgs = {}) {
    super({ ...args, name: args.name ?? "r2_score" });
    const aggregation = args.classAggregation === undefined ? "uniform_average" : args.classAggregation;
    if (![null, "uniform_average", "variance_weighted_average"].includes(aggregation)) {
      throw new ValueError(
        `Invalid value for argument \`class_aggregation\`. Expected one of (null, "uniform_average", "variance_weighted_average"). Received: class_aggregation=${String(aggregation)}`,
        { classAggregation: aggregation },
      );
    }
    const numRegressors = args.numRegressors ?? 0;
    if (!(numRegressors >= 0)) {
      throw new ValueError(
        `Invalid value for argument \`num_regressors\`. Expected a value >= 0. Received: num_regressors=${numRegressors}`,
        { numRegressors },
      );
    }
    this.classAggregation = aggregation;
    this.numRegressors = numRegressors;
    this.numSamples = this.addVariable([], "num_samples");
  }

  private build(shape: readonly number[]) {
    const outputs = [shape[1]!];
    return {
      squaredSum: this.addVariable(outputs, "squared_sum"),
      sum: this.addVariable(outputs, "sum"),
      residual: this.addVariable(outputs, "residual"),
      count: this.addVariable(outputs, "count"),
    };
  }

  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike): void {
    const [t, p] = squeezeOrExpandToSameRank(
      cast(convertToTensor(yTrue), "float32"),
      cast(convertToTensor(yPred), "float32"),
    );
    if (t.rank !== 2 || p.rank !== 2) {
      throw new ValueError(
        `R2Score expects 2D inputs with shape (batch_size, output_dim). Received input shapes: y_pred.shape=${formatShape(p.shape)} and y_true.shape=${formatShape(t.shape)}.`,
        { shapes: [t.shape, p.shape] },
      );
    }
    const state = (this.state ??= this.build(t.shape));
    let w = cast(convertToTensor(sampleWeight ?? 1), "float32");
    if (w.rank === 1) w = expandDims(w, 1);
    const weights = broadcastTo(w, t.shape).dataSync();
    const y = t.dataSync();
    const yHat = p.dataSync();
    const [rows, cols] = [t.shape[0]!, t.shape[1]!];
    const sum = new Float64Array(cols);
    const squaredSum = new Float64Array(cols);
    const residual = new Float64Array(cols);
    const count = new Float64Array(cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const i = r * cols + c;
        const weighted = f(y[i]! * weights[i]!);
        sum[c] += weighted;
        squaredSum[c] += f(y[i]! * weighted);
        residual[c] += f(f(f(y[i]! - yHat[i]!) ** 2) * weights[i]!);
        count[c] += weights[i]!;
      }
    }
    const bump = (v: Variable, delta: Float64Array) =>
      v.assign(Float32Array.from(v.dataSync(), (x, c) => x + delta[c]!));
    bump(state.sum, sum);
    bump(state.squaredSum, squaredSum);
    bump(state.residual, residual);
    bump(state.count, count);
    this.numSamples.assign((this.numSamples.value.item() as number) + t.size);
  }

  result(): Tensor {
    if (!this.state) return convertToTensor(0, "float32");
    const sum = this.state.sum.dataSync();
    const squaredSum = this.state.squaredSum.dataSync();
    const residual = this.state.residual.dataSync();
    const count = this.state.count.dataSync();
    // float32 arithmetic, step by step, as Keras computes it.
    const total = Array.from(sum, (s, c) => f(squaredSum[c]! - f(s * f(s / count[c]!))));
    const raw = total.map((tot, c) => {
      const score = f(1 - f(residual[c]! / tot));
      return Number.isFinite(score) || Number.isNaN(score) ? score : 0;
    });
    if (this.classAggregation === null) return convertToTensor(Float32Array.from(raw));
    let score: number;
    if (this.classAggregation === "uniform_average") {
      score = raw.reduce((a, b) => a + b, 0) / raw.length;
    } else {
      const weighted = raw.reduce((acc, r, c) => acc + total[c]! * r, 0);
      score = weighted / total.reduce((a, b) => a + b, 0);
    }
    const n = this.numSamples.value.item() as number;
    const k = this.numRegressors;
    if (k !== 0 && k < n - 1) score = 1 - ((1 - score) * (n - 1)) / (n - k - 1);
    return convertToTensor(f(score), "float32");
  }

  override getConfig(): MetricConfig {
    return {
      ...super.getConfig(),
      classAggregation: this.classAggregation,
      numRegressors: this.numRegressors,
    };
  }
}
