// Cumulative sum / product (see cumulative.h).
#include "cumulative.h"

#include <algorithm>
#include <cmath>

#include "elementwise_common.h"  // Store: a double stored as a JS TypedArray stores it
#include "thread_pool.h"

namespace kts {
namespace {

// One step of a lane: the value stored for element v, and the accumulator advanced past it.
template <class T, bool kProd, bool kExclusive>
inline T Step(double& acc, T v) {
  const double before = acc;
  acc = kProd ? acc * static_cast<double>(v) : acc + static_cast<double>(v);
  return Store<T>(kExclusive ? before : acc);
}

// Lanes [0, w) of one outer block: x and out point at element (k = 0, i = 0) of the block.
template <class T, bool kProd, bool kExclusive>
void lanes(const T* x, T* out, std::size_t n, std::size_t inner, std::size_t w, bool reverse) {
  if (w == 1) {
    double acc = kProd ? 1.0 : 0.0;
    const std::ptrdiff_t s = reverse ? -static_cast<std::ptrdiff_t>(inner) : static_cast<std::ptrdiff_t>(inner);
    const std::size_t first = reverse ? (n - 1) * inner : 0;
    const T* xr = x + first;
    T* o = out + first;
    for (std::size_t t = 0; t < n; t++, xr += s, o += s) *o = Step<T, kProd, kExclusive>(acc, *xr);
    return;
  }
  constexpr std::size_t kWidth = 256;
  double acc[kWidth];
  std::fill(acc, acc + w, kProd ? 1.0 : 0.0);
  for (std::size_t t = 0; t < n; t++) {
    const std::size_t row = (reverse ? n - 1 - t : t) * inner;
    for (std::size_t i = 0; i < w; i++) out[row + i] = Step<T, kProd, kExclusive>(acc[i], x[row + i]);
  }
}

template <class T>
using LanesFn = void (*)(const T*, T*, std::size_t, std::size_t, std::size_t, bool);

template <class T>
LanesFn<T> lanes_for(bool prod, bool exclusive) {
  if (prod) return exclusive ? lanes<T, true, true> : lanes<T, true, false>;
  return exclusive ? lanes<T, false, true> : lanes<T, false, false>;
}

}  // namespace

template <class T>
void cumulative(const T* x, T* out, std::size_t outer, std::size_t n, std::size_t inner, bool prod,
                bool exclusive, bool reverse) {
  // Units: up to 256 lanes of one outer block, each run along the whole axis.
  constexpr std::size_t kWidth = 256, kChunk = 1 << 14;
  if (n == 0 || inner == 0) return;
  const LanesFn<T> run = lanes_for<T>(prod, exclusive);
  const std::size_t per_block = (inner + kWidth - 1) / kWidth;
  const std::size_t unit = n * std::min(inner, kWidth);
  parallel_ranges(outer * per_block, unit >= kChunk ? 1 : kChunk / unit, [=](std::size_t b, std::size_t e) {
    for (std::size_t u = b; u < e; u++) {
      const std::size_t o = u / per_block, i0 = (u % per_block) * kWidth;
      const std::size_t at = o * n * inner + i0;
      run(x + at, out + at, n, inner, std::min(kWidth, inner - i0), reverse);
    }
  });
}

template void cumulative<float>(const float*, float*, std::size_t, std::size_t, std::size_t, bool, bool, bool);
template void cumulative<double>(const double*, double*, std::size_t, std::size_t, std::size_t, bool, bool,
                                 bool);
template void cumulative<std::int32_t>(const std::int32_t*, std::int32_t*, std::size_t, std::size_t, std::size_t,
                                       bool, bool, bool);
template void cumulative<std::uint8_t>(const std::uint8_t*, std::uint8_t*, std::size_t, std::size_t, std::size_t,
                                       bool, bool, bool);

}  // namespace kts
