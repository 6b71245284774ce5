// N-API binding of the data-movement kernels: strided copies (transpose, broadcastTo, slice,
// concat, pad), gather and scatter-add along an axis. Elements move as bits, so any 1-, 4- or
// 8-byte TypedArray works (scatterAdd: Float32/Float64/Int32/Uint8Array, Int32Array indices).
//
//   copyStrided(src, dst, plan): boolean (plan: Float64Array [rank, srcBase, dstBase, n..., srcStrides...,
//     dstStrides...]; false, writing nothing, when the plan reaches outside src or dst),
//   gather(x, indices, out, outer, n, inner): boolean (false, writing nothing, when an index is
//     outside [0, n)), scatterAdd(updates, indices, out, outer, n, inner): boolean (false, writing
//     nothing, when an index is outside [0, n))
#include <napi.h>

#include "binding_args.h"
#include "binding_families.h"
#include "movement.h"
#include "select.h"

namespace kts_binding {
namespace {

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

}  // namespace

void RegisterMovement(Napi::Env env, Napi::Object exports) {
  exports.Set("copyStrided", Napi::Function::New(env, CopyStrided));
  exports.Set("gather", Napi::Function::New(env, Gather));
  exports.Set("scatterAdd", Napi::Function::New(env, ScatterAdd));
}

}  // namespace kts_binding
