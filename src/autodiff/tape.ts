/**
 * Reverse-mode autodiff. While a GradientTape records, every differentiable op whose inputs the
 * tape tracks is appended with its VJP. `gradient()` walks the records in reverse, accumulating
 * (never overwriting) gradients; broadcast gradients are summed back to each input's shape here,
 * once, for every op. VJPs are written with ops, so an outer tape records them (higher order).
 */
import { isFloat } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import { shapesEqual } from "../core/shape.js";
import type { AnyTensor } from "../core/symbolic.js";
import { Tensor } from "../core/tensor.js";
import { Variable } from "../core/variable.js";
import { add, cast, onesLike, reshape, sum, zerosLike } from "./tape-ops.js";

interface TapeRecord {
  readonly op: string;
  readonly inputs: readonly Tensor[];
  readonly outputs: readonly Tensor[];
  /** Gradients for the inputs; `needed[i]` is false for inputs no gradient is wanted for (may be skipped). */
  readonly backward: (grads: readonly Tensor[], needed: readonly boolean[]) => (AnyTensor | null)[];
}

export interface GradientTapeOptions {
  /** Allow several `gradient()` calls. Default false, as in TF. */
  persistent?: boolean;
  /** Watch every trainable variable read while recording. Default true, as in TF. */
  watchAccessedVariables?: boolean;
}

const recording: GradientTape[] = [];

/** Whether any tape is recording (a cheap check for the op front end). */
export function isRecording(): boolean {
  return recording.length > 0;
}

/** Called by the op front end after an eager differentiable op. */
export function recordOperation(
  op: string,
  inputs: readonly Tensor[],
  outputs: readonly Tensor[],
  backward: TapeRecord["backward"],
): void {
  for (const tape of recording) tape.maybeRecord({ op, inputs, outputs, backward });
}

/** Called when an op reads a variable's value. */
export function noteVariableRead(variable: Variable, value: Tensor): void {
  for (const tape of recording) tape.noteRead(variable, value);
}

/** Sums a broadcast gradient back to `shape` (leading axes, and axes where `shape` has 1). */
function unbroadcast(grad: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(grad.shape, shape)) return grad;
  const lead = grad.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < grad.rank; i++) {
    if (i < lead || (shape[i - lead] === 1 && grad.shape[i] !== 1)) axes.push(i);
  }
  const summed = axes.length ? sum(grad, axes, true) : grad;
  return reshape(summed, shape);
}

/**
 * Records operations to differentiate them, like TF's `tf.GradientTape`.
 *
 * @example
 * ```ts
 * const w = new keras.Variable([[1], [2]]);
 * const tape = new keras.GradientTape();
 * const loss = tape.record(() => keras.ops.sum(keras.ops.square(keras.ops.matmul(x, w))));
 * const [dw] = tape.gradient(loss, [w]);
 * ```
 */
export class GradientTape {
  readonly persistent: boolean;
  readonly watchAccessedVariables: boolean;
  private readonly records: TapeRecord[] = [];
  private readonly tracked = new Set<Tensor>();
  private readonly watchedVariables = new Set<Variable>();
  private readonly variableReads = new Map<Variable, Set<Tensor>>();
  private used = false;

  constructor(options: GradientTapeOptions = {}) {
    this.persistent = options.persistent ?? false;
    this.watchAccessedVariables = options.watchAccessedVariables ?? true;
  }

  /** Starts recording (prefer `record(fn)`, which also stops). */
  start(): this {
    if (!recording.includes(this)) recording.push(this);
    return this;
  }

  /** Stops recording; records made so far stay. */
  stop(): this {
    const i = recording.indexOf(this);
    if (i >= 0) recording.splice(i, 1);
    return this;
  }

  /** Runs `fn` with this tape recording and returns its result. */
  record<T>(fn: () => T): T {
    const wasRecording = recording.includes(this);
    this.start();
    try {
      return fn();
    } finally {
      if (!wasRecording) this.stop();
    }
  }

  /** Runs `fn` without recording on this tape (TF's `stop_recording`). */
  stopRecording<T>(fn: () => T): T {
    const wasRecording = recording.includes(this);
    this.stop();
    try {
      return fn();
    } finally {
      if (wasRecording) this.start();
    }
  }

  /** Tracks tensors or variables so gradients with respect to them can be taken. */
  watch(...sources: (Tensor | Variable | readonly (Tensor | Variable)[])[]): void {
    for (const s of sources.flat()) {
      if (s instanceof Variable) {
        this.watchedVariables.add(s);
        this.noteRead(s, s.value);
      } else if (s instanceof Tensor) {
        if (isFloat(s.dtype)) this.tracked.add(s);
      } else {
        throw new ValueError(`GradientTape.watch expects tensors or variables, received ${String(s)}.`);
      }
    }
  }

  /** @internal */
  noteRead(variable: Variable, value: Tensor): void {
    if (!isFloat(value.dtype)) return;
    if (!this.watchedVariables.has(variable) && !(this.watchAccessedVariables && variable.trainable)) return;
    this.tracked.add(value);
    let reads = this.variableReads.get(variable);
    if (!reads) this.variableReads.set(variable, (reads = new Set()));
    reads.add(value);
  }

  /** @internal */
  maybeRecord(record: TapeRecord): void {
    let tracks = false;
    for (const x of record.inputs) if (this.tracked.has(x)) tracks = true;
    if (!tracks) return;
    this.records.push(record);
    for (const y of record.outputs) if (isFloat(y.dtype)) this.tracked.add(y);
  }

  /** Variables whose values were read while recording and that this tape watches. */
  watchedVariablesList(): Variable[] {
    return [...this.variableReads.keys()];
  }

  /**
   * Gradients of `target` (summed if not scalar, as in TF) with respect to each source; `null` for a
   * source the target does not depend on, or one that is not float.
   * @param outputGradients initial gradient for `target` (default ones).
   */
  gradient(
    target: Tensor,
    sources: readonly (Tensor | Variable)[],
    outputGradients?: Tensor,
  ): (Tensor | null)[];
  gradient(target: Tensor, sources: Tensor | Variable, outputGradients?: Tensor): Tensor | null;
  gradient(
    target: Tensor,
    sources: Tensor | Variable | readonly (Tensor | Variable)[],
    outputGradients?: Tensor,
  ): Tensor | null | (Tensor | null)[] {
    if (this.used && !this.persistent) {
      throw new ValueError(
        "A non-persistent GradientTape can only compute one gradient. Create it with { persistent: true } to call gradient() several times.",
      );
    }
    this.used = true;
    const grads = this.stopRecording(() => this.backprop(target, outputGradients));
    const one = (s: Tensor | Variable): Tensor | null => {
      if (s instanceof Variable) {
        let total: Tensor | null = null;
        for (const read of this.variableReads.get(s) ?? []) {
          const g = grads.get(read);
          if (g) total = total ? add(total, g) : g;
        }
        return total;
      }
      return grads.get(s) ?? null;
    };
    return Array.isArray(sources) ? sources.map(one) : one(sources as Tensor | Variable);
  }

  private backprop(target: Tensor, outputGradients?: Tensor): Map<Tensor, Tensor> {
    const grads = new Map<Tensor, Tensor>();
    if (!this.tracked.has(target)) return grads;
    grads.set(target, outputGradients ?? onesLike(target));
    // Plain loops: this runs once per recorded op of every training step.
    for (let r = this.records.length - 1; r >= 0; r--) {
      const { inputs, outputs, backward } = this.records[r]!;
      let dys: Tensor[] | null = null;
      for (let i = 0; i < outputs.length; i++) {
        const g = grads.get(outputs[i]!);
        if (g === undefined) continue;
        dys ??= new Array<Tensor>(outputs.length);
        dys[i] = g;
      }
      if (dys === null) continue;
      for (let i = 0; i < outputs.length; i++) dys[i] ??= zerosLike(outputs[i]!);
      const needed: boolean[] = [];
      for (const x of inputs) needed.push(this.tracked.has(x) && isFloat(x.dtype));
      const dxs = backward(dys, needed);
      for (let i = 0; i < inputs.length; i++) {
        const g = dxs[i];
        if (!g || !needed[i]) continue;
        const x = inputs[i]!;
        let reduced = unbroadcast(g as Tensor, x.shape);
        if (reduced.dtype !== x.dtype) reduced = cast(reduced, x.dtype);
        const prev = grads.get(x);
        grads.set(x, prev ? add(prev, reduced) : reduced);
      }
    }
    return grads;
  }
}
