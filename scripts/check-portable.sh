#!/usr/bin/env bash
# Builds the native kernel library with native/test/portable_check.cc and runs it, to check the
# kernels on a CPU this machine is not. Not part of `npm test` (it needs a cross compiler).
#
#   scripts/check-portable.sh            this machine, every kernel family it can run
#   scripts/check-portable.sh aarch64    ARM64: cross-compiled with aarch64-linux-gnu-g++ (static),
#                                        run under qemu-aarch64; the N-API binding sources are
#                                        compiled too (not linked: there is no ARM Node here)
#
# Debian packages for aarch64: g++-aarch64-linux-gnu qemu-user.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
arch="${1:-host}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
src="$root/native/src"
# The flags of binding.gyp: no FMA contraction (GCC on ARM contracts by default), C++17.
flags=(-O3 -ffp-contract=off -fno-math-errno -fno-strict-aliasing -std=c++17 -Wall -I"$src")
kernels=(matmul elementwise unary binary reduce fused movement rows ordering cumulative select thread_pool gemm_scalar)

if [[ "$arch" == host ]]; then
  cxx=(g++)
  run=()
  if [[ "$(uname -m)" == x86_64 ]]; then
    flags+=(-DKTS_X86_KERNELS)
    g++ "${flags[@]}" -mavx2 -mfma -c "$src/gemm_avx2.cc" -o "$out/gemm_avx2.o"
    g++ "${flags[@]}" -mavx512f -mavx2 -mfma -c "$src/gemm_avx512.cc" -o "$out/gemm_avx512.o"
  fi
elif [[ "$arch" == aarch64 ]]; then
  cxx=(aarch64-linux-gnu-g++ -static)
  run=(qemu-aarch64)
  command -v aarch64-linux-gnu-g++ >/dev/null || { echo "needs g++-aarch64-linux-gnu"; exit 2; }
  command -v qemu-aarch64 >/dev/null || { echo "needs qemu-user"; exit 2; }
  # The binding compiles for ARM too (Node's headers and node-addon-api's are architecture-neutral).
  node_inc="$(node -p "require('path').join(process.execPath, '../../include/node')")"
  napi_inc="$(node -p "require('node-addon-api').include_dir")"
  for f in "$src"/binding*.cc; do
    aarch64-linux-gnu-g++ "${flags[@]}" -fPIC -I"$node_inc" -I"$napi_inc" -DNAPI_VERSION=8 -DNAPI_CPP_EXCEPTIONS \
      -fsyntax-only "$f"
  done
  echo "binding sources compile for aarch64"
else
  echo "unknown target '$arch' (host or aarch64)"
  exit 2
fi

for k in "${kernels[@]}"; do "${cxx[@]}" "${flags[@]}" -c "$src/$k.cc" -o "$out/$k.o" & done
wait
"${cxx[@]}" "${flags[@]}" "$root/native/test/portable_check.cc" "$out"/*.o -o "$out/portable_check" -pthread
file "$out/portable_check" | sed 's/, BuildID.*//'
"${run[@]}" "$out/portable_check"
if [[ "$arch" == host && "$(uname -m)" == x86_64 ]]; then
  # The same checks on every other kernel family this CPU runs.
  for family in scalar avx2 avx512; do
    result="$(KERAS_TS_NATIVE_KERNELS="$family" "$out/portable_check" | tail -1)"
    if [[ "$result" == *"kernels: $family)"* ]]; then echo "$result"; else echo "$family: this CPU cannot run it, skipped"; fi
  done
fi
