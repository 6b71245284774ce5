import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const indexUrl = pathToFileURL(fileURLToPath(new URL("../../src/index.ts", import.meta.url))).href;
const script = `
const keras = await import(${JSON.stringify(indexUrl)});
keras.utils.setRandomSeed(1);
console.log(JSON.stringify(Array.from(keras.random.normal([3]).values)));
`;

function runChild(): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], {
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

test("setRandomSeed(1) gives identical normal([3]) in two separate processes", () => {
  const first = runChild();
  const second = runChild();
  console.log(`# process 1: ${first}\n# process 2: ${second}`);
  assert.equal(first, second);
  const values = JSON.parse(first) as number[];
  assert.equal(values.length, 3);
  assert.ok(values.every((v) => Number.isFinite(v)));
});
