/**
 * `Sequential`: a plain stack of layers. Once its input shape is known (an Input, `inputShape` on
 * the first layer, `build(shape)`, or the first call) it builds a functional graph by applying its
 * layers to a symbolic input, and from then on runs as a functional model.
 */
import type { DType } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import { formatShape, shapesEqual, type SymbolicShape } from "../core/shape.js";
import { SymbolicTensor } from "../core/symbolic.js";
import { FunctionalGraph } from "./graph.js";
import { InputLayer } from "./input-layer.js";
import { Layer, type BuildShape, type CallArgs } from "./layer.js";
import { Model } from "./model.js";
import { uniqueName } from "./naming.js";
import { getRegistered, registerSerializable } from "./registry.js";
import { describeValue, isShape } from "./structure.js";

/** Options of `new keras.Sequential(layers, args)`. */
export interface SequentialArgs {
  name?: string;
  trainable?: boolean;
  dtype?: DType;
}

/**
 * A linear stack of layers.
 *
 * @example
 * ```ts
 * const model = new keras.Sequential([
 *   new keras.layers.Flatten({ inputShape: [28, 28] }),
 *   new keras.layers.Dense(10, { activation: "softmax" }),
 * ]);
 * model.layers.length; // 2 (the InputLayer is not listed)
 * ```
 */
export class Sequential extends Model {
  static override className = "Sequential";
  /** @internal Every layer, the InputLayer (when known) first. */
  _stack: Layer[] = [];

  constructor(layers: readonly (Layer | SymbolicTensor)[] = [], args: SequentialArgs = {}) {
    super(args);
    if (!Array.isArray(layers)) {
      throw new ValueError(
        `Sequential expects an array of layers as its first argument, received ${describeValue(layers)}.`,
      );
    }
    for (const layer of layers) this.add(layer, false);
    this._maybeRebuild();
  }

  /**
   * Adds a layer on top of the stack (or an `InputLayer` / `keras.Input` tensor, first only).
   *
   * @example
   * ```ts
   * const model = new keras.Sequential();
   * model.add(keras.Input({ shape: [4] }));
   * model.add(new keras.layers.Dense(2));
   * ```
   */
  add(layer: Layer | SymbolicTensor, rebuild = true): void {
    let item: unknown = layer;
    if (item instanceof SymbolicTensor && item.history?.node.operation instanceof InputLayer)
      item = item.history.node.operation;
    if (!(item instanceof Layer)) {
      throw new ValueError(
        `Only instances of keras.Layer can be added to a Sequential model. Received: ${describeValue(item)}.`,
      );
    }
    if (this._stack.some((l) => l.name === (item as Layer).name)) {
      throw new ValueError(
        `All layers added to a Sequential model should have unique names. Name "${item.name}" is already the name of a layer in this model. ` +
          `Update the \`name\` argument to pass a unique name.`,
      );
    }
    const first = this._stack[0];
    if (item instanceof InputLayer) {
      if (first instanceof InputLayer) {
        throw new ValueError(
          `Sequential model "${this.name}" has already been configured to use input shape ${formatShape(first.batchShape)}. You cannot add a different Input layer to it.`,
        );
      }
      if (this._stack.length > 0)
        throw new ValueError(`Sequential model "${this.name}": an Input can only be its first layer.`);
    } else if (this._stack.length === 0 && item._batchInputShape) {
      this._stack.push(new InputLayer({ batchShape: item._batchInputShape, dtype: item.dtype }));
    }
    this._stack.push(item);
    if (rebuild) this._maybeRebuild();
    else this._setGraph(null);
  }

  /**
   * Removes and returns the top layer.
   * @throws ValueError when the model has no layers.
   */
  pop(rebuild = true): Layer {
    if (this.layers.length === 0) throw new ValueError("There are no layers in the model.");
    const layer = this._stack.pop()!;
    if (rebuild) this._maybeRebuild();
    else this._setGraph(null);
    return layer;
  }

  /** Rebuilds the graph when the input shape is known; otherwise waits for `build` or a call. */
  private _maybeRebuild(): void {
    this._discardGraph();
    const first = this._stack[0];
    if (first instanceof InputLayer && this._stack.length > 1) this.build(first.batchShape);
  }

  /** Forgets the previous graph, and its nodes on the layers (so node indices stay as Keras's). */
  private _discardGraph(): void {
    const graph = this._graph;
    if (graph) {
      for (const node of graph.nodes) {
        const op = node.operation;
        if (op instanceof Layer && !(op instanceof InputLayer))
          op._inboundNodes = op._inboundNodes.filter((n) => n !== node);
      }
    }
    this._setGraph(null);
  }

  /** Builds the functional graph for a batch input shape (batch size may be null). */
  override build(inputShape: BuildShape): void {
    if (!isShape(inputShape)) {
      throw new ValueError(
        `Sequential model "${this.name}" takes a single input; build() received ${JSON.stringify(inputShape)}.`,
      );
    }
    if (this.layers.length === 0) {
      throw new ValueError(
        `Sequential model "${this.name}" cannot be built because it has no layers. Call \`model.add(layer)\`.`,
      );
    }
    let input = this._stack[0]!;
    if (input instanceof InputLayer) {
      if (!shapesEqual(input.batchShape, inputShape) && !compatible(input.batchShape, inputShape)) {
        throw new ValueError(
          `Sequential model "${this.name}" has already been configured to use input shape ${formatShape(input.batchShape)}. ` +
            `You cannot build it with input shape ${formatShape(inputShape)}.`,
        );
      }
    } else {
      input = new InputLayer({ batchShape: inputShape, dtype: input.dtype });
      this._stack.unshift(input);
    }
    const inputs = (input as InputLayer).output as SymbolicTensor;
    let x: SymbolicTensor = inputs;
    for (const layer of this._stack.slice(1)) x = layer.apply(x);
    // Keras's Sequential wraps an unnamed `Functional` built here, which takes the next automatic
    // "functional" name: after two built Sequentials, the first functional model is "functional_2".
    uniqueName("functional");
    this._setGraph(new FunctionalGraph(inputs, x, this.name));
  }

  /** Deferred build from the first call: the batch size of the data is not kept. */
  protected override _maybeBuild(shapes: unknown): void {
    if (!isShape(shapes)) {
      throw new ValueError(
        `Sequential model "${this.name}" takes a single tensor input, received a structure of tensors.`,
      );
    }
    this.build([null, ...shapes.slice(1)]);
  }

  override call(inputs: unknown, args: CallArgs = {}): unknown {
    if (!this._graph) this._maybeBuild((inputs as SymbolicTensor).shape);
    return this._runGraph(inputs, args);
  }

  /** @internal */
  override _trackedLayers(): Layer[] {
    return [...this._stack];
  }

  /** The layers, without the InputLayer (as Keras). */
  override get layers(): Layer[] {
    return this._stack.filter((l) => !(l instanceof InputLayer));
  }

  override getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      name: this.name,
      trainable: this.trainable,
      dtype: this.dtype,
      layers: this._stack.map((l) => ({ className: classNameFor(l), config: l.getConfig() })),
    };
    if (this._buildShape) config.buildInputShape = this._buildShape;
    return config;
  }

  /** Recreates a Sequential model from `getConfig()`, looking layer classes up in the registry. */
  static override fromConfig<T>(this: new (...args: any[]) => T, config: Record<string, unknown>): T {
    const specs = (config.layers ?? []) as { className: string; config: Record<string, unknown> }[];
    const layers = specs.map(({ className, config: layerConfig }) => {
      const cls = getRegistered("layer", className) as { fromConfig(c: Record<string, unknown>): Layer };
      return cls.fromConfig(layerConfig);
    });
    const model = new this(layers, {
      name: config.name,
      trainable: config.trainable,
      dtype: config.dtype,
    }) as unknown as Sequential;
    const shape = config.buildInputShape;
    if (!model.built && isShape(shape)) model.build(shape);
    return model as unknown as T;
  }
}

function compatible(a: SymbolicShape, b: SymbolicShape): boolean {
  return a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
}

function classNameFor(layer: Layer): string {
  return (layer.constructor as unknown as { className: string }).className;
}

registerSerializable("layer", "Sequential", Sequential);
