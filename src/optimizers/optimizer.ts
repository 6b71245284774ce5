/**
 * The optimizer base class (Keras 3's BaseOptimizer): learning rate and schedules, slot variables,
 * gradient clipping, weight decay, loss scaling, gradient accumulation and weight EMA. Subclasses
 * create their slots in `build` and implement one `updateStep(gradient, variable, learningRate)`.
 */
import { FLOATX, type DType } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import { Tensor } from "../core/tensor.js";
import { Variable } from "../core/variable.js";
import { weightConstraint } from "../engine/layer-weights.js";
import { autoName } from "../engine/naming.js";
import { Constant, get as getInitializer, type InitializerIdentifier } from "../initializers/index.js";
import { add, cast, convertToTensor, divide, floorDivide, multiply, subtract } from "../ops/index.js";
import { clipByGlobalNorm, clipByNorm, clipByValue } from "./clip.js";
import {
  BASE_OPTION_KEYS,
  checkGradientShape,
  checkOptionKeys,
  unknownVariableError,
  validateBaseOptions,
} from "./optimizer-options.js";
import type { LearningRate, OptimizerOptions } from "./optimizer-options.js";
import {
  accumulateGradients,
  meanAccumulatedGradients,
  overwriteWithAverages,
  resetAccumulators,
  updateMovingAverages,
} from "./optimizer-state.js";
import { deserialize as deserializeSchedule, type SerializedSchedule } from "./schedules/index.js";
import { LearningRateSchedule } from "./schedules/learning-rate-schedule.js";

/** Plain-data configuration of an optimizer (camelCase keys). */
export type OptimizerConfig = Record<string, unknown>;

/** A gradient as given to `apply`: a tensor, or null/undefined for "no gradient". */
export type Gradient = Tensor | null | undefined;

/** What `addVariable` accepts as an initializer: an initializer identifier or a constant. */
export type SlotInitializer = InitializerIdentifier | number;

/**
 * Base class of every optimizer. Use a subclass (`SGD`, `Adam`, ...) with `model.compile`, or in a
 * custom loop with `applyGradients`. To write an optimizer, override `build` (return early when
 * built, call `super.build`, then create slots with `addOptimizerVariables`), `updateStep` and
 * `getConfig`.
 *
 * @example
 * ```ts
 * const w = new keras.Variable([1, 2]);
 * const opt = new keras.optimizers.SGD({ learningRate: 0.1 });
 * opt.applyGradients([[keras.tensor([1, 1]), w]]);
 * w.arraySync(); // [0.9, 1.9]
 * ```
 */
export abstract class Optimizer {
  /** Name used in serialized configs; subclasses override it (never rely on `constructor.name`). */
  static className = "Optimizer";
  readonly name: string;
  readonly weightDecay: number | null;
  readonly clipnorm: number | null;
  readonly clipvalue: number | null;
  readonly globalClipnorm: number | null;
  readonly useEma: boolean;
  readonly emaMomentum: number;
  readonly emaOverwriteFrequency: number | null;
  readonly lossScaleFactor: number | null;
  readonly gradientAccumulationSteps: number | null;
  /** True once `build` created the slot variables. */
  built = false;
  private readonly trackedVariables: Variable[] = [];
  private builtVariables: Variable[] = [];
  private readonly variableIndices = new Map<Variable, number>();
  private readonly stepCounter: Variable;
  private lrSource: Variable | LearningRateSchedule | (() => number | Tensor);
  private emaAverages: Variable[] = [];
  private gradAccumulators: Variable[] = [];
  private excludedVariables = new Set<Variable>();
  private excludedPattern: RegExp | null = null;

  /**
   * @param options The base options (see {@link OptimizerOptions}) plus the subclass's own.
   * @param defaultLearningRate The subclass's default learning rate.
   * @param extraKeys The subclass's own option names (any other option is rejected).
   */
  constructor(options: OptimizerOptions, defaultLearningRate: number, extraKeys: readonly string[] = []) {
    const cls = new.target as unknown as typeof Optimizer;
    checkOptionKeys(cls.className, options, [...BASE_OPTION_KEYS, ...extraKeys]);
    validateBaseOptions(cls.className, options);
    this.name = options.name ?? autoName(cls.className);
    this.weightDecay = options.weightDecay ?? null;
    this.clipnorm = options.clipnorm ?? null;
    this.clipvalue = options.clipvalue ?? null;
    this.globalClipnorm = options.globalClipnorm ?? null;
    this.useEma = options.useEma ?? false;
    this.emaMomentum = options.emaMomentum ?? 0.99;
    this.emaOverwriteFrequency = options.emaOverwriteFrequency ?? null;
    this.lossScaleFactor = options.lossScaleFactor ?? null;
    this.gradientAccumulationSteps = options.gradientAccumulationSteps ?? null;
    this.stepCounter = this.newVariable(0, "iteration", "int32");
    const lr: LearningRate = options.learningRate ?? defaultLearningRate;
    this.lrSource = typeof lr === "number" ? this.newVariable(lr, "learning_rate", FLOATX) : lr;
  }

  /** The class name under which this optimizer is serialized. */
  get className(): string {
    return (this.constructor as typeof Optimizer).className;
  }

  /**
   * The number of updates applied: the step counter (an int32 Variable), or, with gradient
   * accumulation, the counter divided by the accumulation steps.
   */
  get iterations(): Variable | Tensor {
    const steps = this.gradientAccumulationSteps;
    return steps ? floorDivide(this.stepCounter, steps) : this.stepCounter;
  }

  /** Every optimizer variable: the step counter, the learning rate (when a number), then the slots. */
  get variables(): Variable[] {
    return [...this.trackedVariables];
  }

  /** The current learning rate: the Variable holding it, or the schedule's value at this step. */
  get learningRate(): Variable | Tensor {
    if (this.lrSource instanceof Variable) return this.lrSource;
    if (this.lrSource instanceof LearningRateSchedule) return this.lrSource.call(this.stepCounter);
    return convertToTensor(this.lrSource(), FLOATX);
  }

  /** Sets a new learning rate (a number is assigned to the learning-rate variable). */
  set learningRate(value: LearningRate) {
    if (typeof value === "number") {
      if (this.lrSource instanceof LearningRateSchedule) {
        throw new ValueError(
          `Optimizer "${this.name}" was created with a LearningRateSchedule as its learningRate, so its ` +
            "learning rate is not settable. Create the optimizer with a number learningRate instead.",
        );
      }
      if (this.lrSource instanceof Variable) this.lrSource.assign(value);
      else this.lrSource = this.newVariable(value, "learning_rate", FLOATX);
      return;
    }
    if (this.lrSource instanceof Variable)
      this.trackedVariables.splice(this.trackedVariables.indexOf(this.lrSource), 1);
    this.lrSource = value;
  }

  /** Creates the slot variables for `variables`; subclasses extend it (call super first). */
  build(variables: readonly Variable[]): void {
    if (this.useEma) [this.emaAverages] = this.addOptimizerVariables(variables, ["average"]);
    if (this.gradientAccumulationSteps) {
      [this.gradAccumulators] = this.addOptimizerVariables(variables, ["gradient_accumulator"]);
    }
    variables.forEach((v, i) => this.variableIndices.set(v, i));
    this.builtVariables = [...variables];
    this.built = true;
  }

  /**
   * Adds a non-trainable optimizer variable of `shape` with path `${optimizer name}/${name}`.
   * `initializer` is an initializer identifier ("zeros" by default) or a constant number.
   */
  addVariable(
    shape: readonly number[],
    options: { initializer?: SlotInitializer; dtype?: DType; name?: string } = {},
  ): Variable {
    const init = options.initializer ?? "zeros";
    const initializer = typeof init === "number" ? new Constant(init) : getInitializer(init)!;
    const dtype = options.dtype ?? FLOATX;
    return this.newVariable(initializer.call(shape, dtype), options.name ?? "variable", dtype);
  }

  /** Adds a variable shaped like `reference`, named `${reference path, "/" → "_"}_${name}`. */
  addVariableFromReference(
    reference: Variable,
    name = "var",
    initializer: SlotInitializer = "zeros",
  ): Variable {
    const fullName = `${reference.path.replace(/\//g, "_")}_${name}`;
    return this.addVariable(reference.shape, { initializer, dtype: reference.dtype, name: fullName });
  }

  /**
   * One slot per variable and per name, created variable by variable:
   * `addOptimizerVariables(vars, ["momentum", "velocity"])` gives `[momentums, velocities]`.
   */
  addOptimizerVariables(
    variables: readonly Variable[],
    names: readonly string[],
    initializers?: readonly SlotInitializer[],
  ): Variable[][] {
    if (initializers && initializers.length !== names.length) {
      throw new ValueError(
        `The number of provided names must match the number of provided initializers. Received ` +
          `names=${JSON.stringify(names)} and ${initializers.length} initializers.`,
      );
    }
    const out: Variable[][] = names.map(() => []);
    for (const v of variables) {
      names.forEach((n, i) =>
        out[i]!.push(this.addVariableFromReference(v, n, initializers?.[i] ?? "zeros")),
      );
    }
    return out;
  }

  /** Updates `variable` from its (clipped, scaled) gradient; called once per variable per step. */
  abstract updateStep(gradient: Tensor, variable: Variable, learningRate: Tensor | Variable): void;

  /**
   * Applies `[gradient, variable]` pairs (null gradients are skipped) and returns the step counter.
   * Builds the optimizer on first use.
   */
  applyGradients(gradsAndVars: Iterable<readonly [Gradient, Variable]>): Variable {
    const pairs = [...gradsAndVars];
    this.apply(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    );
    return this.stepCounter;
  }

  /**
   * Applies `grads` to `trainableVariables` (default: the variables the optimizer was built with).
   * Null gradients are skipped, with a warning.
   */
  apply(grads: readonly Gradient[], trainableVariables?: readonly Variable[]): void {
    const vars = this.resolveVariables(grads, trainableVariables);
    const gs: Tensor[] = [];
    const vs: Variable[] = [];
    const missing: string[] = [];
    grads.forEach((g, i) => {
      if (g === null || g === undefined) missing.push(vars[i]!.path);
      else {
        gs.push(checkGradientShape(this.name, g, vars[i]!));
        vs.push(vars[i]!);
      }
    });
    if (gs.length === 0) throw new ValueError("No gradients provided for any variable.");
    if (missing.length) {
      console.warn(`Gradients do not exist for variables [${missing.join(", ")}] when minimizing the loss.`);
    }
    const scaled = this.lossScaleFactor === null ? gs : gs.map((g) => divide(g, this.lossScaleFactor!));
    const steps = this.gradientAccumulationSteps;
    if (!steps) this.applyNow(scaled, vs);
    else {
      const accs = vs.map((v) => this.gradAccumulators[this.variableIndex(v)]!);
      if ((Number(this.stepCounter.value.item()) + 1) % steps === 0) {
        const means = meanAccumulatedGradients(accs, scaled, steps);
        this.applyNow(means, vs);
        resetAccumulators(this.gradAccumulators);
      } else accumulateGradients(accs, scaled);
    }
    for (const v of vs) {
      const constraint = weightConstraint(v);
      if (constraint) v.assign(constraint.call(v.value));
    }
    if (this.useEma) this.updateEma();
    this.stepCounter.assign(add(this.stepCounter, 1));
  }

  /** Runs `updateStep` for each pair; optimizers with per-step shared state override it. */
  protected backendUpdateStep(grads: Tensor[], variables: Variable[], learningRate: Tensor | Variable): void {
    grads.forEach((g, i) => this.updateStep(g, variables[i]!, learningRate));
  }

  /** The position of `variable` in the list the optimizer was built with. */
  protected variableIndex(variable: Variable): number {
    const i = this.variableIndices.get(variable);
    if (i === undefined) throw unknownVariableError(variable);
    return i;
  }

  /** Multiplies the loss by `lossScaleFactor` (when set). */
  scaleLoss(loss: Tensor): Tensor {
    return this.lossScaleFactor === null ? loss : multiply(loss, this.lossScaleFactor);
  }

  /** Excludes variables (by identity, or by a regex over their names) from weight decay. */
  excludeFromWeightDecay(options: { varList?: readonly Variable[]; varNames?: readonly string[] }): void {
    if (this.built) {
      throw new ValueError("excludeFromWeightDecay() can only be configured before the optimizer is built.");
    }
    this.excludedVariables = new Set(options.varList ?? []);
    const names = options.varNames ?? [];
    this.excludedPattern = names.length ? new RegExp([...new Set(names)].join("|")) : null;
  }

  /** With `useEma`, copies the moving averages into `variables` (call after training). */
  finalizeVariableValues(variables: readonly Variable[]): void {
    if (this.useEma) overwriteWithAverages(this.emaAverages, variables);
  }

  /** Sets the optimizer variables' values, in the order of `variables`. */
  setWeights(weights: readonly Tensor[]): void {
    if (!this.built || weights.length !== this.trackedVariables.length) {
      throw new ValueError(
        `setWeights() needs a built optimizer and one value per optimizer variable: expected ` +
          `${this.trackedVariables.length}, received ${weights.length}. Call build(variables) first.`,
      );
    }
    this.trackedVariables.forEach((v, i) => v.assign(weights[i]!));
  }

  /** The base configuration; subclasses add their own keys. */
  getConfig(): OptimizerConfig {
    let learningRate: unknown;
    if (this.lrSource instanceof LearningRateSchedule) {
      learningRate = { className: this.lrSource.className, config: this.lrSource.getConfig() };
    } else learningRate = convertToTensor(this.learningRate).item();
    return {
      name: this.name,
      learningRate,
      weightDecay: this.weightDecay,
      clipnorm: this.clipnorm,
      globalClipnorm: this.globalClipnorm,
      clipvalue: this.clipvalue,
      useEma: this.useEma,
      emaMomentum: this.emaMomentum,
      emaOverwriteFrequency: this.emaOverwriteFrequency,
      lossScaleFactor: this.lossScaleFactor,
      gradientAccumulationSteps: this.gradientAccumulationSteps,
    };
  }

  /** Rebuilds an optimizer from `getConfig()` output (a serialized schedule is deserialized). */
  static fromConfig<T extends Optimizer>(this: new (config: any) => T, config: OptimizerConfig = {}): T {
    const lr = config.learningRate;
    const isSerialized = typeof lr === "object" && lr !== null && !(lr instanceof LearningRateSchedule);
    return new this(
      isSerialized ? { ...config, learningRate: deserializeSchedule(lr as SerializedSchedule) } : config,
    );
  }

  private applyNow(grads: Tensor[], variables: Variable[]): void {
    const clipped = this.clipGradients(grads);
    this.applyWeightDecay(variables);
    this.backendUpdateStep(clipped, variables, this.learningRate);
  }

  private updateEma(): void {
    const step = Number(convertToTensor(this.iterations).item());
    updateMovingAverages(this.emaAverages, this.builtVariables, step !== 0, this.emaMomentum);
    const freq = this.emaOverwriteFrequency;
    if (freq && (step + 1) % freq === 0) overwriteWithAverages(this.emaAverages, this.builtVariables);
  }

  private resolveVariables(grads: readonly Gradient[], trainableVariables?: readonly Variable[]): Variable[] {
    if (trainableVariables === undefined) {
      if (!this.built || grads.length !== this.builtVariables.length) {
        throw new ValueError(
          `When calling apply() without variables, the optimizer must be built and the gradients must match ` +
            `its variables one to one. Received ${grads.length} gradients; the optimizer tracks ` +
            `${this.builtVariables.length} variables.`,
        );
      }
      return this.builtVariables;
    }
    const vars = [...trainableVariables];
    if (vars.length !== grads.length) {
      throw new ValueError(`apply() received ${grads.length} gradients for ${vars.length} variables.`);
    }
    if (!this.built) this.build(vars);
    for (const v of vars) if (!this.variableIndices.has(v)) throw unknownVariableError(v);
    return vars;
  }

  private clipGradients(grads: Tensor[]): Tensor[] {
    if (this.clipnorm !== null && this.clipnorm > 0) return grads.map((g) => clipByNorm(g, this.clipnorm!));
    if (this.globalClipnorm !== null && this.globalClipnorm > 0) {
      return clipByGlobalNorm(grads, this.globalClipnorm) as Tensor[];
    }
    if (this.clipvalue !== null && this.clipvalue > 0)
      return grads.map((g) => clipByValue(g, this.clipvalue!));
    return grads;
  }

  private applyWeightDecay(variables: readonly Variable[]): void {
    if (this.weightDecay === null) return;
    for (const v of variables) {
      if (this.excludedVariables.has(v) || this.excludedPattern?.test(v.name)) continue;
      const lr = cast(this.learningRate, v.dtype);
      const wd = convertToTensor(this.weightDecay, v.dtype);
      v.assign(subtract(v, multiply(multiply(v, wd), lr)));
    }
  }

  /** A non-trainable variable tracked in `variables`, with path `${optimizer name}/${name}`. */
  protected newVariable(value: number | Tensor, name: string, dtype: DType): Variable {
    const v = new Variable(value, { name, path: `${this.name}/${name}`, dtype, trainable: false });
    this.trackedVariables.push(v);
    return v;
  }
}
