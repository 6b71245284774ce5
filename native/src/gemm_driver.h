// The blocked GEMM driver and register-tiled micro-kernel, written once over a vector type and
// included by each instruction-set translation unit (gemm_scalar.cc, gemm_avx2.cc,
// gemm_avx512.cc) once per vector type — no include guard on purpose — inside an anonymous
// namespace, so every copy has internal linkage and is compiled with that file's flags only.
//
// Goto/BLIS structure: columns in blocks of NC, depth in blocks of kc (chosen from K alone), rows
// in blocks of MC; A is packed into MR-row panels, B into NR-column panels (NR = NV vectors), both
// zero-padded at the edges, and the micro-kernel keeps an MR x NR tile of C in registers.
// Determinism: each element of C is the sum over depth blocks, in order, of a register
// accumulation that runs k in order with one fused multiply-add per step, whatever rectangle or
// thread computes it.
//
// Before including, define: struct V { using T; static constexpr int W; using R;
//   static R zero(); static R load(const T*); static void store(T*, R); static R bcast(const T*);
//   static R fma(R a, R b, R c); static R add(R a, R b);
//   static constexpr bool kTranspose8; // true if it has: static void transpose8(const T* src,
//   //   ptrdiff_t ld, T* dst, ptrdiff_t ldd): dst[u*ldd + r] = src[r*ld + u] for r, u < 8 }
// and the constants MR, NV, KC_MAX, MC, NC.

constexpr int NR = NV * V::W;
using T = typename V::T;
using R = typename V::R;

inline int imin(int x, int y) { return x < y ? x : y; }

// Depth block: the largest <= KC_MAX that splits K into equal-ish blocks (depends on K only).
inline int depth_block(int K) {
  const int blocks = (K + KC_MAX - 1) / KC_MAX;
  return (K + blocks - 1) / blocks;
}

// C[0:ROWS, 0:NR] (+)= packed A panel (kc x MR, first ROWS rows used) times B panel (k-th row of
// NR at b + k*bks). `first`: store instead of accumulate. cols < NR: write only those columns.
// Instantiated for every ROWS <= MR so that a partial row panel costs only its rows; each element
// sees the same sequence of FMAs whichever instance computes it.
// DA (direct A): `pa` is A itself, row-major with row stride `lda` (row i, depth k at
// pa[i*lda + k]), instead of a packed panel; the same FMAs run in the same order either way.
template <int ROWS, bool DA>
void micro_kernel(int kc, const T* __restrict pa, std::ptrdiff_t lda, const T* __restrict b,
                  std::ptrdiff_t bks, T* __restrict c, std::ptrdiff_t ldc, bool first, int cols) {
  R acc[ROWS][NV];
  // The C tile is read (or written) only after the depth loop: ask for its lines now.
#pragma GCC unroll 32
  for (int i = 0; i < ROWS; i++) {
    __builtin_prefetch(c + i * ldc, 1);
    __builtin_prefetch(c + i * ldc + NR - 1, 1);
  }
#pragma GCC unroll 32
  for (int i = 0; i < ROWS; i++)
#pragma GCC unroll 8
    for (int v = 0; v < NV; v++) acc[i][v] = V::zero();
  const bool direct = bks != NR;  // B read in place: fetch its rows ahead
  for (int k = 0; k < kc; k++) {
    if (direct) __builtin_prefetch(b + 8 * bks);
    R bv[NV];
#pragma GCC unroll 8
    for (int v = 0; v < NV; v++) bv[v] = V::load(b + v * V::W);
#pragma GCC unroll 32
    for (int i = 0; i < ROWS; i++) {
      const R av = V::bcast(DA ? pa + i * lda : pa + i);
#pragma GCC unroll 8
      for (int v = 0; v < NV; v++) acc[i][v] = V::fma(av, bv[v], acc[i][v]);
    }
    pa += DA ? 1 : MR;
    b += bks;
  }
  if (cols == NR) {
#pragma GCC unroll 32
    for (int i = 0; i < ROWS; i++)
#pragma GCC unroll 8
      for (int v = 0; v < NV; v++) {
        T* p = c + i * ldc + v * V::W;
        V::store(p, first ? acc[i][v] : V::add(V::load(p), acc[i][v]));
      }
    return;
  }
  alignas(64) T tile[ROWS * NR];
#pragma GCC unroll 32
  for (int i = 0; i < ROWS; i++)
#pragma GCC unroll 8
    for (int v = 0; v < NV; v++) V::store(tile + i * NR + v * V::W, acc[i][v]);
  for (int i = 0; i < ROWS; i++) {
    T* p = c + i * ldc;
    const T* t = tile + i * NR;
    if (first)
      for (int j = 0; j < cols; j++) p[j] = t[j];
    else
      for (int j = 0; j < cols; j++) p[j] = p[j] + t[j];
  }
}

using KernelFn = void (*)(int, const T*, std::ptrdiff_t, const T*, std::ptrdiff_t, T*, std::ptrdiff_t, bool,
                          int);

template <int... I>
struct KernelTable {
  static constexpr KernelFn fns[sizeof...(I)] = {&micro_kernel<I + 1, false>...};
  static constexpr KernelFn direct[sizeof...(I)] = {&micro_kernel<I + 1, true>...};
};
template <int N, int... I>
struct MakeTable : MakeTable<N - 1, N - 1, I...> {};
template <int... I>
struct MakeTable<0, I...> {
  using type = KernelTable<I...>;
};
// kernels(direct_a)[rows - 1] computes a panel with `rows` valid rows.
inline const KernelFn* kernels(bool direct_a) {
  return direct_a ? MakeTable<MR>::type::direct : MakeTable<MR>::type::fns;
}

// Packs rows [i0, i0+mc) x depth [p0, p0+kc) of A into MR-row panels: dst[panel][k][MR].
inline void pack_a(const Gemm<T>& g, int i0, int mc, int p0, int kc, T* __restrict dst) {
  for (int ir = 0; ir < mc; ir += MR) {
    const int rows = imin(MR, mc - ir);
    const T* src = g.a + (std::ptrdiff_t)(i0 + ir) * g.rsa + (std::ptrdiff_t)p0 * g.csa;
    if (g.rsa == 1 && rows == MR) {
      // Transposed A: each depth step is MR contiguous values.
      for (int k = 0; k < kc; k++) {
        const T* s = src + (std::ptrdiff_t)k * g.csa;
#pragma GCC unroll 32
        for (int i = 0; i < MR; i++) dst[k * MR + i] = s[i];
      }
    } else {
      // Row-major A: read each row contiguously, write it strided into the panel.
      for (int i = 0; i < rows; i++) {
        const T* s = src + (std::ptrdiff_t)i * g.rsa;
        T* d = dst + i;
        if (g.csa == 1)
          for (int k = 0; k < kc; k++) d[k * MR] = s[k];
        else
          for (int k = 0; k < kc; k++) d[k * MR] = s[(std::ptrdiff_t)k * g.csa];
      }
      for (int i = rows; i < MR; i++)
        for (int k = 0; k < kc; k++) dst[k * MR + i] = T(0);
    }
    dst += (std::ptrdiff_t)MR * kc;
  }
}

// Packs depth [p0, p0+kc) x columns [j0, j0+nc) of B into NR-column panels: dst[panel][k][NR].
inline void pack_b(const Gemm<T>& g, int p0, int kc, int j0, int nc, T* __restrict dst) {
  for (int jr = 0; jr < nc; jr += NR) {
    const int cols = imin(NR, nc - jr);
    const T* src = g.b + (std::ptrdiff_t)p0 * g.rsb + (std::ptrdiff_t)(j0 + jr) * g.csb;
    if (g.csb == 1 && cols == NR) {
      for (int k = 0; k < kc; k++) {
        const T* s = src + (std::ptrdiff_t)k * g.rsb;
#pragma GCC unroll 64
        for (int j = 0; j < NR; j++) dst[k * NR + j] = s[j];
      }
    } else if (g.rsb == 1 && cols == NR) {
      // Transposed B: NR rows of contiguous depth. Where the vector type has an 8x8 transpose,
      // 8 lines x 8 depth steps go through registers; otherwise blocks of 8 depth steps keep each
      // source line read sequentially.
      int k = 0;
      if constexpr (V::kTranspose8) {
        for (; k + 8 <= kc; k += 8)
          for (int j = 0; j < NR; j += 8) V::transpose8(src + (std::ptrdiff_t)j * g.csb + k, g.csb, dst + k * NR + j, NR);
      } else {
        for (; k + 8 <= kc; k += 8) {
          for (int j = 0; j < NR; j++) {
            const T* s = src + (std::ptrdiff_t)j * g.csb + k;
#pragma GCC unroll 8
            for (int u = 0; u < 8; u++) dst[(k + u) * NR + j] = s[u];
          }
        }
      }
      for (; k < kc; k++)
        for (int j = 0; j < NR; j++) dst[k * NR + j] = src[(std::ptrdiff_t)j * g.csb + k];
    } else {
      for (int k = 0; k < kc; k++) {
        const T* s = src + (std::ptrdiff_t)k * g.rsb;
        int j = 0;
        for (; j < cols; j++) dst[k * NR + j] = s[(std::ptrdiff_t)j * g.csb];
        for (; j < NR; j++) dst[k * NR + j] = T(0);
      }
    }
    dst += (std::ptrdiff_t)NR * kc;
  }
}

// Rows [m0, m1) x columns [n0, n1) of C = A·B, sequentially.
void gemm_rect(const Gemm<T>& g, int m0, int m1, int n0, int n1) {
  const int K = g.K;
  const int kcb = depth_block(K);
  const int mrows = m1 - m0;
  // With few rows, a row-major B is read in place (its panels are used by only a few micro-tiles,
  // so packing would cost as much as the arithmetic), unless its row stride is a multiple of
  // 512 bytes, which would alias in the L1 cache.
  const bool direct_b =
      g.csb == 1 && mrows <= 2 * MC && ((g.rsb * (std::ptrdiff_t)sizeof(T)) % 512) != 0;
  // A row-major A is likewise read in place (the micro-kernel broadcasts from MR row streams
  // instead of one packed panel) when each of its tiles meets only a few B panels, so that the
  // packing (about a cycle per element) would not pay for itself; not where its rows are a
  // multiple of 1 KiB apart, as the streams would then share L1 sets. Only for tiles of up to
  // 8 rows: with 12 (AVX-512) the row addresses no longer fit in registers (the loop reloads
  // them from the stack), so those keep the packed panel, unmeasured on such a CPU otherwise.
  const bool direct_a = MR <= 8 && g.csa == 1 && (n1 - n0) <= 24 * NR &&
                        ((g.rsa * (std::ptrdiff_t)sizeof(T)) % 1024) != 0;
  const KernelFn* const kern = kernels(direct_a);
  const int mc_max = imin(MC, ((mrows + MR - 1) / MR) * MR);
  const int nc_max = imin(NC, ((n1 - n0 + NR - 1) / NR) * NR);
  T* pa = direct_a ? nullptr : static_cast<T*>(scratch(0, sizeof(T) * (std::size_t)mc_max * kcb));
  T* pb = static_cast<T*>(scratch(1, sizeof(T) * (std::size_t)(direct_b ? NR : nc_max) * kcb));
  for (int jc = n0; jc < n1; jc += NC) {
    const int nc = imin(NC, n1 - jc);
    const int full = direct_b ? (nc / NR) * NR : 0;  // columns read in place
    for (int pc = 0; pc < K; pc += kcb) {
      const int kc = imin(kcb, K - pc);
      if (direct_b) {
        if (full < nc) pack_b(g, pc, kc, jc + full, nc - full, pb);
      } else {
        pack_b(g, pc, kc, jc, nc, pb);
      }
      for (int ic = m0; ic < m1; ic += MC) {
        const int mc = imin(MC, m1 - ic);
        if (!direct_a) pack_a(g, ic, mc, pc, kc, pa);
        for (int jr = 0; jr < nc; jr += NR) {
          const int cols = imin(NR, nc - jr);
          const T* bp;
          std::ptrdiff_t bks;
          if (!direct_b) {
            bp = pb + (std::ptrdiff_t)(jr / NR) * NR * kc;
            bks = NR;
          } else if (jr < full) {
            bp = g.b + (std::ptrdiff_t)pc * g.rsb + (jc + jr);
            bks = g.rsb;
          } else {
            bp = pb;
            bks = NR;
          }
          for (int ir = 0; ir < mc; ir += MR) {
            T* c = g.c + (std::ptrdiff_t)(ic + ir) * g.ldc + (jc + jr);
            const T* ap = direct_a ? g.a + (std::ptrdiff_t)(ic + ir) * g.rsa + pc
                                   : pa + (std::ptrdiff_t)(ir / MR) * MR * kc;
            kern[imin(MR, mc - ir) - 1](kc, ap, g.rsa, bp, bks, c, g.ldc, pc == 0, cols);
          }
        }
      }
    }
  }
}
