// Row kernels (see rows.h). Each loop mirrors its js kernel line by line; T arithmetic rounds as
// Math.fround after each double operation would (one IEEE operation of T is exactly that), and no
// FMA contraction is allowed (-ffp-contract=off), so float32 results equal js's bitwise except
// where the C library's exp/log and V8's differ in the last bit.
#include "rows.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "thread_pool.h"

namespace kts {
namespace {

// Runs body(begin, end) over rows [0, rows) in fixed runs of about 16K elements across the pool.
// A row is never split, so which thread runs it changes nothing.
template <class F>
void by_rows(std::size_t rows, std::size_t row_len, F body) {
  constexpr std::size_t kChunk = 1 << 14;
  parallel_ranges(rows, row_len >= kChunk ? 1 : kChunk / std::max<std::size_t>(row_len, 1), body);
}

// exp and log as the elementwise kernels compute them: in double, rounded to T.
template <class T>
inline T Exp(T v) { return static_cast<T>(std::exp(static_cast<double>(v))); }
template <class T>
inline T Log(T v) { return static_cast<T>(std::log(static_cast<double>(v))); }

// The row maximum as the max reduction finds it (a NaN wins), and Σ exp(x − max) rounded to T.
template <class T>
inline T RowMax(const T* x, std::size_t C) {
  T m = -std::numeric_limits<T>::infinity();
  for (std::size_t j = 0; j < C; j++)
    if (x[j] > m || x[j] != x[j]) m = x[j];
  return m;
}

template <class T>
inline T SumExp(const T* x, std::size_t C, T m) {
  double total = 0;
  for (std::size_t j = 0; j < C; j++) total += Exp<T>(x[j] - m);
  return static_cast<T>(total);
}

// Every row function takes its pointers by value (see fused.cc: captured references block
// vectorization).
template <class T>
void softmax_row(const T* x, T* out, std::size_t C, bool log) {
  const T m = RowMax(x, C);
  double total = 0;
  for (std::size_t j = 0; j < C; j++) {
    const T shifted = x[j] - m;
    const T e = Exp(shifted);
    out[j] = log ? shifted : e;
    total += e;
  }
  const T t = static_cast<T>(total);
  if (log) {
    const T log_t = Log(t);
    for (std::size_t j = 0; j < C; j++) out[j] = out[j] - log_t;
  } else {
    for (std::size_t j = 0; j < C; j++) out[j] = out[j] / t;
  }
}

template <class T>
void softmax_grad_row(const T* y, const T* g, T* out, std::size_t C, bool log) {
  double s = 0;
  if (log)
    for (std::size_t j = 0; j < C; j++) s += g[j];
  else
    for (std::size_t j = 0; j < C; j++) s += static_cast<T>(g[j] * y[j]);
  const T sr = static_cast<T>(s);
  if (log)
    for (std::size_t j = 0; j < C; j++) out[j] = g[j] - Exp(y[j]) * sr;
  else
    for (std::size_t j = 0; j < C; j++) out[j] = y[j] * (g[j] - sr);
}

// Keras's epsilon() and 1 − epsilon() as the js kernels round them.
template <class T>
constexpr T kLo = static_cast<T>(1e-7);
template <class T>
constexpr T kHi = static_cast<T>(1.0 - 1e-7);

template <class T>
T sparse_ce_row(std::size_t l, const T* p, std::size_t C, bool from_logits) {
  if (from_logits) {
    const T m = RowMax(p, C);
    const T total = SumExp(p, C, m);
    return -(static_cast<T>(p[l] - m) - Log(total));
  }
  double s = 0;
  for (std::size_t j = 0; j < C; j++) s += p[j];
  const T q = p[l] / static_cast<T>(s);
  const T clipped = q < kLo<T> ? kLo<T> : q > kHi<T> ? kHi<T> : q;  // NaN passes through
  return -Log(clipped);
}

// The closed forms of js's sparseCrossentropyGrad, evaluated in double and rounded once.
template <class T>
void sparse_ce_grad_row(std::size_t l, const T* p, double g, T* out, std::size_t C, bool from_logits) {
  if (from_logits) {
    const T m = RowMax(p, C);
    const double total = SumExp(p, C, m);
    for (std::size_t j = 0; j < C; j++) {
      const double e = std::exp(static_cast<double>(p[j]) - static_cast<double>(m));  // not rounded to T
      out[j] = static_cast<T>(g * (e / total - (j == l ? 1.0 : 0.0)));
    }
    return;
  }
  double s = 0;
  for (std::size_t j = 0; j < C; j++) s += p[j];
  const double sr = static_cast<T>(s);
  const T q = p[l] / static_cast<T>(sr);
  if (!(q >= kLo<T> && q <= kHi<T>)) {  // the clip passes no gradient (NaN: none either)
    std::fill(out, out + C, T(0));
    return;
  }
  const T rest = static_cast<T>(g / sr);
  for (std::size_t j = 0; j < C; j++) out[j] = rest;
  out[l] = static_cast<T>(g * (1 / sr - 1 / static_cast<double>(p[l])));
}

// Better for argmax: v > best; for argmin: v < best (js compares sign·v, the same ordering).
template <class T>
inline bool Beats(bool argmin, T v, T best) { return argmin ? v < best : v > best; }

// arg_reduce over one [n, width] block of columns with stride `inner` between steps along n.
template <class T>
void arg_columns(bool argmin, const T* x, std::int32_t* out, std::size_t n, std::size_t inner,
                 std::size_t width) {
  constexpr std::size_t kWidth = 256;
  T best[kWidth];
  bool nan[kWidth];
  for (std::size_t i = 0; i < width; i++) {
    best[i] = x[i];
    nan[i] = x[i] != x[i];
    out[i] = 0;
  }
  for (std::size_t k = 1; k < n; k++) {
    const T* row = x + k * inner;
    for (std::size_t i = 0; i < width; i++) {
      const T v = row[i];
      if (!nan[i] && (Beats(argmin, v, best[i]) || v != v)) {  // a NaN ends the search, as js's break
        best[i] = v;
        nan[i] = v != v;
        out[i] = static_cast<std::int32_t>(k);
      }
    }
  }
}

template <class T>
std::int32_t arg_row(bool argmin, const T* x, std::size_t n) {
  T best = x[0];
  std::size_t at = 0;
  if (best == best)
    for (std::size_t k = 1; k < n; k++) {
      const T v = x[k];
      if (v != v) return static_cast<std::int32_t>(k);
      if (Beats(argmin, v, best)) {
        best = v;
        at = k;
      }
    }
  return static_cast<std::int32_t>(at);
}

}  // namespace

template <class T>
void softmax_rows(const T* x, T* out, std::size_t rows, std::size_t C, bool log) {
  by_rows(rows, C, [=](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; i++) softmax_row(x + i * C, out + i * C, C, log);
  });
}

template <class T>
void softmax_grad_rows(const T* y, const T* dy, T* out, std::size_t rows, std::size_t C, bool log) {
  by_rows(rows, C, [=](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; i++) softmax_grad_row(y + i * C, dy + i * C, out + i * C, C, log);
  });
}

template <class T>
void sparse_ce_rows(const std::int32_t* labels, const T* pred, T* out, std::size_t rows, std::size_t C,
                    bool from_logits) {
  by_rows(rows, C, [=](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; i++)
      out[i] = sparse_ce_row(static_cast<std::size_t>(labels[i]), pred + i * C, C, from_logits);
  });
}

template <class T>
void sparse_ce_grad_rows(const std::int32_t* labels, const T* pred, const T* dy, T* out, std::size_t rows,
                         std::size_t C, bool from_logits) {
  by_rows(rows, C, [=](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; i++)
      sparse_ce_grad_row(static_cast<std::size_t>(labels[i]), pred + i * C, static_cast<double>(dy[i]),
                         out + i * C, C, from_logits);
  });
}

template <class T>
void arg_reduce(bool argmin, const T* x, std::int32_t* out, std::size_t outer, std::size_t n,
                std::size_t inner) {
  if (inner == 1) {
    by_rows(outer, n, [=](std::size_t b, std::size_t e) {
      for (std::size_t o = b; o < e; o++) out[o] = arg_row(argmin, x + o * n, n);
    });
    return;
  }
  // Units of up to 256 columns of one outer block, each scanned along n.
  constexpr std::size_t kWidth = 256;
  const std::size_t per_block = (inner + kWidth - 1) / kWidth;
  by_rows(outer * per_block, n * std::min(inner, kWidth), [=](std::size_t b, std::size_t e) {
    for (std::size_t u = b; u < e; u++) {
      const std::size_t o = u / per_block, i0 = (u % per_block) * kWidth;
      arg_columns(argmin, x + o * n * inner + i0, out + o * inner + i0, n, inner,
                  std::min(kWidth, inner - i0));
    }
  });
}

#define KTS_INSTANTIATE(T)                                                                               \
  template void softmax_rows<T>(const T*, T*, std::size_t, std::size_t, bool);                           \
  template void softmax_grad_rows<T>(const T*, const T*, T*, std::size_t, std::size_t, bool);            \
  template void sparse_ce_rows<T>(const std::int32_t*, const T*, T*, std::size_t, std::size_t, bool);    \
  template void sparse_ce_grad_rows<T>(const std::int32_t*, const T*, const T*, T*, std::size_t,         \
                                       std::size_t, bool);                                              \
  template void arg_reduce<T>(bool, const T*, std::int32_t*, std::size_t, std::size_t, std::size_t);
KTS_INSTANTIATE(float)
KTS_INSTANTIATE(double)
#undef KTS_INSTANTIATE

}  // namespace kts
