// A persistent pool of worker threads that runs `ntasks` numbered tasks of one job at a time.
// Which thread runs a task never changes what the task computes: callers give each task a fixed
// piece of the output, so results are identical for every thread count.
#pragma once
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

}  // namespace kts
