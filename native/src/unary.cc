// Unary kernels (see elementwise.h). Each op is the formula of src/backends/js/unary.ts evaluated
// in the same order in double, then stored as JavaScript stores it; erf and erfinv are the js
// kernel's own algorithms (series / continued fraction, Giles' guess and Newton steps), not the C
// library's erf, so that they round as js does.
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "elementwise.h"
#include "elementwise_common.h"
#include "thread_pool.h"

namespace kts {
namespace {

constexpr double kPi = 3.141592653589793;       // Math.PI
constexpr double kSqrt2 = 1.4142135623730951;   // Math.SQRT2
constexpr double kSeluAlpha = 1.6732632423543772;
constexpr double kSeluScale = 1.0507009873554805;
const double kSqrt2OverPi = std::sqrt(2 / kPi);  // Math.sqrt(2 / Math.PI)
constexpr std::size_t kChunk = 1 << 14;           // elements per task

// erf with the js kernel's algorithm: Maclaurin series below 2.5, Lentz's continued fraction for
// erfc above.
double Erf(double x) {
  const double ax = std::fabs(x);
  if (ax < 2.5) {
    double term = x;
    double total = x;
    const double x2 = x * x;
    for (int n = 1; n < 80; n++) {
      term *= -x2 / n;
      const double add = term / (2 * n + 1);
      total += add;
      if (std::fabs(add) < 1e-17 * std::fabs(total)) break;
    }
    return (2 / std::sqrt(kPi)) * total;
  }
  if (ax >= 6) return x > 0 ? 1 : -1;  // erfc < 2^-54: ±1 exactly (also at ±Infinity)
  double f = ax;
  double c = ax;
  double d = 0;
  for (int n = 1; n < 200; n++) {
    const double a = n / 2.0;
    d = ax + a * d;
    d = d == 0 ? 1e-300 : 1 / d;
    c = ax + a / c;
    if (c == 0) c = 1e-300;
    const double delta = c * d;
    f *= delta;
    if (std::fabs(delta - 1) < 1e-16) break;
  }
  const double erfc = std::exp(-ax * ax) / std::sqrt(kPi) / f;
  return x > 0 ? 1 - erfc : erfc - 1;
}

// Inverse erf with the js kernel's algorithm: Giles' single-precision guess, three Newton steps.
double Erfinv(double y) {
  if (y <= -1) return y == -1 ? -INFINITY : NAN;
  if (y >= 1) return y == 1 ? INFINITY : NAN;
  double w = -std::log((1 - y) * (1 + y));
  double x;
  if (w < 5) {
    w -= 2.5;
    double p = 2.81022636e-8;
    for (const double c : {3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503,
                           -0.00417768164, 0.246640727, 1.50140941})
      p = c + p * w;
    x = p * y;
  } else {
    w = std::sqrt(w) - 3;
    double p = -0.000200214257;
    for (const double c : {0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613,
                           0.00943887047, 1.00167406, 2.83297682})
      p = c + p * w;
    x = p * y;
  }
  for (int i = 0; i < 3; i++) x -= (Erf(x) - y) / ((2 / std::sqrt(kPi)) * std::exp(-x * x));
  return x;
}

inline double Sigmoid(double v) {
  if (v >= 0) return 1 / (1 + std::exp(-v));
  const double e = std::exp(v);
  return e / (1 + e);
}

inline double Softplus(double x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

inline double HardSigmoid(double x) {
  const double t = x + 3;
  return (t > 0 ? (t < 6 ? t : 6) : 0) / 6;
}

// The loop takes its pointers by value: read through a by-reference capture they would be reloaded
// after every store (-fno-strict-aliasing), which blocks vectorization.
template <class I, class O, class F>
void MapRange(const I* x, O* y, std::size_t b, std::size_t e, F f) {
  for (std::size_t i = b; i < e; i++) y[i] = f(x[i]);
}

template <class I, class O, class F>
void Map(const I* x, O* y, std::size_t n, F f) {
  parallel_ranges(n, kChunk, [x, y, f](std::size_t b, std::size_t e) { MapRange(x, y, b, e, f); });
}

// The ops whose float32 result equals the double computation rounded once (exact operations and
// correctly rounded + − × √), computed in T when input and output are the same float type.
template <class T>
bool SameFloat(UnaryOp op, const T* x, T* y, std::size_t n) {
  switch (op) {
    case UnaryOp::kNeg: Map(x, y, n, [](T v) { return -v; }); return true;
    case UnaryOp::kAbs: Map(x, y, n, [](T v) { return std::fabs(v); }); return true;
    case UnaryOp::kSquare: Map(x, y, n, [](T v) { return v * v; }); return true;
    case UnaryOp::kSqrt: Map(x, y, n, [](T v) { return std::sqrt(v); }); return true;
    case UnaryOp::kRelu: Map(x, y, n, [](T v) { return v < T(0) ? T(0) : v; }); return true;  // NaN, -0 pass
    default: return false;
  }
}

// The ops with a value output, written into I (the only pairing `unary` accepts for them).
template <class I>
void UnaryValue(UnaryOp op, const I* x, I* y, std::size_t n, double p) {
  if constexpr (std::is_floating_point_v<I>) {
    if (SameFloat<I>(op, x, y, n)) return;
  }
  if constexpr (std::is_same_v<I, std::int32_t>) {
    if (op == UnaryOp::kSquare) {  // Math.imul: the exact product modulo 2^32
      Map(x, y, n, [](std::int32_t v) {
        return static_cast<std::int32_t>(static_cast<std::uint32_t>(v) * static_cast<std::uint32_t>(v));
      });
      return;
    }
  }
#define KTS_U(OP, EXPR)                         \
  case UnaryOp::OP:                             \
    Map(x, y, n, [p](I xi) {                    \
      const double v = static_cast<double>(xi); \
      (void)p;                                  \
      return Store<I>(EXPR);                    \
    });                                         \
    return;
  switch (op) {
    KTS_U(kNeg, -v)
    KTS_U(kAbs, std::fabs(v))
    KTS_U(kSign, v > 0 ? 1 : v < 0 ? -1 : v)
    KTS_U(kSquare, v * v)
    KTS_U(kSqrt, std::sqrt(v))
    KTS_U(kRsqrt, 1 / std::sqrt(v))
    KTS_U(kReciprocal, 1 / v)
    KTS_U(kExp, std::exp(v))
    KTS_U(kExpm1, std::expm1(v))
    KTS_U(kLog, std::log(v))
    KTS_U(kLog1p, std::log1p(v))
    KTS_U(kLog2, std::log2(v))
    KTS_U(kLog10, std::log10(v))
    KTS_U(kSin, std::sin(v))
    KTS_U(kCos, std::cos(v))
    KTS_U(kTan, std::tan(v))
    KTS_U(kAsin, std::asin(v))
    KTS_U(kAcos, std::acos(v))
    KTS_U(kAtan, std::atan(v))
    KTS_U(kSinh, std::sinh(v))
    KTS_U(kCosh, std::cosh(v))
    KTS_U(kTanh, std::tanh(v))
    KTS_U(kAsinh, std::asinh(v))
    KTS_U(kAcosh, std::acosh(v))
    KTS_U(kAtanh, std::atanh(v))
    KTS_U(kFloor, std::floor(v))
    KTS_U(kCeil, std::ceil(v))
    KTS_U(kRound, std::nearbyint(v))  // half to even in the default rounding mode, as the js kernel
    KTS_U(kTrunc, std::trunc(v))
    KTS_U(kErf, Erf(v))
    KTS_U(kErfinv, Erfinv(v))
    KTS_U(kRelu, v < 0 ? 0 : v)
    KTS_U(kRelu6, v < 0 ? 0 : v > 6 ? 6 : v)
    KTS_U(kLeakyRelu, v >= 0 ? v : p * v)
    KTS_U(kElu, v > 0 ? v : p * std::expm1(v))
    KTS_U(kSelu, kSeluScale * (v > 0 ? v : kSeluAlpha * std::expm1(v)))
    KTS_U(kSigmoid, Sigmoid(v))
    KTS_U(kHardSigmoid, HardSigmoid(v))
    KTS_U(kSoftplus, Softplus(v))
    KTS_U(kSoftsign, v / (1 + std::fabs(v)))
    KTS_U(kSilu, v * Sigmoid(v))
    KTS_U(kGelu, 0.5 * v * (1 + Erf(v / kSqrt2)))
    KTS_U(kGeluTanh, 0.5 * v * (1 + std::tanh(kSqrt2OverPi * (v + 0.044715 * v * v * v))))
    KTS_U(kMish, v * std::tanh(Softplus(v)))
    KTS_U(kHardSilu, v * HardSigmoid(v))
    KTS_U(kLogSigmoid, -Softplus(-v))
    default: return;
  }
#undef KTS_U
}

// The ops with a bool output (0/1 in a uint8 array).
template <class I>
void UnaryBool(UnaryOp op, const I* x, std::uint8_t* y, std::size_t n) {
  using O = std::uint8_t;
  switch (op) {
    case UnaryOp::kLogicalNot: Map(x, y, n, [](I v) -> O { return v == 0; }); return;
    case UnaryOp::kIsnan: Map(x, y, n, [](I v) -> O { return v != v; }); return;
    case UnaryOp::kIsinf:
      Map(x, y, n, [](I v) -> O { return std::isinf(static_cast<double>(v)); });
      return;
    case UnaryOp::kIsfinite:
      Map(x, y, n, [](I v) -> O { return std::isfinite(static_cast<double>(v)); });
      return;
    default: return;
  }
}

}  // namespace

bool unary_writes_bool(UnaryOp op) { return op >= UnaryOp::kLogicalNot; }

void unary(UnaryOp op, ElemType in, const void* x, ElemType out, void* y, std::size_t n, double param) {
  DispatchType<void>(in, [&](auto* tag) {
    using I = std::remove_pointer_t<decltype(tag)>;
    const I* xi = static_cast<const I*>(x);
    if (unary_writes_bool(op)) {
      if (out == ElemType::kU8) UnaryBool<I>(op, xi, static_cast<std::uint8_t*>(y), n);
    } else if (out == in) {
      UnaryValue<I>(op, xi, static_cast<I*>(y), n, param);
    }
  });
}

}  // namespace kts
