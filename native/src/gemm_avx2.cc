// AVX2 + FMA kernels (compiled with -mavx2 -mfma; run only where the CPU reports both).
// float32: 6x16 micro-tile (12 ymm accumulators), depth blocks up to 512; float64: 6x8.
#include <immintrin.h>

#include "gemm.h"

namespace {
namespace f32 {
struct V {
  using T = float;
  using R = __m256;
  static constexpr int W = 8;
  static R zero() { return _mm256_setzero_ps(); }
  static R load(const T* p) { return _mm256_loadu_ps(p); }
  static void store(T* p, R x) { _mm256_storeu_ps(p, x); }
  static R bcast(const T* p) { return _mm256_broadcast_ss(p); }
  static R fma(R a, R b, R c) { return _mm256_fmadd_ps(a, b, c); }
  static R add(R a, R b) { return _mm256_add_ps(a, b); }
  static constexpr bool kTranspose8 = true;
  // dst[u*ldd + r] = src[r*ld + u] for r, u < 8: the classic unpack / shuffle / permute sequence.
  static void transpose8(const T* src, std::ptrdiff_t ld, T* dst, std::ptrdiff_t ldd) {
    const R r0 = load(src), r1 = load(src + ld), r2 = load(src + 2 * ld), r3 = load(src + 3 * ld);
    const R r4 = load(src + 4 * ld), r5 = load(src + 5 * ld), r6 = load(src + 6 * ld), r7 = load(src + 7 * ld);
    const R t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
    const R t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
    const R t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
    const R t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
    const R s0 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(1, 0, 1, 0));
    const R s1 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(3, 2, 3, 2));
    const R s2 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(1, 0, 1, 0));
    const R s3 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(3, 2, 3, 2));
    const R s4 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(1, 0, 1, 0));
    const R s5 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(3, 2, 3, 2));
    const R s6 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(1, 0, 1, 0));
    const R s7 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(3, 2, 3, 2));
    store(dst, _mm256_permute2f128_ps(s0, s4, 0x20));
    store(dst + ldd, _mm256_permute2f128_ps(s1, s5, 0x20));
    store(dst + 2 * ldd, _mm256_permute2f128_ps(s2, s6, 0x20));
    store(dst + 3 * ldd, _mm256_permute2f128_ps(s3, s7, 0x20));
    store(dst + 4 * ldd, _mm256_permute2f128_ps(s0, s4, 0x31));
    store(dst + 5 * ldd, _mm256_permute2f128_ps(s1, s5, 0x31));
    store(dst + 6 * ldd, _mm256_permute2f128_ps(s2, s6, 0x31));
    store(dst + 7 * ldd, _mm256_permute2f128_ps(s3, s7, 0x31));
  }
};
constexpr int MR = 6, NV = 2, KC_MAX = 512, MC = 120, NC = 4096;
using kts::Gemm;
using kts::scratch;
#include "gemm_driver.h"
}  // namespace f32

namespace f64 {
struct V {
  using T = double;
  using R = __m256d;
  static constexpr int W = 4;
  static R zero() { return _mm256_setzero_pd(); }
  static R load(const T* p) { return _mm256_loadu_pd(p); }
  static void store(T* p, R x) { _mm256_storeu_pd(p, x); }
  static R bcast(const T* p) { return _mm256_broadcast_sd(p); }
  static R fma(R a, R b, R c) { return _mm256_fmadd_pd(a, b, c); }
  static R add(R a, R b) { return _mm256_add_pd(a, b); }
  static constexpr bool kTranspose8 = false;
  static void transpose8(const T*, std::ptrdiff_t, T*, std::ptrdiff_t) {}
};
constexpr int MR = 6, NV = 2, KC_MAX = 256, MC = 96, NC = 2048;
using kts::Gemm;
using kts::scratch;
#include "gemm_driver.h"
}  // namespace f64
}  // namespace

namespace kts {
const KernelSet& avx2_kernels() {
  static const KernelSet k{"avx2", f32::gemm_rect, f32::MR, f32::NR, f64::gemm_rect, f64::MR, f64::NR};
  return k;
}
}  // namespace kts
