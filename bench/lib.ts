/**
 * Helpers shared by the benchmarks: command-line flags, medians and spreads, the machine header,
 * TF.js backends (cpu, and wasm loaded offline from node_modules, threads off) and the seed MLP in
 * TF.js.
 */
import { cpus } from "node:os";
import * as tf from "@tensorflow/tfjs";
import * as keras from "../src/index.js";

export { flag } from "../examples/train-seed.js";
export { useTfjs } from "./tfjs-backends.js";

/** Whether `--name` is on the command line. */
export function hasFlag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/**
 * The rows to run: `--only a,b` keeps those of `all`, `--skip a,b` drops those; unknown names stop
 * the script with the list of known ones.
 */
export function selectRows<T extends string>(all: readonly T[], defaults: readonly T[] = all): T[] {
  const list = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    if (i < 0) return null;
    const names = (process.argv[i + 1] ?? "").split(",").filter((s) => s !== "");
    for (const n of names)
      if (!all.includes(n as T)) {
        console.error(`unknown row "${n}" in --${name}; rows: ${all.join(", ")}`);
        process.exit(2);
      }
    return names as T[];
  };
  const only = list("only");
  const skip = list("skip") ?? [];
  return (only ?? [...defaults]).filter((r) => !skip.includes(r));
}

export const median = (v: readonly number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** `min–max` of `v` with `digits` decimals. */
export const spread = (v: readonly number[], digits = 2): string =>
  `${Math.min(...v).toFixed(digits)}–${Math.max(...v).toFixed(digits)}`;

export function machineLine(): string {
  return `${cpus()[0]?.model?.trim() ?? "?"} (${cpus().length} CPUs), Node ${process.version}, tfjs ${tf.version.tfjs}`;
}

/** Wall seconds of `fn`. */
export async function seconds<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [(performance.now() - t0) / 1000, r];
}

/** The seed MLP in TF.js: glorot-uniform kernels, zero biases, SGD lr 0.01, sparse CE, accuracy. */
export function tfjsSeedModel(seed = 42): tf.Sequential {
  const dense = (units: number, activation: "relu" | "softmax", i: number) =>
    tf.layers.dense({
      units,
      activation,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
      biasInitializer: "zeros",
    });
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [28, 28] }),
      dense(300, "relu", 0),
      dense(100, "relu", 1),
      dense(10, "softmax", 2),
    ],
  });
  model.compile({
    optimizer: tf.train.sgd(0.01),
    loss: "sparseCategoricalCrossentropy",
    metrics: ["accuracy"],
  });
  return model;
}

/** A TF.js copy of a keras-ts float tensor. */
export function toTf(x: keras.Tensor): tf.Tensor {
  return tf.tensor(Float32Array.from(x.dataSync() as ArrayLike<number>), [...x.shape] as number[], "float32");
}

/** The first `n` rows of a TF.js tensor. */
export function tfHead(x: tf.Tensor, n: number): tf.Tensor {
  return tf.slice(x, 0, n);
}
