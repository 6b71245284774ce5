/**
 * SGD: gradient descent with optional (Nesterov) momentum.
 */
import type { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { add, cast, convertToTensor, multiply, subtract } from "../ops/index.js";
import { canFuse, scalarValue, sgdStep } from "./fused-update.js";
import { Optimizer, type OptimizerConfig } from "./optimizer.js";
import { numberInRange, type OptimizerOptions } from "./optimizer-options.js";

/** Options of {@link SGD}. `learningRate` defaults to 0.01. */
export interface SGDArgs extends OptimizerOptions {
  /** Momentum in [0, 1] that accelerates descent and dampens oscillations. Default 0. */
  momentum?: number;
  /** Use Nesterov momentum. Default false. */
  nesterov?: boolean;
}

/**
 * Gradient descent with momentum: without momentum `w -= lr * g`; with momentum
 * `v = momentum * v - lr * g; w += v` (Nesterov: `w += momentum * v - lr * g`).
 *
 * @example
 * ```ts
 * const w = new keras.Variable([1.0]);
 * const opt = new keras.optimizers.SGD({ learningRate: 0.1, momentum: 0.9 });
 * opt.applyGradients([[keras.tensor([1.0]), w]]);
 * w.arraySync(); // [0.9]
 * ```
 */
export class SGD extends Optimizer {
  static override className = "SGD";
  readonly momentum: number;
  readonly nesterov: boolean;
  private momentums: Variable[] = [];

  constructor(args: SGDArgs = {}) {
    super(args, 0.01, ["momentum", "nesterov"]);
    this.momentum = numberInRange("SGD", "momentum", args.momentum ?? 0, 0, 1);
    this.nesterov = args.nesterov ?? false;
  }

  override build(variables: readonly Variable[]): void {
    if (this.built) return;
    super.build(variables);
    if (this.momentum !== 0) [this.momentums] = this.addOptimizerVariables(variables, ["momentum"]);
  }

  updateStep(gradient: Tensor, variable: Variable, learningRate: Tensor | Variable): void {
    if (canFuse(variable)) {
      const slot = this.momentum === 0 ? null : this.momentums[this.variableIndex(variable)]!;
      const lrValue = scalarValue(learningRate, variable.dtype);
      sgdStep(variable, gradient, lrValue, slot, this.momentum, this.nesterov);
      return;
    }
    const lr = cast(learningRate, variable.dtype);
    const g = cast(gradient, variable.dtype);
    if (this.momentum === 0) {
      variable.assign(subtract(variable, multiply(g, lr)));
      return;
    }
    const m = this.momentums[this.variableIndex(variable)]!;
    const momentum = convertToTensor(this.momentum, variable.dtype);
    m.assign(subtract(multiply(m, momentum), multiply(g, lr)));
    if (this.nesterov) variable.assign(add(variable, subtract(multiply(m, momentum), multiply(g, lr))));
    else variable.assign(add(variable, m));
  }

  override getConfig(): OptimizerConfig {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }
}
