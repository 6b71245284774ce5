/**
 * Threshold metrics: `TruePositives`, `FalsePositives`, `TrueNegatives`, `FalseNegatives`,
 * `Precision`, `Recall` (Keras 3's `confusion_metrics.py`).
 */
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { add, reshape, type TensorLike } from "../ops/index.js";
import {
  isEvenlyDistributedThresholds,
  NEG_INF,
  parseThresholds,
  updateConfusionMatrix,
  type ConfusionVariables,
} from "./confusion-utils.js";
import { Metric, type MetricArgs, type MetricConfig } from "./metric.js";
import { divideNoNan } from "./reduction.js";

/** Options of the confusion-matrix count metrics. */
export interface ThresholdArgs extends MetricArgs {
  /** One threshold or a list, each in `[0, 1]`; a prediction above it is positive. Default 0.5. */
  thresholds?: number | number[] | null;
}

function scalarIfSingle(x: Tensor, count: number): Tensor {
  return count === 1 ? reshape(x, []) : x;
}

type Cell = keyof ConfusionVariables;

/** Counts one cell of the confusion matrix (weighted), per threshold. */
abstract class ConfusionMatrixConditionCount extends Metric {
  readonly thresholds: number[];
  private readonly initThresholds: number | number[] | null;
  private readonly evenly: boolean;
  private readonly accumulator: Variable;

  constructor(
    private readonly cell: Cell,
    args: ThresholdArgs,
  ) {
    super(args);
    this.initThresholds = args.thresholds ?? null;
    this.thresholds = parseThresholds(args.thresholds, 0.5);
    this.evenly = isEvenlyDistributedThresholds(this.thresholds);
    this.accumulator = this.addVariable([this.thresholds.length], "accumulator");
  }

  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike): void {
    updateConfusionMatrix({ [this.cell]: this.accumulator }, yTrue, yPred, {
      thresholds: this.thresholds,
      evenly: this.evenly,
      sampleWeight: sampleWeight ?? null,
    });
  }

  result(): Tensor {
    return scalarIfSingle(this.accumulator.value, this.thresholds.length);
  }

  override getConfig(): MetricConfig {
    return { ...super.getConfig(), thresholds: this.initThresholds };
  }
}

/**
 * The weighted count of true positives (label 1, prediction above the threshold).
 * @example
 * ```ts
 * const m = new keras.metrics.TruePositives();
 * m.updateState(keras.tensor([0, 1, 1, 1]), keras.tensor([1, 0, 1, 1]));
 * m.result().item(); // 2
 * ```
 */
export class TruePositives extends ConfusionMatrixConditionCount {
  static override className = "TruePositives";
  constructor(args: ThresholdArgs = {}) {
    super("tp", args);
  }
}

/**
 * The weighted count of false positives (label 0, prediction above the threshold).
 * @example
 * ```ts
 * const m = new keras.metrics.FalsePositives();
 * m.updateState(keras.tensor([0, 1, 0, 0]), keras.tensor([0, 0, 1, 1]));
 * m.result().item(); // 2
 * ```
 */
export class FalsePositives extends ConfusionMatrixConditionCount {
  static override className = "FalsePositives";
  constructor(args: ThresholdArgs = {}) {
    super("fp", args);
  }
}

/**
 * The weighted count of true negatives (label 0, prediction at or below the threshold).
 * @example
 * ```ts
 * const m = new keras.metrics.TrueNegatives();
 * m.updateState(keras.tensor([0, 1, 0, 0]), keras.tensor([1, 1, 0, 0]));
 * m.result().item(); // 2
 * ```
 */
export class TrueNegatives extends ConfusionMatrixConditionCount {
  static override className = "TrueNegatives";
  constructor(args: ThresholdArgs = {}) {
    super("tn", args);
  }
}

/**
 * The weighted count of false negatives (label 1, prediction at or below the threshold).
 * @example
 * ```ts
 * const m = new keras.metrics.FalseNegatives();
 * m.updateState(keras.tensor([0, 1, 1, 1]), keras.tensor([0, 1, 0, 0]));
 * m.result().item(); // 2
 * ```
 */
export class FalseNegatives extends ConfusionMatrixConditionCount {
  static override className = "FalseNegatives";
  constructor(args: ThresholdArgs = {}) {
    super("fn", args);
  }
}

/** Options of {@link Precision} and {@link Recall}. */
export interface PrecisionRecallArgs extends ThresholdArgs {
  /** Only the `topK` largest predictions of each row count as positive (thresholds then default to -∞). */
  topK?: number | null;
  /** Only this class (last-axis index) is scored. */
  classId?: number | null;
}

/** Shared state of Precision and Recall: true positives plus one error cell. */
abstract class PrecisionRecallBase extends Metric {
  readonly thresholds: number[];
  readonly topK: number | null;
  readonly classId: number | null;
  private readonly initThresholds: number | number[] | null;
  private readonly evenly: boolean;
  protected readonly truePositives: Variable;
  protected readonly errors: Variable;
  private readonly errorCell: "fp" | "fn";

  constructor(errorCell: "fp" | "fn", args: PrecisionRecallArgs) {
    super(args);
    this.initThresholds = args.thresholds ?? null;
    this.topK = args.topK ?? null;
    this.classId = args.classId ?? null;
    this.thresholds = parseThresholds(args.thresholds, this.topK === null ? 0.5 : NEG_INF);
    this.evenly = isEvenlyDistributedThresholds(this.thresholds);
    this.truePositives = this.addVariable([this.thresholds.length], "true_positives");
    this.errors = this.addVariable(
      [this.thresholds.length],
      errorCell === "fp" ? "false_positives" : "false_negatives",
    );
    this.errorCell = errorCell;
  }

  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike): void {
    updateConfusionMatrix({ tp: this.truePositives, [this.errorCell]: this.errors }, yTrue, yPred, {
      thresholds: this.thresholds,
      evenly: this.evenly,
      topK: this.topK,
      classId: this.classId,
      sampleWeight: sampleWeight ?? null,
    });
  }

  result(): Tensor {
    const tp = this.truePositives.value;
    return scalarIfSingle(divideNoNan(tp, add(tp, this.errors.value)), this.thresholds.length);
  }

  override getConfig(): MetricConfig {
    return { ...super.getConfig(), thresholds: this.initThresholds, topK: this.topK, classId: this.classId };
  }
}

/**
 * Precision, `tp / (tp + fp)`, per threshold (a scalar for one threshold).
 * @example
 * ```ts
 * const m = new keras.metrics.Precision();
 * m.updateState(keras.tensor([0, 1, 1, 1]), keras.tensor([1, 0, 1, 1]));
 * m.result().item(); // 0.6666667
 * ```
 */
export class Precision extends PrecisionRecallBase {
  static override className = "Precision";
  constructor(args: PrecisionRecallArgs = {}) {
    super("fp", args);
  }
}

/**
 * Recall, `tp / (tp + fn)`, per threshold (a scalar for one threshold).
 * @example
 * ```ts
 * const m = new keras.metrics.Recall();
 * m.updateState(keras.tensor([0, 1, 1, 1]), keras.tensor([1, 0, 1, 1]));
 * m.result().item(); // 0.6666667
 * ```
 */
export class Recall extends PrecisionRecallBase {
  static override className = "Recall";
  constructor(args: PrecisionRecallArgs = {}) {
    super("fn", args);
  }
}
