// Reductions over any set of axes (see elementwise.h). The input is streamed in memory order and
// each element is combined into its output's double accumulator, so every output element sees its
// reduced elements in row-major order: the order of the js kernel (src/backends/js/reduce.ts),
// which moves the reduced axes last and then reduces each row in order. Threads split the input
// along a kept axis, so each output element is still accumulated by one thread, in that order.
#include <cmath>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "elementwise.h"
#include "elementwise_common.h"
#include "thread_pool.h"

namespace kts {
namespace {

constexpr std::size_t kWork = 1 << 15;   // input elements per task, about
constexpr std::size_t kMinRun = 2048;    // columns per task when splitting the last axis

// acc = combine(acc, e) as the js kernel's loops do.
template <ReduceOp OP>
inline double Combine(double acc, double e) {
  if constexpr (OP == ReduceOp::kSum) return acc + e;
  if constexpr (OP == ReduceOp::kProd) return acc * e;
  if constexpr (OP == ReduceOp::kMax) return e > acc || e != e ? e : acc;
  if constexpr (OP == ReduceOp::kMin) return e < acc || e != e ? e : acc;
  if constexpr (OP == ReduceOp::kAny) return e != 0 ? 1 : acc;
  if constexpr (OP == ReduceOp::kAll) return e == 0 ? 0 : acc;
  return acc;
}

// Combines the input elements whose index along axis `split` lies in [lo, hi) into `acc` (one per
// output element), walking them in row-major order.
template <ReduceOp OP, class I>
void Walk(const ReducePlan& p, const I* x, double* acc, const std::ptrdiff_t* sx, const std::ptrdiff_t* so,
          int split, std::size_t lo_split, std::size_t hi_split) {
  const int rank = p.rank;
  std::size_t lo[kMaxElemRank], hi[kMaxElemRank], idx[kMaxElemRank];
  for (int d = 0; d < rank; d++) {
    lo[d] = d == split ? lo_split : 0;
    hi[d] = d == split ? hi_split : p.n[d];
    if (lo[d] >= hi[d]) return;
    idx[d] = lo[d];
  }
  const int L = rank - 1;
  std::ptrdiff_t xo = 0, oo = 0;  // offsets of idx[0..L-1]
  for (int d = 0; d < L; d++) {
    xo += static_cast<std::ptrdiff_t>(lo[d]) * sx[d];
    oo += static_cast<std::ptrdiff_t>(lo[d]) * so[d];
  }
  const std::size_t len = hi[L] - lo[L];
  for (;;) {
    const I* px = x + xo + static_cast<std::ptrdiff_t>(lo[L]);
    if (p.kept[L]) {  // one accumulator per element of the run
      double* pa = acc + oo + static_cast<std::ptrdiff_t>(lo[L]);
      for (std::size_t j = 0; j < len; j++) pa[j] = Combine<OP>(pa[j], static_cast<double>(px[j]));
    } else {  // the whole run into one accumulator, in order
      double a = acc[oo];
      for (std::size_t j = 0; j < len; j++) a = Combine<OP>(a, static_cast<double>(px[j]));
      acc[oo] = a;
    }
    int d = L - 1;
    for (; d >= 0; d--) {
      idx[d]++;
      xo += sx[d];
      oo += so[d];
      if (idx[d] < hi[d]) break;
      const std::ptrdiff_t back = static_cast<std::ptrdiff_t>(idx[d] - lo[d]);
      xo -= back * sx[d];
      oo -= back * so[d];
      idx[d] = lo[d];
    }
    if (d < 0) return;
  }
}

template <ReduceOp OP, class I>
void Accumulate(const ReducePlan& p, const I* x, double* acc, std::size_t n_out, std::size_t count) {
  // The js kernel copies when exactly one element is reduced (keeping -0 for sum); -0 + x is x.
  const double init = OP == ReduceOp::kSum ? (count == 1 ? -0.0 : 0.0)
                      : OP == ReduceOp::kProd ? 1.0
                      : OP == ReduceOp::kMax ? -INFINITY
                      : OP == ReduceOp::kMin ? INFINITY
                      : OP == ReduceOp::kAny ? 0.0
                                              : 1.0;
  for (std::size_t i = 0; i < n_out; i++) acc[i] = init;
  if (p.rank == 0) return;
  std::ptrdiff_t sx[kMaxElemRank], so[kMaxElemRank];
  std::ptrdiff_t stride_x = 1, stride_o = 1;
  std::size_t total = 1;
  for (int d = p.rank - 1; d >= 0; d--) {
    sx[d] = stride_x;
    stride_x *= static_cast<std::ptrdiff_t>(p.n[d]);
    so[d] = p.kept[d] ? stride_o : 0;
    if (p.kept[d]) stride_o *= static_cast<std::ptrdiff_t>(p.n[d]);
    total *= p.n[d];
  }
  if (total == 0) return;
  // Split along the outermost kept axis (none kept: one output, one thread). When that is the
  // last axis (a reduction over leading axes), each task takes columns at least kMinRun wide, so
  // that its runs along the rows stay long.
  int split = -1;
  for (int d = 0; d < p.rank && split < 0; d++)
    if (p.kept[d]) split = d;
  if (split < 0) {
    Walk<OP, I>(p, x, acc, sx, so, -1, 0, 0);
    return;
  }
  const std::size_t units = p.n[split];
  const std::size_t per_unit = total / units;
  std::size_t per_task = per_unit >= kWork ? 1 : (kWork + per_unit - 1) / per_unit;
  if (split == p.rank - 1 && per_task < kMinRun) per_task = kMinRun;
  parallel_ranges(units, per_task, [&](std::size_t b, std::size_t e) { Walk<OP, I>(p, x, acc, sx, so, split, b, e); });
}

template <class I>
void AccumulateOp(ReduceOp op, const ReducePlan& p, const I* x, double* acc, std::size_t n_out, std::size_t count) {
  switch (op) {
    case ReduceOp::kSum: Accumulate<ReduceOp::kSum, I>(p, x, acc, n_out, count); return;
    case ReduceOp::kMax: Accumulate<ReduceOp::kMax, I>(p, x, acc, n_out, count); return;
    case ReduceOp::kMin: Accumulate<ReduceOp::kMin, I>(p, x, acc, n_out, count); return;
    case ReduceOp::kProd: Accumulate<ReduceOp::kProd, I>(p, x, acc, n_out, count); return;
    case ReduceOp::kAny: Accumulate<ReduceOp::kAny, I>(p, x, acc, n_out, count); return;
    case ReduceOp::kAll: Accumulate<ReduceOp::kAll, I>(p, x, acc, n_out, count); return;
    default: return;
  }
}

}  // namespace

void reduce(ReduceOp op, ElemType in, const void* x, ElemType out, void* y, const ReducePlan& plan) {
  std::size_t n_out = 1, count = 1;
  for (int d = 0; d < plan.rank; d++) (plan.kept[d] ? n_out : count) *= plan.n[d];
  if (n_out == 0) return;
  // A float64 output is its own accumulator; other types are stored from a double buffer.
  std::vector<double> buffer(out == ElemType::kF64 ? 0 : n_out);
  double* acc = out == ElemType::kF64 ? static_cast<double*>(y) : buffer.data();
  DispatchType<void>(in, [&](auto* tag) {
    using I = std::remove_pointer_t<decltype(tag)>;
    AccumulateOp<I>(op, plan, static_cast<const I*>(x), acc, n_out, count);
  });
  if (out == ElemType::kF64) return;
  DispatchType<void>(out, [&](auto* tag) {
    using O = std::remove_pointer_t<decltype(tag)>;
    O* yo = static_cast<O*>(y);
    for (std::size_t i = 0; i < n_out; i++) yo[i] = Store<O>(acc[i]);
  });
}

template <class T>
void reduce(ReduceOp op, const T* x, T* out, std::size_t outer, std::size_t r, std::size_t inner) {
  constexpr ElemType t = std::is_same_v<T, float> ? ElemType::kF32 : ElemType::kF64;
  const ReducePlan plan{3, {outer, r, inner}, {true, false, true}};
  reduce(op, t, x, t, out, plan);
}

template void reduce<float>(ReduceOp, const float*, float*, std::size_t, std::size_t, std::size_t);
template void reduce<double>(ReduceOp, const double*, double*, std::size_t, std::size_t, std::size_t);

}  // namespace kts
