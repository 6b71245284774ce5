/**
 * The graph of a functional model: discovered by walking tensor histories back from the outputs,
 * ordered by depth (Keras's `map_graph`), and run in topological order by replaying nodes.
 */
import { ValueError } from "../core/errors.js";
import { formatShape, type SymbolicShape } from "../core/shape.js";
import {
  SymbolicTensor,
  type AnyTensor,
  type CallContext,
  type Node,
  type Operation,
} from "../core/symbolic.js";
import { Tensor } from "../core/tensor.js";
import { cast } from "../ops/cast.js";
import { expandDims, squeeze } from "../ops/manipulation.js";
import { GraphDisconnectedError } from "./errors.js";
import { InputLayer } from "./input-layer.js";
import { InputSpec } from "./input-spec.js";
import { Layer } from "./layer.js";
import {
  describeValue,
  flattenStructure,
  isPlainObject,
  isTensor,
  type TensorStructure,
} from "./structure.js";

/** Keras's wording for an operation in messages: `layer "dense"` or `op "add"`. */
function opLabel(op: Operation): string {
  return op instanceof Layer ? `layer "${op.name}"` : `op "${op.name}"`;
}

function checkInput(x: unknown, index: number, model: string): SymbolicTensor {
  if (!(x instanceof SymbolicTensor)) {
    const what = x instanceof Tensor ? `an eager Tensor of shape ${formatShape(x.shape)}` : describeValue(x);
    throw new ValueError(
      `Model "${model}": input ${index} must be a symbolic tensor created by keras.Input(), received ${what}. ` +
        `Create inputs with keras.Input({ shape: [...] }).`,
      { model, index },
    );
  }
  const op = x.history?.node.operation;
  if (!(op instanceof InputLayer)) {
    const origin = op ? `it is the output of ${opLabel(op)}` : "it was not created by keras.Input()";
    throw new ValueError(
      `Model "${model}": input ${index} (${x.toString()}) does not come from keras.Input(): ${origin}. ` +
        `Functional model inputs must be the tensors returned by keras.Input({ shape: [...] }).`,
      { model, index },
    );
  }
  return x;
}

/** Model input/output structure: a single tensor, an array, or a record (keys kept in order). */
export type Structure = { kind: "single" } | { kind: "array" } | { kind: "record"; keys: string[] };

function structureOf(x: unknown): Structure {
  if (isTensor(x)) return { kind: "single" };
  if (isPlainObject(x)) return { kind: "record", keys: Object.keys(x) };
  return { kind: "array" };
}

function flatList(x: unknown, what: string, model: string): unknown[] {
  if (isTensor(x) || !(Array.isArray(x) || isPlainObject(x))) return [x];
  const values = Array.isArray(x) ? x : Object.values(x);
  if (values.length === 0) throw new ValueError(`Model "${model}": ${what} must not be empty.`);
  for (const v of values)
    if (Array.isArray(v) || isPlainObject(v)) {
      throw new ValueError(
        `Model "${model}": nested ${what} are not supported; pass a tensor, an array of tensors or a record of tensors.`,
      );
    }
  return values;
}

/**
 * A functional model's graph. Built from the model's `inputs` and `outputs`; checks that every
 * output is computable from the inputs (`Graph disconnected` otherwise).
 *
 * @example
 * ```ts
 * const a = keras.Input({ shape: [2] });
 * const graph = new FunctionalGraph(a, keras.ops.add(a, 1), "functional");
 * graph.run([keras.tensor([[1, 2]])], {}); // [[[2, 3]]]
 * ```
 */
export class FunctionalGraph {
  readonly inputs: SymbolicTensor[];
  readonly outputs: SymbolicTensor[];
  readonly inputStructure: Structure;
  readonly outputStructure: Structure;
  /** Every node of the graph by depth (deepest, i.e. the inputs, first). */
  readonly nodesByDepth: Node[][];
  /** Operations (layers and raw ops) ordered as Keras orders `model.operations`. */
  readonly operations: Operation[];
  /** Nodes that run, in topological order (InputLayer nodes excluded). */
  private readonly schedule: Node[];

  constructor(
    inputs: unknown,
    outputs: unknown,
    readonly modelName: string,
  ) {
    this.inputStructure = structureOf(inputs);
    this.outputStructure = structureOf(outputs);
    this.inputs = flatList(inputs, "inputs", modelName).map((x, i) => checkInput(x, i, modelName));
    if (new Set(this.inputs).size !== this.inputs.length) {
      throw new ValueError(
        `Model "${modelName}": the list of inputs contains the same input multiple times.`,
      );
    }
    this.outputs = flatList(outputs, "outputs", modelName).map((x, i) => {
      if (x instanceof SymbolicTensor && x.history) return x;
      throw new ValueError(
        `Model "${modelName}": output ${i} must be a symbolic tensor computed from the model's inputs, received ${isTensor(x) ? x.toString() : describeValue(x)}.`,
      );
    });
    const { order, opIndex } = this.discover();
    const { nodeDepth, opDepth } = assignDepths(order);
    this.nodesByDepth = groupByDepth(order, nodeDepth);
    this.operations = groupByDepth([...opDepth.keys()], opDepth).flatMap((ops) =>
      ops.sort((a, b) => opIndex.get(a)! - opIndex.get(b)!),
    );
    this.schedule = this.nodesByDepth.flat().filter((n) => !(n.operation instanceof InputLayer));
    this.checkComputable();
    const names = this.layers.map((l) => l.name);
    for (const name of names) {
      const count = names.filter((n) => n === name).length;
      if (count > 1)
        throw new ValueError(
          `The name "${name}" is used ${count} times in the model. All layer names should be unique.`,
        );
    }
  }

  /** The layers of the graph (InputLayers included), in Keras's order. */
  get layers(): Layer[] {
    return this.operations.filter((op): op is Layer => op instanceof Layer);
  }

  /** Every node of the graph (InputLayer nodes included). */
  get nodes(): Node[] {
    return this.nodesByDepth.flat();
  }

  /** Depth-first walk from the outputs: nodes in post-order, operations in first-visit order. */
  private discover(): { order: Node[]; opIndex: Map<Operation, number> } {
    const order: Node[] = [];
    const finished = new Set<Node>();
    const opIndex = new Map<Operation, number>();
    const visit = (tensor: SymbolicTensor): void => {
      if (!tensor.history) {
        throw new GraphDisconnectedError(
          `Graph disconnected: tensor ${tensor.toString()} was not produced by a layer or op and is not an input of model "${this.modelName}".`,
        );
      }
      const node = tensor.history.node;
      if (finished.has(node)) return;
      if (!opIndex.has(node.operation)) opIndex.set(node.operation, opIndex.size);
      for (const x of node.inputs) visit(x);
      finished.add(node);
      order.push(node);
    };
    for (const x of this.outputs) visit(x);
    // Inputs that no output uses still belong to the model (Keras keeps them).
    for (const x of this.inputs)
      if (!finished.has(x.history!.node)) {
        const node = x.history!.node;
        opIndex.set(node.operation, -1);
        finished.add(node);
        order.push(node);
      }
    return { order, opIndex };
  }

  private checkComputable(): void {
    const computable = new Set<SymbolicTensor>(this.inputs);
    const accessed: string[] = [];
    for (const nodes of this.nodesByDepth) {
      for (const node of nodes) {
        for (const x of node.inputs) {
          if (!computable.has(x)) {
            throw new GraphDisconnectedError(
              `Graph disconnected: cannot find parent for tensor ${x.toString()} at ${opLabel(node.operation)}. ` +
                `The following previous layers were accessed without issue: ${JSON.stringify(accessed)}. ` +
                `Did you forget to pass it in the model's inputs: new keras.Model({ inputs: [...], outputs })?`,
            );
          }
        }
        if (node.operation instanceof InputLayer && !node.outputs.every((x) => computable.has(x))) continue;
        for (const x of node.outputs) computable.add(x);
        accessed.push(node.operation.name);
      }
    }
  }

  /** One InputSpec per input: its shape with any batch size, named after the record key if any. */
  inputSpecs(): InputSpec[] {
    const keys = this.inputStructure.kind === "record" ? this.inputStructure.keys : null;
    return this.inputs.map(
      (x, i) =>
        new InputSpec({
          shape: [null, ...x.shape.slice(1)],
          allowLastAxisSqueeze: true,
          name: keys ? keys[i]! : null,
        }),
    );
  }

  /** Orders call inputs (a tensor, an array, or a record with the model's keys) like `inputs`. */
  flattenCallInputs(structured: unknown): AnyTensor[] {
    const n = this.inputs.length;
    const st = this.inputStructure;
    let flat: unknown[];
    if (st.kind === "record" && isPlainObject(structured)) {
      flat = st.keys.map((k) => {
        if (!(k in structured)) {
          throw new ValueError(
            `Missing data for input "${k}" of model "${this.modelName}". Expected the keys ${JSON.stringify(st.keys)}, received ${JSON.stringify(Object.keys(structured))}.`,
          );
        }
        return structured[k];
      });
    } else flat = isTensor(structured) ? [structured] : flattenStructure(structured, this.modelName).flat;
    if (flat.length !== n) {
      throw new ValueError(
        `Model "${this.modelName}" expects ${n} input(s), but it received ${flat.length} input tensors.`,
      );
    }
    return flat as AnyTensor[];
  }

  /** Matches rank (a trailing axis of 1 may be added or dropped, as Keras) and casts to the input's dtype. */
  private standardize(x: AnyTensor, ref: SymbolicTensor): AnyTensor {
    let y = x;
    const want: SymbolicShape = ref.shape;
    if (y.rank === want.length + 1 && y.shape[y.rank - 1] === 1) y = squeeze(y, -1);
    else if (y.rank === want.length - 1 && want[want.length - 1] === 1) y = expandDims(y, -1);
    if (y.rank !== want.length) {
      throw new ValueError(
        `Invalid input shape for input ${ref.toString()} of model "${this.modelName}". ` +
          `Expected shape ${formatShape(want)}, but input has incompatible shape ${formatShape(x.shape)}.`,
      );
    }
    return y.dtype === ref.dtype ? y : cast(y, ref.dtype);
  }

  /** Runs the graph on flat input values (eager, or symbolic when the model is traced). */
  run(values: readonly AnyTensor[], context: CallContext): AnyTensor[] {
    const known = new Map<SymbolicTensor, AnyTensor>();
    this.inputs.forEach((x, i) => known.set(x, this.standardize(values[i]!, x)));
    for (const node of this.schedule) {
      const args = node.inputs.map((x) => known.get(x)!);
      const outs = node.replay(args as Tensor[], context);
      node.outputs.forEach((x, i) => known.set(x, outs[i]!));
    }
    return this.outputs.map((x) => known.get(x)!);
  }

  /** Packs flat output values into the structure the model was given as `outputs`. */
  packOutputs<T>(values: readonly T[]): TensorStructure<T> {
    return packStructure(this.outputStructure, values);
  }

  /** The symbolic inputs in the structure the model was given as `inputs`. */
  packedInputs(): TensorStructure<SymbolicTensor> {
    return packStructure(this.inputStructure, this.inputs);
  }
}

function packStructure<T>(st: Structure, values: readonly T[]): TensorStructure<T> {
  if (st.kind === "single") return values[0]!;
  if (st.kind === "array") return [...values];
  return Object.fromEntries(st.keys.map((k, i) => [k, values[i]!]));
}

function assignDepths(order: readonly Node[]): {
  nodeDepth: Map<Node, number>;
  opDepth: Map<Operation, number>;
} {
  const nodeDepth = new Map<Node, number>();
  const opDepth = new Map<Operation, number>();
  const inGraph = new Set(order);
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    const depth = Math.max(nodeDepth.get(node) ?? 0, opDepth.get(node.operation) ?? 0);
    opDepth.set(node.operation, depth);
    nodeDepth.set(node, depth);
    for (const x of node.inputs) {
      const parent = x.history?.node;
      if (parent && inGraph.has(parent))
        nodeDepth.set(parent, Math.max(depth + 1, nodeDepth.get(parent) ?? 0));
    }
  }
  return { nodeDepth, opDepth };
}

/** Groups items by depth, deepest first, keeping their order within a depth. */
function groupByDepth<T>(items: readonly T[], depth: ReadonlyMap<T, number>): T[][] {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const d = depth.get(item)!;
    if (!groups.has(d)) groups.set(d, []);
    groups.get(d)!.push(item);
  }
  return [...groups.keys()].sort((a, b) => b - a).map((d) => groups.get(d)!);
}
