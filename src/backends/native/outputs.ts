/**
 * Output arrays of the native ops, and the switches tests flip on them: the `SMALL` size below
 * which an op runs its js kernel instead, the NaN poisoning of uninitialized outputs, and the
 * allocators (uninitialized float memory, a caller's reusable output, a copy's output).
 * `SMALL` and `poisonOutputs` are live bindings: the setters here change them for every op module.
 */
import { allocArray, type DType, type TypedArray } from "../../core/dtype.js";
import type { TensorData } from "../../core/tensor.js";
import type { FloatArray } from "./operands.js";

/**
 * Below this many output elements the elementwise kernels run in js: crossing into C++ and
 * describing the broadcast costs more than the loop itself (results are the same either way).
 */
export let SMALL = 2048;

/**
 * @internal Sets the size below which elementwise kernels run in js (tests set 0 to exercise the
 * native kernels on small inputs).
 */
export function setNativeSmallThreshold(elements: number): void {
  SMALL = elements;
}

/** Node's Buffer, when present: the source of uninitialized output memory. */
const NodeBuffer = (globalThis as { Buffer?: { allocUnsafeSlow(bytes: number): Uint8Array } }).Buffer;
/** Whether uninitialized outputs are poisoned first (NaN; -1 for int32 index outputs). */
export let poisonOutputs = false;

/**
 * @internal Fills every uninitialized output with NaN before the kernel runs (tests turn it on, so
 * that a kernel that leaves an element unwritten fails instead of reading stale memory).
 */
export function setNativePoisonOutputs(on: boolean): void {
  poisonOutputs = on;
}

/**
 * An output array the kernel overwrites completely. Large float outputs skip the zero fill that
 * `new Float32Array(n)` does (a 1 MB weight gradient per step would otherwise pay for it).
 */
export function allocOutput(dtype: DType, n: number): TypedArray {
  if (n < 1024 || !NodeBuffer || (dtype !== "float32" && dtype !== "float64"))
    return allocArray(dtype, n, true);
  const bytes = NodeBuffer.allocUnsafeSlow(n * (dtype === "float32" ? 4 : 8));
  const out =
    dtype === "float32"
      ? new Float32Array(bytes.buffer, bytes.byteOffset, n)
      : new Float64Array(bytes.buffer, bytes.byteOffset, n);
  if (poisonOutputs) out.fill(NaN);
  return out;
}

/** `into` when it is an array of `like`'s type and `n` elements (a caller's reusable output), else undefined. */
export function fits(into: TypedArray | undefined, like: TypedArray, n: number): FloatArray | undefined {
  return into?.length === n && into.constructor === like.constructor ? (into as FloatArray) : undefined;
}

/** An output for a copy of `x`'s elements: the same array type, or undefined (then js runs). */
export function copyOutput(x: TensorData, n: number): TypedArray | undefined {
  const out = allocOutput(x.dtype, n);
  return out.constructor === x.values.constructor ? out : undefined;
}
