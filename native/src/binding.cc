// N-API binding (node-addon-api): exposes the native kernels to keras-ts. Every function works on
// the memory of the TypedArrays it is given, without copying. Each kernel family has its own
// binding file, which lists its functions' signatures: binding_linalg.cc (matmul, dense, optimizer
// updates), binding_elementwise.cc (unary, binary, reduce, where, cast), binding_movement.cc
// (strided copies, gather, scatterAdd) and binding_rows.cc (softmax, cross-entropy, argReduce,
// cumulative, sort, topK); binding_args.h holds their argument readers. This file holds the
// module's init and the functions about the library itself:
//
//   setNumThreads(n), getNumThreads(), cpuFeatures(), setKernels(name): boolean
#include <napi.h>

#include "binding_args.h"
#include "binding_families.h"
#include "matmul.h"
#include "thread_pool.h"

namespace {

using kts_binding::ToInt;

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
  kts_binding::RegisterLinalg(env, exports);
  kts_binding::RegisterElementwise(env, exports);
  kts_binding::RegisterMovement(env, exports);
  kts_binding::RegisterRows(env, exports);
  exports.Set("setNumThreads", Napi::Function::New(env, SetNumThreads));
  exports.Set("getNumThreads", Napi::Function::New(env, GetNumThreads));
  exports.Set("cpuFeatures", Napi::Function::New(env, CpuFeatures));
  exports.Set("setKernels", Napi::Function::New(env, SetKernels));
  return exports;
}

}  // namespace

NODE_API_MODULE(keras_ts_native, Init)
