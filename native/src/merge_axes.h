// Simplifies an N-D strided walk over K operands before a kernel runs it: axes of size 1 are
// dropped, and an axis is merged into the previous one when every operand steps across the pair as
// across one axis. Shared by the copy (movement.cc) and `where` (select.cc) plans.
#pragma once

#include <cstddef>

namespace kts {

// In place over n[0, rank) and s[o][0, rank) for each operand o; returns the new rank (>= 1: an
// all-size-1 space becomes one axis of size 1 with stride 0). Every n[k] must be >= 1.
template <int K>
int merge_axes(int rank, std::ptrdiff_t* n, std::ptrdiff_t* const (&s)[K]) {
  int r = 0;
  for (int k = 0; k < rank; k++) {
    if (n[k] == 1) continue;
    bool merge = r > 0;
    for (int o = 0; o < K && merge; o++) merge = s[o][r - 1] == s[o][k] * n[k];
    if (merge) {
      n[r - 1] *= n[k];
      for (int o = 0; o < K; o++) s[o][r - 1] = s[o][k];
    } else {
      n[r] = n[k];
      for (int o = 0; o < K; o++) s[o][r] = s[o][k];
      r++;
    }
  }
  if (r == 0) {
    n[0] = 1;
    for (int o = 0; o < K; o++) s[o][0] = 0;
    r = 1;
  }
  return r;
}

}  // namespace kts
