/** Shared helpers of the saving tests. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as keras from "../../src/index.js";

/** Runs `fn` with a fresh temporary folder, removed afterwards. */
export async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "keras-ts-saving-"));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A float32 tensor from nested rows. */
export function rows(data: number[][]): keras.Tensor {
  return keras.tensor(data);
}

/** `model.predict(x)` as a flat Float32Array. */
export async function predictFlat(model: keras.Model, x: unknown): Promise<Float32Array> {
  const y = (await model.predict(x, { verbose: 0 })) as keras.Tensor;
  return Float32Array.from(y.dataSync());
}

/** The fixtures folder of these tests. */
export const FIXTURES = join(import.meta.dirname, "fixtures");
