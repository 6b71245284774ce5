// Portable kernels in plain C++ (no intrinsics): every architecture builds them, and they are the
// fallback where neither AVX2+FMA nor AVX-512F is available. float32 and float64: 4x4 tiles.
#include "gemm.h"

namespace {
template <class TT>
struct Scalar {
  using T = TT;
  using R = TT;
  static constexpr int W = 1;
  static R zero() { return R(0); }
  static R load(const T* p) { return *p; }
  static void store(T* p, R x) { *p = x; }
  static R bcast(const T* p) { return *p; }
  static R fma(R a, R b, R c) { return c + a * b; }
  static constexpr bool kTranspose8 = false;
  static void transpose8(const T*, std::ptrdiff_t, T*, std::ptrdiff_t) {}
  static R add(R a, R b) { return a + b; }
};
namespace f32 {
using V = Scalar<float>;
constexpr int MR = 4, NV = 4, KC_MAX = 256, MC = 64, NC = 1024;
using kts::Gemm;
using kts::scratch;
#include "gemm_driver.h"
}  // namespace f32
namespace f64 {
using V = Scalar<double>;
constexpr int MR = 4, NV = 4, KC_MAX = 256, MC = 64, NC = 1024;
using kts::Gemm;
using kts::scratch;
#include "gemm_driver.h"
}  // namespace f64
}  // namespace

namespace kts {
const KernelSet& scalar_kernels() {
  static const KernelSet k{"scalar", f32::gemm_rect, f32::MR, f32::NR, f64::gemm_rect, f64::MR, f64::NR};
  return k;
}
}  // namespace kts
