// Elementwise kernels, reductions and `where` for the native backend (float32 and float64).
// Semantics follow the reference js kernels exactly: float32 math that JS does in double and then
// rounds is done the same way here (add/sub/mul/div/max/min/sqrt are done in T, which rounds
// identically), and NaN handling copies the js comparisons (relu(NaN) = NaN, maximum propagates a
// NaN). exp/log/tanh/sigmoid call the C library in double, so float32 results match js except in
// rare last-bit cases and float64 results are within ~1 ulp.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kts {

enum class UnaryOp : int { kNeg = 0, kAbs, kSquare, kSqrt, kExp, kLog, kRelu, kSigmoid, kTanh, kCount };

enum class BinaryOp : int {
  kAdd = 0, kSub, kMul, kDiv, kMaximum, kMinimum, kSquaredDifference,
  kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual, kCount
};

enum class ReduceOp : int { kSum = 0, kMax, kMin, kProd, kCount };

/** An operand of a 2-D broadcast loop: element (i, j) is at `i * si + j * sj`. */
struct View2 {
  std::ptrdiff_t si, sj;
};

template <class T>
void unary(UnaryOp op, const T* x, T* out, std::size_t n);

/** out[i*N + j] = op(a[i*as.si + j*as.sj], b[...]); comparisons write 0/1 into a uint8 `out`. */
template <class T>
void binary(BinaryOp op, const T* a, View2 as, const T* b, View2 bs, void* out, std::size_t M,
            std::size_t N);

/** x viewed as [outer, r, inner]; out has outer*inner elements. Accumulates in double. */
template <class T>
void reduce(ReduceOp op, const T* x, T* out, std::size_t outer, std::size_t r, std::size_t inner);

/** out[i*N + j] = cond[...] ? a[...] : b[...]. */
template <class T>
void where(const std::uint8_t* cond, View2 cs, const T* a, View2 as, const T* b, View2 bs, T* out,
           std::size_t M, std::size_t N);

}  // namespace kts
