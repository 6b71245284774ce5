/**
 * `PReLU`: leaky ReLU whose negative slope `alpha` is learned (one per input element, or shared
 * along `sharedAxes`).
 */
import { ValueError } from "../../core/errors.js";
import { formatShape, type SymbolicShape } from "../../core/shape.js";
import type { AnyTensor } from "../../core/symbolic.js";
import type { Variable } from "../../core/variable.js";
import * as constraints from "../../constraints/index.js";
import { InputSpec } from "../../engine/input-spec.js";
import { Layer, type LayerArgs } from "../../engine/layer.js";
import { registerSerializable } from "../../engine/registry.js";
import * as initializers from "../../initializers/index.js";
import { add, multiply, negative, relu } from "../../ops/index.js";
import * as regularizers from "../../regularizers/index.js";
import { serializeComponent } from "../utils.js";

/** Options of {@link PReLU}. */
export interface PReLUArgs extends LayerArgs {
  /** Default "zeros". */
  alphaInitializer?: initializers.InitializerIdentifier;
  alphaRegularizer?: regularizers.RegularizerIdentifier;
  alphaConstraint?: constraints.ConstraintIdentifier;
  /** Axes (1-based, batch excluded) along which one alpha is shared, e.g. [1, 2] for images. */
  sharedAxes?: number | number[] | null;
}

/**
 * Parametric ReLU: `f(x) = x` for `x >= 0`, `alpha * x` otherwise, with `alpha` a weight.
 * @example
 * ```ts
 * const prelu = new keras.layers.PReLU({ alphaInitializer: new keras.initializers.Constant(0.25) });
 * prelu.apply(keras.tensor([[-4, 4]])); // [[-1, 4]]
 * ```
 */
export class PReLU extends Layer {
  static override className = "PReLU";
  readonly alphaInitializer: initializers.Initializer;
  readonly alphaRegularizer: regularizers.Regularizer | null;
  readonly alphaConstraint: constraints.Constraint | null;
  readonly sharedAxes: number[] | null;
  alpha!: Variable;

  constructor(args: PReLUArgs = {}) {
    super(args);
    this.alphaInitializer = initializers.get(args.alphaInitializer ?? "zeros")!;
    this.alphaRegularizer = regularizers.get(args.alphaRegularizer);
    this.alphaConstraint = constraints.get(args.alphaConstraint);
    const shared = args.sharedAxes;
    this.sharedAxes =
      shared === null || shared === undefined ? null : typeof shared === "number" ? [shared] : [...shared];
    this.supportsMasking = true;
  }

  override build(inputShape: SymbolicShape): void {
    const paramShape = inputShape.slice(1);
    for (const axis of this.sharedAxes ?? []) {
      if (!Number.isInteger(axis) || axis < 1 || axis >= inputShape.length) {
        throw new ValueError(
          `Layer "${this.name}": sharedAxes ${JSON.stringify(this.sharedAxes)} must hold axes in [1, ${inputShape.length - 1}] for inputs of shape ${formatShape(inputShape)}.`,
          { sharedAxes: this.sharedAxes },
        );
      }
      paramShape[axis - 1] = 1;
    }
    if (paramShape.some((d) => d === null)) {
      throw new ValueError(
        `Layer "${this.name}" needs every non-batch dimension known (or shared with sharedAxes) to create alpha. Received input shape ${formatShape(inputShape)}.`,
        { shape: inputShape },
      );
    }
    this.alpha = this.addWeight({
      name: "alpha",
      shape: paramShape as number[],
      initializer: this.alphaInitializer,
      regularizer: this.alphaRegularizer,
      constraint: this.alphaConstraint,
    });
    const axes: Record<number, number | null> = {};
    if (this.sharedAxes) {
      for (let i = 1; i < inputShape.length; i++) if (!this.sharedAxes.includes(i)) axes[i] = inputShape[i]!;
    }
    this.inputSpec = new InputSpec({ ndim: inputShape.length, axes });
  }

  call(inputs: AnyTensor): AnyTensor {
    const pos = relu(inputs);
    const neg = multiply(negative(this.alpha), relu(negative(inputs)));
    return add(pos, neg);
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      alphaInitializer: serializeComponent(this.alphaInitializer),
      alphaRegularizer: serializeComponent(this.alphaRegularizer),
      alphaConstraint: serializeComponent(this.alphaConstraint),
      sharedAxes: this.sharedAxes,
    };
  }
}

registerSerializable("layer", PReLU.className, PReLU);
