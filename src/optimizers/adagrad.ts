/**
 * Adagrad: per-parameter learning rates scaled by accumulated squared gradients.
 */
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { add, cast, divide, multiply, sqrt, square, subtract } from "../ops/index.js";
import { Optimizer, type OptimizerConfig } from "./optimizer.js";
import { finiteNumber, type OptimizerOptions } from "./optimizer-options.js";

/** Options of {@link Adagrad}. `learningRate` defaults to 0.001. */
export interface AdagradArgs extends OptimizerOptions {
  /** Starting value of the accumulators (>= 0). Default 0.1. */
  initialAccumulatorValue?: number;
  /** Numerical-stability constant. Default 1e-7. */
  epsilon?: number;
}

/**
 * Adagrad: `acc += g²`, `w -= lr * g / sqrt(acc + epsilon)`.
 *
 * @example
 * ```ts
 * const w = new keras.Variable([1.0]);
 * const opt = new keras.optimizers.Adagrad({ learningRate: 0.1 });
 * opt.applyGradients([[keras.tensor([1.0]), w]]);
 * w.arraySync(); // ≈ [0.9047]
 * ```
 */
export class Adagrad extends Optimizer {
  static override className = "Adagrad";
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;
  private accumulators: Variable[] = [];

  constructor(args: AdagradArgs = {}) {
    super(args, 0.001, ["initialAccumulatorValue", "epsilon"]);
    this.initialAccumulatorValue = finiteNumber(
      "Adagrad",
      "initialAccumulatorValue",
      args.initialAccumulatorValue ?? 0.1,
    );
    this.epsilon = finiteNumber("Adagrad", "epsilon", args.epsilon ?? 1e-7);
  }

  override build(variables: readonly Variable[]): void {
    if (this.built) return;
    super.build(variables);
    [this.accumulators] = this.addOptimizerVariables(
      variables,
      ["accumulator"],
      [this.initialAccumulatorValue],
    );
  }

  updateStep(gradient: Tensor, variable: Variable, learningRate: Tensor | Variable): void {
    const lr = cast(learningRate, variable.dtype);
    const g = cast(gradient, variable.dtype);
    const acc = this.accumulators[this.variableIndex(variable)]!;
    acc.assign(add(acc, square(g)));
    variable.assign(subtract(variable, divide(multiply(lr, g), sqrt(add(acc, this.epsilon)))));
  }

  override getConfig(): OptimizerConfig {
    return {
      ...super.getConfig(),
      initialAccumulatorValue: this.initialAccumulatorValue,
      epsilon: this.epsilon,
    };
  }
}
