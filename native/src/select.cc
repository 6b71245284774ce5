// where over an N-D broadcast and scatter-add (see select.h).
#include "select.h"

#include <algorithm>
#include <cstring>

#include "merge_axes.h"
#include "thread_pool.h"

namespace kts {
namespace {

constexpr std::size_t kChunk = 1 << 15;  // output elements per task; smaller jobs stay on this thread

// The plan with size-1 axes dropped and axes merged where all three operands step across the
// pair as across one (merge_axes.h; the output is contiguous, so it always does).
WherePlan simplify(const WherePlan& p) {
  WherePlan q = p;
  q.rank = merge_axes<3>(p.rank, q.n, {q.cs, q.as, q.bs});
  return q;
}

template <class C>
inline bool Truthy(C c) {
  return c == c && c != 0;  // NaN and ±0 are false
}

// Output elements [b, e) of the simplified plan.
template <class C, class E>
void where_range(const C* c, const E* a, const E* bv, E* out, const WherePlan& p, std::size_t b,
                 std::size_t e) {
  const int last = p.rank - 1;
  std::ptrdiff_t idx[kMaxWhereRank];
  std::ptrdiff_t co = 0, ao = 0, bo = 0;
  std::size_t rest = b;
  for (int k = last; k >= 0; k--) {
    idx[k] = static_cast<std::ptrdiff_t>(rest % static_cast<std::size_t>(p.n[k]));
    rest /= static_cast<std::size_t>(p.n[k]);
    co += idx[k] * p.cs[k];
    ao += idx[k] * p.as[k];
    bo += idx[k] * p.bs[k];
  }
  const std::ptrdiff_t cl = p.cs[last], al = p.as[last], bl = p.bs[last];
  for (std::size_t i = b; i < e;) {
    const std::size_t len = std::min<std::size_t>(static_cast<std::size_t>(p.n[last] - idx[last]), e - i);
    const C* cr = c + co;
    const E* ar = a + ao;
    const E* br = bv + bo;
    E* o = out + i;
    for (std::size_t j = 0; j < len; j++) {
      const std::ptrdiff_t s = static_cast<std::ptrdiff_t>(j);
      o[j] = Truthy(cr[s * cl]) ? ar[s * al] : br[s * bl];
    }
    i += len;
    // Advance the odometer past the run.
    co += static_cast<std::ptrdiff_t>(len) * cl;
    ao += static_cast<std::ptrdiff_t>(len) * al;
    bo += static_cast<std::ptrdiff_t>(len) * bl;
    idx[last] += static_cast<std::ptrdiff_t>(len);
    for (int k = last; k > 0 && idx[k] == p.n[k]; k--) {
      co += p.cs[k - 1] - idx[k] * p.cs[k];
      ao += p.as[k - 1] - idx[k] * p.as[k];
      bo += p.bs[k - 1] - idx[k] * p.bs[k];
      idx[k] = 0;
      idx[k - 1]++;
    }
  }
}

template <class C, class E>
void where_typed(const void* c, const void* a, const void* b, void* out, const WherePlan& p) {
  std::size_t total = 1;
  for (int k = 0; k < p.rank; k++) total *= static_cast<std::size_t>(p.n[k]);
  if (total == 0) return;
  const WherePlan q = simplify(p);
  parallel_ranges(total, kChunk, [&](std::size_t begin, std::size_t end) {
    where_range(static_cast<const C*>(c), static_cast<const E*>(a), static_cast<const E*>(b),
                static_cast<E*>(out), q, begin, end);
  });
}

template <class C>
void where_cond(const void* c, const void* a, const void* b, void* out, std::size_t elem_size,
                const WherePlan& p) {
  if (elem_size == 1) where_typed<C, std::uint8_t>(c, a, b, out, p);
  else if (elem_size == 4) where_typed<C, std::uint32_t>(c, a, b, out, p);
  else where_typed<C, std::uint64_t>(c, a, b, out, p);
}

// a + b as a JS TypedArray of T stores it: float32 and float64 round once, integers wrap.
template <class T>
inline T Add(T a, T b) {
  return a + b;
}
template <>
inline std::int32_t Add<std::int32_t>(std::int32_t a, std::int32_t b) {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(a) + static_cast<std::uint32_t>(b));
}
template <>
inline std::uint8_t Add<std::uint8_t>(std::uint8_t a, std::uint8_t b) {
  return static_cast<std::uint8_t>(a + b);
}

}  // namespace

void where_strided(const void* cond, CondType cond_type, const void* a, const void* b, void* out,
                   std::size_t elem_size, const WherePlan& plan) {
  switch (cond_type) {
    case CondType::kUint8:
      return where_cond<std::uint8_t>(cond, a, b, out, elem_size, plan);
    case CondType::kInt32:
      return where_cond<std::int32_t>(cond, a, b, out, elem_size, plan);
    case CondType::kFloat32:
      return where_cond<float>(cond, a, b, out, elem_size, plan);
    case CondType::kFloat64:
      return where_cond<double>(cond, a, b, out, elem_size, plan);
  }
}

template <class T>
void scatter_add(const T* updates, const std::int32_t* idx, T* out, std::size_t outer, std::size_t n,
                 std::size_t m, std::size_t inner) {
  // Threads own disjoint ranges of output rows (o, r); each scans the indices in order and adds the
  // updates that land in its rows, so every element sums its updates in the js order.
  const std::size_t rows = outer * n;
  if (rows == 0 || inner == 0) return;
  const std::size_t work = rows * inner + outer * m * inner;
  const std::size_t tasks = std::min<std::size_t>(static_cast<std::size_t>(num_threads()),
                                                  std::max<std::size_t>(1, work / kChunk));
  parallel_ranges(rows, (rows + tasks - 1) / tasks, [=](std::size_t r0, std::size_t r1) {
    std::fill(out + r0 * inner, out + r1 * inner, T(0));
    for (std::size_t o = r0 / n; o < outer && o * n < r1; o++) {
      const T* u = updates + o * m * inner;
      for (std::size_t j = 0; j < m; j++) {
        const std::size_t r = o * n + static_cast<std::size_t>(idx[j]);
        if (r < r0 || r >= r1) continue;
        T* dst = out + r * inner;
        const T* src = u + j * inner;
        for (std::size_t i = 0; i < inner; i++) dst[i] = Add<T>(dst[i], src[i]);
      }
    }
  });
}

#define KTS_INSTANTIATE(T)                                                                                  \
  template void scatter_add<T>(const T*, const std::int32_t*, T*, std::size_t, std::size_t, std::size_t, \
                               std::size_t);
KTS_INSTANTIATE(float)
KTS_INSTANTIATE(double)
KTS_INSTANTIATE(std::int32_t)
KTS_INSTANTIATE(std::uint8_t)
#undef KTS_INSTANTIATE

}  // namespace kts
