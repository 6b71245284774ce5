// Elementwise kernels, reductions and `where` for the native backend.
//
// Semantics follow the reference js kernels (src/backends/js/{unary,binary,reduce}.ts) exactly:
// every op computes what the js formula computes, in the same order, in double (which is what JS
// numbers are), and stores the double into the output element the way assigning it to a TypedArray
// element does: float32 rounds to nearest, int32 wraps modulo 2^32 (ToInt32), uint8/bool wrap
// modulo 256 (ToUint8), NaN and ±Infinity store as 0 in integer arrays. Where computing in float32
// provably rounds the same (+ − × ÷ √, comparisons, max/min, negation) the float32 loops compute in
// float32. Integer arithmetic follows the js kernel's integer variants: integer division and mod by
// zero give 0, int32 products wrap (Math.imul), arithmetic with a bool output gives `result != 0`.
// round is half to even (nearbyint), as the js kernel's roundHalfEven; erf and erfinv are the js
// kernel's own algorithms; pow follows Math.pow's special cases (pow(1, NaN) and pow(±1, ±Infinity)
// are NaN, unlike C's pow). Reductions accumulate in double in the order the js kernel does (for
// every output element, the reduced elements in row-major order), so they equal js bitwise for
// every axis set and dtype, on any number of threads.
//
// The C library and V8. Transcendental functions call the C library in double, where js calls V8's
// (fdlibm ports in Node 20; newer V8s call other implementations for some, e.g. the C library's
// tanh), and the two differ in the last bits of some float64 results. Largest differences in
// float64 ulps on 2^20 to 2^22 doubles per function (magnitudes 2^-30 to 2^30, and [-8, 8],
// [-1.05, 1.05]; glibc 2.36, Node 20 / V8 11.3; in parentheses the share of results that differ):
//   exp 1 (7%), expm1 1 (0.1%), log 1 (3%), log1p 1 (0.04%), log2 1 (0.3%), log10 2 (1%),
//   sin 1 (3%), cos 1 (3%), tan 1 (3%), asin 1 (2%), acos 1 (3%), atan 1 (4%), sinh 3 (1%),
//   cosh 3 (5%), tanh 3 (0.3%), asinh 1 (2%), acosh 1 (0.7%), atanh 1 (0.02%), pow 1 (3%),
//   atan2 1 (18%).
// The ops built on them inherit these: elu 2, selu 3, sigmoid 2, softplus 2, logSigmoid 2, silu 2,
// mish 2, geluTanh 4, erf 1 (2 results in 2^22), gelu 0; more where the formula amplifies them:
// silu and mish for x ≲ −708 (exp(x) is subnormal: hundreds of ulps of a result near 1e-305),
// geluTanh for x ≲ −3 (1 + tanh(…) cancels: ~100 ulps) and erfinv near ±1 (its Newton steps
// amplify a last-bit difference of exp/log to ~2^-40·|erfinv(y)|, thousands of ulps). All other ops are
// exact or correctly rounded, hence bitwise equal. float32 results are computed in double and
// rounded once, as JS does: a last-bit difference of the double changes the float32 result only
// when the two doubles straddle a float32 rounding boundary, which happened for no op on 2^24
// float32 inputs each, nor for any float32 in erfinv's ±[0.5, 1], geluTanh's [-12, -3], tanh's
// [1e-4, 20] or exp's [-104, 89]. Integer results convert the same doubles, so they are equal
// except where a double above 2^53 (exp(40), 99^9) differs in its last bit.
// test/native/elementwise-all.test.ts checks these bounds.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kts {

// In the order of `UnaryOp` in src/backends/backend.ts (index.ts's NATIVE_UNARY).
enum class UnaryOp : int {
  kNeg = 0, kAbs, kSign, kSquare, kSqrt, kRsqrt, kReciprocal, kExp, kExpm1, kLog, kLog1p, kLog2, kLog10,
  kSin, kCos, kTan, kAsin, kAcos, kAtan, kSinh, kCosh, kTanh, kAsinh, kAcosh, kAtanh,
  kFloor, kCeil, kRound, kTrunc, kErf, kErfinv,
  kRelu, kRelu6, kLeakyRelu, kElu, kSelu, kSigmoid, kHardSigmoid, kSoftplus, kSoftsign, kSilu, kGelu,
  kGeluTanh, kMish, kHardSilu, kLogSigmoid, kLogicalNot, kIsnan, kIsinf, kIsfinite, kCount
};

// In the order of `BinaryOp` in src/backends/backend.ts (index.ts's NATIVE_BINARY).
enum class BinaryOp : int {
  kAdd = 0, kSub, kMul, kDiv, kFloorDiv, kMod, kPow, kMaximum, kMinimum, kAtan2, kSquaredDifference,
  kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual, kLogicalAnd, kLogicalOr, kLogicalXor, kCount
};

// Which variant of a binary op's formula runs, from the output dtype (the js kernel's `intVariant`):
// kFloat the plain formula; kInt (int32/uint8 output) division and mod by zero give 0 and int32
// products wrap; kBool (bool output of an arithmetic op) `formula != 0`.
enum class BinaryMode : int { kFloat = 0, kInt, kBool, kCount };

// In the order of index.ts's NATIVE_REDUCE.
enum class ReduceOp : int { kSum = 0, kMax, kMin, kProd, kAny, kAll, kCount };

// The TypedArray element types the kernels read and write (bool is stored as uint8).
enum class ElemType : int { kF32 = 0, kF64, kI32, kU8 };

// Highest rank of a broadcast or reduction plan (after merging axes).
constexpr int kMaxElemRank = 8;

// Whether `op` writes a bool (logicalNot, isnan, isinf, isfinite) rather than a value.
bool unary_writes_bool(UnaryOp op);

// out[i] = op(x[i]) for i < n. Value ops write x's type, bool ops uint8 0/1 (other pairs write
// nothing; the binding refuses them). `param` is leakyRelu's slope or elu's alpha.
void unary(UnaryOp op, ElemType in, const void* x, ElemType out, void* y, std::size_t n, double param);

// A row-major loop over `n` (rank dims) with element strides of operands a and b; the output is
// contiguous. Strides are >= 0 (0 on broadcast axes).
struct BroadcastPlan {
  int rank;
  std::size_t n[kMaxElemRank];
  std::ptrdiff_t s[2][kMaxElemRank];
};

// out[i] = op(a[...], b[...]) over the plan; a and b of type `in`. Comparisons and logical ops
// write uint8 0/1; the others write `in`, with mode kFloat for float types and kInt for int32 (the
// js kernel's choice for those output dtypes), any mode for uint8. Other pairs write nothing (the
// binding refuses them).
void binary(BinaryOp op, BinaryMode mode, ElemType in, const void* a, const void* b, ElemType out, void* y,
            const BroadcastPlan& plan);

// A contiguous row-major input of dims `n` (rank dims); `kept[d]` says whether axis d survives into
// the output (whose axes are the kept ones, in order).
struct ReducePlan {
  int rank;
  std::size_t n[kMaxElemRank];
  bool kept[kMaxElemRank];
};

// Reduces x over the plan's reduced axes into out (the kept axes in order), accumulating in double
// and visiting, for every output element, the reduced elements in row-major order.
void reduce(ReduceOp op, ElemType in, const void* x, ElemType out, void* y, const ReducePlan& plan);

// `reduce` of x viewed as [outer, r, inner] over r into out (outer·inner elements), x and out of
// float type T (the fused dense gradient's bias sum).
template <class T>
void reduce(ReduceOp op, const T* x, T* out, std::size_t outer, std::size_t r, std::size_t inner);

/** An operand of a 2-D broadcast loop: element (i, j) is at `i * si + j * sj`. */
struct View2 {
  std::ptrdiff_t si, sj;
};

/** out[i*N + j] = cond[...] ? a[...] : b[...]. */
template <class T>
void where(const std::uint8_t* cond, View2 cs, const T* a, View2 as, const T* b, View2 bs, T* out,
           std::size_t M, std::size_t N);

}  // namespace kts
