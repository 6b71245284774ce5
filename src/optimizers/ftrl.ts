/**
 * Ftrl: Follow The Regularized Leader, for shallow models with large sparse feature spaces.
 */
import { ValueError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { add, cast, clip, divide, multiply, power, square, subtract } from "../ops/index.js";
import { Optimizer, type OptimizerConfig } from "./optimizer.js";
import { finiteNumber, type OptimizerOptions } from "./optimizer-options.js";

/** Options of {@link Ftrl}. `learningRate` defaults to 0.001. */
export interface FtrlArgs extends OptimizerOptions {
  /** How the learning rate shrinks with the accumulated squared gradients (<= 0). Default -0.5. */
  learningRatePower?: number;
  /** Starting value of the accumulators (>= 0). Default 0.1. */
  initialAccumulatorValue?: number;
  /** L1 regularization (>= 0). Default 0. */
  l1RegularizationStrength?: number;
  /** L2 regularization (>= 0). Default 0. */
  l2RegularizationStrength?: number;
  /** L2 shrinkage applied to the gradient (>= 0). Default 0. */
  l2ShrinkageRegularizationStrength?: number;
  /** The paper's beta. Default 0. */
  beta?: number;
}

const NON_NEGATIVE = [
  "initialAccumulatorValue",
  "l1RegularizationStrength",
  "l2RegularizationStrength",
  "l2ShrinkageRegularizationStrength",
] as const;

/**
 * FTRL-Proximal (McMahan et al., 2013) with L1, L2 and L2-shrinkage regularization, as in Keras.
 *
 * @example
 * ```ts
 * const opt = new keras.optimizers.Ftrl({ learningRate: 0.1, l1RegularizationStrength: 0.01 });
 * model.compile({ optimizer: opt, loss: "binary_crossentropy" });
 * ```
 */
export class Ftrl extends Optimizer {
  static override className = "Ftrl";
  readonly learningRatePower: number;
  readonly initialAccumulatorValue: number;
  readonly l1RegularizationStrength: number;
  readonly l2RegularizationStrength: number;
  readonly l2ShrinkageRegularizationStrength: number;
  readonly beta: number;
  private accumulators: Variable[] = [];
  private linears: Variable[] = [];

  constructor(args: FtrlArgs = {}) {
    super(args, 0.001, ["learningRatePower", ...NON_NEGATIVE, "beta"]);
    const defaults = { initialAccumulatorValue: 0.1 } as Record<string, number>;
    for (const key of NON_NEGATIVE) {
      const value = finiteNumber("Ftrl", key, args[key] ?? defaults[key] ?? 0);
      if (value < 0) {
        throw new ValueError(`Ftrl: \`${key}\` needs to be positive or zero. Received: ${key}=${value}.`, {
          [key]: value,
        });
      }
    }
    this.learningRatePower = finiteNumber("Ftrl", "learningRatePower", args.learningRatePower ?? -0.5);
    if (this.learningRatePower > 0) {
      throw new ValueError(
        `Ftrl: \`learningRatePower\` needs to be negative or zero. Received: learningRatePower=${this.learningRatePower}.`,
        { learningRatePower: this.learningRatePower },
      );
    }
    this.initialAccumulatorValue = args.initialAccumulatorValue ?? 0.1;
    this.l1RegularizationStrength = args.l1RegularizationStrength ?? 0;
    this.l2RegularizationStrength = args.l2RegularizationStrength ?? 0;
    this.l2ShrinkageRegularizationStrength = args.l2ShrinkageRegularizationStrength ?? 0;
    this.beta = finiteNumber("Ftrl", "beta", args.beta ?? 0);
  }

  override build(variables: readonly Variable[]): void {
    if (this.built) return;
    super.build(variables);
    [this.accumulators, this.linears] = this.addOptimizerVariables(
      variables,
      ["accumulator", "linear"],
      [this.initialAccumulatorValue, "zeros"],
    );
  }

  updateStep(gradient: Tensor, variable: Variable, learningRate: Tensor | Variable): void {
    const lr = cast(learningRate, variable.dtype);
    const g = cast(gradient, variable.dtype);
    const index = this.variableIndex(variable);
    const accum = this.accumulators[index]!;
    const linear = this.linears[index]!;
    const p = -this.learningRatePower;
    const l2 = add(this.l2RegularizationStrength, divide(this.beta, multiply(2.0, lr)));
    const gradToUse = add(g, multiply(2 * this.l2ShrinkageRegularizationStrength, variable));
    const newAccum = add(accum, square(g));
    const sigma = divide(subtract(power(newAccum, p), power(accum, p)), lr);
    linear.assign(add(linear, subtract(gradToUse, multiply(sigma, variable))));
    const quadratic = add(divide(power(newAccum, p), lr), multiply(2, l2));
    const l1 = this.l1RegularizationStrength;
    const linearClipped = clip(linear, -l1, l1);
    variable.assign(divide(subtract(linearClipped, linear), quadratic));
    accum.assign(newAccum);
  }

  override getConfig(): OptimizerConfig {
    return {
      ...super.getConfig(),
      learningRatePower: this.learningRatePower,
      initialAccumulatorValue: this.initialAccumulatorValue,
      l1RegularizationStrength: this.l1RegularizationStrength,
      l2RegularizationStrength: this.l2RegularizationStrength,
      l2ShrinkageRegularizationStrength: this.l2ShrinkageRegularizationStrength,
      beta: this.beta,
    };
  }
}
