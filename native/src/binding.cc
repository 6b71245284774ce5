// N-API binding (node-addon-api): exposes the native kernels to keras-ts. Every function works on
// the memory of the TypedArrays it is given, without copying.
//
//   matmul(a, b, out, M, N, K, transA, transB, aOffsets | null, bOffsets | null): undefined
//   unary(op, x, out, param?) (x: Float32/Float64/Int32/Uint8Array; out: a Uint8Array for the bool
//     ops, else x's type), binary(op, mode, a, b, out, plan) (plan: Float64Array [rank (≤ 8), n...,
//     aStrides..., bStrides...]; out contiguous: a Uint8Array for comparisons and logical ops, else
//     a's type), reduce(op, x, out, plan) (plan: Float64Array [rank (≤ 8), n..., kept (0/1)...];
//     x contiguous, out any of the four types),
//   where(cond, a, b, out, M, N, csi, csj, asi, asj, bsi, bsj)
//     (op codes: the enums of elementwise.h; the TypeScript side keeps the same order)
//   denseForward(x, w, bias|null, out, M, K, N, relu), denseBackward(x, w, y|null, dy, dx|null,
//     dw|null, db|null, M, K, N, relu), sgdUpdate(w, g, wOut, m|null, mOut|null, lr, momentum,
//     nesterov), adamUpdate(w, g, m, v, wOut, mOut, vOut, alpha, 1-beta1, 1-beta2, epsilon)
//   copyStrided(src, dst, plan): boolean (plan: Float64Array [rank, srcBase, dstBase, n..., srcStrides...,
//     dstStrides...]; false, writing nothing, when the plan reaches outside src or dst),
//   gather(x, indices, out, outer, n, inner): boolean (false, writing nothing, when an index is
//     outside [0, n)), cast(x, out) (Float32/Float64 <- Float32/Float64/Int32/Uint8)
//   softmaxRows(x, out, rows, C, log), softmaxGradRows(y, dy, out, rows, C, log),
//   sparseCrossentropy(labels, pred, out, rows, C, fromLogits): boolean,
//   sparseCrossentropyGrad(labels, pred, dy, out, rows, C, fromLogits): boolean (Int32Array labels;
//     false, writing nothing, when a label is outside [0, C)),
//   argReduce(argmin, x, out, outer, n, inner) (out: Int32Array of outer*inner; n >= 1)
//   cumulative(x, out, outer, n, inner, prod, exclusive, reverse), sortRows(x, vals, idx, rows, n,
//     descending), topK(x, vals, idx, rows, n, k), scatterAdd(updates, indices, out, outer, n, inner):
//     boolean (false, writing nothing, when an index is outside [0, n)), whereStrided(cond, a, b, out,
//     plan) (plan: Float64Array [rank, n..., condStrides..., aStrides..., bStrides...]); Float32Array,
//     Float64Array, Int32Array or Uint8Array data (where: any 1-, 4- or 8-byte type), Int32Array idx
//   setNumThreads(n), getNumThreads(), cpuFeatures(), setKernels(name): boolean
#include <napi.h>

#include <string>

#include "cumulative.h"
#include "elementwise.h"
#include "fused.h"
#include "matmul.h"
#include "movement.h"
#include "ordering.h"
#include "rows.h"
#include "select.h"
#include "thread_pool.h"

namespace {

int ToInt(const Napi::Value& v, const char* what) {
  if (!v.IsNumber()) throw Napi::TypeError::New(v.Env(), std::string(what) + " must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= 0 && d <= 2147483647.0) || d != static_cast<double>(static_cast<long long>(d)))
    throw Napi::RangeError::New(v.Env(), std::string(what) + " must be a non-negative int32");
  return static_cast<int>(d);
}

// A TypedArray argument's type, length and first element (byte offset applied), from one N-API
// call: node-addon-api's TypedArray accessors make one such call per property, and a training
// step of a small model crosses into the addon several times, so each argument is read once.
struct Elems {
  napi_typedarray_type type;
  std::size_t length;
  void* data;
};

Elems ElemsAt(const Napi::CallbackInfo& info, int i, const char* what = "argument") {
  Elems e{};
  if (napi_get_typedarray_info(info.Env(), info[i], &e.type, &e.length, &e.data, nullptr, nullptr) != napi_ok)
    throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a TypedArray");
  return e;
}

template <class T>
void Run(const Napi::CallbackInfo& info, int M, int N, int K, bool ta, bool tb) {
  Napi::Env env = info.Env();
  const Elems a = ElemsAt(info, 0), b = ElemsAt(info, 1), out = ElemsAt(info, 2);
  const std::size_t mn = static_cast<std::size_t>(M) * N;
  if (mn == 0) return;
  if (out.length % mn != 0) throw Napi::RangeError::New(env, "out's length is not a multiple of M*N");
  const std::size_t batches = out.length / mn;
  const std::size_t mk = static_cast<std::size_t>(M) * K, kn = static_cast<std::size_t>(K) * N;
  const double* offs[2] = {nullptr, nullptr};
  const std::size_t lens[2] = {a.length, b.length};
  const std::size_t sizes[2] = {mk, kn};
  for (int i = 0; i < 2; i++) {
    Napi::Value v = info[8 + i];
    if (v.IsNull() || v.IsUndefined()) {
      if (lens[i] < sizes[i] * batches) throw Napi::RangeError::New(env, "operand too short for its shape");
      continue;
    }
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
      throw Napi::TypeError::New(env, "batch offsets must be a Float64Array or null");
    auto o = v.As<Napi::Float64Array>();
    if (o.ElementLength() != batches) throw Napi::RangeError::New(env, "one batch offset per output batch");
    for (std::size_t t = 0; t < batches; t++) {
      const double x = o[t];
      if (!(x >= 0) || x + static_cast<double>(sizes[i]) > static_cast<double>(lens[i]))
        throw Napi::RangeError::New(env, "batch offset out of range");
    }
    offs[i] = o.Data();
  }
  kts::matmul<T>(static_cast<const T*>(a.data), static_cast<const T*>(b.data), static_cast<T*>(out.data), M, N, K,
                 ta, tb, batches, offs[0], offs[1]);
}

Napi::Value Matmul(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 10) throw Napi::TypeError::New(env, "matmul expects 10 arguments");
  const napi_typedarray_type type = ElemsAt(info, 0, "a").type;
  if (ElemsAt(info, 1, "b").type != type || ElemsAt(info, 2, "out").type != type)
    throw Napi::TypeError::New(env, "a, b and out must have the same element type");
  const int M = ToInt(info[3], "M"), N = ToInt(info[4], "N"), K = ToInt(info[5], "K");
  const bool ta = info[6].ToBoolean(), tb = info[7].ToBoolean();
  if (type == napi_float32_array)
    Run<float>(info, M, N, K, ta, tb);
  else if (type == napi_float64_array)
    Run<double>(info, M, N, K, ta, tb);
  else
    throw Napi::TypeError::New(env, "matmul supports Float32Array and Float64Array");
  return env.Undefined();
}

napi_typedarray_type TypeOf(const Napi::CallbackInfo& info, int i) { return ElemsAt(info, i).type; }

std::size_t Len(const Napi::CallbackInfo& info, int i) { return ElemsAt(info, i).length; }

int OpCode(const Napi::Value& v, int count) {
  const int op = ToInt(v, "op");
  if (op >= count) throw Napi::RangeError::New(v.Env(), "unknown op code");
  return op;
}

// Reads strides (si, sj) at info[k], info[k+1] and checks that an M x N view fits in `len`.
kts::View2 ViewAt(const Napi::CallbackInfo& info, int k, std::size_t M, std::size_t N, std::size_t len) {
  const kts::View2 v{ToInt(info[k], "stride"), ToInt(info[k + 1], "stride")};
  if (M > 0 && N > 0 &&
      static_cast<std::size_t>((M - 1) * v.si + (N - 1) * v.sj) >= len)
    throw Napi::RangeError::New(info.Env(), "operand too short for its view");
  return v;
}

template <class T>
T* DataOf(const Napi::CallbackInfo& info, int i) {
  return static_cast<T*>(ElemsAt(info, i).data);
}

// The element type of a TypedArray the unary, binary and reduce kernels read and write.
bool ElemTypeOf(napi_typedarray_type t, kts::ElemType* out) {
  switch (t) {
    case napi_float32_array: *out = kts::ElemType::kF32; return true;
    case napi_float64_array: *out = kts::ElemType::kF64; return true;
    case napi_int32_array: *out = kts::ElemType::kI32; return true;
    case napi_uint8_array: *out = kts::ElemType::kU8; return true;
    default: return false;
  }
}

// The input's and the output's element types (Float32/Float64/Int32/Uint8Array): a Uint8Array
// output when `writes_bool`, else one of the input's type.
void InOutTypes(const Napi::CallbackInfo& info, const Elems& x, const Elems& out, bool writes_bool,
                kts::ElemType* in_t, kts::ElemType* out_t, const char* what) {
  if (!ElemTypeOf(x.type, in_t) || !ElemTypeOf(out.type, out_t))
    throw Napi::TypeError::New(info.Env(), std::string(what) +
                                               " supports Float32Array, Float64Array, Int32Array and Uint8Array");
  if (writes_bool ? *out_t != kts::ElemType::kU8 : *out_t != *in_t)
    throw Napi::TypeError::New(info.Env(), std::string(what) + (writes_bool ? ": this op writes a Uint8Array"
                                                                            : ": out must have the input's type"));
}

// A plan's rank and dims from a Float64Array: [rank (0..8), n_0, ..., n_{rank-1}, ...], with
// `per_axis` more entries per axis after the dims. Rank 0 becomes rank 1 with one element.
const double* PlanDims(const Napi::CallbackInfo& info, int i, int per_axis, int* rank, std::size_t* n) {
  Napi::Env env = info.Env();
  const Elems e = ElemsAt(info, i, "plan");
  if (e.type != napi_float64_array || e.length < 1) throw Napi::TypeError::New(env, "the plan must be a Float64Array");
  const double* plan = static_cast<const double*>(e.data);
  const double r = plan[0];
  if (!(r >= 0 && r <= kts::kMaxElemRank) || r != static_cast<int>(r))
    throw Napi::RangeError::New(env, "the plan's rank must be an integer in [0, 8]");
  *rank = static_cast<int>(r);
  if (e.length != 1 + static_cast<std::size_t>(1 + per_axis) * *rank)
    throw Napi::RangeError::New(env, "the plan's length does not match its rank");
  for (int k = 0; k < *rank; k++) {
    const double v = plan[1 + k];
    if (!(v >= 0 && v <= 2147483647.0) || v != static_cast<double>(static_cast<long long>(v)))
      throw Napi::RangeError::New(env, "plan dims must be non-negative int32s");
    n[k] = static_cast<std::size_t>(v);
  }
  if (*rank == 0) {
    *rank = 1;
    n[0] = 1;
    return nullptr;  // no per-axis entries: the caller uses zero strides / a kept axis
  }
  return plan + 1 + *rank;
}

Napi::Value Unary(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 3) throw Napi::TypeError::New(env, "unary expects 3 or 4 arguments");
  const auto op = static_cast<kts::UnaryOp>(OpCode(info[0], static_cast<int>(kts::UnaryOp::kCount)));
  const Elems x = ElemsAt(info, 1, "x"), out = ElemsAt(info, 2, "out");
  kts::ElemType in_t, out_t;
  InOutTypes(info, x, out, kts::unary_writes_bool(op), &in_t, &out_t, "unary");
  if (x.length < out.length) throw Napi::RangeError::New(env, "x is shorter than out");
  double param = 0;
  if (info.Length() > 3 && !info[3].IsUndefined()) {
    if (!info[3].IsNumber()) throw Napi::TypeError::New(env, "param must be a number");
    param = info[3].As<Napi::Number>().DoubleValue();
  }
  kts::unary(op, in_t, x.data, out_t, out.data, out.length, param);
  return env.Undefined();
}

Napi::Value Binary(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 6) throw Napi::TypeError::New(env, "binary expects 6 arguments");
  const auto op = static_cast<kts::BinaryOp>(OpCode(info[0], static_cast<int>(kts::BinaryOp::kCount)));
  const auto mode = static_cast<kts::BinaryMode>(OpCode(info[1], static_cast<int>(kts::BinaryMode::kCount)));
  const Elems a = ElemsAt(info, 2, "a"), b = ElemsAt(info, 3, "b"), out = ElemsAt(info, 4, "out");
  if (b.type != a.type) throw Napi::TypeError::New(env, "a and b must have the same type");
  kts::ElemType in_t, out_t;
  InOutTypes(info, a, out, op >= kts::BinaryOp::kEqual, &in_t, &out_t, "binary");
  if ((in_t == kts::ElemType::kF32 || in_t == kts::ElemType::kF64) && op < kts::BinaryOp::kEqual &&
      mode != kts::BinaryMode::kFloat)
    throw Napi::RangeError::New(env, "float outputs take mode 0");
  if (in_t == kts::ElemType::kI32 && op < kts::BinaryOp::kEqual && mode != kts::BinaryMode::kInt)
    throw Napi::RangeError::New(env, "int32 outputs take mode 1");
  kts::BroadcastPlan p{};
  const double* st = PlanDims(info, 5, 2, &p.rank, p.n);
  std::size_t total = 1;
  for (int k = 0; k < p.rank; k++) total *= p.n[k];
  if (total != out.length) throw Napi::RangeError::New(env, "out's length does not match the plan");
  const std::size_t lens[2] = {a.length, b.length};
  for (int o = 0; o < 2; o++) {
    double last = 0;  // the largest offset the plan reads
    for (int k = 0; k < p.rank; k++) {
      const double v = st ? st[o * p.rank + k] : 0;
      if (!(v >= 0 && v <= 2147483647.0) || v != static_cast<double>(static_cast<long long>(v)))
        throw Napi::RangeError::New(env, "plan strides must be non-negative int32s");
      p.s[o][k] = static_cast<std::ptrdiff_t>(v);
      last += (static_cast<double>(p.n[k]) - 1) * v;
    }
    if (total > 0 && !(last < static_cast<double>(lens[o])))
      throw Napi::RangeError::New(env, "operand too short for the plan");
  }
  if (total > 0) kts::binary(op, mode, in_t, a.data, b.data, out_t, out.data, p);
  return env.Undefined();
}

Napi::Value Reduce(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 4) throw Napi::TypeError::New(env, "reduce expects 4 arguments");
  const auto op = static_cast<kts::ReduceOp>(OpCode(info[0], static_cast<int>(kts::ReduceOp::kCount)));
  const Elems x = ElemsAt(info, 1, "x"), out = ElemsAt(info, 2, "out");
  kts::ElemType in_t, out_t;
  if (!ElemTypeOf(x.type, &in_t) || !ElemTypeOf(out.type, &out_t))
    throw Napi::TypeError::New(env, "reduce supports Float32Array, Float64Array, Int32Array and Uint8Array");
  kts::ReducePlan p{};
  const double* kept = PlanDims(info, 3, 1, &p.rank, p.n);
  std::size_t total = 1, n_out = 1;
  for (int k = 0; k < p.rank; k++) {
    const double v = kept ? kept[k] : 1;
    if (v != 0 && v != 1) throw Napi::RangeError::New(env, "plan axis flags must be 0 or 1");
    p.kept[k] = v == 1;
    total *= p.n[k];
    if (p.kept[k]) n_out *= p.n[k];
  }
  if (x.length != total || out.length != n_out)
    throw Napi::RangeError::New(env, "lengths do not match the plan");
  kts::reduce(op, in_t, x.data, out_t, out.data, p);
  return env.Undefined();
}

Napi::Value Where(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 12) throw Napi::TypeError::New(env, "where expects 12 arguments");
  if (TypeOf(info, 0) != napi_uint8_array) throw Napi::TypeError::New(env, "cond must be a Uint8Array");
  const napi_typedarray_type t = TypeOf(info, 1);
  if (TypeOf(info, 2) != t || TypeOf(info, 3) != t)
    throw Napi::TypeError::New(env, "a, b and out must have the same type");
  const std::size_t M = ToInt(info[4], "M"), N = ToInt(info[5], "N");
  if (Len(info, 3) != M * N) throw Napi::RangeError::New(env, "out's length is not M*N");
  const kts::View2 cs = ViewAt(info, 6, M, N, Len(info, 0)), as = ViewAt(info, 8, M, N, Len(info, 1)),
                   bs = ViewAt(info, 10, M, N, Len(info, 2));
  const std::uint8_t* c = DataOf<std::uint8_t>(info, 0);
  if (t == napi_float32_array)
    kts::where<float>(c, cs, DataOf<float>(info, 1), as, DataOf<float>(info, 2), bs, DataOf<float>(info, 3), M, N);
  else if (t == napi_float64_array)
    kts::where<double>(c, cs, DataOf<double>(info, 1), as, DataOf<double>(info, 2), bs, DataOf<double>(info, 3),
                       M, N);
  else throw Napi::TypeError::New(env, "where supports Float32Array and Float64Array");
  return env.Undefined();
}

// A float TypedArray argument of type `t` with at least `n` elements, or null when `optional` and
// the argument is null/undefined.
template <class T>
T* FloatArg(const Napi::CallbackInfo& info, int i, napi_typedarray_type t, std::size_t n, bool optional,
            const char* what) {
  Elems e{};
  if (napi_get_typedarray_info(info.Env(), info[i], &e.type, &e.length, &e.data, nullptr, nullptr) != napi_ok) {
    if (optional && (info[i].IsNull() || info[i].IsUndefined())) return nullptr;
    e.type = napi_int8_array;  // not a TypedArray: reported below as a wrong type
  }
  if (e.type != t)
    throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a TypedArray of the operands' type");
  if (e.length < n) throw Napi::RangeError::New(info.Env(), std::string(what) + " is too short");
  return static_cast<T*>(e.data);
}

napi_typedarray_type FloatType(const Napi::CallbackInfo& info, int i) {
  const napi_typedarray_type t = TypeOf(info, i);
  if (t != napi_float32_array && t != napi_float64_array)
    throw Napi::TypeError::New(info.Env(), "fused kernels support Float32Array and Float64Array");
  return t;
}

template <class T>
void DenseForwardT(const Napi::CallbackInfo& info, napi_typedarray_type t) {
  const int M = ToInt(info[4], "M"), K = ToInt(info[5], "K"), N = ToInt(info[6], "N");
  const std::size_t m = M, k = K, n = N;
  kts::dense_forward<T>(FloatArg<T>(info, 0, t, m * k, false, "x"), FloatArg<T>(info, 1, t, k * n, false, "w"),
                        FloatArg<T>(info, 2, t, n, true, "bias"), FloatArg<T>(info, 3, t, m * n, false, "out"),
                        M, K, N, info[7].ToBoolean());
}

Napi::Value DenseForward(const Napi::CallbackInfo& info) {
  if (info.Length() < 8) throw Napi::TypeError::New(info.Env(), "denseForward expects 8 arguments");
  if (FloatType(info, 0) == napi_float32_array) DenseForwardT<float>(info, napi_float32_array);
  else DenseForwardT<double>(info, napi_float64_array);
  return info.Env().Undefined();
}

template <class T>
void DenseBackwardT(const Napi::CallbackInfo& info, napi_typedarray_type t) {
  const int M = ToInt(info[7], "M"), K = ToInt(info[8], "K"), N = ToInt(info[9], "N");
  const std::size_t m = M, k = K, n = N;
  const bool relu = info[10].ToBoolean();
  kts::dense_backward<T>(FloatArg<T>(info, 0, t, m * k, false, "x"), FloatArg<T>(info, 1, t, k * n, false, "w"),
                         FloatArg<T>(info, 2, t, m * n, !relu, "y"), FloatArg<T>(info, 3, t, m * n, false, "dy"),
                         FloatArg<T>(info, 4, t, m * k, true, "dx"), FloatArg<T>(info, 5, t, k * n, true, "dw"),
                         FloatArg<T>(info, 6, t, n, true, "db"), M, K, N, relu);
}

Napi::Value DenseBackward(const Napi::CallbackInfo& info) {
  if (info.Length() < 11) throw Napi::TypeError::New(info.Env(), "denseBackward expects 11 arguments");
  if (FloatType(info, 0) == napi_float32_array) DenseBackwardT<float>(info, napi_float32_array);
  else DenseBackwardT<double>(info, napi_float64_array);
  return info.Env().Undefined();
}

double NumberArg(const Napi::CallbackInfo& info, int i, const char* what) {
  if (!info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a number");
  return info[i].As<Napi::Number>().DoubleValue();
}

template <class T>
void SgdUpdateT(const Napi::CallbackInfo& info, napi_typedarray_type t) {
  const std::size_t n = Len(info, 0);
  T* m = FloatArg<T>(info, 3, t, n, true, "m");
  T* m_out = FloatArg<T>(info, 4, t, n, m == nullptr, "mOut");
  kts::sgd_update<T>(FloatArg<T>(info, 0, t, n, false, "w"), FloatArg<T>(info, 1, t, n, false, "g"),
                     FloatArg<T>(info, 2, t, n, false, "wOut"), m, m_out, n,
                     static_cast<T>(NumberArg(info, 5, "lr")), static_cast<T>(NumberArg(info, 6, "momentum")),
                     info[7].ToBoolean());
}

Napi::Value SgdUpdate(const Napi::CallbackInfo& info) {
  if (info.Length() < 8) throw Napi::TypeError::New(info.Env(), "sgdUpdate expects 8 arguments");
  if (FloatType(info, 0) == napi_float32_array) SgdUpdateT<float>(info, napi_float32_array);
  else SgdUpdateT<double>(info, napi_float64_array);
  return info.Env().Undefined();
}

template <class T>
void AdamUpdateT(const Napi::CallbackInfo& info, napi_typedarray_type t) {
  const std::size_t n = Len(info, 0);
  kts::adam_update<T>(FloatArg<T>(info, 0, t, n, false, "w"), FloatArg<T>(info, 1, t, n, false, "g"),
                      FloatArg<T>(info, 2, t, n, false, "m"), FloatArg<T>(info, 3, t, n, false, "v"),
                      FloatArg<T>(info, 4, t, n, false, "wOut"), FloatArg<T>(info, 5, t, n, false, "mOut"),
                      FloatArg<T>(info, 6, t, n, false, "vOut"), n,
                      static_cast<T>(NumberArg(info, 7, "alpha")), static_cast<T>(NumberArg(info, 8, "1-beta1")),
                      static_cast<T>(NumberArg(info, 9, "1-beta2")), static_cast<T>(NumberArg(info, 10, "epsilon")));
}

Napi::Value AdamUpdate(const Napi::CallbackInfo& info) {
  if (info.Length() < 11) throw Napi::TypeError::New(info.Env(), "adamUpdate expects 11 arguments");
  if (FloatType(info, 0) == napi_float32_array) AdamUpdateT<float>(info, napi_float32_array);
  else AdamUpdateT<double>(info, napi_float64_array);
  return info.Env().Undefined();
}

// Bytes per element of a TypedArray type the copy kernels move (0: unsupported).
std::size_t ElemSize(napi_typedarray_type t) {
  switch (t) {
    case napi_int8_array:
    case napi_uint8_array:
    case napi_uint8_clamped_array:
      return 1;
    case napi_int32_array:
    case napi_uint32_array:
    case napi_float32_array:
      return 4;
    case napi_float64_array:
      return 8;
    default:
      return 0;
  }
}


// An integer in [lo, hi] read from a plan.
std::ptrdiff_t PlanInt(Napi::Env env, double v, double lo, double hi) {
  if (!(v >= lo && v <= hi) || v != static_cast<double>(static_cast<long long>(v)))
    throw Napi::RangeError::New(env, "copy plan entry out of range");
  return static_cast<std::ptrdiff_t>(v);
}

Napi::Value CopyStrided(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 3) throw Napi::TypeError::New(env, "copyStrided expects 3 arguments");
  const Elems src = ElemsAt(info, 0), dst = ElemsAt(info, 1), d = ElemsAt(info, 2);
  const std::size_t elem = ElemSize(src.type);
  if (dst.type != src.type || elem == 0)
    throw Napi::TypeError::New(env, "src and dst must have the same 1-, 4- or 8-byte element type");
  if (d.type != napi_float64_array) throw Napi::TypeError::New(env, "the plan must be a Float64Array");
  const double* plan = static_cast<const double*>(d.data);
  if (d.length < 3) throw Napi::RangeError::New(env, "the plan is too short");
  constexpr double kBig = 1099511627776.0;  // 2^40: bounds offsets and strides
  kts::CopyPlan p{};
  p.rank = static_cast<int>(PlanInt(env, plan[0], 0, kts::kMaxCopyRank));
  if (d.length != 3 + 3 * static_cast<std::size_t>(p.rank))
    throw Napi::RangeError::New(env, "the plan's length does not match its rank");
  p.src_base = PlanInt(env, plan[1], 0, kBig);
  p.dst_base = PlanInt(env, plan[2], 0, kBig);
  for (int k = 0; k < p.rank; k++) {
    p.n[k] = PlanInt(env, plan[3 + k], 0, 2147483647.0);
    p.ss[k] = PlanInt(env, plan[3 + p.rank + k], -kBig, kBig);
    p.ds[k] = PlanInt(env, plan[3 + 2 * p.rank + k], -kBig, kBig);
  }
  if (!kts::copy_in_bounds(p, src.length, dst.length)) return Napi::Boolean::New(env, false);
  kts::strided_copy(src.data, dst.data, elem, p);
  return Napi::Boolean::New(env, true);
}

Napi::Value Gather(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 6) throw Napi::TypeError::New(env, "gather expects 6 arguments");
  const Elems x = ElemsAt(info, 0), idx = ElemsAt(info, 1), out = ElemsAt(info, 2);
  const std::size_t elem = ElemSize(x.type);
  if (out.type != x.type || elem == 0)
    throw Napi::TypeError::New(env, "x and out must have the same 1-, 4- or 8-byte element type");
  if (idx.type != napi_int32_array) throw Napi::TypeError::New(env, "indices must be an Int32Array");
  const std::size_t outer = ToInt(info[3], "outer"), n = ToInt(info[4], "n"), inner = ToInt(info[5], "inner");
  const std::size_t m = idx.length;
  if (out.length != outer * m * inner || x.length < outer * n * inner)
    throw Napi::RangeError::New(env, "lengths do not match [outer, n, inner] and [outer, m, inner]");
  const std::int32_t* iv = static_cast<const std::int32_t*>(idx.data);
  for (std::size_t j = 0; j < m; j++)
    if (iv[j] < 0 || static_cast<std::size_t>(iv[j]) >= n) return Napi::Boolean::New(env, false);
  kts::gather(x.data, iv, out.data, elem, outer, n, m, inner);
  return Napi::Boolean::New(env, true);
}

template <class S>
void CastFrom(const Elems& x, const Elems& out) {
  const S* xs = static_cast<const S*>(x.data);
  if (out.type == napi_float32_array) kts::cast<S, float>(xs, static_cast<float*>(out.data), out.length);
  else kts::cast<S, double>(xs, static_cast<double*>(out.data), out.length);
}

Napi::Value Cast(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Elems x = ElemsAt(info, 0), out = ElemsAt(info, 1);
  if (out.type != napi_float32_array && out.type != napi_float64_array)
    throw Napi::TypeError::New(env, "cast writes a Float32Array or Float64Array");
  if (x.length < out.length) throw Napi::RangeError::New(env, "x is shorter than out");
  if (x.type == out.type) throw Napi::TypeError::New(env, "cast needs different element types");
  if (x.type == napi_float32_array) CastFrom<float>(x, out);
  else if (x.type == napi_float64_array) CastFrom<double>(x, out);
  else if (x.type == napi_int32_array) CastFrom<std::int32_t>(x, out);
  else if (x.type == napi_uint8_array) CastFrom<std::uint8_t>(x, out);
  else throw Napi::TypeError::New(env, "cast reads Float32Array, Float64Array, Int32Array or Uint8Array");
  return env.Undefined();
}

// A Float32Array/Float64Array argument with at least `n` elements, from one N-API call.
Elems FloatElems(const Napi::CallbackInfo& info, int i, std::size_t n, const char* what) {
  const Elems e = ElemsAt(info, i, what);
  if (e.type != napi_float32_array && e.type != napi_float64_array)
    throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a Float32Array or Float64Array");
  if (e.length < n) throw Napi::RangeError::New(info.Env(), std::string(what) + " is too short");
  return e;
}

template <class T>
void SoftmaxRowsT(const Napi::CallbackInfo& info, const Elems& x, std::size_t rows, std::size_t C) {
  kts::softmax_rows<T>(static_cast<const T*>(x.data), FloatArg<T>(info, 1, x.type, rows * C, false, "out"), rows,
                       C, info[4].ToBoolean());
}

Napi::Value SoftmaxRows(const Napi::CallbackInfo& info) {
  if (info.Length() < 5) throw Napi::TypeError::New(info.Env(), "softmaxRows expects 5 arguments");
  const std::size_t rows = ToInt(info[2], "rows"), C = ToInt(info[3], "C");
  const Elems x = FloatElems(info, 0, rows * C, "x");
  if (x.type == napi_float32_array) SoftmaxRowsT<float>(info, x, rows, C);
  else SoftmaxRowsT<double>(info, x, rows, C);
  return info.Env().Undefined();
}

template <class T>
void SoftmaxGradRowsT(const Napi::CallbackInfo& info, const Elems& y, std::size_t rows, std::size_t C) {
  const std::size_t n = rows * C;
  kts::softmax_grad_rows<T>(static_cast<const T*>(y.data), FloatArg<T>(info, 1, y.type, n, false, "dy"),
                            FloatArg<T>(info, 2, y.type, n, false, "out"), rows, C, info[5].ToBoolean());
}

Napi::Value SoftmaxGradRows(const Napi::CallbackInfo& info) {
  if (info.Length() < 6) throw Napi::TypeError::New(info.Env(), "softmaxGradRows expects 6 arguments");
  const std::size_t rows = ToInt(info[3], "rows"), C = ToInt(info[4], "C");
  const Elems y = FloatElems(info, 0, rows * C, "y");
  if (y.type == napi_float32_array) SoftmaxGradRowsT<float>(info, y, rows, C);
  else SoftmaxGradRowsT<double>(info, y, rows, C);
  return info.Env().Undefined();
}

// Int32Array labels at info[i] (at least `rows`), or null when one lies outside [0, C).
const std::int32_t* LabelsAt(const Napi::CallbackInfo& info, int i, std::size_t rows, std::size_t C) {
  const Elems e = ElemsAt(info, i, "labels");
  if (e.type != napi_int32_array) throw Napi::TypeError::New(info.Env(), "labels must be an Int32Array");
  if (e.length < rows) throw Napi::RangeError::New(info.Env(), "labels is too short");
  const std::int32_t* l = static_cast<const std::int32_t*>(e.data);
  for (std::size_t r = 0; r < rows; r++)
    if (l[r] < 0 || static_cast<std::size_t>(l[r]) >= C) return nullptr;
  return l;
}

template <class T>
void SparseCeT(const Napi::CallbackInfo& info, const std::int32_t* labels, const Elems& pred, std::size_t rows,
               std::size_t C) {
  kts::sparse_ce_rows<T>(labels, static_cast<const T*>(pred.data), FloatArg<T>(info, 2, pred.type, rows, false, "out"),
                         rows, C, info[5].ToBoolean());
}

Napi::Value SparseCrossentropy(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 6) throw Napi::TypeError::New(env, "sparseCrossentropy expects 6 arguments");
  const std::size_t rows = ToInt(info[3], "rows"), C = ToInt(info[4], "C");
  const Elems pred = FloatElems(info, 1, rows * C, "pred");
  const std::int32_t* labels = LabelsAt(info, 0, rows, C);
  if (!labels) return Napi::Boolean::New(env, false);
  if (pred.type == napi_float32_array) SparseCeT<float>(info, labels, pred, rows, C);
  else SparseCeT<double>(info, labels, pred, rows, C);
  return Napi::Boolean::New(env, true);
}

template <class T>
void SparseCeGradT(const Napi::CallbackInfo& info, const std::int32_t* labels, const Elems& pred,
                   std::size_t rows, std::size_t C) {
  kts::sparse_ce_grad_rows<T>(labels, static_cast<const T*>(pred.data),
                              FloatArg<T>(info, 2, pred.type, rows, false, "dy"),
                              FloatArg<T>(info, 3, pred.type, rows * C, false, "out"), rows, C,
                              info[6].ToBoolean());
}

Napi::Value SparseCrossentropyGrad(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 7) throw Napi::TypeError::New(env, "sparseCrossentropyGrad expects 7 arguments");
  const std::size_t rows = ToInt(info[4], "rows"), C = ToInt(info[5], "C");
  const Elems pred = FloatElems(info, 1, rows * C, "pred");
  const std::int32_t* labels = LabelsAt(info, 0, rows, C);
  if (!labels) return Napi::Boolean::New(env, false);
  if (pred.type == napi_float32_array) SparseCeGradT<float>(info, labels, pred, rows, C);
  else SparseCeGradT<double>(info, labels, pred, rows, C);
  return Napi::Boolean::New(env, true);
}

Napi::Value ArgReduce(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 6) throw Napi::TypeError::New(env, "argReduce expects 6 arguments");
  const bool argmin = info[0].ToBoolean();
  const std::size_t outer = ToInt(info[3], "outer"), n = ToInt(info[4], "n"), inner = ToInt(info[5], "inner");
  if (n == 0) throw Napi::RangeError::New(env, "argReduce needs a non-empty axis");
  const Elems x = FloatElems(info, 1, outer * n * inner, "x"), out = ElemsAt(info, 2, "out");
  if (out.type != napi_int32_array) throw Napi::TypeError::New(env, "out must be an Int32Array");
  if (out.length != outer * inner) throw Napi::RangeError::New(env, "out's length is not outer*inner");
  std::int32_t* o = static_cast<std::int32_t*>(out.data);
  if (x.type == napi_float32_array) kts::arg_reduce<float>(argmin, static_cast<const float*>(x.data), o, outer, n, inner);
  else kts::arg_reduce<double>(argmin, static_cast<const double*>(x.data), o, outer, n, inner);
  return env.Undefined();
}

// Calls f(T{}) with T the element type of a Float32Array, Float64Array, Int32Array or Uint8Array.
template <class F>
void WithElemType(Napi::Env env, napi_typedarray_type t, const char* what, F f) {
  if (t == napi_float32_array) f(float{});
  else if (t == napi_float64_array) f(double{});
  else if (t == napi_int32_array) f(std::int32_t{});
  else if (t == napi_uint8_array) f(std::uint8_t{});
  else
    throw Napi::TypeError::New(env,
                               std::string(what) + " must be a Float32Array, Float64Array, Int32Array or Uint8Array");
}

// An Int32Array argument of exactly `n` elements.
std::int32_t* Int32Out(const Napi::CallbackInfo& info, int i, std::size_t n, const char* what) {
  const Elems e = ElemsAt(info, i, what);
  if (e.type != napi_int32_array) throw Napi::TypeError::New(info.Env(), std::string(what) + " must be an Int32Array");
  if (e.length != n) throw Napi::RangeError::New(info.Env(), std::string(what) + " has the wrong length");
  return static_cast<std::int32_t*>(e.data);
}

Napi::Value Cumulative(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 8) throw Napi::TypeError::New(env, "cumulative expects 8 arguments");
  const Elems x = ElemsAt(info, 0, "x"), out = ElemsAt(info, 1, "out");
  if (out.type != x.type) throw Napi::TypeError::New(env, "x and out must have the same type");
  const std::size_t outer = ToInt(info[2], "outer"), n = ToInt(info[3], "n"), inner = ToInt(info[4], "inner");
  if (out.length != outer * n * inner || x.length < out.length)
    throw Napi::RangeError::New(env, "lengths do not match [outer, n, inner]");
  const bool prod = info[5].ToBoolean(), exclusive = info[6].ToBoolean(), reverse = info[7].ToBoolean();
  WithElemType(env, x.type, "x", [&](auto tag) {
    using T = decltype(tag);
    kts::cumulative<T>(static_cast<const T*>(x.data), static_cast<T*>(out.data), outer, n, inner, prod, exclusive,
                       reverse);
  });
  return env.Undefined();
}

// sortRows (k = n) and topK: x [rows, n] into vals and idx [rows, k].
Napi::Value OrderRows(const Napi::CallbackInfo& info, bool top) {
  Napi::Env env = info.Env();
  if (info.Length() < 6)
    throw Napi::TypeError::New(env, top ? "topK expects 6 arguments" : "sortRows expects 6 arguments");
  const Elems x = ElemsAt(info, 0, "x"), vals = ElemsAt(info, 1, "vals");
  if (vals.type != x.type) throw Napi::TypeError::New(env, "x and vals must have the same type");
  const std::size_t rows = ToInt(info[3], "rows"), n = ToInt(info[4], "n");
  const std::size_t k = top ? static_cast<std::size_t>(ToInt(info[5], "k")) : n;
  if (k > n) throw Napi::RangeError::New(env, "k must not exceed n");
  if (x.length < rows * n || vals.length != rows * k)
    throw Napi::RangeError::New(env, "lengths do not match [rows, n] and [rows, k]");
  std::int32_t* idx = Int32Out(info, 2, rows * k, "idx");
  const bool descending = info[5].ToBoolean();
  WithElemType(env, x.type, "x", [&](auto tag) {
    using T = decltype(tag);
    const T* xs = static_cast<const T*>(x.data);
    T* vs = static_cast<T*>(vals.data);
    if (top) kts::topk_rows<T>(xs, vs, idx, rows, n, k);
    else kts::sort_rows<T>(xs, vs, idx, rows, n, descending);
  });
  return env.Undefined();
}

Napi::Value SortRows(const Napi::CallbackInfo& info) { return OrderRows(info, false); }
Napi::Value TopK(const Napi::CallbackInfo& info) { return OrderRows(info, true); }

Napi::Value ScatterAdd(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 6) throw Napi::TypeError::New(env, "scatterAdd expects 6 arguments");
  const Elems u = ElemsAt(info, 0, "updates"), idx = ElemsAt(info, 1, "indices"), out = ElemsAt(info, 2, "out");
  if (out.type != u.type) throw Napi::TypeError::New(env, "updates and out must have the same type");
  if (idx.type != napi_int32_array) throw Napi::TypeError::New(env, "indices must be an Int32Array");
  const std::size_t outer = ToInt(info[3], "outer"), n = ToInt(info[4], "n"), inner = ToInt(info[5], "inner");
  const std::size_t m = idx.length;
  if (out.length != outer * n * inner || u.length < outer * m * inner)
    throw Napi::RangeError::New(env, "lengths do not match [outer, n, inner] and [outer, m, inner]");
  const std::int32_t* iv = static_cast<const std::int32_t*>(idx.data);
  for (std::size_t j = 0; j < m; j++)
    if (iv[j] < 0 || static_cast<std::size_t>(iv[j]) >= n) return Napi::Boolean::New(env, false);
  WithElemType(env, u.type, "updates", [&](auto tag) {
    using T = decltype(tag);
    kts::scatter_add<T>(static_cast<const T*>(u.data), iv, static_cast<T*>(out.data), outer, n, m, inner);
  });
  return Napi::Boolean::New(env, true);
}

Napi::Value WhereStrided(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 5) throw Napi::TypeError::New(env, "whereStrided expects 5 arguments");
  const Elems c = ElemsAt(info, 0, "cond"), a = ElemsAt(info, 1, "a"), b = ElemsAt(info, 2, "b"),
              out = ElemsAt(info, 3, "out"), d = ElemsAt(info, 4, "plan");
  kts::CondType ct;
  if (c.type == napi_uint8_array) ct = kts::CondType::kUint8;
  else if (c.type == napi_int32_array) ct = kts::CondType::kInt32;
  else if (c.type == napi_float32_array) ct = kts::CondType::kFloat32;
  else if (c.type == napi_float64_array) ct = kts::CondType::kFloat64;
  else throw Napi::TypeError::New(env, "cond must be a Uint8Array, Int32Array, Float32Array or Float64Array");
  const std::size_t elem = ElemSize(out.type);
  if (a.type != out.type || b.type != out.type || elem == 0)
    throw Napi::TypeError::New(env, "a, b and out must have the same 1-, 4- or 8-byte element type");
  if (d.type != napi_float64_array) throw Napi::TypeError::New(env, "the plan must be a Float64Array");
  const double* plan = static_cast<const double*>(d.data);
  if (d.length < 1) throw Napi::RangeError::New(env, "the plan is too short");
  kts::WherePlan p{};
  p.rank = static_cast<int>(PlanInt(env, plan[0], 0, kts::kMaxWhereRank));
  if (d.length != 1 + 4 * static_cast<std::size_t>(p.rank))
    throw Napi::RangeError::New(env, "the plan's length does not match its rank");
  constexpr double kBig = 1099511627776.0;  // 2^40: bounds strides
  double total = 1;
  double reach[3] = {0, 0, 0};  // the last offset each operand reads
  for (int k = 0; k < p.rank; k++) {
    p.n[k] = PlanInt(env, plan[1 + k], 0, 2147483647.0);
    p.cs[k] = PlanInt(env, plan[1 + p.rank + k], 0, kBig);
    p.as[k] = PlanInt(env, plan[1 + 2 * p.rank + k], 0, kBig);
    p.bs[k] = PlanInt(env, plan[1 + 3 * p.rank + k], 0, kBig);
    total *= static_cast<double>(p.n[k]);
    const double last = p.n[k] > 0 ? static_cast<double>(p.n[k] - 1) : 0;
    reach[0] += last * static_cast<double>(p.cs[k]);
    reach[1] += last * static_cast<double>(p.as[k]);
    reach[2] += last * static_cast<double>(p.bs[k]);
  }
  if (static_cast<double>(out.length) != total) throw Napi::RangeError::New(env, "out's length is not the plan's size");
  if (total == 0) return env.Undefined();
  if (reach[0] >= static_cast<double>(c.length) || reach[1] >= static_cast<double>(a.length) ||
      reach[2] >= static_cast<double>(b.length))
    throw Napi::RangeError::New(env, "an operand is too short for the plan");
  kts::where_strided(c.data, ct, a.data, b.data, out.data, elem, p);
  return env.Undefined();
}

Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  const int n = ToInt(info[0], "threads");
  if (n < 1 || n > 1024) throw Napi::RangeError::New(info.Env(), "threads must be in [1, 1024]");
  kts::set_num_threads(n);
  return info.Env().Undefined();
}

Napi::Value GetNumThreads(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), kts::num_threads());
}

Napi::Value CpuFeatures(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const kts::CpuFeatures f = kts::cpu_features();
  Napi::Object o = Napi::Object::New(env);
  o.Set("avx2", f.avx2);
  o.Set("fma", f.fma);
  o.Set("avx512f", f.avx512f);
  o.Set("kernels", kts::kernel_name());
  return o;
}

Napi::Value SetKernels(const Napi::CallbackInfo& info) {
  if (!info[0].IsString()) throw Napi::TypeError::New(info.Env(), "kernel name must be a string");
  return Napi::Boolean::New(info.Env(), kts::set_kernels(info[0].As<Napi::String>().Utf8Value()));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("matmul", Napi::Function::New(env, Matmul));
  exports.Set("unary", Napi::Function::New(env, Unary));
  exports.Set("binary", Napi::Function::New(env, Binary));
  exports.Set("reduce", Napi::Function::New(env, Reduce));
  exports.Set("where", Napi::Function::New(env, Where));
  exports.Set("denseForward", Napi::Function::New(env, DenseForward));
  exports.Set("denseBackward", Napi::Function::New(env, DenseBackward));
  exports.Set("sgdUpdate", Napi::Function::New(env, SgdUpdate));
  exports.Set("adamUpdate", Napi::Function::New(env, AdamUpdate));
  exports.Set("copyStrided", Napi::Function::New(env, CopyStrided));
  exports.Set("gather", Napi::Function::New(env, Gather));
  exports.Set("cast", Napi::Function::New(env, Cast));
  exports.Set("softmaxRows", Napi::Function::New(env, SoftmaxRows));
  exports.Set("softmaxGradRows", Napi::Function::New(env, SoftmaxGradRows));
  exports.Set("sparseCrossentropy", Napi::Function::New(env, SparseCrossentropy));
  exports.Set("sparseCrossentropyGrad", Napi::Function::New(env, SparseCrossentropyGrad));
  exports.Set("argReduce", Napi::Function::New(env, ArgReduce));
  exports.Set("cumulative", Napi::Function::New(env, Cumulative));
  exports.Set("sortRows", Napi::Function::New(env, SortRows));
  exports.Set("topK", Napi::Function::New(env, TopK));
  exports.Set("scatterAdd", Napi::Function::New(env, ScatterAdd));
  exports.Set("whereStrided", Napi::Function::New(env, WhereStrided));
  exports.Set("setNumThreads", Napi::Function::New(env, SetNumThreads));
  exports.Set("getNumThreads", Napi::Function::New(env, GetNumThreads));
  exports.Set("cpuFeatures", Napi::Function::New(env, CpuFeatures));
  exports.Set("setKernels", Napi::Function::New(env, SetKernels));
  return exports;
}

}  // namespace

NODE_API_MODULE(keras_ts_native, Init)
