/**
 * Intersection-over-union metrics, `IoU` and `MeanIoU`, from an accumulated integer confusion
 * matrix, as Keras 3's `iou_metrics.py` (state dtype `int32`; weights are cast to it).
 */
import type { DType } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { argmax, broadcastTo, cast, convertToTensor, reshape, type TensorLike } from "../ops/index.js";
import { Metric, type MetricArgs, type MetricConfig } from "./metric.js";

/** Options shared by {@link IoU} and {@link MeanIoU}. */
export interface MeanIoUArgs extends MetricArgs {
  /** Number of classes; the confusion matrix is `numClasses × numClasses`. */
  numClasses: number;
  /** A class id whose pixels/samples are ignored. Default none. */
  ignoreClass?: number | null;
  /** Whether labels are class ids (true, default) or one-hot / scores reduced by arg-max. */
  sparseYTrue?: boolean;
  /** Whether predictions are class ids (true, default) or scores reduced by arg-max. */
  sparseYPred?: boolean;
  /** The class axis for arg-max when not sparse. Default -1. */
  axis?: number;
}

/** Options of {@link IoU}. */
export interface IoUArgs extends MeanIoUArgs {
  /** The classes whose IoU is averaged. */
  targetClassIds: number[];
}

const f = Math.fround;

/**
 * Intersection-over-union, `tp / (tp + fp + fn)`, averaged over `targetClassIds` (classes that never
 * occur are left out of the average).
 * @example
 * ```ts
 * const m = new keras.metrics.IoU({ numClasses: 2, targetClassIds: [0] });
 * m.updateState(keras.tensor([0, 0, 1, 1]), keras.tensor([0, 1, 0, 1]));
 * m.result().item(); // 0.33333334
 * ```
 */
export class IoU extends Metric {
  static override className = "IoU";
  readonly numClasses: number;
  readonly targetClassIds: number[];
  readonly ignoreClass: number | null;
  readonly sparseYTrue: boolean;
  readonly sparseYPred: boolean;
  readonly axis: number;
  private readonly totalCm: Variable;

  constructor(args: IoUArgs) {
    super({ ...args, dtype: args.dtype ?? ("int32" as DType) });
    if (!Number.isInteger(args.numClasses) || args.numClasses < 1) {
      throw new ValueError(`\`numClasses\` must be a positive integer, received ${String(args.numClasses)}.`);
    }
    this.numClasses = args.numClasses;
    this.targetClassIds = [...args.targetClassIds];
    const bad = this.targetClassIds.filter((c) => !(c >= 0 && c < this.numClasses));
    if (bad.length > 0) {
      throw new ValueError(
        `\`targetClassIds\` must be class ids in [0, ${this.numClasses}), received [${bad.join(", ")}].`,
        { targetClassIds: this.targetClassIds },
      );
    }
    this.ignoreClass = args.ignoreClass ?? null;
    this.sparseYTrue = args.sparseYTrue ?? true;
    this.sparseYPred = args.sparseYPred ?? true;
    this.axis = args.axis ?? -1;
    this.totalCm = this.addVariable([this.numClasses, this.numClasses], "total_confusion_matrix");
  }

  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike): void {
    let t = convertToTensor(yTrue);
    let p = convertToTensor(yPred);
    if (!this.sparseYTrue) t = argmax(t, this.axis);
    if (!this.sparseYPred) p = argmax(p, this.axis);
    const labels = cast(reshape(t, [-1]), this.dtype).dataSync();
    const preds = cast(reshape(p, [-1]), this.dtype).dataSync();
    if (labels.length !== preds.length) {
      throw new ValueError(
        `IoU: y_true and y_pred hold ${labels.length} and ${preds.length} class ids; they must match.`,
      );
    }
    let w = cast(convertToTensor(sampleWeight ?? 1), this.dtype);
    if (w.rank > 1) w = reshape(w, [-1]);
    const weights = broadcastTo(w, [labels.length]).dataSync();
    const n = this.numClasses;
    const cm = Float64Array.from(this.totalCm.dataSync());
    for (let i = 0; i < labels.length; i++) {
      const a = labels[i]!;
      const b = preds[i]!;
      if (a < 0 || a >= n || b < 0 || b >= n || a === this.ignoreClass) continue;
      cm[a * n + b] += weights[i]!;
    }
    this.totalCm.assign(reshape(convertToTensor(cm, this.dtype), [n, n]));
  }

  result(): Tensor {
    const n = this.numClasses;
    const cm = this.totalCm.dataSync();
    let sum = 0;
    let valid = 0;
    for (const c of this.targetClassIds) {
      let row = 0;
      let col = 0;
      for (let k = 0; k < n; k++) {
        row += cm[k * n + c]!;
        col += cm[c * n + k]!;
      }
      const tp = cm[c * n + c]!;
      const denominator = f(row + col - tp);
      if (denominator > 1e-9) {
        valid += 1;
        sum = f(sum + f(tp / f(denominator + 1e-7)));
      }
    }
    return convertToTensor(f(sum / f(valid + 1e-7)), "float32");
  }

  override getConfig(): MetricConfig {
    return {
      ...super.getConfig(),
      numClasses: this.numClasses,
      targetClassIds: this.targetClassIds,
      ignoreClass: this.ignoreClass,
      sparseYTrue: this.sparseYTrue,
      sparseYPred: this.sparseYPred,
      axis: this.axis,
    };
  }
}

/**
 * The mean intersection-over-union over all classes (those that never occur are left out).
 * @example
 * ```ts
 * const m = new keras.metrics.MeanIoU({ numClasses: 2 });
 * m.updateState(keras.tensor([0, 0, 1, 1]), keras.tensor([0, 1, 0, 1]));
 * m.result().item(); // 0.33333334
 * ```
 */
export class MeanIoU extends IoU {
  static override className = "MeanIoU";
  constructor(args: MeanIoUArgs) {
    super({ ...args, targetClassIds: Array.from({ length: args.numClasses }, (_, i) => i) });
  }
  override getConfig(): MetricConfig {
    const config = super.getConfig();
    delete config.targetClassIds;
    return config;
  }
}
