/**
 * The types of the native addon: the functions `keras_ts_native.node` exports (`NativeAddon`,
 * one member per N-API function of native/src/binding*.cc, with its contract) and the CPU
 * features it reports. addon.ts loads the addon and re-exports these.
 */
import type { TypedArray } from "../../core/dtype.js";

/** Features of the CPU the addon runs on, and the kernel family it chose from them. */
export interface CpuFeatures {
  avx2: boolean;
  fma: boolean;
  avx512f: boolean;
  /** "avx512", "avx2" or "scalar". */
  kernels: string;
}

type FloatArray = Float32Array | Float64Array;

/** The functions the compiled addon exports (see native/src/binding*.cc). */
export interface NativeAddon {
  /**
   * `out[t] = op(A[t])·op(B[t])` over `out.length / (M·N)` batches, where batch t of A starts at
   * `aOffsets[t]` (null: `t·M·K`) and of B at `bOffsets[t]` (null: `t·K·N`). Float32 or float64.
   */
  matmul(
    a: Float32Array | Float64Array,
    b: Float32Array | Float64Array,
    out: Float32Array | Float64Array,
    M: number,
    N: number,
    K: number,
    transposeA: boolean,
    transposeB: boolean,
    aOffsets: Float64Array | null,
    bOffsets: Float64Array | null,
  ): void;
  /**
   * `out[i] = op(x[i])` for i < out.length, computed as the js kernel computes it (in double, stored
   * with TypedArray conversion); op indexes `NATIVE_UNARY` (op-codes.ts), `param` is leakyRelu's slope
   * or elu's alpha. x: a Float32/Float64/Int32/Uint8Array; out: a Uint8Array for the bool ops
   * (logicalNot, isnan, isinf, isfinite), else an array of x's type.
   */
  unary(op: number, x: TypedArray, out: TypedArray, param?: number): void;
  /**
   * `out[i] = op(a[Σ i_k·aStrides[k]], b[Σ i_k·bStrides[k]])` over the row-major index space `n`
   * (out contiguous, of out.length = Π n); `plan` is `[rank (≤ 8), ...n, ...aStrides,
   * ...bStrides]` (strides ≥ 0, in elements). op indexes `NATIVE_BINARY`; `mode` picks the js
   * kernel's variant for the output dtype: 0 plain, 1 integer output (division and mod by zero give
   * 0, int32 products wrap), 2 bool output of an arithmetic op (`result != 0`); float outputs take
   * mode 0, int32 outputs mode 1. a and b: the same Float32/Float64/Int32/Uint8Array type; out: a
   * Uint8Array for comparisons and logical ops, else that type. Throws (a RangeError) when the plan
   * reads outside a or b.
   */
  binary(op: number, mode: number, a: TypedArray, b: TypedArray, out: TypedArray, plan: Float64Array): void;
  /**
   * `x` (contiguous, row-major of dims `n`) reduced over the axes whose `kept` flag is 0 into `out`
   * (the kept axes, in order), accumulating in double in row-major order of the reduced elements
   * (the js kernel's order); `plan` is `[rank (≤ 8), ...n, ...kept]`. op indexes `NATIVE_REDUCE`.
   * x and out: Float32/Float64/Int32/Uint8Array, of any combination.
   */
  reduce(op: number, x: TypedArray, out: TypedArray, plan: Float64Array): void;
  /** `out[i·N + j] = cond[…] ? a[…] : b[…]`, each operand a 2-D strided view (si, sj). */
  where(
    cond: Uint8Array,
    a: Float32Array | Float64Array,
    b: Float32Array | Float64Array,
    out: Float32Array | Float64Array,
    M: number,
    N: number,
    csi: number,
    csj: number,
    asi: number,
    asj: number,
    bsi: number,
    bsj: number,
  ): void;
  /**
   * For every index i of `plan`'s space, `dst[dstBase + Σ i_k·dstStrides[k]] = src[srcBase + Σ
   * i_k·srcStrides[k]]`, moving bits. `plan` is `[rank (≤ 8), srcBase, dstBase, ...n, ...srcStrides,
   * ...dstStrides]`, strides in elements (zero and negative allowed). src and dst: the same 1-, 4-
   * or 8-byte TypedArray type, not overlapping. False, with nothing written, when the plan reaches
   * outside src or dst.
   */
  copyStrided(src: TypedArray, dst: TypedArray, plan: Float64Array): boolean;
  /**
   * `out[o, j, i] = x[o, indices[j], i]`, x viewed as [outer, n, inner]; x and out of the same
   * TypedArray type. False, with nothing written, when an index lies outside [0, n).
   */
  gather(
    x: TypedArray,
    indices: Int32Array,
    out: TypedArray,
    outer: number,
    n: number,
    inner: number,
  ): boolean;
  /**
   * `out[i] = x[i]` converted as `TypedArray.set` does (to nearest float); x a Float32Array,
   * Float64Array, Int32Array or Uint8Array of another type than out.
   */
  cast(x: TypedArray, out: FloatArray): void;
  /**
   * Softmax (log-softmax when `log`) of each row of `x` viewed as [rows, C] into `out`; rounds as
   * the js kernel with exp/log as the native `unary` computes them (see native/src/rows.h).
   */
  softmaxRows(x: FloatArray, out: FloatArray, rows: number, C: number, log: boolean): void;
  /** Gradient of `softmaxRows` from its output `y` and the output gradient `dy`, into `out`. */
  softmaxGradRows(
    y: FloatArray,
    dy: FloatArray,
    out: FloatArray,
    rows: number,
    C: number,
    log: boolean,
  ): void;
  /**
   * Sparse categorical cross-entropy per row of `pred` ([rows, C]) into `out` ([rows]). False, with
   * nothing written, when a label lies outside [0, C).
   */
  sparseCrossentropy(
    labels: Int32Array,
    pred: FloatArray,
    out: FloatArray,
    rows: number,
    C: number,
    fromLogits: boolean,
  ): boolean;
  /**
   * Gradient of `sparseCrossentropy` with respect to `pred`, scaled per row by `dy` ([rows]), into
   * `out` ([rows, C]). False, with nothing written, when a label lies outside [0, C).
   */
  sparseCrossentropyGrad(
    labels: Int32Array,
    pred: FloatArray,
    dy: FloatArray,
    out: FloatArray,
    rows: number,
    C: number,
    fromLogits: boolean,
  ): boolean;
  /**
   * Index of the max (min when `argmin`) of `x` viewed as [outer, n, inner] along n (n ≥ 1) into
   * `out` (outer·inner): the first occurrence wins; a NaN counts as the extreme.
   */
  argReduce(argmin: boolean, x: FloatArray, out: Int32Array, outer: number, n: number, inner: number): void;
  /**
   * Cumulative sum (product when `prod`) of `x` viewed as [outer, n, inner] along n into `out`, as
   * the js kernel computes it (double accumulator, stored as the TypedArray stores a number).
   * Float32Array, Float64Array, Int32Array or Uint8Array; x and out of the same type.
   */
  cumulative(
    x: TypedArray,
    out: TypedArray,
    outer: number,
    n: number,
    inner: number,
    prod: boolean,
    exclusive: boolean,
    reverse: boolean,
  ): void;
  /**
   * Stable sort of each row of `x` ([rows, n]) in the js order (NaN greatest, −0 ties +0) into
   * `vals`, with source positions in `idx` (both rows·n). x and vals of the same type.
   */
  sortRows(
    x: TypedArray,
    vals: TypedArray,
    idx: Int32Array,
    rows: number,
    n: number,
    descending: boolean,
  ): void;
  /** The first k (≤ n) of each row of `sortRows(descending)`, into `vals` and `idx` ([rows, k]). */
  topK(x: TypedArray, vals: TypedArray, idx: Int32Array, rows: number, n: number, k: number): void;
  /**
   * Zeros of `out` ([outer, n, inner]), then `out[o, indices[j], i] += updates[o, j, i]` in the js
   * order. False, with nothing written, when an index lies outside [0, n).
   */
  scatterAdd(
    updates: TypedArray,
    indices: Int32Array,
    out: TypedArray,
    outer: number,
    n: number,
    inner: number,
  ): boolean;
  /**
   * `out[i] = cond[…] ? a[…] : b[…]` (JS truthiness) over an N-D broadcast; `plan` is
   * `[rank (≤ 8), ...n, ...condStrides, ...aStrides, ...bStrides]` (element strides, ≥ 0), out
   * contiguous. a, b and out: one 1-, 4- or 8-byte TypedArray type, moved as bits.
   */
  whereStrided(cond: TypedArray, a: TypedArray, b: TypedArray, out: TypedArray, plan: Float64Array): void;
  setNumThreads(n: number): void;
  getNumThreads(): number;
  cpuFeatures(): CpuFeatures;
  /** `out = act(x·w + bias)` (x M×K, w K×N, bias N or null); relu when `relu`. */
  denseForward(
    x: FloatArray,
    w: FloatArray,
    bias: FloatArray | null,
    out: FloatArray,
    M: number,
    K: number,
    N: number,
    relu: boolean,
  ): void;
  /** Gradients of denseForward into dx (M×K), dw (K×N), db (N); null ones are skipped. */
  denseBackward(
    x: FloatArray,
    w: FloatArray,
    y: FloatArray | null,
    dy: FloatArray,
    dx: FloatArray | null,
    dw: FloatArray | null,
    db: FloatArray | null,
    M: number,
    K: number,
    N: number,
    relu: boolean,
  ): void;
  /** One SGD step (see native/src/fused.h); outputs may alias inputs. */
  sgdUpdate(
    w: FloatArray,
    g: FloatArray,
    wOut: FloatArray,
    m: FloatArray | null,
    mOut: FloatArray | null,
    lr: number,
    momentum: number,
    nesterov: boolean,
  ): void;
  /** One Adam step (see native/src/fused.h); outputs may alias inputs. */
  adamUpdate(
    w: FloatArray,
    g: FloatArray,
    m: FloatArray,
    v: FloatArray,
    wOut: FloatArray,
    mOut: FloatArray,
    vOut: FloatArray,
    alpha: number,
    oneMinusBeta1: number,
    oneMinusBeta2: number,
    epsilon: number,
  ): void;
  /** Selects "auto", "avx512", "avx2" or "scalar" kernels; false if this CPU cannot run them. */
  setKernels(name: string): boolean;
}
