// Kernels that choose where elements go, for the native backend: `where` over an N-D broadcast
// (any condition type, elements moved as bits) and scatter-add. Both equal the js kernels bitwise
// (src/backends/js/movement.ts, indexing.ts) for any thread count: threads own disjoint output
// ranges, and each scatter-add output element sums its updates in the js order.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kts {

constexpr int kMaxWhereRank = 8;

// The broadcast of a where: output index space n (row-major, contiguous output) and the element
// strides of cond, a and b over it (zero on broadcast axes; never negative).
struct WherePlan {
  int rank;
  std::ptrdiff_t n[kMaxWhereRank], cs[kMaxWhereRank], as[kMaxWhereRank], bs[kMaxWhereRank];
};

enum class CondType { kUint8, kInt32, kFloat32, kFloat64 };

// out[i] = cond[…] ? a[…] : b[…] over the plan, where a condition is true when it is non-zero and
// not NaN (JS truthiness). Elements of a, b and out are elem_size bytes (1, 4 or 8), copied as bits.
// The plan must stay within every operand.
void where_strided(const void* cond, CondType cond_type, const void* a, const void* b, void* out,
                   std::size_t elem_size, const WherePlan& plan);

// Zeros of out ([outer, n, inner]), then out[o, idx[j], i] += updates[o, j, i] for j = 0 .. m−1 in
// order (so duplicates sum in the js order); adds round as a JS TypedArray store does (float32 in
// float, int32 and uint8 wrap). Every idx[j] must lie in [0, n). T: float, double, int32_t, uint8_t.
template <class T>
void scatter_add(const T* updates, const std::int32_t* idx, T* out, std::size_t outer, std::size_t n,
                 std::size_t m, std::size_t inner);

}  // namespace kts
