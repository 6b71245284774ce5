// Runs every test/**/*.test.ts file with Node's built-in test runner (TypeScript via tsx), once per
// backend: KERAS_TS_BACKEND=js, then KERAS_TS_BACKEND=native when the native addon loads here (when
// it does not, only js runs and a notice says so). Prints one summary line per backend and exits
// non-zero if any run failed.
// Usage: node scripts/run-tests.mjs [filter]   — filter keeps files whose path contains it.
//   KERAS_TS_BACKEND=js|native node scripts/run-tests.mjs   — one backend only.
//   KERAS_TS_REQUIRE_NATIVE=1 — fail (instead of running js only) when the native addon cannot load.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (name.endsWith(".test.ts")) found.push(path);
  }
  return found;
}

/** Why the native addon cannot load here (asked the way the library asks), or undefined when it loads. */
function nativeFailure() {
  const probe =
    'import("./src/backends/native/addon.ts").then((m) => { const f = m.nativeLoadFailure(); ' +
    "if (f) { process.stdout.write(f); process.exit(3); } })";
  const r = spawnSync(process.execPath, ["--import", "tsx", "-e", probe], { encoding: "utf8" });
  if (r.status === 0) return undefined;
  return (r.stdout || r.stderr || String(r.error ?? `exit ${r.status}`)).trim();
}

/** Runs the files under one backend; returns the counts from the TAP stream's closing lines. */
function runOn(backend, files) {
  const dir = mkdtempSync(join(tmpdir(), "keras-ts-tests-"));
  const tap = join(dir, `${backend}.tap`);
  try {
    console.log(`\n=== keras-ts tests on the "${backend}" backend (${files.length} files) ===\n`);
    const t0 = Date.now();
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--test",
        `--test-reporter=${process.stdout.isTTY ? "spec" : "tap"}`,
        "--test-reporter-destination=stdout",
        "--test-reporter=tap",
        `--test-reporter-destination=${tap}`,
        ...files,
      ],
      { stdio: "inherit", env: { ...process.env, KERAS_TS_BACKEND: backend } },
    );
    let text = "";
    try {
      text = readFileSync(tap, "utf8");
    } catch {
      // no report: the runner itself failed; the status says so
    }
    const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, "m").exec(text)?.[1] ?? NaN);
    const failed = [...text.matchAll(/^not ok \d+ - (.*)$/gm)].map((m) => m[1]);
    return {
      backend,
      status: r.status ?? 1,
      tests: count("tests"),
      pass: count("pass"),
      fail: count("fail"),
      skipped: count("skipped"),
      failed,
      seconds: (Date.now() - t0) / 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function notice(lines) {
  const width = Math.max(...lines.map((l) => l.length));
  const bar = "!".repeat(width + 4);
  console.error([bar, ...lines.map((l) => `! ${l.padEnd(width)} !`), bar].join("\n"));
}

const filter = process.argv[2];
const files = findTests("test").filter((f) => !filter || f.includes(filter));
if (files.length === 0) {
  console.error(`No test files matched ${filter ?? "test/**/*.test.ts"}`);
  process.exit(1);
}

const requested = process.env.KERAS_TS_BACKEND?.trim();
let backends = requested ? [requested] : ["js", "native"];
let skippedNative;
if (!requested) {
  skippedNative = nativeFailure();
  if (skippedNative !== undefined) {
    backends = ["js"];
    const lines = [
      "The native backend is NOT tested: its addon does not load here.",
      `Reason: ${skippedNative.length > 200 ? `${skippedNative.slice(0, 200)}...` : skippedNative}`,
      "Build it with `npm run build:native` (needs a C++17 compiler, make and Python).",
    ];
    notice(lines);
    if (process.env.KERAS_TS_REQUIRE_NATIVE === "1") {
      console.error("KERAS_TS_REQUIRE_NATIVE=1: failing because the native backend cannot be tested.");
      process.exit(1);
    }
  }
}

const results = backends.map((b) => runOn(b, files));
console.log("\n=== keras-ts test summary ===");
for (const r of results) {
  const ok = r.status === 0 ? "ok  " : "FAIL";
  console.log(
    `${ok} ${r.backend.padEnd(7)} tests ${r.tests}  pass ${r.pass}  fail ${r.fail}  skipped ${r.skipped}` +
      `  (${r.seconds.toFixed(0)} s${r.status !== 0 ? `, exit ${r.status}` : ""})`,
  );
  for (const name of r.failed.slice(0, 20)) console.log(`       not ok: ${name}`);
  if (r.failed.length > 20) console.log(`       ... and ${r.failed.length - 20} more`);
}
if (skippedNative !== undefined) {
  notice(["native backend NOT tested (addon does not load); see the notice above"]);
}
process.exit(results.every((r) => r.status === 0) ? 0 : 1);
