/** Reference kernels for slice, concat and pad. */
import type { TypedArray } from "../../core/dtype.js";
import type { Shape } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";

export function slice(_x: TensorData, _begin: readonly number[], _size: Shape, _strides: readonly number[]): TypedArray {
  throw new Error("slice: not yet implemented in the js backend");
}
export function concat(_xs: readonly TensorData[], _axis: number, _outShape: Shape): TypedArray {
  throw new Error("concat: not yet implemented in the js backend");
}
export function pad(_x: TensorData, _paddings: readonly (readonly [number, number])[], _value: number): TypedArray {
  throw new Error("pad: not yet implemented in the js backend");
}
