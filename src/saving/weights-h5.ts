/**
 * Keras 3's `.weights.h5` layout (keras/src/saving/saving_lib.py, `_walk_saveable` + `H5IOStore`):
 * the model's own variables in `vars`, each layer's in `<attribute path>/vars/0`, `1`, ... (trainable
 * first), `vars` carrying the attribute `name=<layer.name>`. Sequential and Functional models list
 * their layers under `layers/`, named `snake_case(ClassName)` plus `_1`, `_2`, ... for repeats of a
 * class (not `layer.name`); subclassed models use their field names, in sorted order.
 */
import { ValueError } from "../core/errors.js";
import { formatShape, shapesEqual } from "../core/shape.js";
import { Tensor } from "../core/tensor.js";
import type { Variable } from "../core/variable.js";
import { Layer } from "../engine/layer.js";
import { ModelClass } from "../engine/model.js";
import { toSnakeCase } from "../engine/naming.js";
import { loadH5, type H5Module } from "./h5.js";

/** One saveable object of the walk: where its variables go, and which variables. */
export interface SaveableEntry {
  /** The group path ("" for the model itself, "layers/dense" for its first Dense layer). */
  readonly path: string;
  readonly layer: Layer;
  /** The layer's own variables, trainable first (as Keras's `save_own_variables`). */
  readonly variables: Variable[];
}

function classNameOf(layer: Layer): string {
  return (layer.constructor as unknown as { className?: string }).className ?? "Layer";
}

function ownVariables(layer: Layer): Variable[] {
  const below = new Set<Variable>();
  for (const sub of layer._trackedLayers()) for (const v of sub.weights) below.add(v);
  const own = layer.weights.filter((v) => !below.has(v));
  return [...own.filter((v) => v.trainable), ...own.filter((v) => !v.trainable)];
}

function join(path: string, name: string): string {
  return path ? `${path}/${name}` : name;
}

/** Children of a layer, as Keras's `_walk_saveable` yields them: `[attribute name, value]`. */
function children(layer: Layer): [string, Layer | Layer[]][] {
  if (layer instanceof ModelClass && layer.isFunctional) return [["layers", layer.layers]];
  const out: [string, Layer | Layer[]][] = [];
  const keys = Object.keys(layer).sort((a, b) => {
    const ua = a.startsWith("_") ? 1 : 0;
    const ub = b.startsWith("_") ? 1 : 0;
    return ua - ub || (a < b ? -1 : a > b ? 1 : 0);
  });
  for (const key of keys) {
    const value = (layer as unknown as Record<string, unknown>)[key];
    if (value instanceof Layer) out.push([key, value]);
    else if (Array.isArray(value) && value.length > 0 && value.every((v) => v instanceof Layer))
      out.push([key, value as Layer[]]);
  }
  return out;
}

/**
 * Lists the saveables of `model` in Keras's walk order, with their `.weights.h5` group paths.
 *
 * @example
 * ```ts
 * collectSaveables(model).map((e) => e.path); // ["", "layers/flatten", "layers/dense", "layers/dense_1"]
 * ```
 */
export function collectSaveables(model: Layer): SaveableEntry[] {
  const out: SaveableEntry[] = [];
  const visited = new Set<Layer>();
  const visit = (layer: Layer, path: string): void => {
    if (visited.has(layer)) return;
    visited.add(layer);
    out.push({ path, layer, variables: ownVariables(layer) });
    for (const [name, value] of children(layer)) {
      if (value instanceof Layer) {
        visit(value, join(path, name));
        continue;
      }
      const counts = new Map<string, number>();
      for (const item of value) {
        const base = toSnakeCase(classNameOf(item));
        const n = counts.get(base) ?? 0;
        counts.set(base, n + 1);
        visit(item, join(join(path, name), n === 0 ? base : `${base}_${n}`));
      }
    }
  };
  visit(model, "");
  return out;
}

type H5File = InstanceType<H5Module["File"]>;
type H5Group = InstanceType<H5Module["Group"]>;

function ensureGroup(file: H5File, path: string, cache: Map<string, H5Group>): H5Group {
  let group: H5Group = file;
  let current = "";
  for (const part of path.split("/")) {
    current = join(current, part);
    const cached = cache.get(current);
    if (cached) {
      group = cached;
      continue;
    }
    group = group.create_group(part);
    cache.set(current, group);
  }
  return group;
}

function requireBuilt(model: Layer, action: string): void {
  if (!model.built) {
    throw new ValueError(
      `Model "${model.name}" has not been built, so it has no weights to ${action}. Build it first ` +
        `(call it on data, call \`model.build(inputShape)\`, or start it with \`keras.Input\`).`,
    );
  }
}

/**
 * Writes `model`'s weights to an HDF5 file at `filePath` (not atomic; see `saveWeights`).
 *
 * @example
 * ```ts
 * await writeWeightsH5(model, "/tmp/model.weights.h5");
 * ```
 */
export async function writeWeightsH5(model: Layer, filePath: string): Promise<void> {
  requireBuilt(model, "save");
  const h5 = await loadH5();
  const file = new h5.File(filePath, "w");
  try {
    const cache = new Map<string, H5Group>();
    for (const entry of collectSaveables(model)) {
      const vars = ensureGroup(file, join(entry.path, "vars"), cache);
      vars.create_attribute("name", entry.layer.name);
      entry.variables.forEach((variable, i) => {
        const value = variable.value;
        vars.create_dataset({ name: String(i), data: value.dataSync(), shape: [...value.shape] });
      });
    }
  } finally {
    file.close();
  }
}

function toFloat32(value: unknown): Float32Array {
  if (value instanceof Float32Array) return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Float32Array.from(value as unknown as ArrayLike<number | bigint>, Number);
  }
  if (typeof value === "number") return new Float32Array([value]);
  throw new ValueError(`Unsupported weight data in the HDF5 file: ${typeof value}.`);
}

/**
 * Reads weights from the HDF5 file at `filePath` into `model`, matching by path.
 * @throws ValueError when a layer's variable count or a variable's shape differs from the file's.
 *
 * @example
 * ```ts
 * await readWeightsH5(model, "/tmp/model.weights.h5");
 * ```
 */
export async function readWeightsH5(model: Layer, filePath: string): Promise<void> {
  requireBuilt(model, "load");
  const h5 = await loadH5();
  const file = new h5.File(filePath, "r");
  try {
    const pending: [Variable, Tensor][] = [];
    for (const entry of collectSaveables(model)) {
      const varsPath = join(entry.path, "vars");
      const group = file.get(varsPath);
      const keys = group instanceof h5.Group ? group.keys() : [];
      const expected = entry.variables.length;
      if (keys.length !== expected) {
        throw new ValueError(
          `Layer "${entry.layer.name}" expected ${expected} variables, but received ${keys.length} ` +
            `variables during loading (group "${varsPath}" of ${filePath}). Expected: ` +
            `[${entry.variables.map((v) => v.name).join(", ")}].`,
          { layer: entry.layer.name, expected, received: keys.length },
        );
      }
      entry.variables.forEach((variable, i) => {
        const dataset = file.get(`${varsPath}/${i}`);
        if (!(dataset instanceof h5.Dataset)) {
          throw new ValueError(
            `Layer "${entry.layer.name}": missing dataset "${varsPath}/${i}" in ${filePath}.`,
          );
        }
        const shape = dataset.shape ?? [];
        if (!shapesEqual(shape, variable.shape)) {
          throw new ValueError(
            `Layer "${entry.layer.name}": the weight "${variable.name}" (dataset "${varsPath}/${i}") has shape ` +
              `${formatShape(variable.shape)} in the model, but ${formatShape(shape)} in the file ${filePath}.`,
            { layer: entry.layer.name, expectedShape: [...variable.shape], receivedShape: shape },
          );
        }
        pending.push([variable, new Tensor(toFloat32(dataset.value), shape, "float32")]);
      });
    }
    // Assign only once every check has passed: a failed load leaves the model unchanged.
    for (const [variable, value] of pending) variable.assign(value);
  } finally {
    file.close();
  }
}
