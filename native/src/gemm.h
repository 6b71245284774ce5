// Shared declarations of the keras-ts native kernel library: the GEMM problem description, the
// per-ISA kernel tables and the scratch allocator. Nothing here is compiled with ISA-specific flags.
#pragma once
#include <cstddef>
#include <cstdint>

namespace kts {

// One single-matrix product C = A·B. Element (i, k) of A is a[i*rsa + k*csa], element (k, j) of B
// is b[k*rsb + j*csb] (so a transposed operand is just another pair of strides), and C is
// row-major with leading dimension ldc. M, N, K > 0.
template <class T>
struct Gemm {
  const T* a;
  std::ptrdiff_t rsa, csa;
  const T* b;
  std::ptrdiff_t rsb, csb;
  T* c;
  std::ptrdiff_t ldc;
  int M, N, K;
};

// Computes rows [m0, m1) and columns [n0, n1) of C, sequentially. The result of an element does
// not depend on the rectangle it is computed in: the depth axis is blocked from K alone, and every
// element is summed in the same order, so any split of C into rectangles gives identical bits.
using SgemmFn = void (*)(const Gemm<float>&, int m0, int m1, int n0, int n1);
using DgemmFn = void (*)(const Gemm<double>&, int m0, int m1, int n0, int n1);

// A kernel family for one instruction set. mr/nr: micro-tile sizes (work is split on multiples).
struct KernelSet {
  const char* name;
  SgemmFn sgemm;
  int smr, snr;
  DgemmFn dgemm;
  int dmr, dnr;
};

const KernelSet& scalar_kernels();
#if defined(KTS_X86_KERNELS)
const KernelSet& avx2_kernels();
const KernelSet& avx512_kernels();
#endif

// A thread-local, 64-byte aligned scratch buffer of at least `bytes` (slot 0..3), kept between
// calls. Defined in a translation unit compiled without ISA flags.
void* scratch(int slot, std::size_t bytes);

}  // namespace kts
