// The reference GEMM's unpacked path for small products must give exactly what the packed path
// gives: each output row is computed independently, so the first rows of a product big enough to
// be packed are an oracle for the small product of those rows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { gemm, type MatrixView } from "../../../src/backends/js/gemm.js";

function random(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = s / 2147483648 - 0.5;
  }
  return out;
}

const view = (values: Float32Array, rows: number, cols: number, transposed: boolean): MatrixView =>
  transposed
    ? { values, offset: 0, rowStride: 1, colStride: rows }
    : { values, offset: 0, rowStride: cols, colStride: 1 };

for (const [M, N, K] of [
  [32, 8, 8],
  [8, 8, 32],
  [3, 5, 7],
  [32, 2, 8],
  [16, 16, 32],
]) {
  for (const [ta, tb] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    test(`small ${M}×${K}·${K}×${N} (transposed A ${ta}, B ${tb}) equals the packed rows bitwise`, () => {
      assert.ok(M * N * K <= 8192, "the product takes the small path");
      const bigM = Math.ceil(9000 / (N * K)) + M; // enough rows to be packed
      const aBig = random(bigM * K, 7 + M);
      const b = random(K * N, 11 + N);
      // The first M rows of A, stored in the chosen layout.
      const aSmall = new Float32Array(M * K);
      for (let i = 0; i < M; i++)
        for (let k = 0; k < K; k++) aSmall[ta ? k * M + i : i * K + k] = aBig[i * K + k]!;
      const bStored = new Float32Array(K * N);
      for (let k = 0; k < K; k++)
        for (let j = 0; j < N; j++) bStored[tb ? j * K + k : k * N + j] = b[k * N + j]!;
      const packed = new Float32Array(bigM * N);
      gemm(bigM, N, K, view(aBig, bigM, K, false), view(b, K, N, false), packed, 0, N, false);
      const small = new Float32Array(M * N);
      gemm(M, N, K, view(aSmall, M, K, ta), view(bStored, K, N, tb), small, 0, N, false);
      assert.deepEqual(small, packed.subarray(0, M * N));
    });
  }
}
