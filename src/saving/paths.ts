/** File-path helpers shared by the savers: suffix checks and atomic writes (temp file + rename). */
import { ValueError } from "../core/errors.js";

/** Whether `path` ends with `suffix`. */
export function hasSuffix(path: string, suffix: string): boolean {
  return path.endsWith(suffix);
}

/**
 * Throws Keras's ValueError unless `path` ends in `.weights.h5`.
 *
 * @example
 * ```ts
 * checkWeightsPath("model.h5"); // ValueError: The filename must end in `.weights.h5`. ...
 * ```
 */
export function checkWeightsPath(path: string): void {
  if (!hasSuffix(path, ".weights.h5")) {
    throw new ValueError(`The filename must end in \`.weights.h5\`. Received: filepath=${path}`, {
      filepath: path,
    });
  }
}

let counter = 0;

/**
 * Runs `write(tempPath)` on a temporary file next to `path` (same folder, same ending), then
 * renames it over `path`, so that readers never see a half-written file.
 *
 * @example
 * ```ts
 * await writeAtomically("model.keras", async (tmp) => fs.writeFile(tmp, bytes));
 * ```
 */
export async function writeAtomically(
  path: string,
  write: (tempPath: string) => Promise<void>,
): Promise<void> {
  const fs = await import("node:fs/promises");
  const nodePath = await import("node:path");
  const dir = nodePath.dirname(path);
  await fs.mkdir(dir, { recursive: true });
  const unique = `${process.pid.toString(36)}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  const temp = nodePath.join(dir, `.tmp-${unique}-${nodePath.basename(path)}`);
  try {
    await write(temp);
    await fs.rename(temp, path);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** A fresh temporary file path (in the OS temp folder) ending in `suffix`. */
export async function tempFilePath(suffix: string): Promise<string> {
  const os = await import("node:os");
  const nodePath = await import("node:path");
  const unique = `${process.pid.toString(36)}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  return nodePath.join(os.tmpdir(), `keras-ts-${unique}${suffix}`);
}
