/**
 * The optimizer base class (Keras 3's BaseOptimizer): learning rate and schedules, slot variables,
 * gradient clipping, weight decay, loss scaling, gradient accumulation and weight EMA. Subclasses
 * create their slots in `build` and implement one `updateStep(gradient, variable, learningRate)`.
 */
import { FLOATX, type DType } from "../core/dtype.js";
import { ShapeError, ValueError } from "../core/errors.js";
import { formatShape, shapesEqual } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import { Variable } from "../core/variable.js";
import { weightConstraint } from "../engine/layer-weights.js";
import { autoName } from "../engine/naming.js";
import { get as getInitializer, Initializer, type InitializerIdentifier } from "../initializers/index.js";
import { add, cast, convertToTensor, divide, floorDivide, multiply, subtract } from "../ops/index.js";
import { clipByGlobalNorm, clipByNorm, clipByValue } from "./clip.js";
import { BASE_OPTION_KEYS, checkOptionKeys, validateBaseOptions } from "./optimizer-options.js";
import type { LearningRate, OptimizerOptions } from "./optimizer-options.js";
import { deserialize as deserializeSchedule, type SerializedSchedule } from "./schedules/index.js";
import { LearningRateSchedule } from "./schedules/learning-rate-schedule.js";
import { EmaAndAccumulation } from "./optimizer-state.js";

/** Plain-data configuration of an optimizer (camelCase keys). */
export type OptimizerConfig = Record<string, unknown>;

/** A gradient as given to `apply`: a tensor, or null/undefined for "no gradient". */
export type Gradient = Tensor | null | undefined;

/**
 * Base class of every optimizer. Use a subclass (`SGD`, `Adam`, ...) with `model.compile`, or in a
 * custom loop with `applyGradients`. To write an optimizer, override `build` (call `super.build`,
 * then create slots with `addOptimizerVariables`), `updateStep` and `getConfig`.
 *
 * @example
 * ```ts
 * const w = new keras.Variable([1, 2]);
 * const opt = new keras.optimizers.SGD({ learningRate: 0.1 });
 * opt.applyGradients([[keras.tensor([1, 1]), w]]);
 * w.arraySync(); // [0.9, 1.9]
 * ```
 */
export abstract class Optimizer extends EmaAndAccumulation {
  /** Name used in serialized configs; subclasses override it (never rely on `constructor.name`). */
  static className = "Optimizer";
  readonly name: string;
  readonly weightDecay: number | null;
  readonly clipnorm: number | null;
  readonly clipvalue: number | null;
  readonly globalClipnorm: number | null;
  readonly lossScaleFactor: number | null;
  /** True once `build` created the slot variables. */
  built = false;
  private readonly trackedVariables: Variable[] = [];
  private trainableVariables: Variable[] = [];
  private readonly indices = new Map<Variable, number>();
  private readonly rawIterations: Variable;
  private lr: Variable | LearningRateSchedule | (() => number | Tensor);
  private excludedVariables = new Set<Variable>();
  private excludedPattern: RegExp | null = null;

  /**
   * @param options The base options (see {@link OptimizerOptions}) plus the subclass's own.
   * @param defaultLearningRate The subclass's default learning rate.
   * @param extraKeys The subclass's own option names (anything else is rejected).
   */
  constructor(options: OptimizerOptions, defaultLearningRate: number, extraKeys: readonly string[] = []) {
    const cls = new.target as unknown as typeof Optimizer;
    const where = cls.className;
    checkOptionKeys(where, options, [...BASE_OPTION_KEYS, ...extraKeys]);
    validateBaseOptions(where, options);
    super(options);
    this.name = options.name ?? autoName(cls.className);
    this.weightDecay = options.weightDecay ?? null;
    this.clipnorm = options.clipnorm ?? null;
    this.clipvalue = options.clipvalue ?? null;
    this.globalClipnorm = options.globalClipnorm ?? null;
    this.lossScaleFactor = options.lossScaleFactor ?? null;
    this.rawIterations = this.track(new Variable(0, { name: "iteration", path: `${this.name}/iteration`, dtype: "int32", trainable: false }));
    const lr: LearningRate = options.learningRate ?? defaultLearningRate;
    this.lr = typeof lr === "number" ? this.makeLearningRateVariable(lr) : lr;
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
    return steps ? floorDivide(this.rawIterations, steps) : this.rawIterations;
  }

  /** Every optimizer variable: the step counter, the learning rate (when a number), then the slots. */
  get variables(): Variable[] {
    return [...this.trackedVariables];
  }

  /** The current learning rate: the Variable holding it, or the schedule's value at this step. */
  get learningRate(): Variable | Tensor {
    if (this.lr instanceof Variable) return this.lr;
    if (this.lr instanceof LearningRateSchedule) return this.lr.call(this.rawIterations);
    return convertToTensor(this.lr(), FLOATX);
  }

  /** Sets a new learning rate (a number is assigned to the learning-rate variable). */
  set learningRate(value: LearningRate) {
    if (typeof value === "number") {
      if (this.lr instanceof LearningRateSchedule) {
        throw new ValueError(
          `Optimizer "${this.name}" was created with a LearningRateSchedule as its learningRate, so its ` +
            "learning rate is not settable. Create the optimizer with a number learningRate instead.",
        );
      }
      if (this.lr instanceof Variable) this.lr.assign(value);
      else this.lr = this.makeLearningRateVariable(value);
      return;
    }
    if (this.lr instanceof Variable) this.trackedVariables.splice(this.trackedVariables.indexOf(this.lr), 1);
    this.lr = value;
  }

  /** Creates the slot variables for `variables`; subclasses extend it (call super first). */
  build(variables: readonly Variable[]): void {
    this.buildEmaAndAccumulation(variables);
    variables.forEach((v, i) => this.indices.set(v, i));
    this.trainableVariables = [...variables];
    this.built = true;
  }

  /**
   * Adds an optimizer variable of `shape`, named `${name}` under this optimizer's path.
   * `initializer` is an initializer identifier ("zeros" by default) or a number (a constant).
   */
  addVariable(
    shape: readonly number[],
    options: { initializer?: InitializerIdentifier | number; dtype?: DType; name?: string } = {},
  ): Variable {
    const init = options.initializer ?? "zeros";
    const dtype = options.dtype ?? FLOATX;
    const initializer = typeof init === "number" ? null : (getInitializer(init) as Initializer);
    const value = initializer ? initializer.call(shape, dtype) : convertToTensor(init, dtype);
    const name = options.name ?? "variable";
    const full = initializer ? value : multiply(value, convertToTensor(1, dtype));
    const variable = new Variable(shapesEqual(full.shape, shape) ? full : this.broadcastTo(full, shape, dtype), {
      name,
      path: `${this.name}/${name}`,
      dtype,
      trainable: false,
    });
    return this.track(variable);
  }

  /** Adds a variable shaped like `reference`, named `${reference path with "_"}_${name}`. */
  addVariableFromReference(
    reference: Variable,
    name = "var",
    initializer: InitializerIdentifier | number = "zeros",
  ): Variable {
    const fullName = `${reference.path.replace(/\//g, "_")}_${name}`;
    return this.addVariable(reference.shape, { initializer, dtype: reference.dtype, name: fullName });
  }

  /** One slot per variable and per name: `addOptimizerVariables(vars, ["m", "v"])` gives `[ms, vs]`. */
  addOptimizerVariables(
    variables: readonly Variable[],
    names: readonly string[],
    initializers?: readonly (InitializerIdentifier | number)[],
  ): Variable[][] {
    if (initializers && initializers.length !== names.length) {
      throw new ValueError(
        `The number of provided names must match the number of provided initializers. Received ` +
          `names=${JSON.stringify(names)} and ${initializers.length} initializers.`,
      );
    }
    const out: Variable[][] = names.map(() => []);
    for (const v of variables) {
      names.forEach((n, i) => out[i]!.push(this.addVariableFromReference(v, n, initializers?.[i] ?? "zeros")));
    }
    return out;
  }

  /** The position of `variable` in the list the optimizer was built with. */
  protected variableIndex(variable: Variable): number {
    const i = this.indices.get(variable);
    if (i === undefined) throw this.unknownVariable(variable);
    return i;
  }

  /** Updates `variable` from its (clipped, scaled) gradient; one call per variable per step. */
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
    return this.rawIterations;
  }

  /**
   * Applies `grads` to `trainableVariables` (default: the variables the optimizer was built with).
   * Null gradients are skipped, with a warning.
   */
  apply(grads: readonly Gradient[], trainableVariables?: readonly Variable[]): void {
    let vars: Variable[];
    if (trainableVariables === undefined) {
      if (!this.built || grads.length !== this.trainableVariables.length) {
        throw new ValueError(
          `When calling apply() without variables, the optimizer must be built and the gradients must match ` +
            `its variables one to one. Received ${grads.length} gradients; the optimizer tracks ` +
            `${this.trainableVariables.length} variables.`,
        );
      }
      vars = this.trainableVariables;
    } else {
      vars = [...trainableVariables];
      if (vars.length !== grads.length) {
        throw new ValueError(`apply() received ${grads.length} gradients for ${vars.length} variables.`);
      }
      if (!this.built) this.build(vars);
      for (const v of vars) if (!this.indices.has(v)) throw this.unknownVariable(v);
    }
    const kept: [Tensor, Variable][] = [];
    const missing: string[] = [];
    grads.forEach((g, i) => {
      const v = vars[i]!;
      if (g === null || g === undefined) missing.push(v.path);
      else kept.push([this.checkGradient(g, v), v]);
    });
    if (kept.length === 0) throw new ValueError("No gradients provided for any variable.");
    if (missing.length) {
      console.warn(`Gradients do not exist for variables [${missing.join(", ")}] when minimizing the loss.`);
    }
    let gs = kept.map((p) => p[0]);
    const vs = kept.map((p) => p[1]);
    if (this.lossScaleFactor !== null) gs = gs.map((g) => divide(g, this.lossScaleFactor!));
    this.applyWithAccumulation(gs, vs);
    for (const v of vs) {
      const constraint = weightConstraint(v);
      if (constraint) v.assign(constraint.call(v.value));
    }
    this.updateEma();
    this.rawIterations.assign(add(this.rawIterations, 1));
  }

  /** Clips, applies weight decay, then runs `updateStep` per variable (the accumulation-free path). */
  protected applyNow(grads: Tensor[], variables: Variable[]): void {
    const clipped = this.clipGradients(grads);
    this.applyWeightDecay(variables);
    this.backendUpdateStep(clipped, variables, this.learningRate);
  }

  /** Runs `updateStep` for each pair; subclasses that share per-step state override it. */
  protected backendUpdateStep(grads: Tensor[], variables: Variable[], learningRate: Tensor | Variable): void {
    grads.forEach((g, i) => this.updateStep(g, variables[i]!, learningRate));
  }

  /** Multiplies the loss by `lossScaleFactor` (when set). */
  scaleLoss(loss: Tensor): Tensor {
    return this.lossScaleFactor === null ? loss : multiply(loss, this.lossScaleFactor);
  }

  /** Excludes variables (by identity, or by a regex over their names) from weight decay. */
  excludeFromWeightDecay(options: { varList?: readonly Variable[]; varNames?: readonly string[] }): void {
    if (this.built) throw new ValueError("excludeFromWeightDecay() can only be configured before the optimizer is built.");
    this.excludedVariables = new Set(options.varList ?? []);
    const names = options.varNames ?? [];
    this.excludedPattern = names.length ? new RegExp([...new Set(names)].join("|")) : null;
  }

  /** Sets the optimizer variables' values, in the order of `variables`. */
  setWeights(weights: readonly Tensor[]): void {
    if (!this.built) throw new ValueError("setWeights() was called on an optimizer that is not built yet. Call build(variables) first.");
    if (weights.length !== this.trackedVariables.length) {
      throw new ValueError(`setWeights() expected ${this.trackedVariables.length} weights, received ${weights.length}.`);
    }
    this.trackedVariables.forEach((v, i) => v.assign(weights[i]!));
  }

  /** The base configuration; subclasses add their own keys. */
  getConfig(): OptimizerConfig {
    let learningRate: unknown;
    if (this.lr instanceof Variable) learningRate = this.lr.value.item();
    else if (this.lr instanceof LearningRateSchedule) learningRate = { className: this.lr.className, config: this.lr.getConfig() };
    else learningRate = convertToTensor(this.lr(), FLOATX).item();
    return {
      name: this.name,
      learningRate,
      weightDecay: this.weightDecay,
      clipnorm: this.clipnorm,
      globalClipnorm: this.globalClipnorm,
      clipvalue: this.clipvalue,
      ...this.emaAndAccumulationConfig(),
      lossScaleFactor: this.lossScaleFactor,
    };
  }

  /** Rebuilds an optimizer from `getConfig()` output (a serialized schedule is deserialized). */
  static fromConfig<T extends Optimizer>(this: new (config: any) => T, config: OptimizerConfig = {}): T {
    const lr = config.learningRate;
    const fixed = typeof lr === "object" && lr !== null && !(lr instanceof LearningRateSchedule)
      ? { ...config, learningRate: deserializeSchedule(lr as SerializedSchedule) }
      : config;
    return new this(fixed);
  }

  protected track(variable: Variable): Variable {
    this.trackedVariables.push(variable);
    return variable;
  }

  protected get modelVariables(): readonly Variable[] {
    return this.trainableVariables;
  }

  private clipGradients(grads: Tensor[]): Tensor[] {
    if (this.clipnorm !== null && this.clipnorm > 0) return grads.map((g) => clipByNorm(g, this.clipnorm!));
    if (this.globalClipnorm !== null && this.globalClipnorm > 0) return clipByGlobalNorm(grads, this.globalClipnorm) as Tensor[];
    if (this.clipvalue !== null && this.clipvalue > 0) return grads.map((g) => clipByValue(g, this.clipvalue!));
    return grads;
  }

  private usesWeightDecay(variable: Variable): boolean {
    if (this.excludedVariables.has(variable)) return false;
    return !(this.excludedPattern && this.excludedPattern.test(variable.name));
  }

  private applyWeightDecay(variables: readonly Variable[]): void {
    if (this.weightDecay === null) return;
    for (const v of variables) {
      if (!this.usesWeightDecay(v)) continue;
      const lr = cast(this.learningRate, v.dtype);
      const wd = convertToTensor(this.weightDecay, v.dtype);
      v.assign(subtract(v, multiply(multiply(v, wd), lr)));
    }
  }

  private checkGradient(g: Tensor, v: Variable): Tensor {
    const t = g instanceof Tensor ? g : convertToTensor(g as never);
    if (!shapesEqual(t.shape, v.shape)) {
      throw new ShapeError(
        `Optimizer "${this.name}": the gradient for variable "${v.path}" has shape ${formatShape(t.shape)}, ` +
          `expected the variable's shape ${formatShape(v.shape)}.`,
        { op: "apply", shapes: [t.shape, v.shape] },
      );
    }
    return t;
  }

  private unknownVariable(v: Variable): ValueError {
    return new ValueError(
      `Unknown variable: "${v.path}". This optimizer can only be called for the variables it was originally ` +
        "built with. When working with a new set of variables, create a new optimizer instance.",
      { variable: v.path },
    );
  }

  private makeLearningRateVariable(value: number): Variable {
    return this.track(new Variable(value, { name: "learning_rate", path: `${this.name}/learning_rate`, dtype: FLOATX, trainable: false }));
  }

  private broadcastTo(value: Tensor, shape: readonly number[], dtype: DType): Tensor {
    return add(value, convertToTensor(0, dtype).shape.length ? value : this.zeros(shape, dtype));
  }

  private zeros(shape: readonly number[], dtype: DType): Tensor {
    return getInitializer("zeros")!.call(shape, dtype);
  }
}
