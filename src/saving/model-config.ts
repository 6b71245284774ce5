/**
 * A model's `config.json` in Keras 3's form (keras/src/models/{sequential,functional}.py), for
 * Sequential and Functional models of registered layers, and back.
 */
import { ValueError } from "../core/errors.js";
import type { Node, SymbolicTensor } from "../core/symbolic.js";
import { InputLayer } from "../engine/input-layer.js";
import { Layer } from "../engine/layer.js";
import { Model, ModelClass } from "../engine/model.js";
import { getRegistered } from "../engine/registry.js";
import { Sequential } from "../engine/sequential.js";
import { dtypePolicy, fromKerasJson, toKerasJson, type Json, type JsonObject } from "./keras-json.js";

function classNameOf(x: object): string {
  return (x.constructor as unknown as { className?: string }).className ?? "Layer";
}

/** A layer's Keras JSON entry: `{ module, class_name, config, registered_name, build_config? }`. */
function serializeLayer(layer: Layer): JsonObject {
  const { batchInputShape: _dropped, ...camel } = layer.getConfig();
  const config = toKerasJson(camel) as JsonObject;
  const isInput = layer instanceof InputLayer;
  if (!isInput && typeof config.dtype === "string") config.dtype = dtypePolicy(config.dtype);
  const entry: JsonObject = {
    module: "keras.layers",
    class_name: classNameOf(layer),
    config,
    registered_name: null,
  };
  if (!isInput && layer.buildShape !== null && layer.buildShape !== undefined) {
    entry.build_config = { input_shape: toKerasJson(layer.buildShape) };
  }
  return entry;
}

function kerasTensor(t: SymbolicTensor, nodeIndex: (node: Node) => number): JsonObject {
  const history = t.history;
  if (!history) throw new ValueError("A symbolic tensor of the graph has no history.");
  const op = history.node.operation as Layer;
  return {
    class_name: "__keras_tensor__",
    config: {
      shape: [...t.shape],
      dtype: t.dtype,
      keras_history: [op.name, nodeIndex(history.node), history.index],
    },
  };
}

function serializeFunctional(model: ModelClass): JsonObject {
  const graph = model._graph!;
  const graphNodes = new Set(graph.nodes);
  for (const op of graph.operations) {
    if (!(op instanceof Layer)) {
      throw new ValueError(
        `Model "${model.name}" applies a raw operation (${String((op as { name?: string }).name)}) ` +
          `in its graph; only graphs of layers can be saved to .keras so far. Wrap it in a layer.`,
      );
    }
  }
  const nodesOf = (layer: Layer): Node[] => layer._inboundNodes.filter((n) => graphNodes.has(n));
  const nodeIndex = (node: Node): number => nodesOf(node.operation as Layer).indexOf(node);
  const triple = (t: SymbolicTensor): Json => {
    const kt = kerasTensor(t, nodeIndex);
    return (kt.config as JsonObject).keras_history!;
  };
  const layers = model.layers.map((layer) => {
    const entry = serializeLayer(layer);
    entry.name = layer.name;
    entry.inbound_nodes =
      layer instanceof InputLayer
        ? []
        : nodesOf(layer).map((node) => {
            const kts = node.inputs.map((t) => kerasTensor(t, nodeIndex));
            return { args: kts.length === 1 ? [kts[0]!] : [kts], kwargs: {} };
          });
    return entry;
  });
  return {
    module: "keras.src.models.functional",
    class_name: "Functional",
    config: {
      name: model.name,
      trainable: model.trainable,
      layers,
      input_layers: graph.inputs.map(triple),
      output_layers: graph.outputs.map(triple),
    },
    registered_name: "Functional",
    build_config: { input_shape: null },
  };
}

/**
 * `model` as Keras 3's `config.json` object (Sequential or Functional).
 * @throws ValueError for subclassed models and unbuilt graphs with raw ops.
 *
 * @example
 * ```ts
 * JSON.stringify(serializeModel(model)); // {"module": "keras", "class_name": "Sequential", ...}
 * ```
 */
export function serializeModel(model: ModelClass): JsonObject {
  if (model instanceof Sequential) {
    const config: JsonObject = {
      name: model.name,
      trainable: model.trainable,
      dtype: dtypePolicy(model.dtype),
      layers: model._stack.map(serializeLayer),
    };
    const shape = model.buildShape as Json;
    if (shape) config.build_input_shape = toKerasJson(shape);
    const out: JsonObject = { module: "keras", class_name: "Sequential", config, registered_name: null };
    if (shape) out.build_config = { input_shape: toKerasJson(shape) };
    return out;
  }
  if (model.constructor === ModelClass && model.isFunctional) return serializeFunctional(model);
  throw new ValueError(
    `Model "${model.name}" is a subclassed model (class ${classNameOf(model)}); only Sequential and ` +
      `functional models can be saved to .keras so far. Use model.saveWeights("x.weights.h5") instead.`,
  );
}

function deserializeLayer(entry: JsonObject): Layer {
  const className = entry.class_name;
  if (typeof className !== "string")
    throw new ValueError(`A layer entry has no class_name: ${JSON.stringify(entry)}.`);
  const config = (fromKerasJson(entry.config ?? {}) ?? {}) as Record<string, unknown>;
  const cls = getRegistered("layer", className) as { fromConfig(c: Record<string, unknown>): Layer };
  const layer = cls.fromConfig(config);
  const build = entry.build_config as JsonObject | undefined;
  if (!layer.built && build && Array.isArray(build.input_shape)) layer.build(build.input_shape as number[]);
  return layer;
}

type Triple = [string, number, number];

function isTriple(x: unknown): x is Triple {
  return Array.isArray(x) && x.length >= 1 && typeof x[0] === "string";
}

function deserializeFunctional(config: JsonObject): ModelClass {
  const layerEntries = (config.layers ?? []) as JsonObject[];
  const created = new Map<string, Layer>();
  const outputsByNode = new Map<string, SymbolicTensor[][]>();
  const queue: { layer: Layer; node: Json }[] = [];
  for (const entry of layerEntries) {
    const layer = deserializeLayer(entry);
    const name = typeof entry.name === "string" ? entry.name : layer.name;
    created.set(name, layer);
    outputsByNode.set(name, []);
    if (layer instanceof InputLayer) {
      outputsByNode.get(name)!.push([...layer._inboundNodes[0]!.outputs]);
      continue;
    }
    for (const node of (entry.inbound_nodes ?? []) as Json[]) queue.push({ layer, node });
  }
  const lookup = (history: Triple): SymbolicTensor | undefined =>
    outputsByNode.get(history[0])?.[history[1] ?? 0]?.[history[2] ?? 0];
  const resolve = (x: Json): unknown => {
    if (Array.isArray(x)) return x.map(resolve);
    if (x && typeof x === "object" && x.class_name === "__keras_tensor__") {
      const t = lookup((x.config as JsonObject).keras_history as Triple);
      if (!t) throw new Pending();
      return t;
    }
    return fromKerasJson(x);
  };
  let stalled = 0;
  while (queue.length > 0) {
    const item = queue.shift()!;
    let args: unknown[];
    try {
      const node = item.node;
      if (Array.isArray(node)) {
        // Keras 2 form: [[name, nodeIndex, tensorIndex, kwargs], ...].
        const ts = node.map((h) => {
          const t = lookup(h as Triple);
          if (!t) throw new Pending();
          return t;
        });
        args = [ts.length === 1 ? ts[0] : ts];
      } else {
        args = resolve(((node as JsonObject).args ?? []) as Json) as unknown[];
      }
    } catch (error) {
      if (!(error instanceof Pending)) throw error;
      queue.push(item);
      if (++stalled > queue.length)
        throw new ValueError("The functional config refers to layers that do not exist.");
      continue;
    }
    stalled = 0;
    const out = item.layer.apply(args[0] as Parameters<Layer["apply"]>[0]) as
      SymbolicTensor | SymbolicTensor[];
    outputsByNode.get(item.layer.name)!.push(Array.isArray(out) ? out : [out]);
  }
  const pick = (spec: Json): SymbolicTensor | SymbolicTensor[] => {
    if (isTriple(spec)) {
      const t = lookup(spec);
      if (!t) throw new ValueError(`Unknown model input/output ${JSON.stringify(spec)}.`);
      return t;
    }
    return (spec as Json[]).map((s) => pick(s) as SymbolicTensor);
  };
  const unwrap = (x: SymbolicTensor | SymbolicTensor[]): SymbolicTensor | SymbolicTensor[] =>
    Array.isArray(x) && x.length === 1 ? x[0]! : x;
  return new Model({
    inputs: unwrap(pick(config.input_layers ?? [])),
    outputs: unwrap(pick(config.output_layers ?? [])),
    name: typeof config.name === "string" ? config.name : undefined,
    trainable: config.trainable !== false,
  });
}

class Pending extends Error {}

/**
 * Rebuilds a model from Keras 3's `config.json` object (Sequential or Functional).
 *
 * @example
 * ```ts
 * const model = deserializeModel(JSON.parse(configJson));
 * ```
 */
export function deserializeModel(json: JsonObject): ModelClass {
  const className = json.class_name;
  const config = (json.config ?? {}) as JsonObject;
  if (className === "Sequential") {
    const layers = ((config.layers ?? []) as JsonObject[]).map(deserializeLayer);
    const model = new Sequential(layers, {
      name: typeof config.name === "string" ? config.name : undefined,
      trainable: config.trainable !== false,
    });
    const shape = config.build_input_shape ?? (json.build_config as JsonObject | undefined)?.input_shape;
    if (!model.built && Array.isArray(shape)) model.build(shape as (number | null)[]);
    return model;
  }
  if (className === "Functional" || className === "Model") return deserializeFunctional(config);
  throw new ValueError(
    `Cannot load a model of class "${String(className)}": keras-ts loads Sequential and Functional models.`,
  );
}
