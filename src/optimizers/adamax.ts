/**
 * Adamax: Adam with the infinity norm.
 */
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { abs, add, cast, convertToTensor, divide, maximum, multiply, power, subtract } from "../ops/index.js";
import { Optimizer, type OptimizerConfig } from "./optimizer.js";
import { finiteNumber, type OptimizerOptions } from "./optimizer-options.js";

/** Options of {@link Adamax}. `learningRate` defaults to 0.001. */
export interface AdamaxArgs extends OptimizerOptions {
  /** Decay rate of the first-moment estimates. Default 0.9. */
  beta1?: number;
  /** Decay rate of the exponentially weighted infinity norm. Default 0.999. */
  beta2?: number;
  /** Numerical-stability constant. Default 1e-7. */
  epsilon?: number;
}

/**
 * Adamax (Kingma & Ba, section 7): `m += (g - m)(1 - beta1)`, `u = max(beta2 u, |g|)`,
 * `w -= lr m / ((1 - beta1^t)(u + epsilon))`.
 *
 * @example
 * ```ts
 * const opt = new keras.optimizers.Adamax({ learningRate: 0.002 });
 * model.compile({ optimizer: opt, loss: "mse" });
 * ```
 */
export class Adamax extends Optimizer {
  static override className = "Adamax";
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private m: Variable[] = [];
  private u: Variable[] = [];

  constructor(args: AdamaxArgs = {}) {
    super(args, 0.001, ["beta1", "beta2", "epsilon"]);
    this.beta1 = finiteNumber("Adamax", "beta1", args.beta1 ?? 0.9);
    this.beta2 = finiteNumber("Adamax", "beta2", args.beta2 ?? 0.999);
    this.epsilon = finiteNumber("Adamax", "epsilon", args.epsilon ?? 1e-7);
  }

  override build(variables: readonly Variable[]): void {
    if (this.built) return;
    super.build(variables);
    [this.m, this.u] = this.addOptimizerVariables(variables, ["momentum", "norm"]);
  }

  updateStep(gradient: Tensor, variable: Variable, learningRate: Tensor | Variable): void {
    const dtype = variable.dtype;
    const lr = cast(learningRate, dtype);
    const g = cast(gradient, dtype);
    const localStep = cast(add(this.iterations, 1), dtype);
    const beta1Power = power(convertToTensor(this.beta1, dtype), localStep);
    const index = this.variableIndex(variable);
    const m = this.m[index]!;
    const u = this.u[index]!;
    m.assign(add(m, multiply(subtract(g, m), 1 - this.beta1)));
    u.assign(maximum(multiply(this.beta2, u), abs(g)));
    const denom = multiply(subtract(1, beta1Power), add(u, this.epsilon));
    variable.assign(subtract(variable, divide(multiply(lr, m), denom)));
  }

  override getConfig(): OptimizerConfig {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
