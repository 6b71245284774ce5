// Builds the native backend (binding.gyp -> build/Release/keras_ts_native.node) with node-gyp.
// Run by `npm install` / `npm ci`; it never fails the install: without a C++ toolchain keras-ts
// keeps working on the reference "js" backend, and this prints one warning line saying so.
//   node scripts/build-native.mjs          (KERAS_TS_SKIP_NATIVE=1 skips the build)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function warn(reason) {
  console.warn(`keras-ts: native backend not built (${reason}); the reference "js" backend still works.`);
}

/** node-gyp's entry script: npm's bundled copy when npm runs us, else one on PATH. */
function nodeGyp() {
  const candidates = [];
  if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp);
  if (process.env.npm_execpath) {
    candidates.push(
      join(dirname(process.env.npm_execpath), "..", "node_modules", "node-gyp", "bin", "node-gyp.js"),
    );
  }
  candidates.push(
    join(
      dirname(process.execPath),
      "..",
      "lib",
      "node_modules",
      "npm",
      "node_modules",
      "node-gyp",
      "bin",
      "node-gyp.js",
    ),
  );
  const found = candidates.find((p) => existsSync(p));
  return found ? [process.execPath, found] : ["node-gyp"];
}

function main() {
  if (process.env.KERAS_TS_SKIP_NATIVE === "1") return;
  const args = ["rebuild", "--release", "-j", "max"];
  // Use the headers installed beside this node when there are some, instead of downloading them.
  const prefix = resolve(dirname(process.execPath), "..");
  if (!process.env.npm_config_nodedir && existsSync(join(prefix, "include", "node", "node_api.h"))) {
    args.push(`--nodedir=${prefix}`);
  }
  const [cmd, ...pre] = nodeGyp();
  const t0 = Date.now();
  const r = spawnSync(cmd, [...pre, ...args], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
  const log = `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}`;
  try {
    mkdirSync(join(root, "build"), { recursive: true });
    writeFileSync(join(root, "build", "native-build.log"), log);
  } catch {
    // the log is a courtesy
  }
  if (r.status !== 0 || !existsSync(join(root, "build", "Release", "keras_ts_native.node"))) {
    const why = r.error ? `could not run node-gyp: ${r.error.message}` : `node-gyp exited with ${r.status}`;
    warn(`${why}; see build/native-build.log`);
    return;
  }
  console.log(`keras-ts: native backend built in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
}

try {
  main();
} catch (e) {
  warn(e instanceof Error ? e.message : String(e));
}
