/**
 * `Dense`: `activation(inputs · kernel + bias)`, the densely connected layer.
 */
import { ValueError } from "../../core/errors.js";
import { formatShape, type SymbolicShape } from "../../core/shape.js";
import { isSymbolic, type AnyTensor } from "../../core/symbolic.js";
import { Tensor } from "../../core/tensor.js";
import type { Variable } from "../../core/variable.js";
import * as activations from "../../activations/index.js";
import * as constraints from "../../constraints/index.js";
import { InputSpec } from "../../engine/input-spec.js";
import { Layer, type LayerArgs } from "../../engine/layer.js";
import { registerSerializable } from "../../engine/registry.js";
import * as initializers from "../../initializers/index.js";
import { isFloat } from "../../core/dtype.js";
import { add, convertToTensor, divide, matmul } from "../../ops/index.js";
import { fusedDense, type FusedActivation } from "../../ops/fused-dense.js";
import * as regularizers from "../../regularizers/index.js";
import { positiveInt, serializeComponent } from "../utils.js";

/** The built-in activations the fused dense op applies itself (captured before user registrations). */
const FUSABLE = new Map<unknown, FusedActivation>([
  [activations.get("relu"), "relu"],
  [activations.get("linear"), "linear"],
]);

/** Options of {@link Dense} (Keras's arguments in camelCase). */
export interface DenseArgs extends LayerArgs {
  /** Activation applied to the output: a name ("relu", "softmax", ...) or a function. Default: none. */
  activation?: activations.ActivationIdentifier;
  /** Whether to add a bias vector. Default true. */
  useBias?: boolean;
  /** Default "glorot_uniform". */
  kernelInitializer?: initializers.InitializerIdentifier;
  /** Default "zeros". */
  biasInitializer?: initializers.InitializerIdentifier;
  kernelRegularizer?: regularizers.RegularizerIdentifier;
  biasRegularizer?: regularizers.RegularizerIdentifier;
  /** Penalty on the layer's output, added to `losses` (divided by the batch size, as Keras). */
  activityRegularizer?: regularizers.RegularizerIdentifier;
  kernelConstraint?: constraints.ConstraintIdentifier;
  biasConstraint?: constraints.ConstraintIdentifier;
}

/**
 * The densely connected layer: `output = activation(dot(input, kernel) + bias)`. The product is
 * taken over the last axis of the input, so inputs of rank > 2 keep their leading axes
 * (`(batch, d0, d1)` → `(batch, d0, units)`).
 *
 * @example
 * ```ts
 * const dense = new keras.layers.Dense(300, { activation: "relu" });
 * const y = dense.apply(keras.Input({ shape: [784] })); // (None, 300)
 * dense.kernel.shape; // [784, 300]
 * ```
 */
export class Dense extends Layer {
  static override className = "Dense";
  readonly units: number;
  readonly activation: activations.ActivationFn;
  readonly useBias: boolean;
  readonly kernelInitializer: initializers.Initializer;
  readonly biasInitializer: initializers.Initializer;
  readonly kernelRegularizer: regularizers.Regularizer | null;
  readonly biasRegularizer: regularizers.Regularizer | null;
  readonly activityRegularizer: regularizers.Regularizer | null;
  readonly kernelConstraint: constraints.Constraint | null;
  readonly biasConstraint: constraints.Constraint | null;
  kernel!: Variable;
  bias: Variable | null = null;

  constructor(units: number, args: DenseArgs = {}) {
    super(args);
    this.units = positiveInt(units, "units", "Dense");
    this.activation = activations.get(args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = initializers.get(args.kernelInitializer ?? "glorot_uniform")!;
    this.biasInitializer = initializers.get(args.biasInitializer ?? "zeros")!;
    this.kernelRegularizer = regularizers.get(args.kernelRegularizer);
    this.biasRegularizer = regularizers.get(args.biasRegularizer);
    this.activityRegularizer = regularizers.get(args.activityRegularizer);
    this.kernelConstraint = constraints.get(args.kernelConstraint);
    this.biasConstraint = constraints.get(args.biasConstraint);
    this.inputSpec = new InputSpec({ minNdim: 2 });
  }

  override build(inputShape: SymbolicShape): void {
    const inputDim = inputShape[inputShape.length - 1];
    if (inputDim === null || inputDim === undefined) {
      throw new ValueError(
        `The last dimension of the inputs to layer "${this.name}" should be defined. Found None. Full input shape received: ${formatShape(inputShape)}.`,
        { layer: this.name, shape: inputShape },
      );
    }
    this.kernel = this.addWeight({
      name: "kernel",
      shape: [inputDim, this.units],
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer,
      constraint: this.kernelConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight({
        name: "bias",
        shape: [this.units],
        initializer: this.biasInitializer,
        regularizer: this.biasRegularizer,
        constraint: this.biasConstraint,
      });
    }
    this.inputSpec = new InputSpec({ minNdim: 2, axes: { [-1]: inputDim } });
  }

  call(inputs: AnyTensor): AnyTensor {
    let y: AnyTensor;
    if (inputs instanceof Tensor && isFloat(inputs.dtype) && inputs.dtype === this.kernel.dtype) {
      // One backend call each way for matmul + bias (+ relu); other activations follow it.
      const fused = FUSABLE.get(this.activation);
      const bias = this.bias ? convertToTensor(this.bias) : null;
      y = fusedDense(inputs, convertToTensor(this.kernel), bias, fused ?? "linear");
      if (!fused) y = this.activation(y);
    } else {
      y = matmul(inputs, this.kernel);
      if (this.bias) y = add(y, this.bias);
      y = this.activation(y);
    }
    if (this.activityRegularizer && !isSymbolic(y)) {
      const penalty = this.activityRegularizer.call(y as Tensor);
      this.addLoss(y.rank > 0 ? divide(penalty, y.shape[0]!) : penalty);
    }
    return y;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [...inputShape.slice(0, -1), this.units];
  }

  override getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      ...super.getConfig(),
      units: this.units,
      activation: activations.serialize(this.activation),
      useBias: this.useBias,
      kernelInitializer: serializeComponent(this.kernelInitializer),
      biasInitializer: serializeComponent(this.biasInitializer),
      kernelRegularizer: serializeComponent(this.kernelRegularizer),
      biasRegularizer: serializeComponent(this.biasRegularizer),
      kernelConstraint: serializeComponent(this.kernelConstraint),
      biasConstraint: serializeComponent(this.biasConstraint),
    };
    if (this.activityRegularizer) config.activityRegularizer = serializeComponent(this.activityRegularizer);
    return config;
  }

  /** Rebuilds a Dense layer from its config (`{ units, ...options }`). */
  static override fromConfig<T>(
    this: new (units: number, args?: DenseArgs) => T,
    config: Record<string, unknown>,
  ): T {
    const { units, ...rest } = config;
    return new this(units as number, rest as DenseArgs);
  }
}

registerSerializable("layer", Dense.className, Dense);
