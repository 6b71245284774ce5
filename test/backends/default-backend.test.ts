// How the default backend is chosen, tested in fresh Node processes (the choice is made once per
// process, on the first op): native when the addon loads, else js with one warning; KERAS_TS_BACKEND
// chooses explicitly and fails loudly instead of falling back.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { nativeAvailable } from "../../src/backends/native/index.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const entry = pathToFileURL(join(root, "src/index.ts")).href;
const WARNING = "keras-ts: the native backend is unavailable";

/** Runs many ops in a child process; reports the backend it ended on, or the error of the first op. */
const SCRIPT = `
const keras = await import(${JSON.stringify(entry)});
const out = {};
try {
  let t = keras.tensor([1, 2, 3]);
  for (let i = 0; i < 50; i++) t = keras.ops.add(keras.ops.multiply(keras.ops.exp(keras.ops.log(t)), 1), 0);
  keras.ops.matmul(keras.ops.ones([4, 3]), keras.ops.ones([3, 2])).dataSync();
  out.values = Array.from(keras.ops.round(t).dataSync());
  out.backend = keras.backend.getBackend();
  out.backends = keras.backend.listBackends();
  try {
    keras.backend.setBackend("native");
    out.explicitNative = "loaded";
  } catch (e) {
    out.explicitNative = e.name + ": " + e.message;
  }
  keras.backend.setBackend(out.backend);
  keras.backend.getBackend();
} catch (e) {
  out.error = { name: e.name, isBackendError: e instanceof keras.BackendError, message: e.message };
}
console.log(JSON.stringify(out));
`;

interface ChildResult {
  out: {
    backend?: string;
    backends?: string[];
    values?: number[];
    explicitNative?: string;
    error?: { name: string; isBackendError: boolean; message: string };
  };
  stderr: string;
}

/** Runs SCRIPT in `node --import tsx` with the given environment changes (undefined: unset). */
function child(env: Record<string, string | undefined>): Promise<ChildResult> {
  const childEnv: Record<string, string | undefined> = { ...process.env };
  delete childEnv.KERAS_TS_BACKEND;
  delete childEnv.NODE_TEST_CONTEXT; // the child is a plain script, not a test file
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  }
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", SCRIPT],
      { cwd: root, env: childEnv, encoding: "utf8", timeout: 60_000 },
      (err, stdout, stderr) => {
        const line = stdout.trim().split("\n").pop() ?? "";
        try {
          resolve({ out: JSON.parse(line), stderr });
        } catch {
          reject(new Error(`child failed (${err?.message ?? "no JSON"}):\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

const warnings = (stderr: string) => stderr.split(WARNING).length - 1;

describe("default backend selection (child processes)", { concurrency: true }, () => {
  // An existing file that is not a loadable addon: KERAS_TS_NATIVE_PATH is searched first, so this
  // breaks loading even where build/Release holds a good addon (a nonexistent path would not: the
  // search goes on to build/Release).
  const dir = mkdtempSync(join(tmpdir(), "keras-ts-backend-"));
  const broken = join(dir, "keras_ts_native.node");
  writeFileSync(broken, "not a shared object\n");
  after(() => rmSync(dir, { recursive: true, force: true }));
  const expected = [1, 2, 3]; // the ops are value-preserving (rounded: exp(log(x)) need not be exact)

  test(
    "with no choice, the default is native where the addon loads, with no warning",
    {
      skip: nativeAvailable() ? undefined : "the native addon does not load here",
    },
    async () => {
      const { out, stderr } = await child({});
      assert.equal(out.error, undefined, out.error?.message);
      assert.equal(out.backend, "native");
      assert.deepEqual(out.values, expected);
      assert.equal(warnings(stderr), 0, stderr);
    },
  );

  test("KERAS_TS_BACKEND=js gives js and no warning, even when the addon is broken", async () => {
    for (const path of [undefined, broken]) {
      const { out, stderr } = await child({ KERAS_TS_BACKEND: "js", KERAS_TS_NATIVE_PATH: path });
      assert.equal(out.error, undefined, out.error?.message);
      assert.equal(out.backend, "js");
      assert.deepEqual(out.values, expected);
      assert.equal(warnings(stderr), 0, stderr);
    }
  });

  test("an addon that cannot load: falls back to js with exactly one warning saying why", async () => {
    const { out, stderr } = await child({ KERAS_TS_NATIVE_PATH: broken });
    assert.equal(out.error, undefined, out.error?.message);
    assert.equal(out.backend, "js");
    assert.deepEqual(out.values, expected);
    assert.equal(warnings(stderr), 1, stderr);
    const line = stderr.split("\n").find((l) => l.includes(WARNING))!;
    assert.ok(line.includes(broken), `the warning names the failing file: ${line}`);
    assert.match(line, /using the reference backend "js"\. Run `npm run build:native` to build it\./);
    // Asking for native explicitly afterwards is an error with the reason, not another warning.
    assert.match(out.explicitNative ?? "", /^BackendError: The native backend is not available: /);
    assert.ok(out.explicitNative!.includes(broken), out.explicitNative);
  });

  test("KERAS_TS_BACKEND=native with an addon that cannot load is a BackendError with the reason", async () => {
    const { out, stderr } = await child({ KERAS_TS_BACKEND: "native", KERAS_TS_NATIVE_PATH: broken });
    assert.ok(out.error, `expected an error, got backend ${out.backend}`);
    assert.equal(out.error.isBackendError, true);
    assert.equal(out.error.name, "BackendError");
    assert.match(out.error.message, /^KERAS_TS_BACKEND="native": The native backend is not available: /);
    assert.ok(out.error.message.includes(broken), out.error.message);
    assert.equal(warnings(stderr), 0, "no silent fallback: " + stderr);
  });

  test("KERAS_TS_BACKEND=<unknown> is a BackendError listing the available backends", async () => {
    const { out, stderr } = await child({ KERAS_TS_BACKEND: "bogus" });
    assert.ok(out.error, `expected an error, got backend ${out.backend}`);
    assert.equal(out.error.isBackendError, true);
    assert.equal(
      out.error.message,
      'KERAS_TS_BACKEND="bogus": Unknown backend "bogus". Available backends: "js", "native".',
    );
    assert.equal(warnings(stderr), 0, stderr);
  });
});
