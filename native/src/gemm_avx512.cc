// AVX-512F kernels (compiled with -mavx512f; run only where the CPU and OS report AVX-512F).
// float32: 12x32 micro-tile (24 zmm accumulators); float64: 12x16.
#include <immintrin.h>

#include "gemm.h"

namespace {
namespace f32 {
struct V {
  using T = float;
  using R = __m512;
  static constexpr int W = 16;
  static R zero() { return _mm512_setzero_ps(); }
  static R load(const T* p) { return _mm512_loadu_ps(p); }
  static void store(T* p, R x) { _mm512_storeu_ps(p, x); }
  static R bcast(const T* p) { return _mm512_set1_ps(*p); }
  static R fma(R a, R b, R c) { return _mm512_fmadd_ps(a, b, c); }
  static constexpr bool kTranspose8 = false;
  static void transpose8(const T*, std::ptrdiff_t, T*, std::ptrdiff_t) {}
  static R add(R a, R b) { return _mm512_add_ps(a, b); }
};
constexpr int MR = 12, NV = 2, KC_MAX = 256, MC = 144, NC = 4096;
using kts::Gemm;
using kts::scratch;
#include "gemm_driver.h"
}  // namespace f32

namespace f64 {
struct V {
  using T = double;
  using R = __m512d;
  static constexpr int W = 8;
  static R zero() { return _mm512_setzero_pd(); }
  static R load(const T* p) { return _mm512_loadu_pd(p); }
  static void store(T* p, R x) { _mm512_storeu_pd(p, x); }
  static R bcast(const T* p) { return _mm512_set1_pd(*p); }
  static R fma(R a, R b, R c) { return _mm512_fmadd_pd(a, b, c); }
  static constexpr bool kTranspose8 = false;
  static void transpose8(const T*, std::ptrdiff_t, T*, std::ptrdiff_t) {}
  static R add(R a, R b) { return _mm512_add_pd(a, b); }
};
constexpr int MR = 12, NV = 2, KC_MAX = 256, MC = 96, NC = 2048;
using kts::Gemm;
using kts::scratch;
#include "gemm_driver.h"
}  // namespace f64
}  // namespace

namespace kts {
const KernelSet& avx512_kernels() {
  static const KernelSet k{"avx512", f32::gemm_rect, f32::MR, f32::NR, f64::gemm_rect, f64::MR, f64::NR};
  return k;
}
}  // namespace kts
