/**
 * Lion: sign-based updates with two momentum rates.
 */
import { ValueError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { add, cast, convertToTensor, multiply, sign, subtract } from "../ops/index.js";
import { Optimizer, type OptimizerConfig } from "./optimizer.js";
import { finiteNumber, type OptimizerOptions } from "./optimizer-options.js";

/** Options of {@link Lion}. `learningRate` defaults to 0.001. */
export interface LionArgs extends OptimizerOptions {
  /** Interpolation between momentum and gradient for the update direction, in (0, 1]. Default 0.9. */
  beta1?: number;
  /** Decay rate of the momentum. Default 0.99. */
  beta2?: number;
}

/**
 * Lion (Chen et al., 2023): `w -= lr * sign(beta1 m + (1 - beta1) g)`, then
 * `m = beta2 m + (1 - beta2) g`. Use a smaller learning rate than for Adam (3-10x).
 *
 * @example
 * ```ts
 * const w = new keras.Variable([1.0, -1.0]);
 * const opt = new keras.optimizers.Lion({ learningRate: 0.01 });
 * opt.applyGradients([[keras.tensor([0.3, -2]), w]]);
 * w.arraySync(); // ≈ [0.99, -0.99]
 * ```
 */
export class Lion extends Optimizer {
  static override className = "Lion";
  readonly beta1: number;
  readonly beta2: number;
  private momentums: Variable[] = [];

  constructor(args: LionArgs = {}) {
    super(args, 0.001, ["beta1", "beta2"]);
    this.beta1 = finiteNumber("Lion", "beta1", args.beta1 ?? 0.9);
    this.beta2 = finiteNumber("Lion", "beta2", args.beta2 ?? 0.99);
    if (this.beta1 <= 0 || this.beta1 > 1) {
      throw new ValueError(
        `Lion: argument \`beta1\` must be in the (0, 1] range. Otherwise, the optimizer degenerates to ` +
          `SignSGD. Received: beta1=${this.beta1}.`,
        { beta1: this.beta1 },
      );
    }
  }

  override build(variables: readonly Variable[]): void {
    if (this.built) return;
    super.build(variables);
    [this.momentums] = this.addOptimizerVariables(variables, ["momentum"]);
  }

  updateStep(gradient: Tensor, variable: Variable, learningRate: Tensor | Variable): void {
    const lr = cast(learningRate, variable.dtype);
    const g = cast(gradient, variable.dtype);
    const beta1 = convertToTensor(this.beta1, variable.dtype);
    const beta2 = convertToTensor(this.beta2, variable.dtype);
    const m = this.momentums[this.variableIndex(variable)]!;
    const direction = sign(add(multiply(m, beta1), multiply(g, subtract(1.0, beta1))));
    variable.assign(subtract(variable, multiply(lr, direction)));
    m.assign(add(multiply(m, beta2), multiply(g, subtract(1.0, beta2))));
  }

  override getConfig(): OptimizerConfig {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2 };
  }
}
