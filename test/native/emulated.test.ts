// Compiles and runs native/test/emulated_kernels.cc: the GEMM driver in the AVX-512 and AVX2 tile
// configurations over an emulated vector type, so those configurations are checked on any CPU (the
// AVX-512 kernels themselves run only where the CPU has AVX-512). Skips without a C++ compiler.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cxx = process.env.CXX ?? "c++";
const hasCompiler = spawnSync(cxx, ["--version"]).status === 0;

test(
  "the GEMM driver is exact and split-invariant in the AVX-512 and AVX2 tile configurations",
  hasCompiler ? {} : { skip: `no C++ compiler (${cxx})` },
  () => {
    const dir = mkdtempSync(join(tmpdir(), "kts-emulated-"));
    try {
      const exe = join(dir, "emulated");
      const build = spawnSync(
        cxx,
        ["-std=c++17", "-O1", "-Inative/src", "native/test/emulated_kernels.cc", "-o", exe],
        { encoding: "utf8" },
      );
      assert.equal(build.status, 0, `compile failed:\n${build.stderr}`);
      const run = spawnSync(exe, { encoding: "utf8" });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /avx512 tiles, float32: ok/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
