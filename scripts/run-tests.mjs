// Runs every test/**/*.test.ts file with Node's built-in test runner (TypeScript via tsx).
// Usage: node scripts/run-tests.mjs [filter]   — filter keeps files whose path contains it.
import { readdirSync, statSync } from "node:fs";
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

const filter = process.argv[2];
const files = findTests("test").filter((f) => !filter || f.includes(filter));
if (files.length === 0) {
  console.error(`No test files matched ${filter ?? "test/**/*.test.ts"}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", ...files], { stdio: "inherit" });
process.exit(result.status ?? 1);
