// Data movement for the native backend: strided copies (transpose, broadcastTo, slice, concat),
// gather along an axis, and dtype casts. Copies move bits and casts round as JS does (to nearest,
// ties to even), so results equal the reference js kernels bitwise. Work is split by fixed output
// ranges, so results never depend on the thread count.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kts {

constexpr int kMaxCopyRank = 8;

// A copy over an index space of `rank` axes: for every index i (i_k < n[k]),
// dst[dst_base + Σ i_k·ds[k]] = src[src_base + Σ i_k·ss[k]]. Strides are in elements and may be
// zero (broadcast) or negative (reversed reads).
struct CopyPlan {
  int rank;
  std::ptrdiff_t n[kMaxCopyRank], ss[kMaxCopyRank], ds[kMaxCopyRank];
  std::ptrdiff_t src_base, dst_base;
};

// Whether every offset the plan reads lies in [0, src_len) and every one it writes in [0, dst_len).
bool copy_in_bounds(const CopyPlan& plan, std::size_t src_len, std::size_t dst_len);

// Runs the plan on elements of `elem_size` bytes (1, 4 or 8); src and dst must not overlap.
void strided_copy(const void* src, void* dst, std::size_t elem_size, const CopyPlan& plan);

// out[o, j, i] = x[o, idx[j], i] with x viewed as [outer, n, inner] and out as [outer, m, inner];
// every idx[j] must lie in [0, n).
void gather(const void* x, const std::int32_t* idx, void* out, std::size_t elem_size, std::size_t outer,
            std::size_t n, std::size_t m, std::size_t inner);

// out[i] = x[i] converted to D (as a JS TypedArray store would: floats round to nearest).
// Instantiated for float<->double and int32/uint8 -> float/double.
template <class S, class D>
void cast(const S* x, D* out, std::size_t n);

}  // namespace kts
