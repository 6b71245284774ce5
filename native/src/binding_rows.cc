// N-API binding of the row kernels: softmax and its gradient, sparse cross-entropy and its
// gradient (float rows), argmin/argmax, cumulative sums and products, sort and top-k (any of
// Float32Array, Float64Array, Int32Array or Uint8Array data, Int32Array indices).
//
//   softmaxRows(x, out, rows, C, log), softmaxGradRows(y, dy, out, rows, C, log),
//   sparseCrossentropy(labels, pred, out, rows, C, fromLogits): boolean,
//   sparseCrossentropyGrad(labels, pred, dy, out, rows, C, fromLogits): boolean (Int32Array labels;
//     false, writing nothing, when a label is outside [0, C)),
//   argReduce(argmin, x, out, outer, n, inner) (out: Int32Array of outer*inner; n >= 1)
//   cumulative(x, out, outer, n, inner, prod, exclusive, reverse), sortRows(x, vals, idx, rows, n,
//     descending), topK(x, vals, idx, rows, n, k)
#include <napi.h>

#include "binding_args.h"
#include "binding_families.h"
#include "cumulative.h"
#include "ordering.h"
#include "rows.h"

namespace kts_binding {
namespace {

template <class T>
void SoftmaxRowsT(const Napi::CallbackInfo& info, const Elems& x, std::size_t rows, std::size_t C) {
  kts::softmax_rows<T>(static_cast<const T*>(x.data), FloatArg<T>(info, 1, x.type, rows * C, false, "out"), rows,
                       C, BoolArg(info, 4));
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
                            FloatArg<T>(info, 2, y.type, n, false, "out"), rows, C, BoolArg(info, 5));
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
                         rows, C, BoolArg(info, 5));
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
                              BoolArg(info, 6));
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
  const bool argmin = BoolArg(info, 0);
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

Napi::Value Cumulative(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 8) throw Napi::TypeError::New(env, "cumulative expects 8 arguments");
  const Elems x = ElemsAt(info, 0, "x"), out = ElemsAt(info, 1, "out");
  if (out.type != x.type) throw Napi::TypeError::New(env, "x and out must have the same type");
  const std::size_t outer = ToInt(info[2], "outer"), n = ToInt(info[3], "n"), inner = ToInt(info[4], "inner");
  if (out.length != outer * n * inner || x.length < out.length)
    throw Napi::RangeError::New(env, "lengths do not match [outer, n, inner]");
  const bool prod = BoolArg(info, 5), exclusive = BoolArg(info, 6), reverse = BoolArg(info, 7);
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
  const bool descending = BoolArg(info, 5);
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

}  // namespace

void RegisterRows(Napi::Env env, Napi::Object exports) {
  exports.Set("softmaxRows", Napi::Function::New(env, SoftmaxRows));
  exports.Set("softmaxGradRows", Napi::Function::New(env, SoftmaxGradRows));
  exports.Set("sparseCrossentropy", Napi::Function::New(env, SparseCrossentropy));
  exports.Set("sparseCrossentropyGrad", Napi::Function::New(env, SparseCrossentropyGrad));
  exports.Set("argReduce", Napi::Function::New(env, ArgReduce));
  exports.Set("cumulative", Napi::Function::New(env, Cumulative));
  exports.Set("sortRows", Napi::Function::New(env, SortRows));
  exports.Set("topK", Napi::Function::New(env, TopK));
}

}  // namespace kts_binding
