/**
 * `Model`: one class for the functional API (`new keras.Model({ inputs, outputs })`, which holds a
 * `FunctionalGraph`) and for subclassing (`class X extends keras.Model` with a `call()`; sublayers
 * are found by walking fields). `Sequential` extends it.
 */
import { ValueError } from "../core/errors.js";
import type { Node, Operation, SymbolicTensor } from "../core/symbolic.js";
import type { Tensor } from "../core/tensor.js";
import { printSummary, type SummaryOptions } from "../summary/print-summary.js";
import { FunctionalGraph } from "./graph.js";
import { Layer, type CallArgs, type LayerArgs } from "./layer.js";
import { uniqueName } from "./naming.js";
import { registerSerializable } from "./registry.js";
import type { History } from "../callbacks/history.js";
import type { Logs } from "../callbacks/callback.js";
import type { Metric } from "../metrics/metric.js";
import type { Optimizer } from "../optimizers/optimizer.js";
import {
  compileModel,
  defaultPredictStep,
  defaultTestStep,
  defaultTrainStep,
  evaluate,
  fit,
  predict,
  predictOnBatch,
  testOnBatch,
  trainerState,
  trainOnBatch,
  type CompileOptions,
  type EvaluateOptions,
  type FitOptions,
  type OnBatchOptions,
  type PredictOptions,
} from "../trainer/index.js";

/** Options of `new keras.Model(...)`. Give `inputs` and `outputs` for a functional model. */
export interface ModelArgs extends LayerArgs {
  /** Tensor(s) from `keras.Input`: one, an array, or a record of named inputs. */
  inputs?: unknown;
  /** Symbolic tensor(s) computed from the inputs: one, an array, or a record. */
  outputs?: unknown;
}

export { NotCompiledError } from "../trainer/errors.js";

/** The model class; use it as `Model` (see the end of this file). Exported so declarations can name it. */
export abstract class ModelClass extends Layer {
  static override className = "Model";
  /** @internal The graph of a functional (or built Sequential) model; null when subclassed. */
  _graph: FunctionalGraph | null = null;

  constructor(args: ModelArgs = {}) {
    const functional = args.inputs !== undefined || args.outputs !== undefined;
    // As Keras 3: `keras.Model(inputs, outputs)` is a `Functional`, auto-named "functional",
    // "functional_1", ... (one counter shared with the graphs Sequential builds); subclasses keep
    // their own class name ("my_model"), functional or not.
    const autoFunctional = functional && new.target === ModelClass;
    super({ ...args, name: args.name ?? (autoFunctional ? uniqueName("functional") : undefined) });
    if (functional) {
      if (args.inputs === undefined || args.outputs === undefined) {
        throw new ValueError(
          `Model "${this.name}": a functional model needs both \`inputs\` and \`outputs\`: new keras.Model({ inputs, outputs }).`,
        );
      }
      this._setGraph(new FunctionalGraph(args.inputs, args.outputs, this.name));
    }
  }

  /** @internal Installs a graph: the model becomes functional and built. */
  _setGraph(graph: FunctionalGraph | null): void {
    this._graph = graph;
    this.inputSpec = graph ? graph.inputSpecs() : null;
    this.built = graph !== null;
    if (graph)
      this._buildShape =
        graph.inputs.length === 1 ? graph.inputs[0]!.shape : graph.inputs.map((x) => x.shape);
  }

  /** Whether the model is defined by a graph of layers (functional API or built Sequential). */
  get isFunctional(): boolean {
    return this._graph !== null;
  }

  /**
   * @internal Runs the graph of a functional model; this is what `call` does unless a subclass
   * defines its own `call`.
   */
  _runGraph(inputs: unknown, args: CallArgs = {}): unknown {
    if (!this._graph) {
      throw new ValueError(
        `Model "${this.name}" has no call() method. Subclass keras.Model and define call(inputs), ` +
          `or create a functional model with new keras.Model({ inputs, outputs }).`,
      );
    }
    const graph = this._graph;
    const outputs = graph.run(graph.flattenCallInputs(inputs), { training: args.training });
    return graph.packOutputs(outputs);
  }

  /**
   * The nodes of a functional (or built Sequential) model grouped by depth, the inputs' nodes first
   * (Keras's `_nodes_by_depth`); null for subclassed and unbuilt Sequential models.
   *
   * @example
   * ```ts
   * model.nodesByDepth?.map((nodes) => nodes.map((n) => n.operation.name)); // [["input_layer"], ["dense"]]
   * ```
   */
  get nodesByDepth(): readonly (readonly Node[])[] | null {
    return this._graph ? this._graph.nodesByDepth : null;
  }

  /** The symbolic inputs of a functional model (a tensor, an array, or a record, as given). */
  get inputs(): unknown {
    return this.requireGraph("inputs").packedInputs();
  }

  /** The symbolic outputs of a functional model (as given). */
  get outputs(): unknown {
    const graph = this.requireGraph("outputs");
    return graph.packOutputs(graph.outputs);
  }

  /** A functional model's input tensor(s) (an array when several); else the input of its first node. */
  override get input(): SymbolicTensor | SymbolicTensor[] {
    if (!this._graph) return super.input;
    const xs = this._graph.inputs;
    return xs.length === 1 ? xs[0]! : [...xs];
  }

  /** A functional model's output tensor(s) (an array when several); else the output of its first node. */
  override get output(): SymbolicTensor | SymbolicTensor[] {
    if (!this._graph) return super.output;
    const xs = this._graph.outputs;
    return xs.length === 1 ? xs[0]! : [...xs];
  }

  private requireGraph(what: string): FunctionalGraph {
    if (!this._graph)
      throw new ValueError(
        `Model "${this.name}" has no \`${what}\`: only functional (and built Sequential) models have a graph.`,
      );
    return this._graph;
  }

  /** @internal */
  override _trackedLayers(): Layer[] {
    return this._graph ? this._graph.layers : super._trackedLayers();
  }

  /**
   * The model's layers: for functional models, every layer of the graph (InputLayers included, as
   * Keras 3) in topological order; for subclassed models, the layers held in fields.
   */
  get layers(): Layer[] {
    return this._trackedLayers();
  }

  /** Every operation of a functional graph (layers and raw `keras.ops` calls), in order. */
  get operations(): Operation[] {
    return this._graph ? [...this._graph.operations] : this.layers;
  }

  /**
   * Finds a layer by name, or by index in `layers`.
   *
   * @example
   * ```ts
   * model.getLayer("dense_1"); model.getLayer(0);
   * ```
   */
  getLayer(nameOrIndex: string | number): Layer {
    const layers = this.layers;
    if (typeof nameOrIndex === "number") {
      if (!Number.isInteger(nameOrIndex) || nameOrIndex < 0 || nameOrIndex >= layers.length) {
        throw new ValueError(
          `Was asked to retrieve layer at index ${nameOrIndex} but model only has ${layers.length} layers.`,
        );
      }
      return layers[nameOrIndex]!;
    }
    const found = layers.find((l) => l.name === nameOrIndex);
    if (!found)
      throw new ValueError(
        `No such layer: ${nameOrIndex}. Existing layers are: ${JSON.stringify(layers.map((l) => l.name))}.`,
      );
    return found;
  }

  /**
   * Prints a table of the model's layers (name and class, output shape, parameter count, and for
   * non-sequential graphs the `Connected to` column) and its parameter totals, exactly as Keras 3's
   * `model.summary()`. Plain text when piped or given a `printFn` (76 columns by default then),
   * colored in a terminal.
   *
   * @example
   * ```ts
   * const model = new keras.Sequential([
   *   new keras.layers.Flatten({ inputShape: [28, 28] }),
   *   new keras.layers.Dense(10, { activation: "softmax" }),
   * ]);
   * model.summary();                                    // to stdout
   * model.summary({ lineLength: 88, printFn: (text) => lines.push(text) }); // captured
   * ```
   */
  summary(options: SummaryOptions = {}): void {
    printSummary(this, options);
  }

  /** Set by callbacks (EarlyStopping, TerminateOnNaN) to end `fit` after the current batch. */
  stopTraining = false;
  /** Set to end `evaluate` after the current batch. */
  stopEvaluating = false;
  /** The `History` of the last `fit` (set by its callbacks). */
  history: History | null = null;

  /** The optimizer given to `compile` (null before `compile`). */
  optimizer: Optimizer | null = null;
  /** Whether `compile` has been called. */
  compiled = false;

  /** The metrics the logs report: the loss tracker, compiled metrics (built by the first batch). */
  get metrics(): Metric[] {
    return trainerState(this)?.metrics ?? [];
  }

  /** The names of `metrics` ("loss", "accuracy", ...), in log order. */
  get metricsNames(): string[] {
    return trainerState(this)?.metricsNames ?? [];
  }

  /**
   * Configures the model for training (Keras's `compile`): optimizer, loss (one, or one per
   * output), metrics ("accuracy" resolves to the right accuracy), loss weights, weighted metrics.
   *
   * @example
   * ```ts
   * model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"] });
   * ```
   */
  compile(options: CompileOptions = {}): void {
    this.optimizer = compileModel(this, options).optimizer;
    this.compiled = true;
  }

  /**
   * Trains the model for `epochs` epochs over `x` / `y` (tensors, TypedArrays, nested arrays, an
   * array or record of them, or a dataset of `[x, y]` batches with `y` undefined). Resolves to the
   * `History` of per-epoch logs (`loss`, metrics, `val_*`).
   *
   * @example
   * ```ts
   * const history = await model.fit(xTrain, yTrain, { epochs: 30, validationSplit: 0.1 });
   * history.history.val_accuracy;
   * ```
   */
  fit(x: unknown, y?: unknown, options: FitOptions = {}): Promise<History> {
    return fit(this, x, y, options);
  }

  /**
   * Computes the loss and metrics on `x` / `y`: `[loss, ...metrics]` (the loss alone when there are
   * no metrics), or a record with `returnDict`.
   *
   * @example
   * ```ts
   * const [loss, acc] = (await model.evaluate(xTest, yTest)) as number[];
   * ```
   */
  evaluate(x: unknown, y?: unknown, options: EvaluateOptions = {}): Promise<number | number[] | Logs> {
    return evaluate(this, x, y, options);
  }

  /**
   * Predictions for `x`, batch by batch, concatenated (a tensor, or the model's output structure).
   *
   * @example
   * ```ts
   * const probs = (await model.predict(xTest, { verbose: 0 })) as keras.Tensor;
   * ```
   */
  predict(x: unknown, options: PredictOptions = {}): Promise<Tensor | Tensor[] | Record<string, Tensor>> {
    return predict(this, x, options) as Promise<Tensor | Tensor[] | Record<string, Tensor>>;
  }

  /**
   * One gradient update on one batch; returns `[loss, ...metrics]` (or a record with `returnDict`).
   *
   * @example
   * ```ts
   * const [loss, acc] = (await model.trainOnBatch(xb, yb)) as number[];
   * ```
   */
  trainOnBatch(x: unknown, y?: unknown, options: OnBatchOptions = {}): Promise<number | number[] | Logs> {
    return trainOnBatch(this, x, y, options);
  }

  /**
   * Loss and metrics on one batch, without updating weights.
   *
   * @example
   * ```ts
   * const [loss, acc] = (await model.testOnBatch(xb, yb)) as number[];
   * ```
   */
  testOnBatch(x: unknown, y?: unknown, options: OnBatchOptions = {}): Promise<number | number[] | Logs> {
    return testOnBatch(this, x, y, options);
  }

  /**
   * Predictions for one batch.
   *
   * @example
   * ```ts
   * const probs = (await model.predictOnBatch(xb)) as keras.Tensor;
   * ```
   */
  predictOnBatch(x: unknown): Promise<Tensor | Tensor[] | Record<string, Tensor>> {
    return predictOnBatch(this, x) as Promise<Tensor | Tensor[] | Record<string, Tensor>>;
  }

  /**
   * One training step on a batch `data` (`[x, y]` or `[x, y, sampleWeight]`); `fit` calls it. The
   * default runs the forward pass under a `GradientTape`, the compiled loss, `optimizer.apply`, and
   * the metrics; override it (with your own tape) to customize training. Returns the logs.
   *
   * @example
   * ```ts
   * class MyModel extends keras.Model {
   *   trainStep(data: unknown) { ...; return { loss }; }
   * }
   * ```
   */
  trainStep(data: unknown): Record<string, number | Tensor> {
    return defaultTrainStep(this, data);
  }

  /** One evaluation step on a batch; `evaluate` calls it. Needs a compiled model. */
  testStep(data: unknown): Record<string, number | Tensor> {
    return defaultTestStep(this, data);
  }

  /** One prediction step: the model applied to `x` with `training: false`. */
  predictStep(x: unknown): unknown {
    return defaultPredictStep(this, x);
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, trainable: this.trainable, dtype: this.dtype };
  }
  /**
   * Saves the model (architecture and weights) to a Keras 3 `.keras` file, atomically (Node only).
   *
   * @example
   * ```ts
   * await model.save("model.keras");
   * ```
   */
  async save(path: string): Promise<void> {
    const saving = await import("../saving/index.js");
    await saving.saveModel(this, path);
  }

  /**
   * Saves the weights to a Keras 3 `.weights.h5` file, atomically (Node only).
   *
   * @example
   * ```ts
   * await model.saveWeights("model.weights.h5");
   * ```
   */
  async saveWeights(path: string): Promise<void> {
    const saving = await import("../saving/index.js");
    await saving.saveWeights(this, path);
  }

  /**
   * Loads weights from a Keras 3 `.weights.h5` (or `.keras`) file (Node only).
   *
   * @example
   * ```ts
   * await model.loadWeights("model.weights.h5");
   * ```
   */
  async loadWeights(path: string): Promise<void> {
    const saving = await import("../saving/index.js");
    await saving.loadWeights(this, path);
  }
}

// `call` stays abstract in the types, so that `class MyModel extends keras.Model { call(x) {...} }`
// reads as in Keras (no `override` needed under noImplicitOverride); at run time the default `call`
// of a model runs its graph.
Object.defineProperty(ModelClass.prototype, "call", {
  value: function call(this: ModelClass, inputs: unknown, args?: CallArgs): unknown {
    return this._runGraph(inputs, args);
  },
  writable: true,
  configurable: true,
  enumerable: false,
});

/** Constructor type of `Model`: instantiable (functional API) and subclassable. */
export interface ModelConstructor {
  new (args?: ModelArgs): ModelClass;
  readonly prototype: ModelClass;
}

/**
 * A model: layers grouped with training hooks. Functional, subclassed and Sequential models are all
 * `Model`s.
 *
 * @example
 * ```ts
 * // Functional
 * const inputs = keras.Input({ shape: [784] });
 * const outputs = new keras.layers.Dense(10).apply(inputs);
 * const model = new keras.Model({ inputs, outputs });
 *
 * // Subclassing
 * class MyModel extends keras.Model {
 *   dense = new keras.layers.Dense(10);
 *   call(x: keras.Tensor) { return this.dense.apply(x); }
 * }
 * ```
 */
export const Model = ModelClass as unknown as ModelConstructor & typeof ModelClass;
/** A model instance (functional, subclassed or Sequential). */
export type Model = ModelClass;

registerSerializable("layer", "Model", Model, ["Functional"]);
