// Argument readers shared by the N-API binding files (binding*.cc): each checks one argument of a
// call from JavaScript (a number, a TypedArray of the expected type and length, a plan entry) and
// throws a TypeError or RangeError naming it when it does not fit. Inline, so every family's
// binding file shares one definition.
#pragma once

#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace kts_binding {

// A number argument that must be a non-negative int32 (a size, count or stride).
// One N-API call (napi_get_value_double fails on a non-number), not a type check and a read.
inline int ToInt(const Napi::Value& v, const char* what) {
  double d;
  if (napi_get_value_double(v.Env(), v, &d) != napi_ok)
    throw Napi::TypeError::New(v.Env(), std::string(what) + " must be a number");
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

// The TypedArray at info[i] (a TypeError naming `what` when it is not one).
inline Elems ElemsAt(const Napi::CallbackInfo& info, int i, const char* what = "argument") {
  Elems e{};
  if (napi_get_typedarray_info(info.Env(), info[i], &e.type, &e.length, &e.data, nullptr, nullptr) != napi_ok)
    throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a TypedArray");
  return e;
}

// The element type, the length and the data of the TypedArray at info[i].
inline napi_typedarray_type TypeOf(const Napi::CallbackInfo& info, int i) { return ElemsAt(info, i).type; }

inline std::size_t Len(const Napi::CallbackInfo& info, int i) { return ElemsAt(info, i).length; }

template <class T>
T* DataOf(const Napi::CallbackInfo& info, int i) {
  return static_cast<T*>(ElemsAt(info, i).data);
}

// An op code in [0, count) (an enum of elementwise.h).
inline int OpCode(const Napi::Value& v, int count) {
  const int op = ToInt(v, "op");
  if (op >= count) throw Napi::RangeError::New(v.Env(), "unknown op code");
  return op;
}

// A number argument (a learning rate, a coefficient).
inline double NumberArg(const Napi::CallbackInfo& info, int i, const char* what) {
  double d;
  if (napi_get_value_double(info.Env(), info[i], &d) != napi_ok)
    throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a number");
  return d;
}

// A boolean argument: one N-API call for a real boolean, JavaScript truthiness otherwise.
inline bool BoolArg(const Napi::CallbackInfo& info, int i) {
  bool b;
  if (napi_get_value_bool(info.Env(), info[i], &b) == napi_ok) return b;
  return info[i].ToBoolean();
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

// A Float32Array/Float64Array argument with at least `n` elements, from one N-API call.
inline Elems FloatElems(const Napi::CallbackInfo& info, int i, std::size_t n, const char* what) {
  const Elems e = ElemsAt(info, i, what);
  if (e.type != napi_float32_array && e.type != napi_float64_array)
    throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a Float32Array or Float64Array");
  if (e.length < n) throw Napi::RangeError::New(info.Env(), std::string(what) + " is too short");
  return e;
}

// An Int32Array argument of exactly `n` elements.
inline std::int32_t* Int32Out(const Napi::CallbackInfo& info, int i, std::size_t n, const char* what) {
  const Elems e = ElemsAt(info, i, what);
  if (e.type != napi_int32_array) throw Napi::TypeError::New(info.Env(), std::string(what) + " must be an Int32Array");
  if (e.length != n) throw Napi::RangeError::New(info.Env(), std::string(what) + " has the wrong length");
  return static_cast<std::int32_t*>(e.data);
}

// Bytes per element of a TypedArray type the copy kernels move (0: unsupported).
inline std::size_t ElemSize(napi_typedarray_type t) {
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
inline std::ptrdiff_t PlanInt(Napi::Env env, double v, double lo, double hi) {
  if (!(v >= lo && v <= hi) || v != static_cast<double>(static_cast<long long>(v)))
    throw Napi::RangeError::New(env, "copy plan entry out of range");
  return static_cast<std::ptrdiff_t>(v);
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

}  // namespace kts_binding
