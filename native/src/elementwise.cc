// `where` (see elementwise.h); the unary, binary and reduce kernels live in unary.cc, binary.cc and
// reduce.cc. No -ffast-math, so every result is the IEEE one.
#include "elementwise.h"

namespace kts {

template <class T>
void where(const std::uint8_t* cond, View2 cs, const T* a, View2 as, const T* b, View2 bs, T* out,
           std::size_t M, std::size_t N) {
  for (std::size_t i = 0; i < M; i++) {
    const std::ptrdiff_t ii = static_cast<std::ptrdiff_t>(i);
    const std::uint8_t* pc = cond + ii * cs.si;
    const T* pa = a + ii * as.si;
    const T* pb = b + ii * bs.si;
    T* po = out + i * N;
    for (std::size_t j = 0; j < N; j++) {
      const std::ptrdiff_t jj = static_cast<std::ptrdiff_t>(j);
      po[j] = pc[jj * cs.sj] ? pa[jj * as.sj] : pb[jj * bs.sj];
    }
  }
}

#define KTS_INSTANTIATE(T)                                                                          \
  template void where<T>(const std::uint8_t*, View2, const T*, View2, const T*, View2, T*, std::size_t, \
                         std::size_t);
KTS_INSTANTIATE(float)
KTS_INSTANTIATE(double)
#undef KTS_INSTANTIATE

}  // namespace kts
