/** Reference kernels for gather, scatter-add, sort and top-k. */
import type { TypedArray } from "../../core/dtype.js";
import type { Shape } from "../../core/shape.js";
import type { TensorData } from "../../core/tensor.js";

export function gather(_x: TensorData, _indices: TensorData, _axis: number, _outShape: Shape): TypedArray {
  throw new Error("gather: not yet implemented in the js backend");
}
export function scatterAdd(_u: TensorData, _indices: TensorData, _axis: number, _outShape: Shape): TypedArray {
  throw new Error("scatterAdd: not yet implemented in the js backend");
}
export function sort(_x: TensorData, _descending: boolean): [TypedArray, Int32Array] {
  throw new Error("sort: not yet implemented in the js backend");
}
export function topK(_x: TensorData, _k: number): [TypedArray, Int32Array] {
  throw new Error("topK: not yet implemented in the js backend");
}
