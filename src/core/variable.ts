/**
 * Variables: named, mutable holders of a tensor value. Ops read a variable's current value;
 * `assign` replaces it (the old tensor is never mutated, so earlier reads stay valid).
 */
import { allocArray, type DType, type TypedArray } from "./dtype.js";
import { ShapeError } from "./errors.js";
import { formatShape, shapesEqual, type Shape } from "./shape.js";
import { Tensor } from "./tensor.js";

let variableCounter = 0;

/** Depth of `withPrivateVariableReads` scopes: reads inside them do not hand the value out. */
let privateReads = 0;
/** Counts outermost private scopes (train steps); see `privateStep`. */
let privateSteps = 0;

/**
 * The number of the current outermost `withPrivateVariableReads` scope (one per default train
 * step), or null outside one. Scratch buffers tagged with it may be reused by a later step.
 */
export function privateStep(): number | null {
  return privateReads > 0 ? privateSteps : null;
}

/**
 * Runs `fn` with variable reads marked private: the framework promises that the values it reads
 * (the forward pass and the gradient computation of a training step) do not outlive the step,
 * so the next optimizer update may overwrite them in place instead of allocating new arrays.
 * Reads outside such a scope (`getWeights()`, `variable.value` in user code) hand the value out,
 * and the next update then writes to a fresh array, leaving the handed-out tensor unchanged.
 *
 * @example
 * ```ts
 * withPrivateVariableReads(() => trainStep(batch)); // the default trainStep does this
 * ```
 */
export function withPrivateVariableReads<T>(fn: () => T): T {
  if (privateReads === 0) privateSteps++;
  privateReads++;
  try {
    return fn();
  } finally {
    privateReads--;
  }
}

/** Converts what `assign` receives into a tensor; installed by the ops layer (avoids an import cycle). */
export let castValueForVariable: (value: unknown, dtype: DType) => Tensor = () => {
  throw new Error("keras-ts ops are not loaded");
};
export function setVariableValueCaster(fn: (value: unknown, dtype: DType) => Tensor): void {
  castValueForVariable = fn;
}

export interface VariableOptions {
  /** Defaults to "variable", made unique with a counter like Keras (`variable_1`, ...). */
  name?: string;
  /**
   * Where the variable lives, as Keras 3's `variable.path`: `"dense/kernel"` for the weight
   * `"kernel"` of layer `"dense"`. Defaults to the name.
   */
  path?: string;
  /** Whether optimizers update it and tapes watch it automatically. Default true. */
  trainable?: boolean;
  /** Defaults to the initial value's dtype. */
  dtype?: DType;
}

/**
 * A mutable tensor holder, used for model weights and optimizer state.
 *
 * @example
 * ```ts
 * const v = new keras.Variable(keras.ops.zeros([2, 3]), { name: "kernel", path: "dense/kernel" });
 * v.name; // "kernel"
 * v.path; // "dense/kernel"
 * v.assign(keras.ops.ones([2, 3]));
 * keras.ops.sum(v).item(); // 6
 * ```
 */
export class Variable {
  /** The short name (`"kernel"`). */
  readonly name: string;
  /** The full path (`"dense/kernel"`); the name when the variable was not created by a layer. */
  readonly path: string;
  trainable: boolean;
  readonly dtype: DType;
  readonly shape: Shape;
  private current: Tensor;
  /** Whether `current` may be referenced outside the variable (then it is never written in place). */
  private handedOut = true;

  constructor(initialValue: unknown, options: VariableOptions = {}) {
    const probe = castValueForVariable(initialValue, options.dtype ?? inferDType(initialValue));
    this.current = probe;
    this.dtype = probe.dtype;
    this.shape = probe.shape;
    this.trainable = options.trainable ?? true;
    this.name = options.name ?? (variableCounter++ === 0 ? "variable" : `variable_${variableCounter - 1}`);
    this.path = options.path ?? this.name;
  }

  /** The current value. Reading it inside a GradientTape makes the tape watch it (when trainable). */
  get value(): Tensor {
    if (privateReads === 0) this.handedOut = true;
    return this.current;
  }

  /**
   * @internal For fused optimizer updates: returns `[source, target]`, the current values and the
   * array the next values go to, and makes that array the variable's value. The target is the
   * current array itself when its tensor was never handed out, so the update is in place.
   */
  _beginUpdate(): [TypedArray, TypedArray] {
    const source = this.current.values;
    if (!this.handedOut) return [source, source];
    const target = allocArray(this.dtype, source.length);
    this.current = new Tensor(target, this.shape, this.dtype);
    this.handedOut = false;
    return [source, target];
  }

  get rank(): number {
    return this.shape.length;
  }

  get size(): number {
    return this.current.size;
  }

  /** Replaces the value; shape must match, the value is cast to the variable's dtype. */
  assign(value: unknown): this {
    const next = castValueForVariable(value, this.dtype);
    if (!shapesEqual(next.shape, this.shape)) {
      throw new ShapeError(
        `Variable "${this.path}" has shape ${formatShape(this.shape)}, cannot assign a value of shape ${formatShape(next.shape)}.`,
        { op: "assign", shapes: [this.shape, next.shape] },
      );
    }
    this.current = next;
    this.handedOut = true; // `next` may be the caller's tensor
    return this;
  }

  dataSync() {
    return this.current.dataSync();
  }

  arraySync() {
    return this.current.arraySync();
  }

  toString(): string {
    return `<Variable path=${this.path}, shape=${formatShape(this.shape)}, dtype=${this.dtype}, value=${this.current.toString()}>`;
  }
}

function inferDType(value: unknown): DType {
  const maybe = value as { dtype?: DType };
  return maybe && typeof maybe === "object" && typeof maybe.dtype === "string" ? maybe.dtype : "float32";
}
