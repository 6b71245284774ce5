/**
 * `Layer`: the base of every layer and model. `apply` is Keras's `__call__`: it checks inputs,
 * builds the layer from the input shapes on first use, then either runs `call()` (eager tensors)
 * or records a graph node (symbolic tensors), with output specs traced from `call()`.
 */
import { checkDType, FLOATX, isFloat, type DType } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import { isSymbolic, Node, SymbolicTensor, type AnyTensor, type Operation } from "../core/symbolic.js";
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { cast } from "../ops/cast.js";
import type { TensorLike } from "../ops/convert.js";
import { callEager, currentCallContext, inCallContext, isTracing, withCallContext } from "./call-context.js";
import { assertInputCompatibility, type InputSpec } from "./input-spec.js";
import {
  anyRegularizedWeights,
  assignWeights,
  createWeight,
  regularizationLoss,
  type AddWeightOptions,
} from "./layer-weights.js";

/** `addLoss` losses held by all layers right now (0 lets calls skip clearing and `losses` its walk). */
let heldAddedLosses = 0;
import { autoName } from "./naming.js";
import {
  batchShapeFromArgs,
  type BuildShape,
  type CallArgs,
  type LayerArgs,
  type LayerInputs,
  type LayerOutput,
} from "./layer-types.js";
import { flattenStructure, isPlainObject, mapShapes, shapesOf } from "./structure.js";

export type { BuildShape, CallArgs, LayerArgs, LayerInputs, LayerOutput } from "./layer-types.js";
export { mapShapes } from "./structure.js";
import { walkFields } from "./tracking.js";

type LossEntry = Tensor | (() => Tensor);

/** Fields of the engine that the field walk never looks into. */
const ENGINE_FIELDS: ReadonlySet<string> = new Set([
  "_ownTrainable",
  "_ownNonTrainable",
  "_inboundNodes",
  "_addedLosses",
  "_batchInputShape",
  "_buildShape",
  "inputSpec",
]);

function classNameOf(ctor: { name: string; className?: string }): string {
  if (Object.prototype.hasOwnProperty.call(ctor, "className")) return ctor.className!;
  return ctor.name || ctor.className || "Layer";
}

/**
 * The base class of layers. Subclasses create weights in `build(inputShape)` with `addWeight`, and
 * compute outputs in `call(inputs, args)`; users run them with `apply`.
 *
 * @example
 * ```ts
 * class Scale extends keras.Layer {
 *   static override className = "Scale";
 *   scale!: keras.Variable;
 *   override build(shape: keras.SymbolicShape) {
 *     this.scale = this.addWeight({ name: "scale", shape: [shape[shape.length - 1]!], initializer: "ones" });
 *   }
 *   call(x: keras.Tensor) { return keras.ops.multiply(x, this.scale); }
 * }
 * new Scale().apply(keras.tensor([[1, 2]])); // [[1, 2]]
 * ```
 */
export abstract class Layer implements Operation {
  /** Registry key; every subclass sets its own. */
  static className = "Layer";

  name: string;
  built = false;
  dtype: DType;
  inputSpec: InputSpec | InputSpec[] | null = null;
  supportsMasking = false;
  /** Cast float inputs to the layer's dtype before `call` (as Keras's autocast). */
  autocast = true;

  /** @internal */ _trainable: boolean;
  /** @internal Weights created trainable / non-trainable by `addWeight`, in creation order. */
  _ownTrainable: Variable[] = [];
  /** @internal */ _ownNonTrainable: Variable[] = [];
  /** @internal Nodes created by applying this layer to symbolic tensors (outside of tracing). */
  _inboundNodes: Node[] = [];
  /** @internal Losses added by `addLoss` during the current forward pass. */
  _addedLosses: LossEntry[] = [];
  /** @internal From `inputShape` / `batchInputShape` / `inputDim`. */
  _batchInputShape: (number | null)[] | null;
  /** @internal The shape structure the layer was built with. */
  _buildShape: unknown = null;
  /** @internal Whether a subclass defines `build` (else building happens by calling). */
  readonly _hasCustomBuild: boolean;

  constructor(args: LayerArgs = {}) {
    this.name = args.name ?? autoName(classNameOf(new.target));
    if (typeof this.name !== "string" || this.name === "")
      throw new ValueError(`A layer name must be a non-empty string, received ${JSON.stringify(args.name)}.`);
    this._trainable = args.trainable ?? true;
    this.dtype = args.dtype === undefined ? FLOATX : checkDType(args.dtype, `dtype of layer "${this.name}"`);
    this._batchInputShape = batchShapeFromArgs(args);
    const userBuild = this.build;
    this._hasCustomBuild = userBuild !== Layer.prototype.build;
    const build = (inputShape: BuildShape): void => {
      userBuild.call(this, inputShape);
      this.built = true;
      this._buildShape = inputShape;
    };
    Object.defineProperty(this, "build", {
      value: build,
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }

  /** Whether the layer's weights are updated by training. Setting it also sets every sublayer's. */
  get trainable(): boolean {
    return this._trainable;
  }

  set trainable(value: boolean) {
    this._trainable = value;
    for (const v of this._ownTrainable) v.trainable = value;
    for (const layer of this._trackedLayers()) layer.trainable = value;
  }

  /**
   * Creates the layer's weights from the input shape(s). The default builds sublayers by tracing
   * `call()` on symbolic inputs of that shape (for models and layers made of layers).
   */
  build(inputShape: BuildShape): void {
    if (this._trackedLayers().some((l) => !l.built)) {
      const inputs = mapShapes(inputShape, (s) => new SymbolicTensor(s, this.dtype));
      withCallContext({ training: undefined, tracing: true }, () => this.call(inputs, {}));
    }
  }

  /** Computes the outputs. Receives eager tensors, or symbolic tensors while tracing. */
  abstract call(inputs: any, args?: CallArgs): any;

  /** Optional: output shape(s) from input shape(s). When absent, output specs are traced from `call()`. */
  computeOutputShape?(inputShape: BuildShape): BuildShape;

  /**
   * Output spec(s) for symbolic inputs: from `computeOutputShape` when defined, else by running
   * `call()` on the symbolic inputs.
   */
  computeOutputSpec(inputs: unknown, args: CallArgs = {}): unknown {
    if (this.computeOutputShape) {
      const shapes = this.computeOutputShape(shapesOf(inputs) as BuildShape);
      return mapShapes(shapes, (s) => new SymbolicTensor(s, this.dtype));
    }
    return this.call(inputs, args);
  }

  /**
   * Calls the layer (Keras's `layer(x)`): checks the inputs against `inputSpec`, builds the layer on
   * first use, then runs `call()` on eager tensors or records a node on symbolic tensors.
   * Multi-output layers return arrays (type them with the second type argument).
   *
   * @example
   * ```ts
   * const y = new keras.layers.Dense(3).apply(keras.ops.ones([2, 4])); // Tensor (2, 3)
   * const z = new keras.layers.Dense(3).apply(keras.Input({ shape: [4] })); // SymbolicTensor (None, 3)
   * ```
   */
  apply<T extends LayerInputs, R = LayerOutput<T>>(inputs: T, args: CallArgs = {}): R {
    const { flat, pack } = flattenStructure(inputs, this.name);
    const symbolic = flat.some((x) => isSymbolic(x));
    if (!symbolic && !inCallContext()) this._clearLosses();
    const casted =
      this.autocast && isFloat(this.dtype)
        ? flat.map((x) => (isFloat(x.dtype) && x.dtype !== this.dtype ? cast(x, this.dtype) : x))
        : flat;
    const structured = pack(casted);
    const forSpec = isPlainObject(inputs) ? (structured as Record<string, AnyTensor>) : casted;
    assertInputCompatibility(this.inputSpec, forSpec, this.name);
    if (!this.built) {
      this._maybeBuild(shapesOf(structured));
      assertInputCompatibility(this.inputSpec, forSpec, this.name);
    }
    const training = args.training ?? currentCallContext()?.training;
    if (!symbolic) {
      const callArgs = args.training === training && "training" in args ? args : { ...args, training };
      return callEager(this, structured, callArgs, training) as R;
    }
    return this._symbolicCall(flat, pack, structured, args, training) as R;
  }

  /** Builds from the shapes of the first call; Sequential overrides it to drop the batch size. */
  protected _maybeBuild(shapes: unknown): void {
    if (this._hasCustomBuild) this.build(shapes as BuildShape);
    else {
      this.built = true;
      this._buildShape = shapes;
    }
  }

  private _symbolicCall(
    flat: readonly AnyTensor[],
    pack: <V>(values: readonly V[]) => unknown,
    structured: unknown,
    args: CallArgs,
    training: boolean | undefined,
  ): unknown {
    const traced = withCallContext({ training, tracing: true }, () =>
      this.computeOutputSpec(structured, { ...args, training }),
    );
    const out = flattenStructure(traced, this.name, "outputs");
    const outputs = out.flat.map((t) => new SymbolicTensor(t.shape, t.dtype));
    const symbolicInputs = flat.filter((x): x is SymbolicTensor => isSymbolic(x));
    const explicitTraining = args.training;
    const replay = (values: readonly Tensor[], context: { training?: boolean }): Tensor[] => {
      let k = 0;
      const full = flat.map((x) => (isSymbolic(x) ? values[k++]! : x));
      const result = this.apply(pack(full) as LayerInputs, {
        ...args,
        training: context.training ?? explicitTraining,
      });
      return flattenStructure(result, this.name, "outputs").flat as Tensor[];
    };
    const node = new Node(this, symbolicInputs, outputs, replay);
    outputs.forEach((t, index) => (t.history = { node, index }));
    if (!isTracing()) this._inboundNodes.push(node);
    return out.pack(outputs);
  }

  /**
   * The input shape(s) the layer was built with (a shape, or an array / record of shapes); null
   * until built.
   *
   * @example
   * ```ts
   * const dense = new keras.layers.Dense(3);
   * dense.apply(keras.ops.ones([2, 4]));
   * dense.buildShape; // [2, 4]
   * ```
   */
  get buildShape(): unknown {
    return this._buildShape;
  }

  /** Nodes recorded by applying this layer to symbolic tensors (Keras's `_inbound_nodes`). */
  get inboundNodes(): readonly Node[] {
    return this._inboundNodes;
  }

  /** The input tensor(s) of the layer's first node. */
  get input(): SymbolicTensor | SymbolicTensor[] {
    return this._nodeTensors("input");
  }

  /** The output tensor(s) of the layer's first node. */
  get output(): SymbolicTensor | SymbolicTensor[] {
    return this._nodeTensors("output");
  }

  private _nodeTensors(which: "input" | "output"): SymbolicTensor | SymbolicTensor[] {
    const node = this._inboundNodes[0];
    if (!node)
      throw new ValueError(
        `The layer "${this.name}" has never been called and thus has no defined ${which}.`,
      );
    const tensors = which === "input" ? node.inputs : node.outputs;
    return tensors.length === 1 ? tensors[0]! : [...tensors];
  }

  /**
   * Creates a weight variable and tracks it. Call it in `build`. As in Keras 3, the variable's
   * `name` is the weight name and its `path` is `"<layer>/<name>"`.
   *
   * @example
   * ```ts
   * this.kernel = this.addWeight({ name: "kernel", shape: [inputDim, this.units], initializer: "glorot_uniform" });
   * this.kernel.name; // "kernel"
   * this.kernel.path; // "dense/kernel"
   * ```
   */
  addWeight(opts: AddWeightOptions): Variable {
    const variable = createWeight(this.name, this.dtype, this._trainable, opts);
    ((opts.trainable ?? true) ? this._ownTrainable : this._ownNonTrainable).push(variable);
    return variable;
  }

  /** @internal Sublayers found by walking fields; models override it. */
  _trackedLayers(): Layer[] {
    return walkFields(this, ENGINE_FIELDS, (x): x is Layer => x instanceof Layer).layers;
  }

  /** Own weights: `addWeight` ones (trainable first, as Keras) and variables held in fields. */
  private _ownWeights(): Variable[] {
    const found = walkFields(this, ENGINE_FIELDS, (x): x is Layer => x instanceof Layer).variables;
    return [...new Set([...this._ownTrainable, ...this._ownNonTrainable, ...found])];
  }

  /** This layer and every layer below it, each once, depth first. */
  private _allLayers(): Layer[] {
    const out: Layer[] = [];
    const seen = new Set<Layer>();
    const visit = (layer: Layer): void => {
      if (seen.has(layer)) return;
      seen.add(layer);
      out.push(layer);
      for (const sub of layer._trackedLayers()) visit(sub);
    };
    visit(this);
    return out;
  }

  /** Every weight of the layer and its sublayers, without duplicates. */
  get weights(): Variable[] {
    const seen = new Set<Variable>();
    for (const layer of this._allLayers()) for (const v of layer._ownWeights()) seen.add(v);
    return [...seen];
  }

  /** Weights that training updates (empty when the layer is frozen). */
  get trainableWeights(): Variable[] {
    return this._trainable ? this.weights.filter((v) => v.trainable) : [];
  }

  /** Weights that training leaves alone (all of them when the layer is frozen). */
  get nonTrainableWeights(): Variable[] {
    return this._trainable ? this.weights.filter((v) => !v.trainable) : this.weights;
  }

  /** Current values of `weights`. */
  getWeights(): Tensor[] {
    return this.weights.map((v) => v.value);
  }

  /** Assigns new values to `weights`, in order; checks count and shapes first. */
  setWeights(values: TensorLike[]): void {
    assignWeights(this.name, this.weights, values);
  }

  /** Total number of weight elements. @throws ValueError if the layer isn't built. */
  countParams(): number {
    if (!this.built) {
      throw new ValueError(
        `You tried to call \`countParams\` on layer "${this.name}", but the layer isn't built. ` +
          `You can build it manually via: \`${this.name}.build(batchInputShape)\`.`,
      );
    }
    return this.weights.reduce((n, v) => n + v.size, 0);
  }

  /** Losses added during the last forward pass plus regularization losses, of this layer and sublayers. */
  get losses(): Tensor[] {
    const out: Tensor[] = [];
    if (heldAddedLosses === 0 && !anyRegularizedWeights()) return out;
    for (const layer of this._allLayers()) {
      for (const loss of layer._addedLosses) out.push(typeof loss === "function" ? loss() : loss);
      for (const v of layer._ownWeights()) {
        const penalty = regularizationLoss(v);
        if (penalty) out.push(penalty);
      }
    }
    return out;
  }

  /** Adds a loss (a scalar tensor, or a function returning one) to `losses`; call it in `call()`. */
  addLoss(loss: Tensor | (() => Tensor)): void {
    if (typeof loss !== "function" && isSymbolic(loss as AnyTensor)) return; // symbolic tracing: nothing to keep
    this._addedLosses.push(loss);
    heldAddedLosses++;
  }

  /** @internal Clears `addLoss` losses of this layer and its sublayers (start of an outermost call). */
  _clearLosses(): void {
    if (heldAddedLosses === 0) return;
    for (const layer of this._allLayers()) {
      heldAddedLosses -= layer._addedLosses.length;
      layer._addedLosses = [];
    }
  }

  /** Constructor arguments, camelCase, so that `fromConfig(getConfig())` makes an equivalent layer. */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = { name: this.name, trainable: this.trainable, dtype: this.dtype };
    if (this._batchInputShape) config.batchInputShape = [...this._batchInputShape];
    return config;
  }

  /** Creates a layer from `getConfig()` output. */
  static fromConfig<T>(this: new (config: any) => T, config: Record<string, unknown>): T {
    return new this(config);
  }

  toString(): string {
    return `<${classNameOf(this.constructor)} name=${this.name}, built=${this.built}>`;
  }
}

/** Helper for shapes in error messages and builds: the class name used for auto names. */
export function layerClassName(layer: Layer): string {
  return classNameOf(layer.constructor);
}
