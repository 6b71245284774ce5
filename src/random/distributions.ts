/**
 * Random tensors: uniform, normal, truncated normal, integers. Each call takes one key from its
 * `seed` (see seed-generator.ts) and reads a Philox stream in row-major order, so results depend
 * only on the seed, never on the backend or the process.
 */
import { allocArray, checkDType, FLOATX, isFloat, type DType, type TypedArray } from "../core/dtype.js";
import { DTypeError, ValueError } from "../core/errors.js";
import { checkShape, sizeOf } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import type { PhiloxStream } from "./philox.js";
import { drawStream, type Seed } from "./seed-generator.js";

/** Options shared by every random function. */
export interface SeedOptions {
  /** An integer (same values at every call), a `SeedGenerator` (advanced by each call), or omitted (global). */
  seed?: Seed;
}

/** Options of `uniform`. */
export interface UniformOptions extends SeedOptions {
  minval?: number;
  maxval?: number;
  dtype?: DType;
}

/** Options of `normal` and `truncatedNormal`. */
export interface NormalOptions extends SeedOptions {
  mean?: number;
  stddev?: number;
  dtype?: DType;
}

/** Options of `randint`. */
export interface RandintOptions extends SeedOptions {
  dtype?: DType;
}

/** Checks that `dtype` (default float32) is a float type, as Keras's float-only random functions require. */
function floatDType(dtype: DType | undefined, op: string): DType {
  const dt = checkDType(dtype ?? FLOATX);
  if (!isFloat(dt)) {
    throw new DTypeError(
      `\`keras.random.${op}\` requires a floating point \`dtype\`. Received: dtype=${dt}.`,
      {
        op,
        dtype: dt,
      },
    );
  }
  return dt;
}

function checkFinite(values: Record<string, number>, op: string): void {
  for (const [name, v] of Object.entries(values)) {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new ValueError(
        `keras.random.${op}: \`${name}\` must be a finite number. Received: ${name}=${String(v)}.`,
        {
          op,
          [name]: v,
        },
      );
    }
  }
}

/** The largest value of a float `dtype` strictly below `x` (steps the bit pattern down one ulp). */
function nextBelow(x: number, dtype: DType): number {
  if (dtype === "float32") {
    const f = Float32Array.of(x);
    if (f[0]! < x) return f[0]!;
    const bits = new Int32Array(f.buffer);
    if (f[0] === 0)
      bits[0] = -2147483647; // -0 with the lowest mantissa bit: the negative subnormal closest to 0
    else bits[0]! += f[0]! > 0 ? -1 : 1;
    return f[0]!;
  }
  if (x === 0) return -Number.MIN_VALUE;
  const f = Float64Array.of(x);
  const bits = new BigInt64Array(f.buffer);
  bits[0]! += x > 0 ? -1n : 1n;
  return f[0]!;
}

/**
 * Uniformly distributed floats in `[minval, maxval)`.
 *
 * @example
 * ```ts
 * keras.random.uniform([2, 3], { minval: -1, maxval: 1, seed: 42 }); // shape [2, 3], float32
 * ```
 */
export function uniform(shape: readonly number[], options: UniformOptions = {}): Tensor {
  const { minval = 0, maxval = 1, seed } = options;
  const dims = checkShape(shape, "keras.random.uniform");
  const dtype = floatDType(options.dtype, "uniform");
  checkFinite({ minval, maxval }, "uniform");
  if (!(minval < maxval)) {
    throw new ValueError(
      `keras.random.uniform: \`minval\` must be less than \`maxval\`. Received: minval=${minval}, maxval=${maxval}.`,
      {
        minval,
        maxval,
      },
    );
  }
  const stream = drawStream(seed);
  const out = allocArray(dtype, sizeOf(dims));
  const span = maxval - minval;
  const top = nextBelow(maxval, dtype);
  for (let i = 0; i < out.length; i++) {
    const u = dtype === "float64" ? stream.nextFloat53() : stream.nextFloat24();
    out[i] = minval + span * u;
    if (out[i]! >= maxval) out[i] = top; // rounding of minval + span * u can reach maxval
  }
  return new Tensor(out, dims, dtype);
}

/** Fills `out` with mean + stddev·z, z standard normal (Box–Muller on 53-bit uniforms, in float64). */
function fillNormal(
  out: TypedArray,
  stream: PhiloxStream,
  mean: number,
  stddev: number,
  bound: number,
): void {
  let i = 0;
  while (i < out.length) {
    const u1 = 1 - stream.nextFloat53(); // in (0, 1], so the log is finite
    const u2 = stream.nextFloat53();
    const r = Math.sqrt(-2 * Math.log(u1));
    const z0 = r * Math.cos(2 * Math.PI * u2);
    const z1 = r * Math.sin(2 * Math.PI * u2);
    if (Math.abs(z0) < bound) out[i++] = mean + stddev * z0;
    if (i < out.length && Math.abs(z1) < bound) out[i++] = mean + stddev * z1;
  }
}

/**
 * Normally distributed floats.
 *
 * @example
 * ```ts
 * keras.random.normal([100], { mean: 0, stddev: 0.05, seed: 1 });
 * ```
 */
export function normal(shape: readonly number[], options: NormalOptions = {}): Tensor {
  const { mean = 0, stddev = 1, seed } = options;
  const dims = checkShape(shape, "keras.random.normal");
  const dtype = floatDType(options.dtype, "normal");
  checkFinite({ mean, stddev }, "normal");
  const stream = drawStream(seed);
  const out = allocArray(dtype, sizeOf(dims));
  fillNormal(out, stream, mean, stddev, Infinity);
  return new Tensor(out, dims, dtype);
}

/**
 * Normally distributed floats with values more than two standard deviations from the mean discarded
 * and re-drawn (Keras's `truncated_normal`).
 *
 * @example
 * ```ts
 * keras.random.truncatedNormal([3, 3], { stddev: 0.1, seed: 7 }); // every |value| < 0.2
 * ```
 */
export function truncatedNormal(shape: readonly number[], options: NormalOptions = {}): Tensor {
  const { mean = 0, stddev = 1, seed } = options;
  const dims = checkShape(shape, "keras.random.truncatedNormal");
  const dtype = floatDType(options.dtype, "truncatedNormal");
  checkFinite({ mean, stddev }, "truncatedNormal");
  const stream = drawStream(seed);
  const out = allocArray(dtype, sizeOf(dims));
  fillNormal(out, stream, mean, stddev, 2);
  return new Tensor(out, dims, dtype);
}

const INT_RANGE: Partial<Record<DType, [number, number]>> = {
  int32: [-2147483648, 2147483648],
  uint8: [0, 256],
};

/**
 * Uniformly distributed integers in `[minval, maxval)`, without modulo bias.
 *
 * @example
 * ```ts
 * keras.random.randint([4], 0, 10, { seed: 3 }); // int32 values in 0..9
 * ```
 */
export function randint(
  shape: readonly number[],
  minval: number,
  maxval: number,
  options: RandintOptions = {},
): Tensor {
  const { dtype = "int32", seed } = options;
  const dims = checkShape(shape, "keras.random.randint");
  const dt = checkDType(dtype);
  if (dt === "bool")
    throw new DTypeError("keras.random.randint cannot produce bool values. Use an int or float dtype.", {
      dtype,
    });
  if (!Number.isSafeInteger(minval) || !Number.isSafeInteger(maxval) || minval >= maxval) {
    throw new ValueError(
      `keras.random.randint: \`minval\` and \`maxval\` must be integers with minval < maxval. Received: minval=${minval}, maxval=${maxval}.`,
      { minval, maxval },
    );
  }
  const range = INT_RANGE[dt];
  if (range && (minval < range[0] || maxval > range[1])) {
    throw new ValueError(
      `keras.random.randint: [${minval}, ${maxval}) does not fit dtype ${dt}, whose range is [${range[0]}, ${range[1]}).`,
      { minval, maxval, dtype: dt },
    );
  }
  const n = maxval - minval;
  if (n > 4294967296) {
    throw new ValueError(`keras.random.randint: maxval - minval must be at most 2^32. Received: ${n}.`, {
      minval,
      maxval,
    });
  }
  const stream = drawStream(seed);
  const out = allocArray(dt, sizeOf(dims));
  for (let i = 0; i < out.length; i++) out[i] = minval + stream.nextBelow(n);
  return new Tensor(out, dims, dt);
}
