// Fused hot paths of training: a Dense layer's forward and backward pass, and optimizer updates in
// one pass per variable. Each does in one call what the front end would otherwise do in several
// ops, with the same float rounding as those ops (every intermediate is rounded to T, no FMA
// contraction in this file), so fused and unfused results agree bitwise on this backend.
#pragma once

#include <cstddef>

namespace kts {

// out = act(x·w + bias): x is M x K, w is K x N, bias (may be null) has N, out is M x N.
template <class T>
void dense_forward(const T* x, const T* w, const T* bias, T* out, int M, int K, int N, bool relu);

// Gradients of dense_forward given dy (M x N) and, for relu, its output y: dz = relu ? dy·[y>0] : dy;
// dx = dz·wᵀ (M x K), dw = xᵀ·dz (K x N), db = Σ_rows dz (N). Null outputs are skipped.
template <class T>
void dense_backward(const T* x, const T* w, const T* y, const T* dy, T* dx, T* dw, T* db, int M, int K,
                    int N, bool relu);

// SGD step, one pass: without momentum w ← w − g·lr; with it m ← m·μ − g·lr, then w ← w + m
// (Nesterov: w ← w + (m·μ − g·lr)). `w_out`/`m_out` may alias `w`/`m` (in-place update).
template <class T>
void sgd_update(const T* w, const T* g, T* w_out, const T* m, T* m_out, std::size_t n, T lr, T momentum,
                bool nesterov);

// Adam step (Keras 3's formula), one pass: m ← m + (g − m)(1 − β1); v ← v + (g² − v)(1 − β2);
// w ← w − (m·α) / (√v + ε), with α computed by the caller. Outputs may alias their inputs.
template <class T>
void adam_update(const T* w, const T* g, const T* m, const T* v, T* w_out, T* m_out, T* v_out,
                 std::size_t n, T alpha, T one_minus_beta1, T one_minus_beta2, T epsilon);

}  // namespace kts
