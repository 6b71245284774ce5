/** Reference kernels for argmax/argmin and cumulative sums/products. */
import type { TypedArray } from "../../core/dtype.js";
import type { TensorData } from "../../core/tensor.js";

export function argReduce(_op: "argmax" | "argmin", _x: TensorData, _axis: number): Int32Array {
  throw new Error("argReduce: not yet implemented in the js backend");
}

export function cumulative(_op: "sum" | "prod", _x: TensorData, _axis: number, _exclusive: boolean, _reverse: boolean): TypedArray {
  throw new Error("cumulative: not yet implemented in the js backend");
}
