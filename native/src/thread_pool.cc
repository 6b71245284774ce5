// Thread pool: active workers spin briefly after a job (back-to-back matmuls in a training step find them
// awake), then sleep on a condition variable. Tasks are claimed from a counter tagged with the job's
// generation, so a worker that wakes late can never claim a task of a newer job.
#include "thread_pool.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>
#if defined(__linux__)
#include <sched.h>
#endif
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define KTS_PAUSE() _mm_pause()
#else
#define KTS_PAUSE() std::this_thread::yield()
#endif

namespace kts {
namespace {

// How long a worker spins after a job before sleeping. A training step's matmuls are separated by
// up to a few hundred µs of JS work; waking a sleeping worker costs 60–90 µs on the VMs measured
// (a 2-thread 32×784×300 product: 135 µs back to back, ~200 µs after a 100–300 µs gap with a 50 µs
// spin, 124–138 µs with this one). Spinning yields, so other runnable threads still get the core.
constexpr auto kSpin = std::chrono::microseconds(1000);

int default_threads() {
  if (const char* env = std::getenv("KERAS_TS_NUM_THREADS")) {
    const int n = std::atoi(env);
    if (n >= 1) return n;
  }
#if defined(__linux__)
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    const int n = CPU_COUNT(&set);
    if (n >= 1) return n;
  }
#endif
  const unsigned n = std::thread::hardware_concurrency();
  return n >= 1 ? static_cast<int>(n) : 1;
}

class Pool {
 public:
  explicit Pool(int n) { resize(n); }

  int size() const { return nthreads_.load(); }

  // Threads are started on demand and never stopped: lowering the count parks the extra workers
  // (they skip jobs), so switching back and forth costs nothing.
  void resize(int n) {
    std::lock_guard<std::mutex> run(run_mutex_);
    std::lock_guard<std::mutex> lock(mutex_);
    const int threads = n < 1 ? 1 : n;
    nthreads_.store(threads);
    const uint32_t g0 = generation_;
    for (int i = static_cast<int>(workers_.size()); i < threads - 1; i++)
      workers_.emplace_back([this, g0, i] { loop(g0, i); });
  }

  void run(int ntasks, const std::function<void(int)>& fn) {
    std::unique_lock<std::mutex> run(run_mutex_, std::try_to_lock);
    if (!run.owns_lock() || nthreads_ == 1 || ntasks == 1) {
      for (int t = 0; t < ntasks; t++) fn(t);
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = &fn;
      ntasks_ = ntasks;
      remaining_.store(ntasks, std::memory_order_relaxed);
      ++generation_;
      counter_.store(static_cast<uint64_t>(generation_) << 32, std::memory_order_release);
      published_.store(generation_, std::memory_order_release);
    }
    wake_.notify_all();
    work(generation_, fn, ntasks);
    // Wait for the tasks other threads claimed.
    const auto until = std::chrono::steady_clock::now() + kSpin;
    for (int i = 0; remaining_.load(std::memory_order_acquire) != 0; i++) {
      KTS_PAUSE();
      if ((i & 63) == 63 && std::chrono::steady_clock::now() > until) {
        std::unique_lock<std::mutex> lock(mutex_);
        done_.wait(lock, [&] { return remaining_.load(std::memory_order_acquire) == 0; });
        break;
      }
    }
  }

 private:
  // Claims and runs tasks of job `gen` until none is left.
  void work(uint32_t gen, const std::function<void(int)>& fn, int ntasks) {
    uint64_t v = counter_.load(std::memory_order_acquire);
    while (true) {
      if (static_cast<uint32_t>(v >> 32) != gen) return;
      const int t = static_cast<int>(v & 0xffffffffu);
      if (t >= ntasks) return;
      if (!counter_.compare_exchange_weak(v, v + 1, std::memory_order_acq_rel)) continue;
      fn(t);
      if (remaining_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
        std::lock_guard<std::mutex> lock(mutex_);
        done_.notify_all();
      }
      v = counter_.load(std::memory_order_acquire);
    }
  }

  // Worker `index` (0-based) takes part in jobs while index < nthreads_ - 1.
  void loop(uint32_t seen, int index) {
    bool active = true;
    while (true) {
      // Spin for a while (if it took part in the last job), then sleep until a new job.
      const auto until = std::chrono::steady_clock::now() + kSpin;
      for (int i = 0; active && published_.load(std::memory_order_acquire) == seen; i++) {
        KTS_PAUSE();
        if ((i & 63) == 63 && std::chrono::steady_clock::now() > until) break;
      }
      const std::function<void(int)>* fn;
      int ntasks;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
        fn = job_;
        ntasks = ntasks_;
        active = index < nthreads_ - 1;
      }
      if (active) work(seen, *fn, ntasks);
    }
  }

  std::mutex run_mutex_;  // one job at a time
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::vector<std::thread> workers_;
  const std::function<void(int)>* job_ = nullptr;
  int ntasks_ = 0;
  uint32_t generation_ = 0;
  std::atomic<uint32_t> published_{0};
  std::atomic<uint64_t> counter_{0};
  std::atomic<int> remaining_{0};
  std::atomic<int> nthreads_{1};
};

// Never destroyed: joining threads from static destructors at process exit can hang.
Pool& pool() {
  static Pool* p = new Pool(default_threads());
  return *p;
}

}  // namespace

int num_threads() { return pool().size(); }
void set_num_threads(int n) { pool().resize(n); }
void parallel_for(int ntasks, const std::function<void(int)>& fn) {
  if (ntasks <= 0) return;
  pool().run(ntasks, fn);
}

}  // namespace kts
