/**
 * Data types and their promotion rules (Keras 3's lattice for the dtypes keras-ts supports).
 */
import { DTypeError } from "./errors.js";
import { carveSlab, fitsSlab, MAX_SLAB_ALLOCATION_BYTES, slab } from "./slab.js";

/** The dtypes a tensor can hold. `float64` exists mainly for gradient checks. */
export type DType = "float32" | "float64" | "int32" | "uint8" | "bool";

/** The storage array of each dtype. `bool` is stored as 0/1 bytes. */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** Every dtype name keras-ts accepts. */
export const DTYPES: readonly DType[] = ["float32", "float64", "int32", "uint8", "bool"];

/** Keras's default float type. */
export const FLOATX: DType = "float32";

export function isFloat(dtype: DType): dtype is "float32" | "float64" {
  return dtype === "float32" || dtype === "float64";
}

export function isInt(dtype: DType): boolean {
  return dtype === "int32" || dtype === "uint8";
}

/** Checks a dtype name given by a user, with an error listing the valid ones. */
export function checkDType(dtype: string, where = "dtype"): DType {
  if ((DTYPES as readonly string[]).includes(dtype)) return dtype as DType;
  throw new DTypeError(`Invalid ${where}: received "${dtype}". Expected one of ${DTYPES.join(", ")}.`, {
    received: dtype,
  });
}

/**
 * Allocates a zero-filled storage array of the given dtype. Arrays of 65 bytes to 4 KiB are views
 * of a shared slab (see `slab.ts`): many times cheaper to create than a standalone array.
 * `offHeap`: arrays of 1 to 64 bytes come from the slab too, for arrays that native code will
 * read or write (V8 moves an on-heap array's bytes to a new store the first time native code asks
 * for its address, which costs more than the carving).
 */
export function allocArray(dtype: DType, size: number, offHeap = false): TypedArray {
  const bytes = size * BYTES_PER_ELEMENT[dtype];
  if (!fitsSlab(bytes) && !(offHeap && bytes > 0 && bytes <= MAX_SLAB_ALLOCATION_BYTES))
    return newArray(dtype, size);
  const at = carveSlab(bytes); // first: it may start a new slab
  switch (dtype) {
    case "float32":
      return new Float32Array(slab, at, size);
    case "float64":
      return new Float64Array(slab, at, size);
    case "int32":
      return new Int32Array(slab, at, size);
    case "uint8":
    case "bool":
      return new Uint8Array(slab, at, size);
  }
}

/** Bytes of one element of each dtype's storage array. */
export const BYTES_PER_ELEMENT: Readonly<Record<DType, number>> = {
  float32: 4,
  float64: 8,
  int32: 4,
  uint8: 1,
  bool: 1,
};

function newArray(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case "float32":
      return new Float32Array(size);
    case "float64":
      return new Float64Array(size);
    case "int32":
      return new Int32Array(size);
    case "uint8":
    case "bool":
      return new Uint8Array(size);
  }
}

/** The dtype whose storage matches a TypedArray (Uint8Array maps to uint8). */
export function dtypeOfArray(values: TypedArray): DType {
  if (values instanceof Float32Array) return "float32";
  if (values instanceof Float64Array) return "float64";
  if (values instanceof Int32Array) return "int32";
  return "uint8";
}

const RANK: Record<DType, number> = { bool: 0, uint8: 1, int32: 2, float32: 3, float64: 4 };

/** Result dtype of combining two dtypes (bool < uint8 < int32 < float32 < float64). */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * Dtype that a plain JS number or boolean takes next to tensors of dtype `strong` ("weak" scalars,
 * as Python numbers in Keras): floats keep the tensor's float type; an integer keeps an int type;
 * a fractional number next to ints becomes float32.
 */
export function weakScalarDType(value: number | boolean, strong: DType | undefined): DType {
  if (typeof value === "boolean") return strong ?? "bool";
  const integral = Number.isInteger(value);
  if (strong === undefined) return FLOATX; // JS cannot tell 1 from 1.0: numbers default to floatx (as TF.js)
  if (isFloat(strong)) return strong;
  if (!integral) return FLOATX;
  if (strong === "bool") return "int32";
  if (strong === "uint8" && (value < 0 || value > 255)) return "int32";
  return strong;
}
