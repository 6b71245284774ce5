// Fused training kernels (see fused.h). Elementwise passes split by fixed index ranges, so the
// result never depends on the thread count.
#include "fused.h"

#include <cmath>
#include <vector>

#include "elementwise.h"
#include "matmul.h"
#include "thread_pool.h"

namespace kts {
namespace {

// Elementwise passes split into fixed runs of this many elements (one run: this thread).
constexpr std::size_t kChunk = 1 << 15;

}  // namespace

template <class T>
void dense_forward(const T* x, const T* w, const T* bias, T* out, int M, int K, int N, bool relu) {
  matmul<T>(x, w, out, M, N, K, false, false, 1, nullptr, nullptr);
  if (!bias && !relu) return;
  for (int i = 0; i < M; i++) {
    T* row = out + static_cast<std::size_t>(i) * N;
    if (bias)
      for (int j = 0; j < N; j++) row[j] = row[j] + bias[j];
    if (relu)  // as the relu kernel: NaN and -0 pass through
      for (int j = 0; j < N; j++) row[j] = row[j] < T(0) ? T(0) : row[j];
  }
}

template <class T>
void dense_backward(const T* x, const T* w, const T* y, const T* dy, T* dx, T* dw, T* db, int M, int K,
                    int N, bool relu) {
  const std::size_t mn = static_cast<std::size_t>(M) * N;
  thread_local std::vector<T> scratch;
  const T* dz = dy;
  if (relu) {
    if (scratch.size() < mn) scratch.resize(mn);
    for (std::size_t i = 0; i < mn; i++) scratch[i] = y[i] > T(0) ? dy[i] : T(0);
    dz = scratch.data();
  }
  if (db) reduce<T>(ReduceOp::kSum, dz, db, 1, static_cast<std::size_t>(M), static_cast<std::size_t>(N));
  if (dw) matmul<T>(x, dz, dw, K, N, M, true, false, 1, nullptr, nullptr);
  if (dx) matmul<T>(dz, w, dx, M, K, N, false, true, 1, nullptr, nullptr);
}

// The per-range loops take every pointer and scalar by value: a lambda capturing them by
// reference would make the compiler reload them after each store (a float store may alias a
// captured float), which blocks vectorization and costs ~10x.
template <class T>
void sgd_range(const T* w, const T* g, T* w_out, std::size_t b, std::size_t e, T lr) {
  for (std::size_t i = b; i < e; i++) {
    const T step = g[i] * lr;
    w_out[i] = w[i] - step;
  }
}

template <class T>
void sgd_momentum_range(const T* w, const T* g, T* w_out, const T* m, T* m_out, std::size_t b, std::size_t e,
                        T lr, T momentum, bool nesterov) {
  for (std::size_t i = b; i < e; i++) {
    const T decayed = m[i] * momentum;
    const T step = g[i] * lr;
    const T next = decayed - step;
    m_out[i] = next;
    const T ahead = next * momentum - step;
    w_out[i] = w[i] + (nesterov ? ahead : next);
  }
}

template <class T>
void adam_range(const T* w, const T* g, const T* m, const T* v, T* w_out, T* m_out, T* v_out, std::size_t b,
                std::size_t e, T alpha, T one_minus_beta1, T one_minus_beta2, T epsilon) {
  for (std::size_t i = b; i < e; i++) {
    const T gi = g[i];
    const T mi = m[i] + (gi - m[i]) * one_minus_beta1;
    const T vi = v[i] + (gi * gi - v[i]) * one_minus_beta2;
    const T den = static_cast<T>(std::sqrt(vi)) + epsilon;
    m_out[i] = mi;
    v_out[i] = vi;
    w_out[i] = w[i] - (mi * alpha) / den;
  }
}

template <class T>
void sgd_update(const T* w, const T* g, T* w_out, const T* m, T* m_out, std::size_t n, T lr, T momentum,
                bool nesterov) {
  if (!m) {
    parallel_ranges(n, kChunk, [=](std::size_t b, std::size_t e) { sgd_range(w, g, w_out, b, e, lr); });
    return;
  }
  parallel_ranges(n, kChunk, [=](std::size_t b, std::size_t e) {
    sgd_momentum_range(w, g, w_out, m, m_out, b, e, lr, momentum, nesterov);
  });
}

template <class T>
void adam_update(const T* w, const T* g, const T* m, const T* v, T* w_out, T* m_out, T* v_out,
                 std::size_t n, T alpha, T one_minus_beta1, T one_minus_beta2, T epsilon) {
  parallel_ranges(n, kChunk, [=](std::size_t b, std::size_t e) {
    adam_range(w, g, m, v, w_out, m_out, v_out, b, e, alpha, one_minus_beta1, one_minus_beta2, epsilon);
  });
}

#define KTS_INSTANTIATE(T)                                                                          \
  template void dense_forward<T>(const T*, const T*, const T*, T*, int, int, int, bool);             \
  template void dense_backward<T>(const T*, const T*, const T*, const T*, T*, T*, T*, int, int, int, \
                                  bool);                                                           \
  template void sgd_update<T>(const T*, const T*, T*, const T*, T*, std::size_t, T, T, bool);        \
  template void adam_update<T>(const T*, const T*, const T*, const T*, T*, T*, T*, std::size_t, T, T, \
                               T, T);
KTS_INSTANTIATE(float)
KTS_INSTANTIATE(double)
#undef KTS_INSTANTIATE

}  // namespace kts
