// Binary kernels with N-D broadcasting (see elementwise.h). Each op is the formula of
// src/backends/js/binary.ts, with the js kernel's integer and bool variants, evaluated in double
// and stored as JavaScript stores it; exact operations run in the operands' own type.
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "elementwise.h"
#include "elementwise_common.h"
#include "thread_pool.h"

namespace kts {
namespace {

constexpr std::size_t kChunk = 1 << 14;  // output elements per task

// Python's floor mod on doubles, as the js kernel's floorMod (JS `%` is C's fmod).
inline double FloorMod(double a, double b) {
  const double r = std::fmod(a, b);
  return r != 0 && (r < 0) != (b < 0) ? r + b : r;
}

// Math.pow: C's pow except that a NaN exponent, and ±1 to ±Infinity, give NaN.
inline double JsPow(double a, double b) {
  if (b != b || (std::fabs(a) == 1 && std::isinf(b))) return NAN;
  return std::pow(a, b);
}

constexpr bool IsArithmetic(BinaryOp op) {
  return op == BinaryOp::kAdd || op == BinaryOp::kSub || op == BinaryOp::kMul || op == BinaryOp::kDiv ||
         op == BinaryOp::kFloorDiv || op == BinaryOp::kMod || op == BinaryOp::kPow ||
         op == BinaryOp::kSquaredDifference;
}

constexpr bool IsComparison(BinaryOp op) { return op >= BinaryOp::kEqual; }  // and the logical ops

// The js kernel's FNS[op], in double.
template <BinaryOp OP>
inline double Formula(double a, double b) {
  if constexpr (OP == BinaryOp::kAdd) return a + b;
  if constexpr (OP == BinaryOp::kSub) return a - b;
  if constexpr (OP == BinaryOp::kMul) return a * b;
  if constexpr (OP == BinaryOp::kDiv) return a / b;
  if constexpr (OP == BinaryOp::kFloorDiv) return std::floor(a / b);
  if constexpr (OP == BinaryOp::kMod) return FloorMod(a, b);
  if constexpr (OP == BinaryOp::kPow) return JsPow(a, b);
  if constexpr (OP == BinaryOp::kMaximum) return a > b || a != a ? a : b;
  if constexpr (OP == BinaryOp::kMinimum) return a < b || a != a ? a : b;
  if constexpr (OP == BinaryOp::kAtan2) return std::atan2(a, b);
  if constexpr (OP == BinaryOp::kSquaredDifference) return (a - b) * (a - b);
  if constexpr (OP == BinaryOp::kEqual) return a == b;
  if constexpr (OP == BinaryOp::kNotEqual) return a != b;
  if constexpr (OP == BinaryOp::kLess) return a < b;
  if constexpr (OP == BinaryOp::kLessEqual) return a <= b;
  if constexpr (OP == BinaryOp::kGreater) return a > b;
  if constexpr (OP == BinaryOp::kGreaterEqual) return a >= b;
  if constexpr (OP == BinaryOp::kLogicalAnd) return a != 0 && b != 0;
  if constexpr (OP == BinaryOp::kLogicalOr) return a != 0 || b != 0;
  if constexpr (OP == BinaryOp::kLogicalXor) return (a != 0) != (b != 0);
  return 0;
}

// One run of `len` outputs, the operands at strides sa and sb. With `kLayouts` the common layouts
// (both contiguous, one side fixed) get loops of their own, which the compiler vectorizes; the
// expensive ops (pow, atan2, ...) gain nothing from that and take the general loop only.
// Everything is a parameter (see MapRange in unary.cc).
template <bool kLayouts, class I, class O, class F>
void Segment(const I* pa, std::ptrdiff_t sa, const I* pb, std::ptrdiff_t sb, O* po, std::size_t len, F f) {
  if constexpr (kLayouts) {
    if (sa == 1 && sb == 1) {
      for (std::size_t j = 0; j < len; j++) po[j] = f(pa[j], pb[j]);
      return;
    }
    if (sa == 1 && sb == 0) {
      const I s = pb[0];
      for (std::size_t j = 0; j < len; j++) po[j] = f(pa[j], s);
      return;
    }
    if (sa == 0 && sb == 1) {
      const I s = pa[0];
      for (std::size_t j = 0; j < len; j++) po[j] = f(s, pb[j]);
      return;
    }
  }
  for (std::size_t j = 0; j < len; j++) {
    const std::ptrdiff_t jj = static_cast<std::ptrdiff_t>(j);
    po[j] = f(pa[jj * sa], pb[jj * sb]);
  }
}

// out[i] = f(a[...], b[...]) over the plan, in runs along the last axis, split across threads.
template <bool kLayouts, class I, class O, class F>
void Run(const BroadcastPlan& p, const I* a, const I* b, O* y, F f) {
  std::size_t total = 1;
  for (int d = 0; d < p.rank; d++) total *= p.n[d];
  const std::ptrdiff_t sa = p.s[0][p.rank - 1], sb = p.s[1][p.rank - 1];
  parallel_ranges(total, kChunk, [&p, a, b, y, sa, sb, f](std::size_t begin, std::size_t end) {
    ForSegments<2>(p.rank, p.n, p.s, begin, end,
                   [a, b, y, sa, sb, f](const std::ptrdiff_t* off, std::size_t pos, std::size_t len) {
                     Segment<kLayouts>(a + off[0], sa, b + off[1], sb, y + pos, len, f);
                   });
  });
}

constexpr bool IsCheap(BinaryOp op) {
  return !(op == BinaryOp::kFloorDiv || op == BinaryOp::kMod || op == BinaryOp::kPow || op == BinaryOp::kAtan2);
}

// One op for operands of type I and output type O; the pairs `binary` accepts (elementwise.h):
// comparisons and logical ops write uint8; the others write I, in mode kFloat for float types,
// kInt for int32, any mode for uint8.
template <class I, class O, BinaryOp OP>
void Kernel(BinaryMode mode, const BroadcastPlan& p, const I* a, const I* b, O* y) {
  constexpr bool kLayouts = IsCheap(OP);
  if constexpr (IsComparison(OP)) {  // exact for every type
    if constexpr (std::is_same_v<O, std::uint8_t>)
      Run<kLayouts>(p, a, b, y, [](I x, I z) -> O { return Formula<OP>(x, z) != 0; });
  } else if constexpr (!std::is_same_v<I, O>) {
    // not an accepted pair
  } else if constexpr (std::is_floating_point_v<I>) {
    // + − × ÷ max min in I round as the double formula rounded once (correctly rounded operations).
    if constexpr (OP == BinaryOp::kAdd) Run<true>(p, a, b, y, [](I x, I z) { return x + z; });
    else if constexpr (OP == BinaryOp::kSub) Run<true>(p, a, b, y, [](I x, I z) { return x - z; });
    else if constexpr (OP == BinaryOp::kMul) Run<true>(p, a, b, y, [](I x, I z) { return x * z; });
    else if constexpr (OP == BinaryOp::kDiv) Run<true>(p, a, b, y, [](I x, I z) { return x / z; });
    else if constexpr (OP == BinaryOp::kMaximum)
      Run<true>(p, a, b, y, [](I x, I z) { return x > z || x != x ? x : z; });
    else if constexpr (OP == BinaryOp::kMinimum)
      Run<true>(p, a, b, y, [](I x, I z) { return x < z || x != x ? x : z; });
    else Run<kLayouts>(p, a, b, y, [](I x, I z) { return Store<O>(Formula<OP>(x, z)); });
  } else {
    // Integers (int32 in mode kInt; uint8 in any mode).
    using U = std::make_unsigned_t<I>;
    if constexpr (IsArithmetic(OP)) {
      if (mode == BinaryMode::kBool) {  // arithmetic with a bool output: is the result nonzero
        Run<kLayouts>(p, a, b, y, [](I x, I z) { return Store<O>(Formula<OP>(x, z) != 0 ? 1 : 0); });
        return;
      }
    }
    // + − exact in double, then wrapped; × Math.imul for int32, exact for uint8; max/min exact.
    if constexpr (OP == BinaryOp::kAdd)
      Run<true>(p, a, b, y, [](I x, I z) { return static_cast<I>(U(x) + U(z)); });
    else if constexpr (OP == BinaryOp::kSub)
      Run<true>(p, a, b, y, [](I x, I z) { return static_cast<I>(U(x) - U(z)); });
    else if constexpr (OP == BinaryOp::kMul)
      Run<true>(p, a, b, y, [](I x, I z) { return static_cast<I>(U(x) * U(z)); });
    else if constexpr (OP == BinaryOp::kMaximum) Run<true>(p, a, b, y, [](I x, I z) { return x > z ? x : z; });
    else if constexpr (OP == BinaryOp::kMinimum) Run<true>(p, a, b, y, [](I x, I z) { return x < z ? x : z; });
    else if constexpr (OP == BinaryOp::kDiv || OP == BinaryOp::kFloorDiv || OP == BinaryOp::kMod) {
      if (mode == BinaryMode::kInt) {  // the js kernel's intVariant: by zero gives 0
        Run<false>(p, a, b, y, [](I x, I z) {
          const double u = x, v = z;
          if constexpr (OP == BinaryOp::kMod) return Store<O>(v == 0 ? 0 : FloorMod(u, v));
          else return Store<O>(v == 0 ? 0 : std::floor(u / v));
        });
      } else {
        Run<false>(p, a, b, y, [](I x, I z) { return Store<O>(Formula<OP>(x, z)); });
      }
    } else {
      Run<kLayouts>(p, a, b, y, [](I x, I z) { return Store<O>(Formula<OP>(x, z)); });
    }
  }
}

template <class I, class O>
void BinaryTyped(BinaryOp op, BinaryMode mode, const BroadcastPlan& p, const I* a, const I* b, O* y) {
#define KTS_B(OP) \
  case BinaryOp::OP: Kernel<I, O, BinaryOp::OP>(mode, p, a, b, y); return;
  switch (op) {
    KTS_B(kAdd)
    KTS_B(kSub)
    KTS_B(kMul)
    KTS_B(kDiv)
    KTS_B(kFloorDiv)
    KTS_B(kMod)
    KTS_B(kPow)
    KTS_B(kMaximum)
    KTS_B(kMinimum)
    KTS_B(kAtan2)
    KTS_B(kSquaredDifference)
    KTS_B(kEqual)
    KTS_B(kNotEqual)
    KTS_B(kLess)
    KTS_B(kLessEqual)
    KTS_B(kGreater)
    KTS_B(kGreaterEqual)
    KTS_B(kLogicalAnd)
    KTS_B(kLogicalOr)
    KTS_B(kLogicalXor)
    default: return;
  }
#undef KTS_B
}

}  // namespace

void binary(BinaryOp op, BinaryMode mode, ElemType in, const void* a, const void* b, ElemType out, void* y,
            const BroadcastPlan& plan) {
  DispatchType<void>(in, [&](auto* tag) {
    using I = std::remove_pointer_t<decltype(tag)>;
    const I* ai = static_cast<const I*>(a);
    const I* bi = static_cast<const I*>(b);
    if (out == in) BinaryTyped<I, I>(op, mode, plan, ai, bi, static_cast<I*>(y));
    else BinaryTyped<I, std::uint8_t>(op, mode, plan, ai, bi, static_cast<std::uint8_t*>(y));
  });
}

}  // namespace kts
