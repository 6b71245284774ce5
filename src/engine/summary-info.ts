/**
 * What `model.summary()` prints, computed from the engine's state: per layer its output shape(s),
 * parameter count, built state, and for graph models the inbound connections (`dense[0][0]`).
 */
import type { SymbolicShape } from "../core/shape.js";
import { SymbolicTensor, type Node } from "../core/symbolic.js";
import { withCallContext } from "./call-context.js";
import { Layer, layerClassName, mapShapes } from "./layer.js";
import type { Model } from "./model.js";
import { flattenStructure } from "./structure.js";

/** One row of a model summary. */
export interface LayerSummary {
  layer: Layer;
  name: string;
  /** Registry class name (`Dense`, `InputLayer`, ...). */
  className: string;
  /** Output shape(s) of the layer, or null when unknown (Keras prints `?`). */
  outputShapes: SymbolicShape[] | null;
  /** Number of weight elements (0 while unbuilt). */
  params: number;
  built: boolean;
  trainable: boolean;
  /** Inbound connections as Keras prints them, e.g. `["dense[0][0]", "dense_1[0][0]"]`; empty for subclassed models. */
  connectedTo: string[];
}

/**
 * Keras's name of the tensor: `<layer>[<node index>][<tensor index>]`.
 *
 * @example
 * ```ts
 * tensorLabel(outputs); // "dense_2[0][0]"
 * ```
 */
export function tensorLabel(tensor: SymbolicTensor): string {
  const history = tensor.history;
  if (!history) return "?";
  const op = history.node.operation;
  const nodeIndex = op instanceof Layer ? Math.max(0, op._inboundNodes.indexOf(history.node)) : 0;
  return `${op.name}[${nodeIndex}][${history.index}]`;
}

function tracedOutputShapes(layer: Layer): SymbolicShape[] | null {
  if (!layer.built || layer._buildShape === null) return null;
  try {
    const inputs = mapShapes(layer._buildShape, (s) => new SymbolicTensor(s, layer.dtype));
    const out = withCallContext({ training: undefined, tracing: true }, () =>
      layer.computeOutputSpec(inputs, {}),
    );
    return flattenStructure(out, layer.name, "outputs").flat.map((t) => t.shape);
  } catch {
    return null;
  }
}

/**
 * Summary rows for the layers of a model, in `model.layers` order.
 *
 * @example
 * ```ts
 * for (const row of summarizeLayers(model)) console.log(row.name, row.outputShapes, row.params, row.connectedTo);
 * ```
 */
export function summarizeLayers(model: Model): LayerSummary[] {
  const graphNodes = new Set<Node>(model._graph ? model._graph.nodes : []);
  return model.layers.map((layer) => {
    const nodes = layer._inboundNodes.filter((n) => graphNodes.has(n));
    const first = nodes[0] ?? layer._inboundNodes[0];
    const outputShapes = first ? first.outputs.map((t) => t.shape) : tracedOutputShapes(layer);
    const connectedTo = nodes.flatMap((n) => n.inputs.map(tensorLabel));
    return {
      layer,
      name: layer.name,
      className: layerClassName(layer),
      outputShapes,
      params: layer.built ? layer.countParams() : 0,
      built: layer.built,
      trainable: layer.trainable,
      connectedTo,
    };
  });
}

/** Total, trainable and non-trainable parameter counts of a model (each weight counted once). */
export function paramCounts(model: Layer): { total: number; trainable: number; nonTrainable: number } {
  const size = (vs: { size: number }[]) => vs.reduce((n, v) => n + v.size, 0);
  const trainable = size(model.trainableWeights);
  const nonTrainable = size(model.nonTrainableWeights);
  return { total: trainable + nonTrainable, trainable, nonTrainable };
}
