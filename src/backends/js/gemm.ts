/**
 * Single-matrix GEMM for the reference backend, in the style of Goto/BLIS: the depth axis is cut
 * into blocks of `KC`, the rows into blocks of `MC` and the columns into blocks of `NC`; each block
 * of A and B is packed into contiguous Float64Array panels of `MR` rows / `NR` columns (zero-padded
 * at the edges, so the micro-kernel never branches), and a 4×4 register-tiled micro-kernel sweeps
 * the panels with its 16 accumulators in local variables.
 *
 * Any layout is handled by packing: an operand is described by an offset and a row and column
 * stride, so a transposed operand is just another pair of strides. Scratch panels are module-level
 * and reused across calls. Plain JS numbers accumulate (float64 arithmetic); results are written
 * once per depth block into the output array (so float32 outputs round at most once per `KC` terms).
 * Int32 inputs use wrapping 32-bit integer arithmetic, as NumPy does. Matrix-vector products
 * (M = 1 or N = 1) skip packing, which would pad the vector to four lanes.
 */
import type { TypedArray } from "../../core/dtype.js";

/** Rows of A per micro-panel (micro-tile height). */
const MR = 4;
/** Columns of B per micro-panel (micro-tile width). */
const NR = 4;
/** Depth of a packed block: one B micro-panel (KC×NR float64 = 8 KiB) stays in L1. */
const KC = 256;
/** Rows of A per packed block: MC×KC float64 = 128 KiB, meant for L2. */
const MC = 64;
/** Columns of B per packed block: KC×NC float64 = 1 MiB. */
const NC = 512;

/**
 * A strided view of a matrix: element (i, j) lives at `values[offset + i*rowStride + j*colStride]`.
 * @example
 * ```ts
 * // the transpose of a row-major 3×5 matrix x, viewed without copying
 * const xT: MatrixView = { values: x, offset: 0, rowStride: 1, colStride: 5 };
 * ```
 */
export interface MatrixView {
  values: TypedArray;
  offset: number;
  rowStride: number;
  colStride: number;
}

let packedA = new Float64Array(0);
let packedB = new Float64Array(0);
const tile = new Float64Array(MR * NR);

/**
 * Packs `lines` lines of `depth` elements each into `dst`, in groups of 4 lines interleaved along
 * the depth: dst[g*depth*4 + k*4 + l] = line (4g + l) at depth k. Missing lines of the last group
 * are zeros. A line starts at `src[offset + l*lineStride]` and steps by `depthStride`.
 */
function packPanels(
  src: TypedArray,
  offset: number,
  lineStride: number,
  depthStride: number,
  lines: number,
  depth: number,
  dst: Float64Array,
): void {
  let q = 0;
  let l0 = 0;
  for (; l0 + 4 <= lines; l0 += 4) {
    let p0 = offset + l0 * lineStride;
    let p1 = p0 + lineStride;
    let p2 = p1 + lineStride;
    let p3 = p2 + lineStride;
    for (let k = 0; k < depth; k++) {
      dst[q] = src[p0]!;
      dst[q + 1] = src[p1]!;
      dst[q + 2] = src[p2]!;
      dst[q + 3] = src[p3]!;
      q += 4;
      p0 += depthStride;
      p1 += depthStride;
      p2 += depthStride;
      p3 += depthStride;
    }
  }
  const rest = lines - l0;
  if (rest > 0) {
    const base = offset + l0 * lineStride;
    for (let k = 0; k < depth; k++) {
      const p = base + k * depthStride;
      for (let l = 0; l < 4; l++) dst[q + l] = l < rest ? src[p + l * lineStride]! : 0;
      q += 4;
    }
  }
}

// prettier-ignore
/** 4×4 float micro-kernel: tile = Σ_k A-panel[k] ⊗ B-panel[k] over `kc` depth steps. */
function kernelFloat(kc: number, ap: Float64Array, ai: number, bp: Float64Array, bi: number, out: Float64Array): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let k = 0; k < kc; k++) {
    const a0 = ap[ai]!, a1 = ap[ai + 1]!, a2 = ap[ai + 2]!, a3 = ap[ai + 3]!;
    const b0 = bp[bi]!, b1 = bp[bi + 1]!, b2 = bp[bi + 2]!, b3 = bp[bi + 3]!;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    ai += 4;
    bi += 4;
  }
  out[0] = c00; out[1] = c01; out[2] = c02; out[3] = c03;
  out[4] = c10; out[5] = c11; out[6] = c12; out[7] = c13;
  out[8] = c20; out[9] = c21; out[10] = c22; out[11] = c23;
  out[12] = c30; out[13] = c31; out[14] = c32; out[15] = c33;
}

// prettier-ignore
/** 4×4 int32 micro-kernel with wrapping 32-bit multiply-add (packed values are exact int32s). */
function kernelInt(kc: number, ap: Float64Array, ai: number, bp: Float64Array, bi: number, out: Float64Array): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  const mul = Math.imul;
  for (let k = 0; k < kc; k++) {
    const a0 = ap[ai]!, a1 = ap[ai + 1]!, a2 = ap[ai + 2]!, a3 = ap[ai + 3]!;
    const b0 = bp[bi]!, b1 = bp[bi + 1]!, b2 = bp[bi + 2]!, b3 = bp[bi + 3]!;
    c00 = (c00 + mul(a0, b0)) | 0; c01 = (c01 + mul(a0, b1)) | 0; c02 = (c02 + mul(a0, b2)) | 0; c03 = (c03 + mul(a0, b3)) | 0;
    c10 = (c10 + mul(a1, b0)) | 0; c11 = (c11 + mul(a1, b1)) | 0; c12 = (c12 + mul(a1, b2)) | 0; c13 = (c13 + mul(a1, b3)) | 0;
    c20 = (c20 + mul(a2, b0)) | 0; c21 = (c21 + mul(a2, b1)) | 0; c22 = (c22 + mul(a2, b2)) | 0; c23 = (c23 + mul(a2, b3)) | 0;
    c30 = (c30 + mul(a3, b0)) | 0; c31 = (c31 + mul(a3, b1)) | 0; c32 = (c32 + mul(a3, b2)) | 0; c33 = (c33 + mul(a3, b3)) | 0;
    ai += 4;
    bi += 4;
  }
  out[0] = c00; out[1] = c01; out[2] = c02; out[3] = c03;
  out[4] = c10; out[5] = c11; out[6] = c12; out[7] = c13;
  out[8] = c20; out[9] = c21; out[10] = c22; out[11] = c23;
  out[12] = c30; out[13] = c31; out[14] = c32; out[15] = c33;
}

// prettier-ignore
/** Writes (or, for later depth blocks, adds) the valid `rows`×`cols` corner of the tile into C. */
function storeTile(c: TypedArray, offset: number, ldc: number, rows: number, cols: number, accumulate: boolean): void {
  if (rows === 4 && cols === 4) {
    for (let i = 0, o = offset; i < 16; i += 4, o += ldc) {
      if (accumulate) {
        c[o] += tile[i]!; c[o + 1] += tile[i + 1]!; c[o + 2] += tile[i + 2]!; c[o + 3] += tile[i + 3]!;
      } else {
        c[o] = tile[i]!; c[o + 1] = tile[i + 1]!; c[o + 2] = tile[i + 2]!; c[o + 3] = tile[i + 3]!;
      }
    }
    return;
  }
  for (let i = 0; i < rows; i++) {
    const o = offset + i * ldc;
    for (let j = 0; j < cols; j++) {
      if (accumulate) c[o + j] += tile[i * 4 + j]!;
      else c[o + j] = tile[i * 4 + j]!;
    }
  }
}

const transposeView = (m: MatrixView): MatrixView => ({
  ...m,
  rowStride: m.colStride,
  colStride: m.rowStride,
});

let rowSums = new Float64Array(0);

/**
 * Matrix-vector product y = A·x (A: `rows`×`depth` view, x with stride `xStride`), written to `y`
 * `yStride` apart. Packing would pad the vector to 4 columns, so vectors take this path: a dot
 * product per row when rows are contiguous, otherwise column sweeps into float64 row sums.
 */
function gemv(
  rows: number,
  depth: number,
  a: MatrixView,
  x: TypedArray,
  xOffset: number,
  xStride: number,
  y: TypedArray,
  yOffset: number,
  yStride: number,
  integer: boolean,
): void {
  const av = a.values;
  const { rowStride, colStride } = a;
  if (colStride === 1 || rows === 1) {
    for (let i = 0; i < rows; i++) {
      let s = 0;
      let p = a.offset + i * rowStride;
      let q = xOffset;
      if (integer)
        for (let k = 0; k < depth; k++, p += colStride, q += xStride) s = (s + Math.imul(av[p]!, x[q]!)) | 0;
      else for (let k = 0; k < depth; k++, p += colStride, q += xStride) s += av[p]! * x[q]!;
      y[yOffset + i * yStride] = s;
    }
    return;
  }
  if (rowSums.length < rows) rowSums = new Float64Array(rows);
  const acc = rowSums;
  acc.fill(0, 0, rows);
  for (let k = 0; k < depth; k++) {
    const xk = x[xOffset + k * xStride]!;
    let p = a.offset + k * colStride;
    if (integer)
      for (let i = 0; i < rows; i++, p += rowStride) acc[i] = (acc[i]! + Math.imul(av[p]!, xk)) | 0;
    else for (let i = 0; i < rows; i++, p += rowStride) acc[i]! += av[p]! * xk;
  }
  for (let i = 0; i < rows; i++) y[yOffset + i * yStride] = acc[i]!;
}

/** Float products up to this many multiply-adds skip packing (it costs more than it saves there). */
const SMALL_PRODUCT = 8192;

/**
 * C = A·B straight from the strided views, one float64 dot product per output over k ascending:
 * the same arithmetic, in the same order, as the packed path for K ≤ KC, so results are bitwise equal.
 */
function gemmSmall(
  M: number,
  N: number,
  K: number,
  a: MatrixView,
  b: MatrixView,
  c: TypedArray,
  cOffset: number,
  ldc: number,
): void {
  const av = a.values;
  const bv = b.values;
  const { rowStride: ars, colStride: acs } = a;
  const { rowStride: brs, colStride: bcs } = b;
  for (let i = 0; i < M; i++) {
    const aRow = a.offset + i * ars;
    const cRow = cOffset + i * ldc;
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0, p = aRow, q = b.offset + j * bcs; k < K; k++, p += acs, q += brs) s += av[p]! * bv[q]!;
      c[cRow + j] = s;
    }
  }
}

/**
 * C = A·B for an M×K view A and a K×N view B, written into `c` (row-major, `ldc` apart) at `cOffset`.
 * `integer` selects wrapping int32 arithmetic. `reuseB` says the previous call had the same B view: when
 * B fits one block (K ≤ KC, N ≤ NC) its packed panels are reused instead of packed again.
 * @example
 * ```ts
 * // c (2×2, row-major) = a (2×3) · b (3×2)
 * gemm(2, 2, 3, { values: a, offset: 0, rowStride: 3, colStride: 1 },
 *      { values: b, offset: 0, rowStride: 2, colStride: 1 }, c, 0, 2, false);
 * ```
 */
export function gemm(
  M: number,
  N: number,
  K: number,
  a: MatrixView,
  b: MatrixView,
  c: TypedArray,
  cOffset: number,
  ldc: number,
  integer: boolean,
  reuseB = false,
): void {
  if (M === 0 || N === 0) return;
  if (K === 0) {
    for (let i = 0; i < M; i++) c.fill(0, cOffset + i * ldc, cOffset + i * ldc + N);
    return;
  }
  if (M === 1) return gemv(N, K, transposeView(b), a.values, a.offset, a.colStride, c, cOffset, 1, integer);
  if (N === 1) return gemv(M, K, a, b.values, b.offset, b.rowStride, c, cOffset, ldc, integer);
  if (!integer && M * N * K <= SMALL_PRODUCT && K <= KC) return gemmSmall(M, N, K, a, b, c, cOffset, ldc);
  const kernel = integer ? kernelInt : kernelFloat;
  const packB = !(reuseB && K <= KC && N <= NC);
  const needB = Math.min(K, KC) * Math.ceil(Math.min(N, NC) / NR) * NR;
  if (packedB.length < needB) packedB = new Float64Array(needB);
  const needA = Math.min(K, KC) * Math.ceil(Math.min(M, MC) / MR) * MR;
  if (packedA.length < needA) packedA = new Float64Array(needA);
  const pa = packedA;
  const pb = packedB;
  for (let jc = 0; jc < N; jc += NC) {
    const nc = Math.min(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = Math.min(KC, K - pc);
      const bBlock = b.offset + pc * b.rowStride + jc * b.colStride;
      if (packB) packPanels(b.values, bBlock, b.colStride, b.rowStride, nc, kc, pb);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = Math.min(MC, M - ic);
        const aBlock = a.offset + ic * a.rowStride + pc * a.colStride;
        packPanels(a.values, aBlock, a.rowStride, a.colStride, mc, kc, pa);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = Math.min(NR, nc - jr);
          for (let ir = 0; ir < mc; ir += MR) {
            kernel(kc, pa, ir * kc, pb, jr * kc, tile);
            storeTile(c, cOffset + (ic + ir) * ldc + jc + jr, ldc, Math.min(MR, mc - ir), nr, pc > 0);
          }
        }
      }
    }
  }
}
