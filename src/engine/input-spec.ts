/**
 * `InputSpec`: what a layer expects of each input (rank, axis sizes, dtype, shape), checked on every
 * call with Keras's error messages.
 */
import type { DType } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import { formatShape, type SymbolicShape } from "../core/shape.js";
import type { AnyTensor } from "../core/symbolic.js";
import { IncompatibleInputError } from "./errors.js";

/** Options of `InputSpec`, as in Keras (camelCase). */
export interface InputSpecArgs {
  dtype?: DType | null;
  /** Full expected shape including the batch dimension; `null` matches any size. Sets `ndim`. */
  shape?: SymbolicShape | null;
  ndim?: number | null;
  maxNdim?: number | null;
  minNdim?: number | null;
  /** Axis → expected size, e.g. `{ [-1]: 784 }`. */
  axes?: Record<number, number | null> | null;
  /** Accept rank N+1 inputs whose last axis is 1, and rank N-1 inputs when the spec's last axis is 1. */
  allowLastAxisSqueeze?: boolean;
  /** Expected key of this input when inputs are passed as a record. */
  name?: string | null;
  optional?: boolean;
}

/**
 * Specifies the rank, dtype and shape of an input of a layer. Layers set `this.inputSpec`; `apply`
 * checks every input against it.
 *
 * @example
 * ```ts
 * this.inputSpec = new InputSpec({ minNdim: 2, axes: { [-1]: 784 } });
 * ```
 */
export class InputSpec {
  readonly dtype: DType | null;
  readonly shape: SymbolicShape | null;
  readonly ndim: number | null;
  readonly maxNdim: number | null;
  readonly minNdim: number | null;
  readonly axes: Record<number, number | null>;
  readonly allowLastAxisSqueeze: boolean;
  readonly name: string | null;
  readonly optional: boolean;

  constructor(args: InputSpecArgs = {}) {
    this.dtype = args.dtype ?? null;
    this.shape = args.shape ? [...args.shape] : null;
    this.ndim = this.shape ? this.shape.length : (args.ndim ?? null);
    this.maxNdim = args.maxNdim ?? null;
    this.minNdim = args.minNdim ?? null;
    this.axes = { ...(args.axes ?? {}) };
    this.allowLastAxisSqueeze = args.allowLastAxisSqueeze ?? false;
    this.name = args.name ?? null;
    this.optional = args.optional ?? false;
    const keys = Object.keys(this.axes).map(Number);
    const limit = this.ndim ?? this.maxNdim;
    if (keys.length && limit !== null && Math.max(...keys) > limit - 1) {
      throw new ValueError(
        `Axis ${Math.max(...keys)} is greater than the maximum allowed value: ${limit - 1}`,
      );
    }
  }

  toString(): string {
    const parts: string[] = [];
    if (this.dtype) parts.push(`dtype=${this.dtype}`);
    if (this.shape) parts.push(`shape=${formatShape(this.shape)}`);
    if (this.ndim !== null) parts.push(`ndim=${this.ndim}`);
    if (this.maxNdim !== null) parts.push(`maxNdim=${this.maxNdim}`);
    if (this.minNdim !== null) parts.push(`minNdim=${this.minNdim}`);
    if (Object.keys(this.axes).length) parts.push(`axes=${JSON.stringify(this.axes)}`);
    return `InputSpec(${parts.join(", ")})`;
  }

  getConfig(): Record<string, unknown> {
    return {
      dtype: this.dtype,
      shape: this.shape,
      ndim: this.ndim,
      maxNdim: this.maxNdim,
      minNdim: this.minNdim,
      axes: this.axes,
      optional: this.optional,
    };
  }

  static fromConfig(config: Record<string, unknown>): InputSpec {
    return new InputSpec(config as InputSpecArgs);
  }
}

function fail(layer: string, index: number, shape: SymbolicShape, what: string, hint = ""): never {
  throw new IncompatibleInputError(
    `Input ${index} of layer "${layer}" is incompatible with the layer: ${what}${hint}`,
    layer,
    index,
    shape,
  );
}

function flattenHint(spec: InputSpec, rank: number): string {
  const expectedRank = spec.ndim ?? spec.minNdim;
  return expectedRank !== null && rank > expectedRank ? ". Did you forget a Flatten layer?" : "";
}

/** Checks one input against one spec. */
export function checkInputSpec(spec: InputSpec, x: AnyTensor, index: number, layer: string): void {
  let shape: SymbolicShape = x.shape;
  const rank = shape.length;
  if (spec.ndim !== null && !spec.allowLastAxisSqueeze && rank !== spec.ndim) {
    fail(
      layer,
      index,
      shape,
      `expected ndim=${spec.ndim}, found ndim=${rank}. Full shape received: ${formatShape(x.shape)}`,
      flattenHint(spec, rank),
    );
  }
  if (spec.maxNdim !== null && rank > spec.maxNdim) {
    fail(
      layer,
      index,
      shape,
      `expected max_ndim=${spec.maxNdim}, found ndim=${rank}. Full shape received: ${formatShape(x.shape)}`,
    );
  }
  if (spec.minNdim !== null && rank < spec.minNdim) {
    fail(
      layer,
      index,
      shape,
      `expected min_ndim=${spec.minNdim}, found ndim=${rank}. Full shape received: ${formatShape(x.shape)}`,
    );
  }
  if (spec.dtype !== null && x.dtype !== spec.dtype) {
    fail(layer, index, shape, `expected dtype=${spec.dtype}, found dtype=${x.dtype}`);
  }
  for (const [key, value] of Object.entries(spec.axes)) {
    const axis = Number(key);
    if (value === null) continue;
    if (axis < -rank || axis >= rank) {
      fail(
        layer,
        index,
        shape,
        `axis ${axis} is out of bounds for an input with ndim=${rank}. Full shape received: ${formatShape(x.shape)}`,
      );
    }
    const dim = shape[axis < 0 ? axis + rank : axis]!;
    if (dim !== null && dim !== value) {
      fail(
        layer,
        index,
        shape,
        `expected axis ${axis} of input shape to have value ${value}, but received input with shape ${formatShape(x.shape)}`,
        flattenHint(spec, rank),
      );
    }
  }
  if (spec.shape !== null) {
    let specShape = spec.shape;
    if (spec.allowLastAxisSqueeze) {
      if (shape.length === specShape.length + 1 && shape[shape.length - 1] === 1) shape = shape.slice(0, -1);
      else if (specShape.length === shape.length + 1 && specShape[specShape.length - 1] === 1)
        specShape = specShape.slice(0, -1);
    }
    const n = Math.min(specShape.length, shape.length);
    for (let i = 0; i < n; i++) {
      const s = specShape[i]!;
      const d = shape[i]!;
      if (s !== null && d !== null && s !== d) {
        fail(
          layer,
          index,
          x.shape,
          `expected shape=${formatShape(spec.shape)}, found shape=${formatShape(x.shape)}`,
        );
      }
    }
  }
}

/**
 * Checks inputs (already flattened, or a record when the specs have names) against a layer's spec(s).
 * @throws ValueError on a wrong number of inputs; IncompatibleInputError on a mismatch.
 *
 * @example
 * ```ts
 * assertInputCompatibility(new InputSpec({ ndim: 2 }), [x], "dense");
 * ```
 */
export function assertInputCompatibility(
  inputSpec: InputSpec | readonly InputSpec[] | null,
  inputs: readonly AnyTensor[] | Record<string, AnyTensor>,
  layer: string,
): void {
  if (!inputSpec) return;
  const specs = inputSpec instanceof InputSpec ? [inputSpec] : inputSpec;
  if (specs.length === 0) return;
  let flat: readonly AnyTensor[];
  if (Array.isArray(inputs)) flat = inputs;
  else {
    const record = inputs as Record<string, AnyTensor>;
    const names = specs.map((s) => s.name);
    if (names.every((n): n is string => n !== null)) {
      flat = names.map((name) => {
        const x = record[name];
        if (x === undefined) {
          throw new ValueError(
            `Missing data for input "${name}". You passed a data dictionary with keys ${JSON.stringify(Object.keys(record))}. ` +
              `Expected the following keys: ${JSON.stringify(names)}`,
          );
        }
        return x;
      });
    } else flat = Object.values(record);
  }
  if (flat.length !== specs.length) {
    throw new ValueError(
      `Layer "${layer}" expects ${specs.length} input(s), but it received ${flat.length} input tensors. ` +
        `Inputs received: [${flat.map(String).join(", ")}]`,
      { layer, expected: specs.length, received: flat.length },
    );
  }
  flat.forEach((x, i) => checkInputSpec(specs[i]!, x, i, layer));
}
