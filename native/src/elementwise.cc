// Elementwise kernels, reductions and `where` (see elementwise.h). Loops are written so the
// compiler vectorizes the contiguous cases; no -ffast-math, so every result is the IEEE one.
#include "elementwise.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace kts {
namespace {

template <class T>
inline T Relu(T v) { return v < T(0) ? T(0) : v; }  // NaN and -0 pass through, as in js

inline double Sigmoid(double v) {
  if (v >= 0) return 1.0 / (1.0 + std::exp(-v));
  const double e = std::exp(v);
  return e / (1.0 + e);
}

template <class T, class F>
inline void Map(const T* x, T* out, std::size_t n, F f) {
  for (std::size_t i = 0; i < n; i++) out[i] = f(x[i]);
}

// 2-D broadcast loop with the common inner layouts specialized (contiguous, or one side fixed).
template <class T, class O, class F>
inline void Loop2(const T* a, View2 as, const T* b, View2 bs, O* out, std::size_t M, std::size_t N,
                  F f) {
  for (std::size_t i = 0; i < M; i++) {
    const T* pa = a + static_cast<std::ptrdiff_t>(i) * as.si;
    const T* pb = b + static_cast<std::ptrdiff_t>(i) * bs.si;
    O* po = out + i * N;
    if (as.sj == 1 && bs.sj == 1) {
      for (std::size_t j = 0; j < N; j++) po[j] = f(pa[j], pb[j]);
    } else if (as.sj == 1 && bs.sj == 0) {
      const T s = pb[0];
      for (std::size_t j = 0; j < N; j++) po[j] = f(pa[j], s);
    } else if (as.sj == 0 && bs.sj == 1) {
      const T s = pa[0];
      for (std::size_t j = 0; j < N; j++) po[j] = f(s, pb[j]);
    } else {
      for (std::size_t j = 0; j < N; j++)
        po[j] = f(pa[static_cast<std::ptrdiff_t>(j) * as.sj], pb[static_cast<std::ptrdiff_t>(j) * bs.sj]);
    }
  }
}

}  // namespace

template <class T>
void unary(UnaryOp op, const T* x, T* out, std::size_t n) {
  switch (op) {
    case UnaryOp::kNeg: Map(x, out, n, [](T v) { return -v; }); break;
    case UnaryOp::kAbs: Map(x, out, n, [](T v) { return std::fabs(v); }); break;
    case UnaryOp::kSquare: Map(x, out, n, [](T v) { return v * v; }); break;
    case UnaryOp::kSqrt: Map(x, out, n, [](T v) { return std::sqrt(v); }); break;
    case UnaryOp::kRelu: Map(x, out, n, [](T v) { return Relu(v); }); break;
    case UnaryOp::kExp: Map(x, out, n, [](T v) { return static_cast<T>(std::exp(double(v))); }); break;
    case UnaryOp::kLog: Map(x, out, n, [](T v) { return static_cast<T>(std::log(double(v))); }); break;
    case UnaryOp::kTanh: Map(x, out, n, [](T v) { return static_cast<T>(std::tanh(double(v))); }); break;
    case UnaryOp::kSigmoid: Map(x, out, n, [](T v) { return static_cast<T>(Sigmoid(double(v))); }); break;
    default: break;
  }
}

template <class T>
void binary(BinaryOp op, const T* a, View2 as, const T* b, View2 bs, void* outp, std::size_t M,
            std::size_t N) {
  T* out = static_cast<T*>(outp);
  std::uint8_t* bout = static_cast<std::uint8_t*>(outp);
  switch (op) {
    case BinaryOp::kAdd: Loop2(a, as, b, bs, out, M, N, [](T x, T y) { return x + y; }); break;
    case BinaryOp::kSub: Loop2(a, as, b, bs, out, M, N, [](T x, T y) { return x - y; }); break;
    case BinaryOp::kMul: Loop2(a, as, b, bs, out, M, N, [](T x, T y) { return x * y; }); break;
    case BinaryOp::kDiv: Loop2(a, as, b, bs, out, M, N, [](T x, T y) { return x / y; }); break;
    case BinaryOp::kMaximum:
      Loop2(a, as, b, bs, out, M, N, [](T x, T y) { return (x > y || x != x) ? x : y; });
      break;
    case BinaryOp::kMinimum:
      Loop2(a, as, b, bs, out, M, N, [](T x, T y) { return (x < y || x != x) ? x : y; });
      break;
    case BinaryOp::kSquaredDifference:  // js: (a - b) * (a - b) in double, then rounded once
      Loop2(a, as, b, bs, out, M, N, [](T x, T y) {
        const double d = double(x) - double(y);
        return static_cast<T>(d * d);
      });
      break;
    case BinaryOp::kEqual: Loop2(a, as, b, bs, bout, M, N, [](T x, T y) -> std::uint8_t { return x == y; }); break;
    case BinaryOp::kNotEqual: Loop2(a, as, b, bs, bout, M, N, [](T x, T y) -> std::uint8_t { return x != y; }); break;
    case BinaryOp::kLess: Loop2(a, as, b, bs, bout, M, N, [](T x, T y) -> std::uint8_t { return x < y; }); break;
    case BinaryOp::kLessEqual: Loop2(a, as, b, bs, bout, M, N, [](T x, T y) -> std::uint8_t { return x <= y; }); break;
    case BinaryOp::kGreater: Loop2(a, as, b, bs, bout, M, N, [](T x, T y) -> std::uint8_t { return x > y; }); break;
    case BinaryOp::kGreaterEqual: Loop2(a, as, b, bs, bout, M, N, [](T x, T y) -> std::uint8_t { return x >= y; }); break;
    default: break;
  }
}

template <class T>
void reduce(ReduceOp op, const T* x, T* out, std::size_t outer, std::size_t r, std::size_t inner) {
  const double init = op == ReduceOp::kSum ? 0.0 : op == ReduceOp::kProd ? 1.0
                      : op == ReduceOp::kMax ? -INFINITY : INFINITY;
  if (inner == 1) {  // one running scalar per row, summed in order (as js)
    for (std::size_t o = 0; o < outer; o++) {
      const T* p = x + o * r;
      double acc = init;
      switch (op) {
        case ReduceOp::kSum: for (std::size_t k = 0; k < r; k++) acc += p[k]; break;
        case ReduceOp::kProd: for (std::size_t k = 0; k < r; k++) acc *= p[k]; break;
        case ReduceOp::kMax:
          for (std::size_t k = 0; k < r; k++) { const double e = p[k]; if (e > acc || e != e) acc = e; }
          break;
        case ReduceOp::kMin:
          for (std::size_t k = 0; k < r; k++) { const double e = p[k]; if (e < acc || e != e) acc = e; }
          break;
        default: break;
      }
      out[o] = static_cast<T>(acc);
    }
    return;
  }
  std::vector<double> acc(inner);
  for (std::size_t o = 0; o < outer; o++) {
    std::fill(acc.begin(), acc.end(), init);
    double* ac = acc.data();
    for (std::size_t k = 0; k < r; k++) {
      const T* row = x + (o * r + k) * inner;
      switch (op) {
        case ReduceOp::kSum: for (std::size_t i = 0; i < inner; i++) ac[i] += row[i]; break;
        case ReduceOp::kProd: for (std::size_t i = 0; i < inner; i++) ac[i] *= row[i]; break;
        case ReduceOp::kMax:
          for (std::size_t i = 0; i < inner; i++) { const double e = row[i]; ac[i] = (e > ac[i] || e != e) ? e : ac[i]; }
          break;
        case ReduceOp::kMin:
          for (std::size_t i = 0; i < inner; i++) { const double e = row[i]; ac[i] = (e < ac[i] || e != e) ? e : ac[i]; }
          break;
        default: break;
      }
    }
    T* po = out + o * inner;
    for (std::size_t i = 0; i < inner; i++) po[i] = static_cast<T>(ac[i]);
  }
}

template <class T>
void where(const std::uint8_t* cond, View2 cs, const T* a, View2 as, const T* b, View2 bs, T* out,
           std::size_t M, std::size_t N) {
  for (std::size_t i = 0; i < M; i++) {
    const std::ptrdiff_t ii = static_cast<std::ptrdiff_t>(i);
    const std::uint8_t* pc = cond + ii * cs.si;
    const T* pa = a + ii * as.si;
    const T* pb = b + ii * bs.si;
    T* po = out + i * N;
    for (std::size_t j = 0; j < N; j++) {
      const std::ptrdiff_t jj = static_cast<std::ptrdiff_t>(j);
      po[j] = pc[jj * cs.sj] ? pa[jj * as.sj] : pb[jj * bs.sj];
    }
  }
}

#define KTS_INSTANTIATE(T)                                                                          \
  template void unary<T>(UnaryOp, const T*, T*, std::size_t);                                       \
  template void binary<T>(BinaryOp, const T*, View2, const T*, View2, void*, std::size_t, std::size_t); \
  template void reduce<T>(ReduceOp, const T*, T*, std::size_t, std::size_t, std::size_t);           \
  template void where<T>(const std::uint8_t*, View2, const T*, View2, const T*, View2, T*, std::size_t, \
                         std::size_t);
KTS_INSTANTIATE(float)
KTS_INSTANTIATE(double)
#undef KTS_INSTANTIATE

}  // namespace kts
