// N-API binding of the linear-algebra kernels: the batched GEMM, the fused dense layer (forward
// and backward) and the optimizer updates. Float32Array or Float64Array operands, all of one type.
//
//   matmul(a, b, out, M, N, K, transA, transB, aOffsets | null, bOffsets | null): undefined
//   denseForward(x, w, bias|null, out, M, K, N, relu), denseBackward(x, w, y|null, dy, dx|null,
//     dw|null, db|null, M, K, N, relu), sgdUpdate(w, g, wOut, m|null, mOut|null, lr, momentum,
//     nesterov), adamUpdate(w, g, m, v, wOut, mOut, vOut, alpha, 1-beta1, 1-beta2, epsilon)
#include <napi.h>

#include "binding_args.h"
#include "binding_families.h"
#include "fused.h"
#include "matmul.h"

namespace kts_binding {
namespace {

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
  const bool ta = BoolArg(info, 6), tb = BoolArg(info, 7);
  if (type == napi_float32_array)
    Run<float>(info, M, N, K, ta, tb);
  else if (type == napi_float64_array)
    Run<double>(info, M, N, K, ta, tb);
  else
    throw Napi::TypeError::New(env, "matmul supports Float32Array and Float64Array");
  return env.Undefined();
}

napi_typedarray_type FloatType(const Napi::CallbackInfo& info, int i) {
  const napi_typedarray_type t = TypeOf(info, i);
  if (t != napi_float32_array && t != napi_float64_array)
    throw Napi::TypeError::New(info.Env(), "fused kernels support Float32Array and Float64Array");
  return t;
}

// Checks the argument count and runs `run(T{}, type)` with T the element type (float or double) of
// the Float32Array/Float64Array at info[0]: the shared entry of the fused kernels.
template <class F>
Napi::Value OnFloatArrays(const Napi::CallbackInfo& info, std::size_t nargs, const char* name, F run) {
  if (info.Length() < nargs)
    throw Napi::TypeError::New(info.Env(), std::string(name) + " expects " + std::to_string(nargs) + " arguments");
  if (FloatType(info, 0) == napi_float32_array) run(float{}, napi_float32_array);
  else run(double{}, napi_float64_array);
  return info.Env().Undefined();
}

template <class T>
void DenseForwardT(const Napi::CallbackInfo& info, napi_typedarray_type t) {
  const int M = ToInt(info[4], "M"), K = ToInt(info[5], "K"), N = ToInt(info[6], "N");
  const std::size_t m = M, k = K, n = N;
  kts::dense_forward<T>(FloatArg<T>(info, 0, t, m * k, false, "x"), FloatArg<T>(info, 1, t, k * n, false, "w"),
                        FloatArg<T>(info, 2, t, n, true, "bias"), FloatArg<T>(info, 3, t, m * n, false, "out"),
                        M, K, N, BoolArg(info, 7));
}

Napi::Value DenseForward(const Napi::CallbackInfo& info) {
  return OnFloatArrays(info, 8, "denseForward",
                       [&](auto v, napi_typedarray_type t) { DenseForwardT<decltype(v)>(info, t); });
}

template <class T>
void DenseBackwardT(const Napi::CallbackInfo& info, napi_typedarray_type t) {
  const int M = ToInt(info[7], "M"), K = ToInt(info[8], "K"), N = ToInt(info[9], "N");
  const std::size_t m = M, k = K, n = N;
  const bool relu = BoolArg(info, 10);
  kts::dense_backward<T>(FloatArg<T>(info, 0, t, m * k, false, "x"), FloatArg<T>(info, 1, t, k * n, false, "w"),
                         FloatArg<T>(info, 2, t, m * n, !relu, "y"), FloatArg<T>(info, 3, t, m * n, false, "dy"),
                         FloatArg<T>(info, 4, t, m * k, true, "dx"), FloatArg<T>(info, 5, t, k * n, true, "dw"),
                         FloatArg<T>(info, 6, t, n, true, "db"), M, K, N, relu);
}

Napi::Value DenseBackward(const Napi::CallbackInfo& info) {
  return OnFloatArrays(info, 11, "denseBackward",
                       [&](auto v, napi_typedarray_type t) { DenseBackwardT<decltype(v)>(info, t); });
}

template <class T>
void SgdUpdateT(const Napi::CallbackInfo& info, napi_typedarray_type t) {
  const std::size_t n = Len(info, 0);
  T* m = FloatArg<T>(info, 3, t, n, true, "m");
  T* m_out = FloatArg<T>(info, 4, t, n, m == nullptr, "mOut");
  kts::sgd_update<T>(FloatArg<T>(info, 0, t, n, false, "w"), FloatArg<T>(info, 1, t, n, false, "g"),
                     FloatArg<T>(info, 2, t, n, false, "wOut"), m, m_out, n,
                     static_cast<T>(NumberArg(info, 5, "lr")), static_cast<T>(NumberArg(info, 6, "momentum")),
                     BoolArg(info, 7));
}

Napi::Value SgdUpdate(const Napi::CallbackInfo& info) {
  return OnFloatArrays(info, 8, "sgdUpdate",
                       [&](auto v, napi_typedarray_type t) { SgdUpdateT<decltype(v)>(info, t); });
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
  return OnFloatArrays(info, 11, "adamUpdate",
                       [&](auto v, napi_typedarray_type t) { AdamUpdateT<decltype(v)>(info, t); });
}

}  // namespace

void RegisterLinalg(Napi::Env env, Napi::Object exports) {
  exports.Set("matmul", Napi::Function::New(env, Matmul));
  exports.Set("denseForward", Napi::Function::New(env, DenseForward));
  exports.Set("denseBackward", Napi::Function::New(env, DenseBackward));
  exports.Set("sgdUpdate", Napi::Function::New(env, SgdUpdate));
  exports.Set("adamUpdate", Napi::Function::New(env, AdamUpdate));
}

}  // namespace kts_binding
