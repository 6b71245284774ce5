/**
 * Adadelta: adaptive learning rates from running averages of squared gradients and updates.
 */
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { add, cast, divide, multiply, negative, sqrt, square } from "../ops/index.js";
import { Optimizer, type OptimizerConfig } from "./optimizer.js";
import { finiteNumber, type OptimizerOptions } from "./optimizer-options.js";

/** Options of {@link Adadelta}. `learningRate` defaults to 0.001. */
export interface AdadeltaArgs extends OptimizerOptions {
  /** Decay rate of the running averages. Default 0.95. */
  rho?: number;
  /** Numerical-stability constant. Default 1e-7. */
  epsilon?: number;
}

/**
 * Adadelta (Zeiler, 2012): `E[g²] = rho E[g²] + (1 - rho) g²`,
 * `Δ = -sqrt(E[Δ²] + eps) / sqrt(E[g²] + eps) * g`, `E[Δ²] = rho E[Δ²] + (1 - rho) Δ²`, `w += lr Δ`.
 *
 * @example
 * ```ts
 * const opt = new keras.optimizers.Adadelta({ learningRate: 1.0 });
 * model.compile({ optimizer: opt, loss: "mse" });
 * ```
 */
export class Adadelta extends Optimizer {
  static override className = "Adadelta";
  readonly rho: number;
  readonly epsilon: number;
  private accumulatedGrads: Variable[] = [];
  private accumulatedDeltaVars: Variable[] = [];

  constructor(args: AdadeltaArgs = {}) {
    super(args, 0.001, ["rho", "epsilon"]);
    this.rho = finiteNumber("Adadelta", "rho", args.rho ?? 0.95);
    this.epsilon = finiteNumber("Adadelta", "epsilon", args.epsilon ?? 1e-7);
  }

  override build(variables: readonly Variable[]): void {
    if (this.built) return;
    super.build(variables);
    [this.accumulatedGrads, this.accumulatedDeltaVars] = this.addOptimizerVariables(variables, [
      "accumulated_grad",
      "accumulated_delta_var",
    ]);
  }

  updateStep(gradient: Tensor, variable: Variable, learningRate: Tensor | Variable): void {
    const lr = cast(learningRate, variable.dtype);
    const g = cast(gradient, variable.dtype);
    const rho = this.rho;
    const index = this.variableIndex(variable);
    const accGrad = this.accumulatedGrads[index]!;
    const accDelta = this.accumulatedDeltaVars[index]!;
    const rms = (x: Tensor | Variable) => sqrt(add(x, this.epsilon));
    accGrad.assign(add(multiply(rho, accGrad), multiply(1 - rho, square(g))));
    const delta = negative(divide(multiply(rms(accDelta), g), rms(accGrad)));
    accDelta.assign(add(multiply(rho, accDelta), multiply(1 - rho, square(delta))));
    variable.assign(add(variable, multiply(lr, delta)));
  }

  override getConfig(): OptimizerConfig {
    return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon };
  }
}
