/**
 * Adam: adaptive moment estimation.
 */
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import {
  add,
  cast,
  convertToTensor,
  divide,
  maximum,
  multiply,
  power,
  sqrt,
  square,
  subtract,
} from "../ops/index.js";
import { adamStep, canFuse } from "./fused-update.js";
import { Optimizer, type OptimizerConfig } from "./optimizer.js";
import { finiteNumber, type OptimizerOptions } from "./optimizer-options.js";

/** Options of {@link Adam}. `learningRate` defaults to 0.001. */
export interface AdamArgs extends OptimizerOptions {
  /** Decay rate of the first-moment estimates. Default 0.9. */
  beta1?: number;
  /** Decay rate of the second-moment estimates. Default 0.999. */
  beta2?: number;
  /** Numerical-stability constant ("epsilon hat" of the paper). Default 1e-7. */
  epsilon?: number;
  /** Use the AMSGrad variant (the maximum of past second moments). Default false. */
  amsgrad?: boolean;
}

// The option names Adam adds to the base ones.
const ADAM_KEYS: readonly string[] = ["beta1", "beta2", "epsilon", "amsgrad"];

/**
 * Adam (Kingma & Ba, 2014): `m += (g - m) * (1 - beta1)`, `v += (g² - v) * (1 - beta2)`,
 * `w -= lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + epsilon)`.
 *
 * @example
 * ```ts
 * const w = new keras.Variable([1.0, 2.0]);
 * const opt = new keras.optimizers.Adam({ learningRate: 0.01 });
 * opt.applyGradients([[keras.tensor([0.5, -0.5]), w]]);
 * w.arraySync(); // ≈ [0.99, 2.01]
 * ```
 */
export class Adam extends Optimizer {
  static override className = "Adam";
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;
  private momentums: Variable[] = [];
  private velocities: Variable[] = [];
  private velocityHats: Variable[] = [];

  constructor(args: AdamArgs = {}) {
    super(args, 0.001, ADAM_KEYS);
    const where = (this.constructor as typeof Optimizer).className;
    this.beta1 = finiteNumber(where, "beta1", args.beta1 ?? 0.9);
    this.beta2 = finiteNumber(where, "beta2", args.beta2 ?? 0.999);
    this.epsilon = finiteNumber(where, "epsilon", args.epsilon ?? 1e-7);
    this.amsgrad = args.amsgrad ?? false;
  }

  override build(variables: readonly Variable[]): void {
    if (this.built) return;
    super.build(variables);
    [this.momentums, this.velocities] = this.addOptimizerVariables(variables, ["momentum", "velocity"]);
    if (this.amsgrad) [this.velocityHats] = this.addOptimizerVariables(variables, ["velocity_hat"]);
  }

  updateStep(gradient: Tensor, variable: Variable, learningRate: Tensor | Variable): void {
    const dtype = variable.dtype;
    const lr = cast(learningRate, dtype);
    const g = cast(gradient, dtype);
    const localStep = cast(add(this.iterations, 1), dtype);
    const beta1Power = power(convertToTensor(this.beta1, dtype), localStep);
    const beta2Power = power(convertToTensor(this.beta2, dtype), localStep);
    const index = this.variableIndex(variable);
    const m = this.momentums[index]!;
    let v = this.velocities[index]!;
    const alpha = divide(multiply(lr, sqrt(subtract(1, beta2Power))), subtract(1, beta1Power));
    if (!this.amsgrad && canFuse(variable)) {
      const alphaValue = (alpha as Tensor).values[0]!;
      adamStep(variable, g as Tensor, m, v, alphaValue, this.beta1, this.beta2, this.epsilon);
      return;
    }
    m.assign(add(m, multiply(subtract(g, m), 1 - this.beta1)));
    v.assign(add(v, multiply(subtract(square(g), v), 1 - this.beta2)));
    if (this.amsgrad) {
      const vHat = this.velocityHats[index]!;
      vHat.assign(maximum(vHat, v));
      v = vHat;
    }
    variable.assign(subtract(variable, divide(multiply(m, alpha), add(sqrt(v), this.epsilon))));
  }

  override getConfig(): OptimizerConfig {
    return {
      ...super.getConfig(),
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      amsgrad: this.amsgrad,
    };
  }
}
