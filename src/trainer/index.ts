/**
 * The trainer: `compile`, `fit`, `evaluate`, `predict` and the `*OnBatch` methods of `Model`,
 * kept out of the model class (DESIGN.md: "Trainer separate from Model").
 *
 * @example
 * ```ts
 * model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"] });
 * const history = await model.fit(xTrain, yTrain, { epochs: 5, validationSplit: 0.1 });
 * ```
 */
export { NotCompiledError } from "./errors.js";
export { CompileLoss, resolveOptimizer, type CompileOptions, type LossSpec } from "./compile-config.js";
export { CompileMetrics, type MetricIdentifier, type MetricsSpec } from "./compile-metrics.js";
export { TrainerState, compileModel, trainerState, requireCompiled } from "./trainer-state.js";
export {
  computeLoss,
  computeMetrics,
  defaultPredictStep,
  defaultTestStep,
  defaultTrainStep,
  unpackXYSampleWeight,
} from "./steps.js";
export { fit, type FitOptions } from "./fit.js";
export { evaluate, type EvaluateOptions } from "./evaluate.js";
export { predict, type PredictOptions } from "./predict.js";
export { trainOnBatch, testOnBatch, predictOnBatch, type OnBatchOptions } from "./on-batch.js";
export { classWeightToSampleWeights, type ClassWeight } from "./make-data.js";
export { isDataset, type Dataset } from "./epoch-iterator.js";
