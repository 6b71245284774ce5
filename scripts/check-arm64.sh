#!/usr/bin/env bash
# Runs the test suite on the native backend on ARM64 from this x86-64 machine: cross-builds the
# addon with node-gyp (aarch64-linux-gnu-g++) and runs the tests with it in Debian's arm64 Node
# under qemu-user (tsx transforms with the x86-64 esbuild binary, which the kernel runs natively).
# Slow (emulated) and not part of `npm test`.
#
#   scripts/check-arm64.sh [filter]    filter keeps test files whose path contains it
#                                      (test/native: the kernel tests; none: the whole suite)
#
# Needs root once, for apt: g++-aarch64-linux-gnu and qemu-user, and the arm64 architecture added
# to dpkg to download (not install) Debian's arm64 nodejs and its libraries into $ARM64_ROOT.
# Debian's Node is 18, which lacks process.getBuiltinModule: a 3-line shim provides it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
filter="${1:-}"
sysroot="${ARM64_ROOT:-$HOME/.cache/keras-ts-arm64/root}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! command -v aarch64-linux-gnu-g++ >/dev/null || ! command -v qemu-aarch64 >/dev/null; then
  apt-get update -qq && apt-get install -y -qq g++-aarch64-linux-gnu qemu-user
fi
if [[ ! -x "$sysroot/usr/bin/node" ]]; then
  dpkg --print-foreign-architectures | grep -qx arm64 || { dpkg --add-architecture arm64 && apt-get update -qq; }
  mkdir -p "$sysroot" "$work/debs"
  (
    cd "$work/debs"
    apt-get download nodejs:arm64 libnode108:arm64 libbrotli1:arm64 libc-ares2:arm64 libc6:arm64 \
      libgcc-s1:arm64 libicu72:arm64 libnghttp2-14:arm64 libssl3:arm64 libstdc++6:arm64 libuv1:arm64 \
      zlib1g:arm64 gcc-12-base:arm64 libzstd1:arm64 liblzma5:arm64 \
      node-acorn node-cjs-module-lexer node-undici node-busboy 2>&1 | grep -v "^W: Download is performed unsandboxed" || true
    for deb in *.deb; do dpkg -x "$deb" "$sysroot"; done
  )
fi
echo "ARM64 Node: $(qemu-aarch64 -L "$sysroot" "$sysroot/usr/bin/node" -p 'process.version + " " + process.arch')"

# The addon, cross-built from the same binding.gyp (off x86-64 it builds only the portable kernels).
mkdir -p "$work/addon"
cp "$root/binding.gyp" "$work/addon/"
ln -s "$root/native" "$work/addon/native"
ln -s "$root/node_modules" "$work/addon/node_modules"
gyp="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/node_modules/node-gyp/bin/node-gyp.js"
(
  cd "$work/addon"
  CC=aarch64-linux-gnu-gcc CXX=aarch64-linux-gnu-g++ LINK=aarch64-linux-gnu-g++ AR=aarch64-linux-gnu-ar \
    node "$gyp" rebuild --arch=arm64 --nodedir="$(dirname "$(dirname "$(command -v node)")")" -j 2 >"$work/gyp.log" 2>&1 ||
    { tail -20 "$work/gyp.log"; exit 1; }
)
addon="$work/addon/build/Release/keras_ts_native.node"
file "$addon" | sed 's/, BuildID.*//'

cat >"$work/shim.mjs" <<'EOF'
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
if (!process.getBuiltinModule) process.getBuiltinModule = (id) => require(id);
EOF

# Tests spawn `process.execPath` (the test runner, one file per process; the KERAS_TS_* variable
# tests): the kernel must run ARM64 executables through qemu, so register it with binfmt_misc for
# the run (and remove it after, when this script added it). QEMU_LD_PREFIX points qemu at the
# sysroot in every child.
binfmt=/proc/sys/fs/binfmt_misc
[[ -e "$binfmt/register" ]] || mount -t binfmt_misc binfmt_misc "$binfmt"
if [[ ! -e "$binfmt/qemu-aarch64" ]]; then
  printf '%s' ':qemu-aarch64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-aarch64:' >"$binfmt/register"
  trap 'echo -1 >"$binfmt/qemu-aarch64"; rm -rf "$work"' EXIT
fi

cd "$root"
QEMU_LD_PREFIX="$sysroot" ESBUILD_BINARY_PATH="$root/node_modules/@esbuild/linux-x64/bin/esbuild" \
  KERAS_TS_BACKEND=native KERAS_TS_REQUIRE_NATIVE=1 KERAS_TS_NATIVE_PATH="$addon" \
  NODE_OPTIONS="--import $work/shim.mjs" "$sysroot/usr/bin/node" scripts/run-tests.mjs $filter
