// Sort and top-k along the last axis for the native backend, as the js kernels order elements
// (src/backends/js/indexing.ts): by value with NaN greatest, ties (−0 and +0 included, every NaN
// equal) by lower position, in both directions. That order is total, so any correct sort gives the
// js result. Rows are split across threads; each row is computed whole by one thread.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kts {

// Sorts each row of x ([rows, n]) into vals, with each element's position in its row in idx.
// T: float, double, int32_t or uint8_t.
template <class T>
void sort_rows(const T* x, T* vals, std::int32_t* idx, std::size_t rows, std::size_t n, bool descending);

// The k (≤ n) greatest elements of each row of x ([rows, n]) in descending order into vals and
// idx ([rows, k]): the first k of sort_rows(descending).
template <class T>
void topk_rows(const T* x, T* vals, std::int32_t* idx, std::size_t rows, std::size_t n, std::size_t k);

}  // namespace kts
