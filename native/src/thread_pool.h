// A persistent pool of worker threads that runs `ntasks` numbered tasks of one job at a time.
// Which thread runs a task never changes what the task computes: callers give each task a fixed
// piece of the output, so results are identical for every thread count.
#pragma once
#include <cstddef>
#include <functional>

namespace kts {

// Number of threads jobs use (the calling thread included). Starts at KERAS_TS_NUM_THREADS when
// set, otherwise the number of CPUs this process may run on.
int num_threads();
// Changes the thread count (n >= 1); waits for a running job first.
void set_num_threads(int n);
// Runs fn(0) .. fn(ntasks - 1) across the pool and the calling thread, and returns when all are
// done. When another thread is already using the pool, runs them all on the calling thread.
void parallel_for(int ntasks, const std::function<void(int)>& fn);

// Runs body(begin, end) over [0, units) in fixed runs of `per_task` units, across the pool; a
// single run stays on the calling thread. The runs depend on `units` and `per_task` only, so the
// result never depends on the thread count.
template <class F>
void parallel_ranges(std::size_t units, std::size_t per_task, F body) {
  if (units <= per_task) {
    body(std::size_t{0}, units);
    return;
  }
  const int tasks = static_cast<int>((units + per_task - 1) / per_task);
  parallel_for(tasks, [&](int t) {
    const std::size_t b = static_cast<std::size_t>(t) * per_task;
    body(b, b + per_task < units ? b + per_task : units);
  });
}

}  // namespace kts
