// Row kernels of the native backend (float32 and float64): softmax / log-softmax over the last axis
// and its gradient, sparse categorical cross-entropy and its gradient, and argmax/argmin. Each rounds
// exactly as its js kernel (src/backends/js/softmax.ts, crossentropy.ts, scan.ts): every
// intermediate is rounded to T, sums accumulate in double and round once, and exp/log are computed
// as the native elementwise kernels compute them (the C library in double, then rounded to T), so a
// fused row kernel equals the native op composition it replaces. Threads split the work by whole
// rows in fixed chunks: results never depend on the thread count.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kts {

// Softmax (log-softmax when `log`) of each row of x ([rows, C]) into out.
template <class T>
void softmax_rows(const T* x, T* out, std::size_t rows, std::size_t C, bool log);

// Gradient of softmax_rows from its output y and the output gradient dy: softmax y·(dy − Σ dy·y),
// log-softmax dy − exp(y)·Σ dy.
template <class T>
void softmax_grad_rows(const T* y, const T* dy, T* out, std::size_t rows, std::size_t C, bool log);

// Loss per row of pred ([rows, C]): −log(clip(p_l / Σp, ε, 1 − ε)), or −log_softmax(z)_l when
// `from_logits`. Every label must lie in [0, C).
template <class T>
void sparse_ce_rows(const std::int32_t* labels, const T* pred, T* out, std::size_t rows, std::size_t C,
                    bool from_logits);

// Gradient of sparse_ce_rows with respect to pred, scaled per row by dy ([rows]); out is [rows, C].
template <class T>
void sparse_ce_grad_rows(const std::int32_t* labels, const T* pred, const T* dy, T* out, std::size_t rows,
                         std::size_t C, bool from_logits);

// Index of the max (min when `argmin`) of x viewed as [outer, n, inner] along n (n ≥ 1) into out
// ([outer, inner]): the first occurrence wins, and the first NaN counts as the extreme.
template <class T>
void arg_reduce(bool argmin, const T* x, std::int32_t* out, std::size_t outer, std::size_t n,
                std::size_t inner);

}  // namespace kts
