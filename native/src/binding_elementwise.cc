// N-API binding of the elementwise kernels: unary, binary (N-D broadcast plans), reductions,
// `where` (2-D views, and N-D strided plans of any element type) and float casts.
//
//   unary(op, x, out, param?) (x: Float32/Float64/Int32/Uint8Array; out: a Uint8Array for the bool
//     ops, else x's type), binary(op, mode, a, b, out, plan) (plan: Float64Array [rank (≤ 8), n...,
//     aStrides..., bStrides...]; out contiguous: a Uint8Array for comparisons and logical ops, else
//     a's type), reduce(op, x, out, plan) (plan: Float64Array [rank (≤ 8), n..., kept (0/1)...];
//     x contiguous, out any of the four types),
//   where(cond, a, b, out, M, N, csi, csj, asi, asj, bsi, bsj)
//     (op codes: the enums of elementwise.h; the TypeScript side keeps the same order)
//   whereStrided(cond, a, b, out, plan) (plan: Float64Array [rank, n..., condStrides...,
//     aStrides..., bStrides...]; a, b and out of any 1-, 4- or 8-byte type),
//   cast(x, out) (Float32/Float64 <- Float32/Float64/Int32/Uint8)
#include <napi.h>

#include <string>

#include "binding_args.h"
#include "binding_families.h"
#include "elementwise.h"
#include "movement.h"
#include "select.h"

namespace kts_binding {
namespace {

// Reads strides (si, sj) at info[k], info[k+1] and checks that an M x N view fits in `len`.
kts::View2 ViewAt(const Napi::CallbackInfo& info, int k, std::size_t M, std::size_t N, std::size_t len) {
  const kts::View2 v{ToInt(info[k], "stride"), ToInt(info[k + 1], "stride")};
  if (M > 0 && N > 0 &&
      static_cast<std::size_t>((M - 1) * v.si + (N - 1) * v.sj) >= len)
    throw Napi::RangeError::New(info.Env(), "operand too short for its view");
  return v;
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

}  // namespace

void RegisterElementwise(Napi::Env env, Napi::Object exports) {
  exports.Set("unary", Napi::Function::New(env, Unary));
  exports.Set("binary", Napi::Function::New(env, Binary));
  exports.Set("reduce", Napi::Function::New(env, Reduce));
  exports.Set("where", Napi::Function::New(env, Where));
  exports.Set("whereStrided", Napi::Function::New(env, WhereStrided));
  exports.Set("cast", Napi::Function::New(env, Cast));
}

}  // namespace kts_binding
