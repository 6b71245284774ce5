// Batched matmul entry point of the native kernel library and its CPU-feature dispatch.
#pragma once
#include <cstddef>
#include <string>

namespace kts {

struct CpuFeatures {
  bool avx2 = false, fma = false, avx512f = false;
};
CpuFeatures cpu_features();

// Name of the kernel family in use: "avx512", "avx2" or "scalar".
const char* kernel_name();
// Selects a kernel family by name ("auto" for the best the CPU supports); false when the CPU
// cannot run it or it was not built. Starts as KERAS_TS_NATIVE_KERNELS when set, else "auto".
bool set_kernels(const std::string& name);

// out[t] = op(A[t]) · op(B[t]) for t < batches, where A[t] starts at a + a_off[t] (row-major
// M x K, or K x M when trans_a), B[t] at b + b_off[t] (K x N, or N x K when trans_b), and out[t]
// at out + t*M*N. a_off/b_off may be null (all batches at offset 0 would be unusual; null means
// t*M*K and t*N*K). Work is split across threads by output tiles.
template <class T>
void matmul(const T* a, const T* b, T* out, int M, int N, int K, bool trans_a, bool trans_b,
            std::size_t batches, const double* a_off, const double* b_off);

}  // namespace kts
