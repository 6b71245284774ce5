// Data movement kernels (see movement.h). A copy plan is first simplified (size-1 axes dropped,
// axes contiguous in both operands merged), then walked in units: pieces of rows along the last
// axis, or, when the source is contiguous along another axis (a transpose), tiles spanning that
// axis and the last one, so that reads and writes both stay within a few cache lines.
#include "movement.h"

#include <algorithm>
#include <cstring>

#include "merge_axes.h"
#include "thread_pool.h"

namespace kts {
namespace {

constexpr std::size_t kChunk = 1 << 15;       // elements per task; smaller jobs stay on this thread
constexpr std::ptrdiff_t kTile = 32;          // tile side (elements) of the transpose walk
constexpr std::ptrdiff_t kSegment = 1 << 12;  // longest piece of a row one unit copies

// The plan with size-1 axes dropped and axes contiguous in both operands merged (merge_axes.h).
CopyPlan simplify(const CopyPlan& p) {
  CopyPlan q = p;
  q.rank = merge_axes<2>(p.rank, q.n, {q.ss, q.ds});
  return q;
}

// The blocked loop nest over a simplified plan: axis k advances blk[k] elements at a time (nb[k]
// blocks). Units copy one block of the last axis, times one block of axis `tile` when tile >= 0.
struct Walk {
  int rank, tile;
  std::ptrdiff_t n[kMaxCopyRank], blk[kMaxCopyRank], nb[kMaxCopyRank], ss[kMaxCopyRank], ds[kMaxCopyRank];
  std::ptrdiff_t src_base, dst_base;
};

Walk make_walk(const CopyPlan& p) {
  Walk w{};
  w.rank = p.rank;
  w.src_base = p.src_base;
  w.dst_base = p.dst_base;
  const int last = p.rank - 1;
  w.tile = -1;
  // A transpose: the output is contiguous along the last axis, the source along another one.
  if (p.ds[last] == 1 && (p.ss[last] > 1 || p.ss[last] < -1))
    for (int k = last - 1; k >= 0 && w.tile < 0; k--)
      if (p.ss[k] == 1) w.tile = k;
  for (int k = 0; k < p.rank; k++) {
    w.n[k] = p.n[k];
    w.ss[k] = p.ss[k];
    w.ds[k] = p.ds[k];
    w.blk[k] = 1;
  }
  if (w.tile >= 0) {
    w.blk[w.tile] = std::min(p.n[w.tile], kTile);
    // Few rows: longer tiles, so that each unit still moves about kTile² elements.
    w.blk[last] = std::min(p.n[last], kTile * kTile / w.blk[w.tile]);
  } else {
    w.blk[last] = std::min(p.n[last], kSegment);
  }
  for (int k = 0; k < p.rank; k++) w.nb[k] = (w.n[k] + w.blk[k] - 1) / w.blk[k];
  return w;
}

// len elements of a row: d[j·ds] = s[j·ss].
template <class E>
void copy_row(const E* s, E* d, std::ptrdiff_t len, std::ptrdiff_t ss, std::ptrdiff_t ds) {
  if (ss == 1 && ds == 1) {
    std::memcpy(d, s, static_cast<std::size_t>(len) * sizeof(E));
  } else if (ss == 0) {
    const E v = *s;
    if (ds == 1) std::fill(d, d + len, v);
    else for (std::ptrdiff_t j = 0; j < len; j++) d[j * ds] = v;
  } else if (ds == 1) {
    for (std::ptrdiff_t j = 0; j < len; j++) d[j] = s[j * ss];
  } else {
    for (std::ptrdiff_t j = 0; j < len; j++) d[j * ds] = s[j * ss];
  }
}

// A rows x cols tile of a transpose, d[i·dr + j] = s[i + j·sc], in 4 x 4 blocks held in registers:
// each block reads 4 source lines and writes 4 output lines once (element by element, every
// column read would touch a new line, and at power-of-two strides those lines evict each other).
template <class E>
void copy_tile(const E* s, E* d, std::ptrdiff_t rows, std::ptrdiff_t cols, std::ptrdiff_t sc, std::ptrdiff_t dr) {
  std::ptrdiff_t i = 0;
  for (; i + 4 <= rows; i += 4) {
    std::ptrdiff_t j = 0;
    for (; j + 4 <= cols; j += 4) {
      E v[4][4];
      for (int a = 0; a < 4; a++)
        for (int b = 0; b < 4; b++) v[a][b] = s[i + b + (j + a) * sc];
      for (int b = 0; b < 4; b++)
        for (int a = 0; a < 4; a++) d[(i + b) * dr + j + a] = v[a][b];
    }
    for (; j < cols; j++)
      for (int b = 0; b < 4; b++) d[(i + b) * dr + j] = s[i + b + j * sc];
  }
  for (; i < rows; i++)
    for (std::ptrdiff_t j = 0; j < cols; j++) d[i * dr + j] = s[i + j * sc];
}

// Copies units [u0, u1) of the walk (units numbered row-major over the block indices).
template <class E>
void run_units(const Walk& w, const E* src, E* dst, std::size_t u0, std::size_t u1) {
  std::ptrdiff_t b[kMaxCopyRank], sstep[kMaxCopyRank], dstep[kMaxCopyRank];
  std::ptrdiff_t so = w.src_base, dof = w.dst_base;
  std::size_t rest = u0;
  for (int k = w.rank - 1; k >= 0; k--) {
    b[k] = static_cast<std::ptrdiff_t>(rest % static_cast<std::size_t>(w.nb[k]));
    rest /= static_cast<std::size_t>(w.nb[k]);
    sstep[k] = w.blk[k] * w.ss[k];
    dstep[k] = w.blk[k] * w.ds[k];
    so += b[k] * sstep[k];
    dof += b[k] * dstep[k];
  }
  const int last = w.rank - 1, t = w.tile;
  for (std::size_t u = u0; u < u1; u++) {
    const std::ptrdiff_t cols = std::min(w.blk[last], w.n[last] - b[last] * w.blk[last]);
    if (t >= 0) {
      const std::ptrdiff_t rows = std::min(w.blk[t], w.n[t] - b[t] * w.blk[t]);
      copy_tile(src + so, dst + dof, rows, cols, w.ss[last], w.ds[t]);
    } else {
      copy_row(src + so, dst + dof, cols, w.ss[last], w.ds[last]);
    }
    for (int k = last; k >= 0; k--) {  // next unit: advance the odometer
      so += sstep[k];
      dof += dstep[k];
      if (++b[k] < w.nb[k]) break;
      so -= w.nb[k] * sstep[k];
      dof -= w.nb[k] * dstep[k];
      b[k] = 0;
    }
  }
}

template <class E>
void copy_typed(const E* src, E* dst, const CopyPlan& plan) {
  for (int k = 0; k < plan.rank; k++)
    if (plan.n[k] == 0) return;
  const Walk w = make_walk(simplify(plan));
  std::size_t units = 1, total = 1;
  for (int k = 0; k < w.rank; k++) {
    units *= static_cast<std::size_t>(w.nb[k]);
    total *= static_cast<std::size_t>(w.n[k]);
  }
  const std::size_t unit = static_cast<std::size_t>(w.blk[w.rank - 1] * (w.tile >= 0 ? w.blk[w.tile] : 1));
  const std::size_t per_task = total <= kChunk ? units : std::max<std::size_t>(1, kChunk / unit);
  parallel_ranges(units, per_task, [&](std::size_t b, std::size_t e) { run_units(w, src, dst, b, e); });
}

template <class E>
void gather_typed(const E* x, const std::int32_t* idx, E* out, std::size_t outer, std::size_t n, std::size_t m,
                  std::size_t inner) {
  const std::size_t rows = outer * m;
  if (rows == 0 || inner == 0) return;
  const std::size_t per_task = rows * inner <= kChunk ? rows : std::max<std::size_t>(1, kChunk / inner);
  parallel_ranges(rows, per_task, [=](std::size_t r0, std::size_t r1) {
    std::size_t o = r0 / m, j = r0 % m;
    E* d = out + r0 * inner;
    for (std::size_t r = r0; r < r1; r++, d += inner) {
      const E* s = x + (o * n + static_cast<std::size_t>(idx[j])) * inner;
      if (inner == 1) *d = *s;
      else std::memcpy(d, s, inner * sizeof(E));
      if (++j == m) {
        j = 0;
        o++;
      }
    }
  });
}

// Pointers by value: a lambda capturing them by reference blocks vectorization (see fused.cc).
template <class S, class D>
void cast_range(const S* x, D* out, std::size_t b, std::size_t e) {
  for (std::size_t i = b; i < e; i++) out[i] = static_cast<D>(x[i]);
}

}  // namespace

bool copy_in_bounds(const CopyPlan& p, std::size_t src_len, std::size_t dst_len) {
  // Doubles: exact below 2^53, far above any array length; larger sums fail the test anyway.
  double smin = static_cast<double>(p.src_base), smax = smin;
  double dmin = static_cast<double>(p.dst_base), dmax = dmin;
  for (int k = 0; k < p.rank; k++) {
    if (p.n[k] == 0) return true;  // nothing is read or written
    const double span = static_cast<double>(p.n[k] - 1);
    const double s = span * static_cast<double>(p.ss[k]), d = span * static_cast<double>(p.ds[k]);
    (s < 0 ? smin : smax) += s;
    (d < 0 ? dmin : dmax) += d;
  }
  return smin >= 0 && dmin >= 0 && smax < static_cast<double>(src_len) && dmax < static_cast<double>(dst_len);
}

void strided_copy(const void* src, void* dst, std::size_t elem_size, const CopyPlan& plan) {
  switch (elem_size) {
    case 1:
      copy_typed(static_cast<const std::uint8_t*>(src), static_cast<std::uint8_t*>(dst), plan);
      break;
    case 4:
      copy_typed(static_cast<const std::uint32_t*>(src), static_cast<std::uint32_t*>(dst), plan);
      break;
    case 8:
      copy_typed(static_cast<const std::uint64_t*>(src), static_cast<std::uint64_t*>(dst), plan);
      break;
  }
}

void gather(const void* x, const std::int32_t* idx, void* out, std::size_t elem_size, std::size_t outer,
            std::size_t n, std::size_t m, std::size_t inner) {
  switch (elem_size) {
    case 1:
      gather_typed(static_cast<const std::uint8_t*>(x), idx, static_cast<std::uint8_t*>(out), outer, n, m, inner);
      break;
    case 4:
      gather_typed(static_cast<const std::uint32_t*>(x), idx, static_cast<std::uint32_t*>(out), outer, n, m, inner);
      break;
    case 8:
      gather_typed(static_cast<const std::uint64_t*>(x), idx, static_cast<std::uint64_t*>(out), outer, n, m, inner);
      break;
  }
}

template <class S, class D>
void cast(const S* x, D* out, std::size_t n) {
  parallel_ranges(n, kChunk, [=](std::size_t b, std::size_t e) { cast_range(x, out, b, e); });
}

template void cast<float, double>(const float*, double*, std::size_t);
template void cast<double, float>(const double*, float*, std::size_t);
template void cast<std::int32_t, float>(const std::int32_t*, float*, std::size_t);
template void cast<std::int32_t, double>(const std::int32_t*, double*, std::size_t);
template void cast<std::uint8_t, float>(const std::uint8_t*, float*, std::size_t);
template void cast<std::uint8_t, double>(const std::uint8_t*, double*, std::size_t);

}  // namespace kts
