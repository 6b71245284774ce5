// Checks the kernel library without Node: the products, the fused training kernels and a sample of
// the elementwise, row and ordering kernels against plain loops written here, on 1, 2 and 3
// threads. scripts/check-portable.sh builds it for this machine or cross-compiles it (e.g. for
// aarch64, run under qemu-user), so the portable build is checked where no such CPU is at hand.
// Exits 1 on the first failure, naming the check; prints the count of checks otherwise.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "elementwise.h"
#include "fused.h"
#include "matmul.h"
#include "movement.h"
#include "ordering.h"
#include "rows.h"
#include "thread_pool.h"

namespace {

int checks = 0;

void fail(const std::string& what) {
  std::fprintf(stderr, "FAIL %s (kernels: %s, threads: %d)\n", what.c_str(), kts::kernel_name(), kts::num_threads());
  std::exit(1);
}

void expect(bool ok, const std::string& what) {
  checks++;
  if (!ok) fail(what);
}

// Deterministic values in [-1, 1).
template <class T>
std::vector<T> values(std::size_t n, std::uint32_t seed) {
  std::vector<T> v(n);
  std::uint32_t s = seed * 2654435761u + 1;
  for (auto& x : v) {
    s = s * 1664525u + 1013904223u;
    x = static_cast<T>(static_cast<double>(s >> 8) / (1 << 23) - 1.0);
  }
  return v;
}

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

// op(A)·op(B) in double, element by element.
template <class T>
std::vector<double> reference_product(const std::vector<T>& a, const std::vector<T>& b, int M, int N, int K, bool ta,
                                      bool tb) {
  std::vector<double> c(static_cast<std::size_t>(M) * N);
  for (int i = 0; i < M; i++)
    for (int j = 0; j < N; j++) {
      double s = 0;
      for (int k = 0; k < K; k++)
        s += static_cast<double>(a[ta ? k * M + i : i * K + k]) * static_cast<double>(b[tb ? j * K + k : k * N + j]);
      c[static_cast<std::size_t>(i) * N + j] = s;
    }
  return c;
}

// Every shape/transpose case: within float tolerance of the double product, and the same bits on
// every thread count.
template <class T>
void check_matmul(const char* type) {
  const double tol = sizeof(T) == 4 ? 2e-5 : 1e-13;
  const int shapes[][3] = {{1, 1, 1}, {7, 13, 5}, {32, 784, 300}, {100, 3, 257}, {65, 300, 33}, {784, 32, 300}};
  for (const auto& s : shapes)
    for (int t = 0; t < 4; t++) {
      const int M = s[0], K = s[1], N = s[2];
      const bool ta = t & 1, tb = t & 2;
      const auto a = values<T>(static_cast<std::size_t>(M) * K, M + 3 * t);
      const auto b = values<T>(static_cast<std::size_t>(K) * N, N + 5 * t);
      const auto ref = reference_product(a, b, M, N, K, ta, tb);
      std::vector<T> first;
      for (int threads = 1; threads <= 3; threads++) {
        kts::set_num_threads(threads);
        std::vector<T> c(static_cast<std::size_t>(M) * N, T(7));
        kts::matmul<T>(a.data(), b.data(), c.data(), M, N, K, ta, tb, 1, nullptr, nullptr);
        const std::string name = std::string("matmul ") + type + " " + std::to_string(M) + "x" + std::to_string(K) +
                                 "x" + std::to_string(N) + (ta ? " Aᵀ" : "") + (tb ? " Bᵀ" : "");
        double worst = 0;
        for (std::size_t i = 0; i < c.size(); i++)
          worst = std::max(worst, std::fabs(c[i] - ref[i]) / std::max(1.0, std::fabs(ref[i])));
        expect(worst <= tol * std::sqrt(static_cast<double>(K)), name + ": error " + std::to_string(worst));
        if (threads == 1) first = c;
        else expect(same_bits(c, first), name + ": same bits on " + std::to_string(threads) + " threads as on 1");
      }
    }
}

// dense_forward/backward equal the composition of the product with plain loops, bit for bit, and
// sgd_update its formula.
void check_fused() {
  const int M = 32, K = 200, N = 70;
  const auto x = values<float>(M * K, 1), w = values<float>(K * N, 2), bias = values<float>(N, 3);
  const auto dy = values<float>(M * N, 4);
  for (int threads = 1; threads <= 3; threads++) {
    kts::set_num_threads(threads);
    std::vector<float> y(M * N), z(M * N);
    kts::dense_forward<float>(x.data(), w.data(), bias.data(), y.data(), M, K, N, true);
    kts::matmul<float>(x.data(), w.data(), z.data(), M, N, K, false, false, 1, nullptr, nullptr);
    for (int i = 0; i < M * N; i++) {
      const float v = z[i] + bias[i % N];
      z[i] = v < 0.f ? 0.f : v;
    }
    expect(same_bits(y, z), "dense_forward = matmul + bias + relu");
    std::vector<float> dx(M * K), dw(K * N), db(N), dz(M * N), rdx(M * K), rdw(K * N);
    kts::dense_backward<float>(x.data(), w.data(), y.data(), dy.data(), dx.data(), dw.data(), db.data(), M, K, N, true);
    for (int i = 0; i < M * N; i++) dz[i] = y[i] > 0.f ? dy[i] : 0.f;
    kts::matmul<float>(dz.data(), w.data(), rdx.data(), M, K, N, false, true, 1, nullptr, nullptr);
    kts::matmul<float>(x.data(), dz.data(), rdw.data(), K, N, M, true, false, 1, nullptr, nullptr);
    expect(same_bits(dx, rdx), "dense_backward dx = dz·wᵀ");
    expect(same_bits(dw, rdw), "dense_backward dw = xᵀ·dz");
    bool db_ok = true;
    for (int j = 0; j < N; j++) {
      double s = 0;
      for (int i = 0; i < M; i++) s += dz[i * N + j];
      db_ok = db_ok && db[j] == static_cast<float>(s);
    }
    expect(db_ok, "dense_backward db = Σ rows of dz (double accumulator)");
    const std::size_t n = 100000;
    auto p = values<float>(n, 5);
    const auto g = values<float>(n, 6);
    std::vector<float> want(n);
    for (std::size_t i = 0; i < n; i++) want[i] = p[i] - g[i] * 0.01f;
    kts::sgd_update<float>(p.data(), g.data(), p.data(), nullptr, nullptr, n, 0.01f, 0.f, false);
    expect(same_bits(p, want), "sgd_update w - g·lr");
  }
}

// Elementwise ops compute in double with the C library and round once; sums accumulate in double.
void check_elementwise() {
  const std::size_t n = 50000;
  const auto x = values<float>(n, 7), y = values<float>(n, 8);
  std::vector<float> out(n);
  kts::unary(kts::UnaryOp::kExp, kts::ElemType::kF32, x.data(), kts::ElemType::kF32, out.data(), n, 0);
  bool ok = true;
  for (std::size_t i = 0; i < n; i++) ok = ok && out[i] == static_cast<float>(std::exp(static_cast<double>(x[i])));
  expect(ok, "unary exp = (float) exp((double) x)");
  kts::unary(kts::UnaryOp::kTanh, kts::ElemType::kF32, x.data(), kts::ElemType::kF32, out.data(), n, 0);
  ok = true;
  for (std::size_t i = 0; i < n; i++) ok = ok && out[i] == static_cast<float>(std::tanh(static_cast<double>(x[i])));
  expect(ok, "unary tanh = (float) tanh((double) x)");
  kts::BroadcastPlan plan{};
  plan.rank = 2;
  plan.n[0] = 250;
  plan.n[1] = 200;
  plan.s[0][0] = 200;
  plan.s[0][1] = 1;
  plan.s[1][0] = 0;  // b broadcast along rows
  plan.s[1][1] = 1;
  kts::binary(kts::BinaryOp::kDiv, kts::BinaryMode::kFloat, kts::ElemType::kF32, x.data(), y.data(),
              kts::ElemType::kF32, out.data(), plan);
  ok = true;
  for (std::size_t i = 0; i < n; i++) {
    const float want = x[i] / y[i % 200];  // float division rounds as double division rounded to float
    ok = ok && std::memcmp(&out[i], &want, sizeof want) == 0;
  }
  expect(ok, "binary div with a broadcast row");
  std::vector<float> sums(200);
  kts::reduce<float>(kts::ReduceOp::kSum, x.data(), sums.data(), 1, 250, 200);
  ok = true;
  for (int j = 0; j < 200; j++) {
    double s = 0;
    for (int i = 0; i < 250; i++) s += x[i * 200 + j];
    ok = ok && sums[j] == static_cast<float>(s);
  }
  expect(ok, "reduce sum over rows");
}

// Softmax rows sum to 1 and keep the order of their inputs; cross-entropy is −log of the label's
// probability; sort and gather agree with the standard library.
void check_rows_and_ordering() {
  const std::size_t rows = 300, C = 10;
  const auto x = values<float>(rows * C, 9);
  std::vector<float> p(rows * C), loss(rows);
  kts::softmax_rows<float>(x.data(), p.data(), rows, C, false);
  bool ok = true;
  for (std::size_t r = 0; r < rows; r++) {
    double s = 0;
    for (std::size_t c = 0; c < C; c++) s += p[r * C + c];
    ok = ok && std::fabs(s - 1) < 1e-6;
  }
  expect(ok, "softmax rows sum to 1");
  std::vector<std::int32_t> labels(rows);
  for (std::size_t r = 0; r < rows; r++) labels[r] = static_cast<std::int32_t>((r * 7) % C);
  kts::sparse_ce_rows<float>(labels.data(), p.data(), loss.data(), rows, C, false);
  ok = true;
  for (std::size_t r = 0; r < rows; r++)
    ok = ok && std::fabs(loss[r] + std::log(static_cast<double>(p[r * C + labels[r]]))) < 1e-5;
  expect(ok, "sparse cross-entropy = -log p[label]");
  const std::size_t n = 5000;
  const auto v = values<float>(4 * n, 10);
  std::vector<float> sorted(4 * n);
  std::vector<std::int32_t> idx(4 * n);
  kts::sort_rows<float>(v.data(), sorted.data(), idx.data(), 4, n, false);
  ok = true;
  for (std::size_t r = 0; r < 4; r++) {
    std::vector<float> want(v.begin() + r * n, v.begin() + (r + 1) * n);
    std::stable_sort(want.begin(), want.end());
    for (std::size_t i = 0; i < n; i++) ok = ok && sorted[r * n + i] == want[i] && v[r * n + idx[r * n + i]] == want[i];
  }
  expect(ok, "sort rows ascending, with source indices");
  std::vector<std::int32_t> pick = {3, 0, 3, 299, 17};
  std::vector<float> got(pick.size() * C);
  kts::gather(x.data(), pick.data(), got.data(), sizeof(float), 1, rows, pick.size(), C);
  ok = true;
  for (std::size_t i = 0; i < pick.size(); i++)
    for (std::size_t c = 0; c < C; c++) ok = ok && got[i * C + c] == x[pick[i] * C + c];
  expect(ok, "gather rows");
}

}  // namespace

int main() {
  std::printf("kernels: %s\n", kts::kernel_name());
  check_matmul<float>("float32");
  check_matmul<double>("float64");
  check_fused();
  for (int threads = 1; threads <= 3; threads++) {
    kts::set_num_threads(threads);
    check_elementwise();
    check_rows_and_ordering();
  }
  std::printf("portable check: %d checks passed (kernels: %s)\n", checks, kts::kernel_name());
  return 0;
}
