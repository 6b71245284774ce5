/**
 * Nadam: Adam with Nesterov momentum.
 */
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { FLOATX } from "../core/dtype.js";
import { add, cast, convertToTensor, divide, multiply, power, sqrt, square, subtract } from "../ops/index.js";
import { Optimizer, type OptimizerConfig } from "./optimizer.js";
import { finiteNumber, type OptimizerOptions } from "./optimizer-options.js";

/** Options of {@link Nadam}. `learningRate` defaults to 0.001. */
export interface NadamArgs extends OptimizerOptions {
  /** Decay rate of the first-moment estimates. Default 0.9. */
  beta1?: number;
  /** Decay rate of the second-moment estimates. Default 0.999. */
  beta2?: number;
  /** Numerical-stability constant. Default 1e-7. */
  epsilon?: number;
}

/**
 * Nadam (Dozat, 2015): Adam with Nesterov momentum and the momentum schedule
 * `u_t = beta1 * (1 - 0.5 * 0.96^t)`; the running product of the `u_t` is an optimizer variable.
 *
 * @example
 * ```ts
 * const opt = new keras.optimizers.Nadam({ learningRate: 0.002 });
 * model.compile({ optimizer: opt, loss: "mse" });
 * ```
 */
export class Nadam extends Optimizer {
  static override className = "Nadam";
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private momentums: Variable[] = [];
  private velocities: Variable[] = [];
  private uProduct: Variable | null = null;

  constructor(args: NadamArgs = {}) {
    super(args, 0.001, ["beta1", "beta2", "epsilon"]);
    this.beta1 = finiteNumber("Nadam", "beta1", args.beta1 ?? 0.9);
    this.beta2 = finiteNumber("Nadam", "beta2", args.beta2 ?? 0.999);
    this.epsilon = finiteNumber("Nadam", "epsilon", args.epsilon ?? 1e-7);
  }

  override build(variables: readonly Variable[]): void {
    if (this.built) return;
    const dtype = variables[0]?.dtype ?? FLOATX;
    super.build(variables);
    [this.momentums, this.velocities] = this.addOptimizerVariables(variables, ["momentum", "velocity"]);
    this.uProduct = this.newVariable(1.0, "variable", dtype);
  }

  protected override backendUpdateStep(
    grads: Tensor[],
    variables: Variable[],
    learningRate: Tensor | Variable,
  ): void {
    const u = this.uProduct!;
    const step = cast(add(this.iterations, 1), u.dtype);
    u.assign(multiply(multiply(u, this.beta1), subtract(1.0, multiply(0.5, power(0.96, step)))));
    super.backendUpdateStep(grads, variables, learningRate);
  }

  updateStep(gradient: Tensor, variable: Variable, learningRate: Tensor | Variable): void {
    const dtype = variable.dtype;
    const lr = cast(learningRate, dtype);
    const g = cast(gradient, dtype);
    const localStep = cast(add(this.iterations, 1), dtype);
    const nextStep = cast(add(this.iterations, 2), dtype);
    const decay = convertToTensor(0.96, dtype);
    const beta1 = convertToTensor(this.beta1, dtype);
    const beta2 = convertToTensor(this.beta2, dtype);
    const uT = multiply(beta1, subtract(1.0, multiply(0.5, power(decay, localStep))));
    const uT1 = multiply(beta1, subtract(1.0, multiply(0.5, power(decay, nextStep))));
    const uProductT = cast(this.uProduct!, dtype);
    const uProductT1 = multiply(uProductT, uT1);
    const beta2Power = power(beta2, localStep);
    const index = this.variableIndex(variable);
    const m = this.momentums[index]!;
    const v = this.velocities[index]!;
    m.assign(add(m, multiply(subtract(g, m), subtract(1, beta1))));
    v.assign(add(v, multiply(subtract(square(g), v), subtract(1, beta2))));
    const mHat = add(
      divide(multiply(uT1, m), subtract(1, uProductT1)),
      divide(multiply(subtract(1, uT), g), subtract(1, uProductT)),
    );
    const vHat = divide(v, subtract(1, beta2Power));
    variable.assign(subtract(variable, divide(multiply(mHat, lr), add(sqrt(vHat), this.epsilon))));
  }

  override getConfig(): OptimizerConfig {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
