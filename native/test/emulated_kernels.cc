// Checks the GEMM driver (gemm_driver.h) in the AVX-512 and AVX2 tile configurations on any CPU, by
// instantiating it over a plain-array "vector" type: exact results on small-integer data for odd
// shapes and all transposes, and identical bits when C is computed as four rectangles (as threads
// split it). test/native/emulated.test.ts compiles and runs it; exit status 0 means all passed.
//   c++ -std=c++17 -O1 -I native/src native/test/emulated_kernels.cc -o /tmp/k && /tmp/k
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "gemm.h"

namespace kts {
void* scratch(int slot, std::size_t bytes) {
  static thread_local std::vector<char> buf[4];
  if (buf[slot].size() < bytes + 64) buf[slot].resize(bytes + 64);
  return reinterpret_cast<void*>((reinterpret_cast<std::uintptr_t>(buf[slot].data()) + 63) & ~std::uintptr_t(63));
}
}  // namespace kts

namespace {
template <class TT, int WW>
struct Emu {
  using T = TT;
  static constexpr int W = WW;
  struct R {
    TT v[WW];
  };
  static R zero() { R r; for (int i = 0; i < W; i++) r.v[i] = 0; return r; }
  static R load(const T* p) { R r; for (int i = 0; i < W; i++) r.v[i] = p[i]; return r; }
  static void store(T* p, R x) { for (int i = 0; i < W; i++) p[i] = x.v[i]; }
  static R bcast(const T* p) { R r; for (int i = 0; i < W; i++) r.v[i] = *p; return r; }
  static R fma(R a, R b, R c) { R r; for (int i = 0; i < W; i++) r.v[i] = std::fma(a.v[i], b.v[i], c.v[i]); return r; }
  static constexpr bool kTranspose8 = false;
  static void transpose8(const T*, std::ptrdiff_t, T*, std::ptrdiff_t) {}
  static R add(R a, R b) { R r; for (int i = 0; i < W; i++) r.v[i] = a.v[i] + b.v[i]; return r; }
};

#define KTS_CONFIG(NS, TYPE, WIDTH, MR_, KC_, MC_, NC_)                       \
  namespace NS {                                                         \
  using V = Emu<TYPE, WIDTH>;                                            \
  constexpr int MR = MR_, NV = 2, KC_MAX = KC_, MC = MC_, NC = NC_;      \
  using kts::Gemm;                                                       \
  using kts::scratch;
KTS_CONFIG(avx512_f32, float, 16, 12, 256, 144, 4096)
#include "../src/gemm_driver.h"
}
KTS_CONFIG(avx512_f64, double, 8, 12, 256, 96, 2048)
#include "../src/gemm_driver.h"
}
KTS_CONFIG(avx2_f32, float, 8, 6, 512, 120, 4096)
#include "../src/gemm_driver.h"
}
KTS_CONFIG(avx2_f64, double, 4, 6, 256, 96, 2048)
#include "../src/gemm_driver.h"
}

unsigned rng = 12345;
int small_int() {
  rng = rng * 1664525u + 1013904223u;
  return static_cast<int>(rng >> 29) - 3;
}

template <class T, class F>
int check(F gemm_rect, int mr, int nr, const char* name) {
  const int shapes[][3] = {{1, 1, 1},     {1, 7, 1},      {13, 17, 19},  {97, 101, 103}, {37, 1100, 29},
                           {150, 40, 530}, {257, 1, 3},   {1, 300, 257}, {70, 300, 45}, {25, 9, 65}};
  int bad = 0;
  for (const auto& s : shapes)
    for (int ta = 0; ta < 2; ta++)
      for (int tb = 0; tb < 2; tb++) {
        const int M = s[0], K = s[1], N = s[2];
        std::vector<T> a(M * K), b(K * N), c(M * N), c2(M * N);
        for (auto& x : a) x = small_int();
        for (auto& x : b) x = small_int();
        kts::Gemm<T> g{a.data(), ta ? 1 : K, ta ? M : 1, b.data(), tb ? 1 : N, tb ? K : 1, c.data(), N, M, N, K};
        gemm_rect(g, 0, M, 0, N);
        kts::Gemm<T> g2 = g;
        g2.c = c2.data();
        const int mm = (M / 2 / mr) * mr, nn = (N / 2 / nr) * nr;  // four rectangles of whole tiles
        gemm_rect(g2, 0, mm, 0, nn);
        gemm_rect(g2, mm, M, 0, nn);
        gemm_rect(g2, 0, mm, nn, N);
        gemm_rect(g2, mm, M, nn, N);
        for (int i = 0; i < M; i++)
          for (int j = 0; j < N; j++) {
            T r = 0;
            for (int k = 0; k < K; k++) r += a[ta ? k * M + i : i * K + k] * b[tb ? j * K + k : k * N + j];
            if (c[i * N + j] != r || std::memcmp(&c[i * N + j], &c2[i * N + j], sizeof(T)) != 0) {
              if (bad++ < 5)
                std::printf("%s (%d,%d,%d) tA=%d tB=%d at (%d,%d): %g / %g, expected %g\n", name, M, K, N, ta, tb,
                            i, j, double(c[i * N + j]), double(c2[i * N + j]), double(r));
            }
          }
      }
  std::printf("%s: %s\n", name, bad ? "FAIL" : "ok");
  return bad;
}
}  // namespace

int main() {
  int bad = 0;
  bad += check<float>(avx512_f32::gemm_rect, 12, 32, "avx512 tiles, float32");
  bad += check<double>(avx512_f64::gemm_rect, 12, 16, "avx512 tiles, float64");
  bad += check<float>(avx2_f32::gemm_rect, 6, 16, "avx2 tiles, float32");
  bad += check<double>(avx2_f64::gemm_rect, 6, 8, "avx2 tiles, float64");
  return bad ? 1 : 0;
}
