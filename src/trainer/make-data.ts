/**
 * From `fit` / `evaluate` / `predict` arguments to an epoch source: in-memory arrays (checked for
 * equal sizes, `classWeight` turned into sample weights) or a dataset.
 */
import { ValueError } from "../core/errors.js";
import { Tensor } from "../core/tensor.js";
import type { Model } from "../engine/model.js";
import { ArrayData } from "./data-adapter.js";
import { checkCardinality, flattenData, type FlatData } from "./data-structure.js";
import { isDataset, type Dataset } from "./epoch-iterator.js";

/** Class index → weight, as Keras's `class_weight`. */
export type ClassWeight = Readonly<Record<number, number>>;

/**
 * Per-sample weights from `classWeight` (Keras's `class_weight_to_sample_weights`): the label of a
 * sample is `y` itself for sparse labels, or its argmax for one-hot rows.
 *
 * @example
 * ```ts
 * classWeightToSampleWeights(keras.tensor([0, 1, 1]), { 0: 1, 1: 3 }).arraySync(); // [1, 3, 3]
 * ```
 */
export function classWeightToSampleWeights(y: Tensor, classWeight: ClassWeight): Tensor {
  const n = y.shape[0] ?? 0;
  const rowSize = y.size / Math.max(n, 1);
  const values = y.values;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let label: number;
    if (rowSize === 1) label = Math.round(Number(values[i]));
    else {
      label = 0;
      for (let j = 1; j < rowSize; j++)
        if (values[i * rowSize + j]! > values[i * rowSize + label]!) label = j;
    }
    const w = classWeight[label];
    out[i] = w === undefined ? 1 : w;
  }
  return new Tensor(out, [n], "float32");
}

/** In-memory data, or a dataset. */
export type PreparedData = { kind: "arrays"; data: ArrayData } | { kind: "dataset"; dataset: Dataset };

/**
 * Checks and wraps `x` / `y` / `sampleWeight` for a loop. `method` names the caller in errors.
 *
 * @example
 * ```ts
 * const prepared = prepareData(model, xTrain, yTrain, undefined, undefined, "fit");
 * ```
 */
export function prepareData(
  model: Model,
  x: unknown,
  y: unknown,
  sampleWeight: unknown,
  classWeight: ClassWeight | undefined,
  method: string,
): PreparedData {
  if (isDataset(x)) {
    if (y !== undefined && y !== null)
      throw new ValueError(
        `When passing a dataset (an iterable or a function yielding batches) to \`${method}\`, \`y\` must not ` +
          "be given: the batches hold the targets as `[x, y]` or `[x, y, sampleWeight]`.",
      );
    if (sampleWeight !== undefined || classWeight !== undefined)
      throw new ValueError(
        `\`sampleWeight\` and \`classWeight\` are not supported with a dataset in \`${method}\`: yield ` +
          "`[x, y, sampleWeight]` batches instead.",
      );
    return { kind: "dataset", dataset: x };
  }
  if (x === undefined || x === null)
    throw new ValueError(`\`${method}\` needs data: received x=${String(x)}.`);
  const xs = flattenData(model, x, "x", true);
  const ys = y === undefined || y === null ? null : flattenData(model, y, "y");
  let sws: FlatData | null =
    sampleWeight === undefined || sampleWeight === null
      ? null
      : flattenData(model, sampleWeight, "sampleWeight");
  if (classWeight !== undefined) {
    if (sws)
      throw new ValueError(
        "You cannot use `classWeight` and `sampleWeight` at the same time. Pass one or the other.",
      );
    if (!ys || ys.flat.length !== 1)
      throw new ValueError(
        "`classWeight` is only supported for models with a single output (and needs `y`).",
      );
    sws = { flat: [classWeightToSampleWeights(ys.flat[0]!, classWeight)], kind: "single", keys: [] };
  }
  const n = checkCardinality([
    ["x", xs],
    ["y", ys],
    ["sample_weight", sws],
  ]);
  return { kind: "arrays", data: new ArrayData({ x: xs, y: ys, sampleWeight: sws }, n) };
}
