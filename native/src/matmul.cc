// CPU-feature dispatch, scratch buffers and the threaded batched matmul. Compiled without ISA
// flags: it only calls the ISA kernels after checking that the CPU (and OS) support them.
#include "matmul.h"

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#if defined(__linux__)
#include <sys/mman.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "gemm.h"
#include "thread_pool.h"

namespace kts {

void* scratch(int slot, std::size_t bytes) {
  struct Buf {
    void* p = nullptr;
    std::size_t n = 0;
    ~Buf() { std::free(p); }
  };
  thread_local Buf bufs[4];
  Buf& b = bufs[slot];
  if (b.n < bytes) {
    std::free(b.p);
    const std::size_t n = (bytes + 63) / 64 * 64 + 64;
    void* p = nullptr;
    if (posix_memalign(&p, 64, n) != 0) throw std::bad_alloc();
    b.p = p;
    b.n = n - 64;
  }
  return b.p;
}

CpuFeatures cpu_features() {
  CpuFeatures f;
#if defined(KTS_X86_KERNELS) && (defined(__GNUC__) || defined(__clang__))
  __builtin_cpu_init();
  f.avx2 = __builtin_cpu_supports("avx2");
  f.fma = __builtin_cpu_supports("fma");
  f.avx512f = __builtin_cpu_supports("avx512f");
#endif
  return f;
}

namespace {

const KernelSet* pick(const std::string& name) {
#if defined(KTS_X86_KERNELS)
  const CpuFeatures f = cpu_features();
  const bool avx2 = f.avx2 && f.fma;
  const bool avx512 = avx2 && f.avx512f;
  if (name == "avx512") return avx512 ? &avx512_kernels() : nullptr;
  if (name == "avx2") return avx2 ? &avx2_kernels() : nullptr;
  if (name == "auto") return avx512 ? &avx512_kernels() : avx2 ? &avx2_kernels() : &scalar_kernels();
#else
  if (name == "auto") return &scalar_kernels();
#endif
  if (name == "scalar") return &scalar_kernels();
  return nullptr;
}

std::atomic<const KernelSet*>& active() {
  static std::atomic<const KernelSet*> k{[] {
    const char* env = std::getenv("KERAS_TS_NATIVE_KERNELS");
    const KernelSet* chosen = env ? pick(env) : nullptr;
    return chosen ? chosen : pick("auto");
  }()};
  return k;
}

// Below this many multiply-adds a product runs on one thread: waking the others costs more.
constexpr double kMinParallelWork = 48.0 * 48 * 48;
// A product is split into two tasks per thread when each gets at least this many multiply-adds.
constexpr double kMinTaskWork = 1 << 20;
// Cost of reading one operand element, in multiply-adds, when choosing how to split a product.
constexpr double kOperandCost = 4.0;

template <class T>
struct Fn;
template <>
struct Fn<float> {
  static SgemmFn get(const KernelSet& k) { return k.sgemm; }
  static int mr(const KernelSet& k) { return k.smr; }
  static int nr(const KernelSet& k) { return k.snr; }
};
template <>
struct Fn<double> {
  static DgemmFn get(const KernelSet& k) { return k.dgemm; }
  static int mr(const KernelSet& k) { return k.dmr; }
  static int nr(const KernelSet& k) { return k.dnr; }
};

// A large output is usually freshly allocated (a new Float32Array backed by new pages), and the
// first write to each 4 KiB page then costs a page fault (about 2 µs each in a VM: 2 ms for a
// 1024 x 1024 float32 output). Asking for transparent huge pages on the 2 MiB-aligned part of
// it turns 512 of those faults into one. Only a hint, for whole pages that this product is about
// to overwrite anyway; where the pages are already there it only marks the range.
inline void advise_huge_pages(void* p, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t(2) << 20;
  if (bytes < 2 * kHuge) return;
  const std::uintptr_t lo = (reinterpret_cast<std::uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t hi = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(kHuge - 1);
  if (hi > lo) madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

// glibc hands blocks above 128 KiB back to the OS on free (munmap, or trimming the heap top), so
// every fresh output of that size -- keras.ops.matmul allocates one per call, and V8 frees the
// dead ones in batches -- comes back as new pages, each faulting on first write (~2 µs apiece
// here: 0.45 ms for a 784 x 300 float32 output, twice the product itself). Once per process,
// before the first product, keep such blocks in the heap instead: reused, they cost a memset.
// The heap still shrinks past 256 MiB of free top; KERAS_TS_NATIVE_MALLOC=default, or any
// malloc setting of the user's own (GLIBC_TUNABLES, MALLOC_*_), leaves glibc as it is.
inline void keep_freed_blocks() {
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
  const char* opt = std::getenv("KERAS_TS_NATIVE_MALLOC");
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if ((opt && std::strcmp(opt, "default") == 0) || (tunables && std::strstr(tunables, "malloc")) ||
      std::getenv("MALLOC_MMAP_THRESHOLD_") || std::getenv("MALLOC_TRIM_THRESHOLD_"))
    return;
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

// Splits `tiles` tiles into `parts` contiguous runs; returns the first tile of run `p`.
inline int split(int tiles, int parts, int p) {
  return static_cast<int>((static_cast<long long>(tiles) * p) / parts);
}

}  // namespace

const char* kernel_name() { return active().load()->name; }

bool set_kernels(const std::string& name) {
  const KernelSet* k = pick(name);
  if (!k) return false;
  active().store(k);
  return true;
}

template <class T>
void matmul(const T* a, const T* b, T* out, int M, int N, int K, bool trans_a, bool trans_b,
            std::size_t batches, const double* a_off, const double* b_off) {
  const std::size_t mn = static_cast<std::size_t>(M) * N;
  if (mn == 0 || batches == 0) return;
  if (K == 0) {
    std::memset(out, 0, sizeof(T) * mn * batches);
    return;
  }
  static const bool malloc_tuned = (keep_freed_blocks(), true);
  (void)malloc_tuned;
  advise_huge_pages(out, sizeof(T) * mn * batches);
  const KernelSet& ks = *active().load();
  const auto gemm = Fn<T>::get(ks);
  const int mr = Fn<T>::mr(ks), nr = Fn<T>::nr(ks);
  auto problem = [&](std::size_t t) {
    Gemm<T> g;
    g.a = a + (a_off ? static_cast<std::size_t>(a_off[t]) : t * M * static_cast<std::size_t>(K));
    g.b = b + (b_off ? static_cast<std::size_t>(b_off[t]) : t * N * static_cast<std::size_t>(K));
    g.rsa = trans_a ? 1 : K;
    g.csa = trans_a ? M : 1;
    g.rsb = trans_b ? 1 : N;
    g.csb = trans_b ? K : 1;
    g.c = out + t * mn;
    g.ldc = N;
    g.M = M;
    g.N = N;
    g.K = K;
    return g;
  };
  const int threads = num_threads();
  const double work = static_cast<double>(mn) * K;
  if (threads == 1 || work * static_cast<double>(batches) < kMinParallelWork) {
    for (std::size_t t = 0; t < batches; t++) gemm(problem(t), 0, M, 0, N);
    return;
  }
  // Many small products: whole products per task.
  if (batches >= static_cast<std::size_t>(threads) && (work < kMinParallelWork * 8 || batches >= 4u * threads)) {
    const int tasks = threads;
    parallel_for(tasks, [&](int p) {
      const std::size_t t0 = batches * p / tasks, t1 = batches * (p + 1) / tasks;
      for (std::size_t t = t0; t < t1; t++) gemm(problem(t), 0, M, 0, N);
    });
    return;
  }
  // Otherwise each product is split into a grid of tm x tn rectangles of whole micro-tiles,
  // choosing the grid that minimises the largest rectangle plus the operand traffic of each
  // (every rectangle reads its rows of A and its columns of B, packed or in place; reading them
  // costs more than the same count of multiply-adds, and a rectangle with part of a weight
  // matrix's columns reads less of it from L3).
  // A large product gets two rectangles per thread, claimed as threads come free: when one
  // thread runs slower (its core shared with another process), the others take over its second
  // rectangle instead of waiting for it.
  const int mt = (M + mr - 1) / mr, nt = (N + nr - 1) / nr;
  const int parts = work >= kMinTaskWork * 2 * threads ? 2 * threads : threads;
  int best_m = 1, best_n = 1;
  double best = -1;
  for (int tm = 1; tm <= parts && tm <= mt; tm++) {
    const int tn = parts / tm < nt ? parts / tm : nt;
    if (tn < 1) continue;
    const int rounds = (tm * tn + threads - 1) / threads;  // rectangles per thread
    const double rect = static_cast<double>((mt + tm - 1) / tm) * mr * ((nt + tn - 1) / tn) * nr * K;
    const double traffic = kOperandCost * (static_cast<double>(M) * K / tm + static_cast<double>(K) * N / tn);
    const double score = rounds * (rect + traffic);
    if (best < 0 || score < best) {
      best = score;
      best_m = tm;
      best_n = tn;
    }
  }
  const int tm = best_m, tn = best_n;
  for (std::size_t t = 0; t < batches; t++) {
    const Gemm<T> g = problem(t);
    if (tm * tn == 1) {
      gemm(g, 0, M, 0, N);
      continue;
    }
    parallel_for(tm * tn, [&](int p) {
      const int pm = p / tn, pn = p % tn;
      const int m0 = split(mt, tm, pm) * mr, m1 = split(mt, tm, pm + 1) * mr;
      const int n0 = split(nt, tn, pn) * nr, n1 = split(nt, tn, pn + 1) * nr;
      gemm(g, m0, m1 < M ? m1 : M, n0, n1 < N ? n1 : N);
    });
  }
}

template void matmul<float>(const float*, const float*, float*, int, int, int, bool, bool,
                            std::size_t, const double*, const double*);
template void matmul<double>(const double*, const double*, double*, int, int, int, bool, bool,
                             std::size_t, const double*, const double*);

}  // namespace kts
