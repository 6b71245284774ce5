// The kernel families of the N-API binding, one file each (binding_linalg.cc, binding_elementwise.cc,
// binding_movement.cc, binding_rows.cc): each Register* function adds its family's functions to the
// addon's exports; binding.cc calls them all from the module's init.
#pragma once

#include <napi.h>

namespace kts_binding {

// matmul, denseForward, denseBackward, sgdUpdate, adamUpdate.
void RegisterLinalg(Napi::Env env, Napi::Object exports);
// unary, binary, reduce, where, whereStrided, cast.
void RegisterElementwise(Napi::Env env, Napi::Object exports);
// copyStrided, gather, scatterAdd.
void RegisterMovement(Napi::Env env, Napi::Object exports);
// softmaxRows, softmaxGradRows, sparseCrossentropy(Grad), argReduce, cumulative, sortRows, topK.
void RegisterRows(Napi::Env env, Napi::Object exports);

}  // namespace kts_binding
