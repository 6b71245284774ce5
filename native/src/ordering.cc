// Sort and top-k (see ordering.h). Each element becomes an unsigned key that orders as the js
// comparator does (NaN greatest, −0 == +0, descending keys bit-inverted), paired with its position:
// sorting the (key, position) entries ascending gives the js order, ties by lower position included.
// Keys of 32 bits are packed with the position into one 64-bit integer, so the sort compares
// integers only; rows of 128 or more are radix-sorted. topK keeps a one-pass sorted buffer for
// small k, else selects with nth_element.
#include "ordering.h"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "thread_pool.h"

namespace kts {
namespace {

// Branch-free (signs are as likely as not): flips every bit of a negative, the sign bit of a positive.
inline std::uint32_t Key(float v) {
  std::uint32_t b;
  std::memcpy(&b, &v, sizeof b);
  b = v == 0 ? 0u : b;  // −0 ties with +0
  const std::uint32_t k = b ^ (static_cast<std::uint32_t>(static_cast<std::int32_t>(b) >> 31) | 0x80000000u);
  return v != v ? 0xffffffffu : k;  // every NaN above +Inf
}

inline std::uint64_t Key(double v) {
  std::uint64_t b;
  std::memcpy(&b, &v, sizeof b);
  b = v == 0 ? 0u : b;
  const std::uint64_t sign = static_cast<std::uint64_t>(static_cast<std::int64_t>(b) >> 63);
  const std::uint64_t k = b ^ (sign | (std::uint64_t{1} << 63));
  return v != v ? ~std::uint64_t{0} : k;
}

inline std::uint32_t Key(std::int32_t v) { return static_cast<std::uint32_t>(v) ^ 0x80000000u; }
inline std::uint32_t Key(std::uint8_t v) { return v; }

// One element's (key, position) entry, compared with <: 32-bit keys packed with the position into
// a uint64_t, 64-bit keys paired with it.
template <class T, bool kPacked = sizeof(decltype(Key(T{}))) == 4>
struct Entry;

template <class T>
struct Entry<T, true> {
  using type = std::uint64_t;
  static type make(T v, std::size_t i, bool descending) {
    const std::uint32_t k = descending ? ~Key(v) : Key(v);
    return (static_cast<std::uint64_t>(k) << 32) | i;
  }
  static std::int32_t pos(type e) { return static_cast<std::int32_t>(e & 0xffffffffu); }
  static constexpr int kKeyBits = 32;
  static unsigned digit(type e, int shift) { return static_cast<unsigned>(e >> (32 + shift)) & 255u; }
};

template <class T>
struct Entry<T, false> {
  using type = std::pair<std::uint64_t, std::uint32_t>;
  static type make(T v, std::size_t i, bool descending) {
    return {descending ? ~Key(v) : Key(v), static_cast<std::uint32_t>(i)};
  }
  static std::int32_t pos(const type& e) { return static_cast<std::int32_t>(e.second); }
  static constexpr int kKeyBits = 64;
  static unsigned digit(const type& e, int shift) { return static_cast<unsigned>(e.first >> shift) & 255u; }
};

// Splits rows across the pool in runs of about 16K elements (whole rows).
template <class F>
void by_rows(std::size_t rows, std::size_t n, F body) {
  constexpr std::size_t kChunk = 1 << 14;
  parallel_ranges(rows, n >= kChunk ? 1 : kChunk / std::max<std::size_t>(n, 1), body);
}

// Sorts entries that start in position order: by key, 8 bits a pass from the lowest (a stable LSD
// radix sort, so equal keys keep position order), skipping the passes where every key shares its
// digit; short rows go to std::sort. `tmp` is scratch.
template <class T>
void sort_entries(std::vector<typename Entry<T>::type>& e, std::vector<typename Entry<T>::type>& tmp) {
  using E = Entry<T>;
  constexpr std::size_t kRadixFrom = 128;
  constexpr int kPasses = E::kKeyBits / 8;
  const std::size_t n = e.size();
  if (n < kRadixFrom) {
    std::sort(e.begin(), e.end());
    return;
  }
  tmp.resize(n);
  std::size_t count[kPasses][256] = {};
  for (const auto& v : e)
    for (int p = 0; p < kPasses; p++) count[p][E::digit(v, 8 * p)]++;
  auto* src = e.data();
  auto* dst = tmp.data();
  for (int p = 0; p < kPasses; p++) {
    std::size_t* c = count[p];
    if (c[E::digit(src[0], 8 * p)] == n) continue;
    std::size_t at = 0;
    for (int d = 0; d < 256; d++) {
      const std::size_t k = c[d];
      c[d] = at;
      at += k;
    }
    for (std::size_t i = 0; i < n; i++) dst[c[E::digit(src[i], 8 * p)]++] = src[i];
    std::swap(src, dst);
  }
  if (src != e.data()) std::copy(src, src + n, e.data());
}

// Writes the first k entries of a sorted row: positions to idx, the elements they name to vals.
template <class T>
void emit(const typename Entry<T>::type* e, const T* x, T* vals, std::int32_t* idx, std::size_t k) {
  for (std::size_t i = 0; i < k; i++) {
    const std::int32_t p = Entry<T>::pos(e[i]);
    idx[i] = p;
    vals[i] = x[p];
  }
}

// Whether a ranks above b in top-k order when it comes later in the row: js's `beats`.
template <class T>
inline bool Beats(T a, T b) {
  return a > b || (a != a && b == b);
}

// The k smallest descending entries of a row, in order, in one pass over a sorted buffer of k:
// most elements lose to the current k-th at one comparison of values (the js kernel's small-k path).
template <class T>
void top_small(const T* x, std::size_t n, std::size_t k, typename Entry<T>::type* buf) {
  std::size_t count = 0;
  T last{};  // the value of buf[k - 1] once the buffer is full
  for (std::size_t i = 0; i < n; i++) {
    if (count == k && !Beats(x[i], last)) continue;
    const auto e = Entry<T>::make(x[i], i, true);
    std::size_t p = count < k ? count++ : k - 1;
    for (; p > 0 && e < buf[p - 1]; p--) buf[p] = buf[p - 1];
    buf[p] = e;
    if (count == k) last = x[Entry<T>::pos(buf[k - 1])];
  }
}

}  // namespace

template <class T>
void sort_rows(const T* x, T* vals, std::int32_t* idx, std::size_t rows, std::size_t n, bool descending) {
  by_rows(rows, n, [=](std::size_t b, std::size_t end) {
    std::vector<typename Entry<T>::type> e(n), tmp;
    for (std::size_t r = b; r < end; r++) {
      const T* row = x + r * n;
      for (std::size_t i = 0; i < n; i++) e[i] = Entry<T>::make(row[i], i, descending);
      sort_entries<T>(e, tmp);
      emit(e.data(), row, vals + r * n, idx + r * n, n);
    }
  });
}

template <class T>
void topk_rows(const T* x, T* vals, std::int32_t* idx, std::size_t rows, std::size_t n, std::size_t k) {
  if (k == 0) return;
  constexpr std::size_t kSmall = 16;  // up to this k, the one-pass buffer
  by_rows(rows, n, [=](std::size_t b, std::size_t end) {
    std::vector<typename Entry<T>::type> e(k <= kSmall ? k : n);
    for (std::size_t r = b; r < end; r++) {
      const T* row = x + r * n;
      if (k <= kSmall) {
        top_small(row, n, k, e.data());
      } else {
        // The k smallest entries (unique, as positions differ), then those k in order.
        for (std::size_t i = 0; i < n; i++) e[i] = Entry<T>::make(row[i], i, true);
        if (k < n) std::nth_element(e.begin(), e.begin() + (k - 1), e.end());
        std::sort(e.begin(), e.begin() + k);
      }
      emit(e.data(), row, vals + r * k, idx + r * k, k);
    }
  });
}

#define KTS_INSTANTIATE(T)                                                                  \
  template void sort_rows<T>(const T*, T*, std::int32_t*, std::size_t, std::size_t, bool); \
  template void topk_rows<T>(const T*, T*, std::int32_t*, std::size_t, std::size_t, std::size_t);
KTS_INSTANTIATE(float)
KTS_INSTANTIATE(double)
KTS_INSTANTIATE(std::int32_t)
KTS_INSTANTIATE(std::uint8_t)
#undef KTS_INSTANTIATE

}  // namespace kts
