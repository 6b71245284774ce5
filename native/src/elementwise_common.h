// Shared by the unary, binary and reduce kernels: the element types they read and write, stores
// with JavaScript's conversion rules (what assigning a double to a TypedArray element does), and an
// N-D strided iteration split into contiguous inner segments.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "elementwise.h"

namespace kts {

// ToInt32 (ECMA-262 7.1.6): NaN and ±Infinity give 0, otherwise truncate toward zero and wrap
// modulo 2^32 into [-2^31, 2^31). What storing a double into an Int32Array does.
inline std::int32_t ToInt32(double d) {
  if (d > -2147483649.0 && d < 2147483648.0) return static_cast<std::int32_t>(d);  // truncates
  if (!std::isfinite(d)) return 0;
  double m = std::fmod(std::trunc(d), 4294967296.0);  // exact; sign of d
  if (m < 0) m += 4294967296.0;                         // exact
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(m));
}

// ToUint8 (ECMA-262 7.1.11): NaN and ±Infinity give 0, otherwise truncate and wrap modulo 256.
inline std::uint8_t ToUint8(double d) {
  if (d > -1.0 && d < 256.0) return static_cast<std::uint8_t>(static_cast<int>(d));  // truncates
  if (!std::isfinite(d)) return 0;
  double m = std::fmod(std::trunc(d), 256.0);
  if (m < 0) m += 256.0;
  return static_cast<std::uint8_t>(static_cast<int>(m));
}

// Stores a double into an element of type O as JavaScript does (float: round to nearest).
template <class O>
inline O Store(double d);
template <>
inline float Store<float>(double d) { return static_cast<float>(d); }
template <>
inline double Store<double>(double d) { return d; }
template <>
inline std::int32_t Store<std::int32_t>(double d) { return ToInt32(d); }
template <>
inline std::uint8_t Store<std::uint8_t>(double d) { return ToUint8(d); }

// Calls fn<I>() with I the C++ type of `t`.
template <class R, class Fn>
inline R DispatchType(ElemType t, Fn&& fn) {
  switch (t) {
    case ElemType::kF32: return fn(static_cast<float*>(nullptr));
    case ElemType::kF64: return fn(static_cast<double*>(nullptr));
    case ElemType::kI32: return fn(static_cast<std::int32_t*>(nullptr));
    default: return fn(static_cast<std::uint8_t*>(nullptr));
  }
}

// Walks elements [begin, end) of the row-major index space `n` (rank >= 1) as runs along the last
// axis: seg(offsets, pos, len) gets, for each of the K operands, the offset (Σ index·stride) of
// the run's first element, the run's flat position and its length.
template <int K, class Seg>
void ForSegments(int rank, const std::size_t* n, const std::ptrdiff_t (*s)[kMaxElemRank], std::size_t begin,
                 std::size_t end, Seg seg) {
  std::size_t idx[kMaxElemRank];
  std::ptrdiff_t off[K];
  std::size_t rem = begin;
  for (int k = 0; k < K; k++) off[k] = 0;
  for (int d = rank - 1; d >= 0; d--) {
    idx[d] = rem % n[d];
    rem /= n[d];
    for (int k = 0; k < K; k++) off[k] += static_cast<std::ptrdiff_t>(idx[d]) * s[k][d];
  }
  const int last = rank - 1;
  std::size_t pos = begin;
  while (pos < end) {
    const std::size_t len = std::min(n[last] - idx[last], end - pos);
    seg(off, pos, len);
    pos += len;
    if (pos >= end) break;
    // The run ended at the end of the last axis: carry into the higher axes.
    for (int k = 0; k < K; k++) off[k] -= static_cast<std::ptrdiff_t>(idx[last]) * s[k][last];
    idx[last] = 0;
    for (int d = last - 1; d >= 0; d--) {
      idx[d]++;
      for (int k = 0; k < K; k++) off[k] += s[k][d];
      if (idx[d] < n[d]) break;
      for (int k = 0; k < K; k++) off[k] -= static_cast<std::ptrdiff_t>(idx[d]) * s[k][d];
      idx[d] = 0;
    }
  }
}

}  // namespace kts
