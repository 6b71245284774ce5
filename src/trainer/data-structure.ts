/**
 * Turns what users pass as `x`, `y` or `sampleWeight` (a tensor, a TypedArray, nested arrays, or an
 * array / record of those for several inputs or outputs) into a flat list of eager tensors plus the
 * way to pack batches back into the structure the model expects.
 */
import type { TypedArray } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import { isSymbolic } from "../core/symbolic.js";
import { Tensor } from "../core/tensor.js";
import { Variable } from "../core/variable.js";
import type { Model } from "../engine/model.js";
import { isPlainObject } from "../engine/structure.js";
import { convertToTensor, type TensorLike } from "../ops/convert.js";

/** Data as `fit` / `evaluate` / `predict` accept it for one of x, y, sampleWeight. */
export type ArrayLike = TensorLike | readonly TensorLike[] | Readonly<Record<string, TensorLike>>;

/** A flattened structure: its tensors and how to pack batch tensors back. */
export interface FlatData {
  readonly flat: Tensor[];
  readonly kind: "single" | "array" | "record";
  readonly keys: readonly string[];
}

/**
 * Packs tensors back into the structure of `data`.
 *
 * @example
 * ```ts
 * packLike({ flat: [a], kind: "single", keys: [] }, [b]); // b
 * ```
 */
export function packLike(data: FlatData, tensors: readonly Tensor[]): unknown {
  if (data.kind === "single") return tensors[0];
  if (data.kind === "array") return [...tensors];
  return Object.fromEntries(data.keys.map((k, i) => [k, tensors[i]]));
}

function isTypedArray(x: unknown): x is TypedArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

function isLeaf(x: unknown): boolean {
  return x instanceof Tensor || x instanceof Variable || isTypedArray(x);
}

/** The model's declared input shapes (without the batch axis), when it has a graph. */
function modelInputShapes(model: Model | null): (readonly (number | null)[])[] | null {
  const graph = model?._graph;
  if (!graph) return null;
  return graph.inputs.map((t) => t.shape.slice(1));
}

function leafToTensor(
  value: unknown,
  rowShape: readonly (number | null)[] | undefined,
  what: string,
): Tensor {
  if (isSymbolic(value as Tensor))
    throw new ValueError(`\`${what}\` must hold concrete data, received a symbolic tensor ${String(value)}.`);
  if (isTypedArray(value)) {
    // A flat TypedArray: its rows take the model's input shape (as a view, without copying).
    if (rowShape && rowShape.length > 0 && rowShape.every((d) => d !== null)) {
      const rowSize = (rowShape as number[]).reduce((a, b) => a * b, 1);
      if (value.length % rowSize !== 0)
        throw new ValueError(
          `\`${what}\`: a TypedArray of ${value.length} values cannot be split into rows of shape ` +
            `(${rowShape.join(", ")}) (${rowSize} values each).`,
        );
      const t = convertToTensor(value);
      return new Tensor(t.values, [value.length / rowSize, ...(rowShape as number[])], t.dtype);
    }
    return convertToTensor(value);
  }
  try {
    return convertToTensor(value as TensorLike);
  } catch (e) {
    throw new ValueError(
      `Could not convert \`${what}\` to a tensor: ${(e as Error).message} Pass tensors, TypedArrays, nested ` +
        `arrays, or an array / record of them for a model with several inputs or outputs.`,
    );
  }
}

/**
 * Flattens `x`, `y` or `sampleWeight` into tensors. An array whose items are tensors or TypedArrays
 * (or, for a model with several inputs, an array of that many items) is a list of inputs; other
 * arrays are nested-array data for one tensor.
 *
 * @example
 * ```ts
 * flattenData(model, xTrain, "x").flat[0].shape; // [60000, 28, 28]
 * ```
 */
export function flattenData(
  model: Model | null,
  value: unknown,
  what: string,
  useInputShapes = false,
): FlatData {
  const shapes = useInputShapes ? modelInputShapes(model) : null;
  if (isPlainObject(value) && !(value instanceof Tensor)) {
    const keys = Object.keys(value);
    const names = model?._graph?.inputs.map((t) => t.name) ?? [];
    const flat = keys.map((k) => {
      const idx = names.indexOf(k);
      return leafToTensor(value[k], idx >= 0 ? shapes?.[idx] : undefined, `${what}["${k}"]`);
    });
    return { flat, kind: "record", keys };
  }
  if (Array.isArray(value)) {
    const nInputs = shapes?.length ?? 0;
    const list = value.length > 0 && (value.some(isLeaf) || (nInputs > 1 && value.length === nInputs));
    if (list) {
      const flat = value.map((v, i) => leafToTensor(v, shapes?.[i], `${what}[${i}]`));
      return { flat, kind: "array", keys: [] };
    }
  }
  return { flat: [leafToTensor(value, shapes?.[0], what)], kind: "single", keys: [] };
}

/**
 * The number of samples, checking that every tensor has the same first dimension (Keras's
 * "Data cardinality is ambiguous" error names each size).
 *
 * @example
 * ```ts
 * checkCardinality([["x", xs.flat], ["y", ys.flat]]); // 60000
 * ```
 */
export function checkCardinality(parts: readonly (readonly [string, FlatData | null])[]): number {
  const sizes: string[] = [];
  const distinct = new Set<number>();
  for (const [name, data] of parts) {
    if (!data) continue;
    data.flat.forEach((t, i) => {
      if (t.rank === 0)
        throw new ValueError(`\`${name}\` must have a batch axis; received a scalar.`, { name });
      const n = t.shape[0]!;
      distinct.add(n);
      sizes.push(`${data.flat.length > 1 ? `${name}[${i}]` : name} sizes: ${n}`);
    });
  }
  if (distinct.size > 1)
    throw new ValueError(
      `Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.\n${sizes.join("\n")}`,
      { sizes: [...distinct] },
    );
  return distinct.size ? [...distinct][0]! : 0;
}
