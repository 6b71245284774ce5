/**
 * RMSprop: divide the gradient by a running root mean square of recent gradients.
 */
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { add, cast, divide, multiply, sqrt, square, subtract } from "../ops/index.js";
import { Optimizer, type OptimizerConfig } from "./optimizer.js";
import { finiteNumber, type OptimizerOptions } from "./optimizer-options.js";

/** Options of {@link RMSprop}. `learningRate` defaults to 0.001. */
export interface RMSpropArgs extends OptimizerOptions {
  /** Discounting factor of the squared-gradient average. Default 0.9. */
  rho?: number;
  /** Momentum applied to the updates. Default 0. */
  momentum?: number;
  /** Numerical-stability constant. Default 1e-7. */
  epsilon?: number;
  /** Normalize by the estimated variance instead of the raw second moment. Default false. */
  centered?: boolean;
}

/**
 * RMSprop: `v = rho * v + (1 - rho) * g²`, `w -= lr * g / sqrt(v + epsilon)`; `centered` subtracts
 * the squared running mean of the gradients from `v`; `momentum` accumulates the increments.
 *
 * @example
 * ```ts
 * const w = new keras.Variable([1.0]);
 * const opt = new keras.optimizers.RMSprop({ learningRate: 0.01 });
 * opt.applyGradients([[keras.tensor([1.0]), w]]);
 * w.arraySync(); // ≈ [0.9684]
 * ```
 */
export class RMSprop extends Optimizer {
  static override className = "RMSprop";
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;
  private velocities: Variable[] = [];
  private momentums: Variable[] = [];
  private averageGradients: Variable[] = [];

  constructor(args: RMSpropArgs = {}) {
    super(args, 0.001, ["rho", "momentum", "epsilon", "centered"]);
    this.rho = finiteNumber("RMSprop", "rho", args.rho ?? 0.9);
    this.momentum = finiteNumber("RMSprop", "momentum", args.momentum ?? 0);
    this.epsilon = finiteNumber("RMSprop", "epsilon", args.epsilon ?? 1e-7);
    this.centered = args.centered ?? false;
  }

  override build(variables: readonly Variable[]): void {
    if (this.built) return;
    super.build(variables);
    [this.velocities] = this.addOptimizerVariables(variables, ["velocity"]);
    if (this.momentum > 0) [this.momentums] = this.addOptimizerVariables(variables, ["momentum"]);
    if (this.centered) [this.averageGradients] = this.addOptimizerVariables(variables, ["average_gradient"]);
  }

  updateStep(gradient: Tensor, variable: Variable, learningRate: Tensor | Variable): void {
    const lr = cast(learningRate, variable.dtype);
    const g = cast(gradient, variable.dtype);
    const index = this.variableIndex(variable);
    const velocity = this.velocities[index]!;
    const rho = this.rho;
    velocity.assign(add(multiply(rho, velocity), multiply(1 - rho, square(g))));
    let denominator: Tensor;
    if (this.centered) {
      const avg = this.averageGradients[index]!;
      avg.assign(add(multiply(rho, avg), multiply(1 - rho, g)));
      denominator = add(subtract(velocity, square(avg)), this.epsilon);
    } else {
      denominator = add(velocity, this.epsilon);
    }
    const increment = divide(multiply(lr, g), sqrt(denominator));
    if (this.momentum > 0) {
      const m = this.momentums[index]!;
      m.assign(add(multiply(this.momentum, m), increment));
      variable.assign(subtract(variable, m));
    } else {
      variable.assign(subtract(variable, increment));
    }
  }

  override getConfig(): OptimizerConfig {
    return {
      ...super.getConfig(),
      rho: this.rho,
      momentum: this.momentum,
      epsilon: this.epsilon,
      centered: this.centered,
    };
  }
}
