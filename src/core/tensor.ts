/**
 * The eager tensor: an immutable, row-major, contiguous array of values with a shape and a dtype.
 * Memory belongs to the garbage collector; there is nothing to dispose.
 */
import type { DType, TypedArray } from "./dtype.js";
import { formatTensor } from "./format.js";
import { sizeOf, type Shape } from "./shape.js";

/** Nested JS arrays of numbers or booleans, as accepted and returned by tensors. */
export type NestedArray = number | boolean | readonly NestedArray[];

/** The raw view of a tensor that backends read: values, shape, dtype. */
export interface TensorData {
  readonly values: TypedArray;
  readonly shape: Shape;
  readonly dtype: DType;
}

/**
 * An eager tensor. Create one with `keras.ops.convertToTensor`, `keras.tensor`, or any op.
 *
 * @example
 * ```ts
 * const x = keras.tensor([[1, 2], [3, 4]]);
 * x.shape;        // [2, 2]
 * x.dtype;        // "float32"
 * x.arraySync();  // [[1, 2], [3, 4]]
 * ```
 */
export class Tensor implements TensorData {
  /** Set by the front end; distinguishes eager from symbolic tensors at run time. */
  readonly isSymbolic = false;
  readonly size: number;

  /** Wraps `values` (not copied: callers hand over ownership) as a tensor of `shape` and `dtype`. */
  constructor(
    readonly values: TypedArray,
    readonly shape: Shape,
    readonly dtype: DType,
  ) {
    this.size = sizeOf(shape);
  }

  get rank(): number {
    return this.shape.length;
  }

  /** A copy of the values, synchronously. */
  dataSync(): TypedArray {
    return this.values.slice();
  }

  /** A copy of the values (async for API parity with TF.js and future device backends). */
  async data(): Promise<TypedArray> {
    return this.dataSync();
  }

  /** The values as nested JS arrays (booleans for bool tensors); a scalar gives a number. */
  arraySync(): NestedArray {
    const toValue = this.dtype === "bool" ? (v: number) => v !== 0 : (v: number) => v;
    const build = (dim: number, offset: number): NestedArray => {
      if (dim === this.shape.length) return toValue(this.values[offset]!);
      const n = this.shape[dim]!;
      const step = sizeOf(this.shape.slice(dim + 1));
      const out: NestedArray[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = build(dim + 1, offset + i * step);
      return out;
    };
    return build(0, 0);
  }

  async array(): Promise<NestedArray> {
    return this.arraySync();
  }

  /** The single value of a one-element tensor. */
  item(): number | boolean {
    if (this.size !== 1)
      throw new Error(`item() needs a tensor with one element, this one has ${this.size}.`);
    return this.dtype === "bool" ? this.values[0] !== 0 : this.values[0]!;
  }

  /** NumPy-like text: `tf.Tensor(...)`-free, e.g. `[[1, 2],\n [3, 4]]` plus shape and dtype. */
  toString(): string {
    return formatTensor(this);
  }

  /** Prints `toString()` to the console. */
  print(): void {
    console.log(this.toString());
  }
}
