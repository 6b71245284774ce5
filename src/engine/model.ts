/**
 * `Model`: one class for the functional API (`new keras.Model({ inputs, outputs })`, which holds a
 * `FunctionalGraph`) and for subclassing (`class X extends keras.Model` with a `call()`; sublayers
 * are found by walking fields). `Sequential` extends it.
 */
import { ValueError } from "../core/errors.js";
import type { AnyTensor, Node, Operation, SymbolicTensor } from "../core/symbolic.js";
import type { Tensor } from "../core/tensor.js";
import { printSummary, type SummaryOptions } from "../summary/print-summary.js";
import { FunctionalGraph } from "./graph.js";
import { Layer, type CallArgs, type LayerArgs } from "./layer.js";
import { uniqueName } from "./naming.js";
import { registerSerializable } from "./registry.js";

/** Options of `new keras.Model(...)`. Give `inputs` and `outputs` for a functional model. */
export interface ModelArgs extends LayerArgs {
  /** Tensor(s) from `keras.Input`: one, an array, or a record of named inputs. */
  inputs?: unknown;
  /** Symbolic tensor(s) computed from the inputs: one, an array, or a record. */
  outputs?: unknown;
}

/** Raised by the training hooks of a model that has not been compiled. */
export class NotCompiledError extends ValueError {
  override name = "NotCompiledError";
}

/** The model class; exported as `Model` (see the end of this file). */
abstract class ModelClass extends Layer {
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

  /**
   * One training step on a batch `data` (`[x, y]` or `[x, y, sampleWeight]`); the trainer calls it
   * from `fit`. Override it to customize training. Needs a compiled model.
   */
  trainStep(data: unknown): Record<string, number | Tensor> {
    void data;
    throw new NotCompiledError(
      `You must call \`compile()\` before training model "${this.name}": model.compile({ optimizer, loss }).`,
    );
  }

  /** One evaluation step on a batch; the trainer calls it from `evaluate`. Needs a compiled model. */
  testStep(data: unknown): Record<string, number | Tensor> {
    void data;
    throw new NotCompiledError(
      `You must call \`compile()\` before evaluating model "${this.name}": model.compile({ optimizer, loss }).`,
    );
  }

  /** One prediction step: the model applied to `x` with `training: false`. */
  predictStep(x: unknown): unknown {
    return this.apply(x as AnyTensor, { training: false });
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, trainable: this.trainable, dtype: this.dtype };
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
