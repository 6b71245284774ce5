/**
 * Turning user values (tensors, variables, numbers, nested arrays, TypedArrays) into tensors.
 */
import {
  allocArray,
  checkDType,
  dtypeOfArray,
  FLOATX,
  isFloat,
  promoteTypes,
  weakScalarDType,
  type DType,
  type TypedArray,
} from "../core/dtype.js";
import { DTypeError, ShapeError, ValueError } from "../core/errors.js";
import { formatShape } from "../core/shape.js";
import { isSymbolic, SymbolicTensor, type AnyTensor } from "../core/symbolic.js";
import { Tensor, type NestedArray } from "../core/tensor.js";
import { setVariableValueCaster, Variable } from "../core/variable.js";
import { noteVariableRead } from "../autodiff/tape.js";
import { backend } from "../backends/registry.js";
import { cast } from "./cast.js";

/** Anything an op accepts as an eager input. */
export type TensorLike = Tensor | Variable | number | boolean | NestedArray | TypedArray;
/** Anything an op accepts, eager or symbolic. */
export type OpInput = TensorLike | SymbolicTensor;

/** Output type of an op given its input types: eager in → `Tensor`, symbolic in → `SymbolicTensor`. */
export type OpResult<T> = [T] extends [TensorLike]
  ? Tensor
  : [T] extends [SymbolicTensor | number | boolean]
    ? SymbolicTensor
    : AnyTensor;

function isTypedArray(x: unknown): x is TypedArray {
  return (
    x instanceof Float32Array ||
    x instanceof Float64Array ||
    x instanceof Int32Array ||
    x instanceof Uint8Array
  );
}

/** Casts a tensor's storage to another dtype (no autodiff; the `cast` op wraps this). */
export function castValues(x: Tensor, dtype: DType): Tensor {
  return x.dtype === dtype ? x : new Tensor(backend().cast(x, dtype), x.shape, dtype);
}

/** Infers the shape of a nested array, throwing a ShapeError on ragged input. */
function nestedShape(value: NestedArray): number[] {
  const shape: number[] = [];
  let level: NestedArray = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0] as NestedArray;
  }
  const check = (node: NestedArray, dim: number, path: number[]) => {
    if (dim === shape.length) {
      if (Array.isArray(node)) throw ragged(path, shape, "an array", "a number");
      if (typeof node !== "number" && typeof node !== "boolean") {
        throw new ValueError(
          `Cannot convert ${JSON.stringify(node)} at index [${path.join("][")}] to a tensor: expected a number or boolean.`,
        );
      }
      return;
    }
    if (!Array.isArray(node)) throw ragged(path, shape, "a scalar", `an array of length ${shape[dim]}`);
    if (node.length !== shape[dim])
      throw ragged(path, shape, `length ${node.length}`, `length ${shape[dim]}`);
    for (let i = 0; i < node.length; i++) check(node[i] as NestedArray, dim + 1, [...path, i]);
  };
  check(value, 0, []);
  return shape;
}

function ragged(path: number[], shape: number[], got: string, want: string): ShapeError {
  const where = path.length ? `at index [${path.join("][")}]` : "at the top level";
  return new ShapeError(
    `Cannot convert a ragged nested array to a tensor: ${where} found ${got}, expected ${want} ` +
      `(the first elements give shape ${formatShape(shape)}). Every row must have the same length.`,
    { op: "convertToTensor", shapes: [shape] },
  );
}

function flatten(value: NestedArray, out: number[]): void {
  if (Array.isArray(value)) for (const v of value) flatten(v as NestedArray, out);
  else out.push(value === true ? 1 : value === false ? 0 : (value as number));
}

function firstLeaf(value: NestedArray): NestedArray | undefined {
  let v: NestedArray | undefined = value;
  while (Array.isArray(v)) v = v.length ? (v[0] as NestedArray) : undefined;
  return v;
}

/**
 * Converts a value to an eager tensor. Numbers default to float32 (JS cannot tell `1` from `1.0`),
 * booleans to bool; TypedArrays keep their type (Uint8Array → uint8) and become 1-D.
 *
 * @example
 * ```ts
 * keras.ops.convertToTensor([[1, 2], [3, 4]]).shape;          // [2, 2], float32
 * keras.ops.convertToTensor([1, 2], "int32").dtype;           // "int32"
 * keras.ops.convertToTensor(new Int32Array([1, 2, 3])).dtype; // "int32"
 * ```
 */
export function convertToTensor(value: TensorLike, dtype?: DType): Tensor {
  if (dtype !== undefined) checkDType(dtype);
  let t: Tensor;
  if (value instanceof Tensor) t = value;
  else if (value instanceof Variable) {
    t = value.value;
    noteVariableRead(value, t);
  } else if (isSymbolic(value)) {
    throw new ValueError(`Expected a concrete tensor, received symbolic ${String(value)}.`);
  } else if (isTypedArray(value)) {
    t = new Tensor(value.slice(), [value.length], dtypeOfArray(value));
  } else if (typeof value === "number" || typeof value === "boolean") {
    const dt = dtype ?? (typeof value === "boolean" ? "bool" : FLOATX);
    const arr = allocArray(dt, 1);
    arr[0] = Number(value);
    return new Tensor(arr, [], dt);
  } else if (Array.isArray(value)) {
    const shape = nestedShape(value);
    const flat: number[] = [];
    flatten(value, flat);
    const dt = dtype ?? (typeof firstLeaf(value) === "boolean" ? "bool" : FLOATX);
    const arr = allocArray(dt, flat.length);
    arr.set(flat);
    return new Tensor(arr, shape, dt);
  } else {
    throw new ValueError(
      `Cannot convert ${describe(value)} to a tensor. Expected a Tensor, Variable, number, boolean, nested array or TypedArray.`,
    );
  }
  return dtype !== undefined && t.dtype !== dtype ? castValues(t, dtype) : t;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "object") return `an object of type ${value.constructor?.name ?? "Object"}`;
  return `${typeof value} ${String(value)}`;
}

/** Converts an op input that may be symbolic; numbers and booleans become tensors of `dtype`. */
export function toOpTensor(x: OpInput, dtype?: DType): AnyTensor {
  if (isSymbolic(x)) return x;
  return convertToTensor(x, dtype);
}

function isScalarLiteral(x: OpInput): x is number | boolean {
  return typeof x === "number" || typeof x === "boolean";
}

/** Dtype of an op input that already carries one (tensors, variables, symbolic tensors, TypedArrays). */
function strongDType(x: OpInput): DType | undefined {
  if (x instanceof Tensor || x instanceof Variable || isSymbolic(x)) return x.dtype;
  if (isTypedArray(x)) return dtypeOfArray(x);
  return undefined;
}

/**
 * Converts several inputs to one common dtype by Keras's promotion rules, with JS numbers as weak
 * scalars (they adopt the tensors' dtype instead of widening it).
 */
export function promoteInputs(inputs: readonly OpInput[], op: string): AnyTensor[] {
  let strong: DType | undefined;
  for (const x of inputs) {
    const dt = strongDType(x);
    if (dt !== undefined) strong = strong === undefined ? dt : promoteTypes(strong, dt);
  }
  let common = strong;
  for (const x of inputs)
    if (isScalarLiteral(x)) {
      const dt = weakScalarDType(x, strong);
      common = common === undefined ? dt : promoteTypes(common, dt);
    }
  if (common === undefined) {
    // Nested arrays only: convert each and promote.
    const converted = inputs.map((x) => toOpTensor(x));
    common = converted.map((t) => t.dtype).reduce(promoteTypes);
    return converted.map((t) => (t.dtype === common ? t : castAny(t, common!, op)));
  }
  return inputs.map((x) => {
    const t = toOpTensor(x, isScalarLiteral(x) || Array.isArray(x) ? common : undefined);
    return t.dtype === common ? t : castAny(t, common!, op);
  });
}

function castAny(x: AnyTensor, dtype: DType, _op: string): AnyTensor {
  return cast(x, dtype);
}

/** Checks that an input has a float dtype, for ops that only make sense on floats. */
export function requireFloat(x: AnyTensor, op: string): void {
  if (!isFloat(x.dtype)) {
    throw new DTypeError(
      `${op} expects a float tensor, received dtype ${x.dtype}. Cast it first: keras.ops.cast(x, "float32").`,
      {
        op,
        dtype: x.dtype,
      },
    );
  }
}

setVariableValueCaster((value, dtype) => {
  const t = value instanceof Variable ? value.value : convertToTensor(value as TensorLike);
  return t.dtype === dtype ? t : castValues(t, dtype);
});
