/**
 * Structures of tensors (a tensor, an array, or a record, nested) as layers receive and return them:
 * flattening to a list and packing a list back into the same structure.
 */
import { ValueError } from "../core/errors.js";
import type { SymbolicShape } from "../core/shape.js";
import { SymbolicTensor, type AnyTensor } from "../core/symbolic.js";
import { Tensor } from "../core/tensor.js";
import { Variable } from "../core/variable.js";
import { convertToTensor } from "../ops/convert.js";

/** A tensor, or arrays and records of them (nested). */
export type TensorStructure<T = AnyTensor> =
  T | readonly TensorStructure<T>[] | { readonly [key: string]: TensorStructure<T> };

/** Whether `x` is an eager or symbolic tensor. */
export function isTensor(x: unknown): x is AnyTensor {
  return x instanceof Tensor || x instanceof SymbolicTensor;
}

/** Whether `x` is a plain object (a record), not a class instance. */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== "object" || x === null) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Describes a non-tensor value for error messages: `3 (a number)`. */
export function describeValue(x: unknown): string {
  if (x === null) return "null";
  if (x === undefined) return "undefined";
  if (typeof x === "number") return `${x} (a number)`;
  if (typeof x === "boolean") return `${x} (a boolean)`;
  if (typeof x === "string") return `"${x}" (a string)`;
  if (Array.isArray(x)) {
    const text = JSON.stringify(x);
    return `${text && text.length > 60 ? text.slice(0, 57) + "..." : text} (a plain array; convert it with keras.tensor(...) first)`;
  }
  if (typeof x === "function") return "a function";
  return `an object of type ${(x as object).constructor?.name ?? "Object"}`;
}

/**
 * Flattens a structure into its tensors, in order (records in key insertion order). Variables become
 * their current value. Throws `ValueError` naming `owner` on any leaf that is not a tensor.
 *
 * @example
 * ```ts
 * const { flat, pack } = flattenStructure({ a: x, b: [y, z] }, "my_layer");
 * pack(flat.map((t) => ops.negative(t))); // { a: -x, b: [-y, -z] }
 * ```
 */
export function flattenStructure(
  structure: unknown,
  owner: string,
  role: "inputs" | "outputs" = "inputs",
): { flat: AnyTensor[]; pack: <T>(values: readonly T[]) => TensorStructure<T> } {
  if (isTensor(structure)) return { flat: [structure], pack: packSingle(owner) }; // the common case
  const flat: AnyTensor[] = [];
  const visit = (x: unknown): ((next: () => unknown) => unknown) => {
    if (isTensor(x)) {
      flat.push(x);
      return (next) => next();
    }
    if (x instanceof Variable) {
      flat.push(convertToTensor(x));
      return (next) => next();
    }
    if (Array.isArray(x) && x.length > 0 && containsTensor(x)) {
      const parts = x.map(visit);
      return (next) => parts.map((p) => p(next));
    }
    if (isPlainObject(x) && Object.keys(x).length > 0) {
      const keys = Object.keys(x);
      const parts = keys.map((k) => visit(x[k]));
      return (next) => Object.fromEntries(keys.map((k, i) => [k, parts[i]!(next)]));
    }
    if (role === "outputs") {
      throw new ValueError(
        `Layer "${owner}": call() must return tensors (or arrays/records of tensors), returned ${describeValue(x)}.`,
        {
          layer: owner,
        },
      );
    }
    throw new ValueError(`Layer "${owner}" expects tensor inputs, received ${describeValue(x)}.`, {
      layer: owner,
      received: x,
    });
  };
  const builder = visit(structure);
  const pack = <T>(values: readonly T[]): TensorStructure<T> => {
    if (values.length !== flat.length) {
      throw new ValueError(
        `Layer "${owner}": expected ${flat.length} values to pack, received ${values.length}.`,
      );
    }
    let k = 0;
    return builder(() => values[k++]) as TensorStructure<T>;
  };
  return { flat, pack };
}

/** The `pack` of a lone tensor: one value back as itself. */
function packSingle(owner: string): <T>(values: readonly T[]) => TensorStructure<T> {
  return <T>(values: readonly T[]): TensorStructure<T> => {
    if (values.length !== 1)
      throw new ValueError(`Layer "${owner}": expected 1 values to pack, received ${values.length}.`);
    return values[0]!;
  };
}

function containsTensor(x: unknown): boolean {
  if (isTensor(x) || x instanceof Variable) return true;
  if (Array.isArray(x)) return x.some(containsTensor);
  if (isPlainObject(x)) return Object.values(x).some(containsTensor);
  return false;
}

/** Maps every tensor of a structure (arrays and records rebuilt, other values kept). */
export function mapStructure(structure: unknown, fn: (x: AnyTensor) => unknown): unknown {
  if (isTensor(structure)) return fn(structure);
  if (Array.isArray(structure)) return structure.map((x) => mapStructure(x, fn));
  if (isPlainObject(structure))
    return Object.fromEntries(Object.entries(structure).map(([k, v]) => [k, mapStructure(v, fn)]));
  return structure;
}

/** Whether `x` is a shape: an array of numbers and nulls. */
export function isShape(x: unknown): x is SymbolicShape {
  return Array.isArray(x) && x.every((d) => d === null || typeof d === "number");
}

/** Maps a shape structure (a shape, or arrays/records of shapes) to a structure of values. */
export function mapShapes(shapes: unknown, fn: (shape: SymbolicShape) => unknown): unknown {
  if (isShape(shapes)) return fn(shapes);
  if (Array.isArray(shapes)) return shapes.map((s) => mapShapes(s, fn));
  if (isPlainObject(shapes))
    return Object.fromEntries(Object.entries(shapes).map(([k, v]) => [k, mapShapes(v, fn)]));
  throw new ValueError(
    `Expected a shape (an array of numbers and nulls) or arrays/records of shapes, received ${JSON.stringify(shapes)}.`,
  );
}

/** Shapes of a structure's tensors, in the same structure (what `build` receives). */
export function shapesOf(structure: unknown): unknown {
  return mapStructure(structure, (x) => [...x.shape]);
}
