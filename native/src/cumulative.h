// Cumulative sum / product along one axis for the native backend, as the js kernel computes it
// (src/backends/js/scan.ts): x viewed as [outer, n, inner], each lane (o, i) accumulated along n in
// double from 0 (sum) or 1 (prod), every partial result stored into T as a JS TypedArray store
// converts a number (floats round to nearest; int32 and uint8 truncate and wrap). `exclusive` stores
// the accumulator before adding the element, `reverse` runs from the end of the axis. Lanes are
// split across threads, each lane computed whole by one thread: results never depend on the count.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kts {

// T: float, double, int32_t or uint8_t.
template <class T>
void cumulative(const T* x, T* out, std::size_t outer, std::size_t n, std::size_t inner, bool prod,
                bool exclusive, bool reverse);

}  // namespace kts
