/**
 * `printSummary(model)`: reads a model (Sequential, functional or subclassed) through its public
 * properties, builds the {@link SummaryTable} the way Keras's `summary_utils.print_summary` does,
 * and prints it. Only types come from the engine, so `Model` can import this module freely.
 */
import { ValueError } from "../core/errors.js";
import type { SymbolicShape } from "../core/shape.js";
import { SymbolicTensor, type Node, type Operation } from "../core/symbolic.js";
import { withCallContext } from "../engine/call-context.js";
import type { Layer } from "../engine/layer.js";
import { formatOutputShapes, type ShapeStructure } from "./format.js";
import { hostProcess, renderSummary, type ParamStats, type SummaryRow, type SummaryTable } from "./render.js";

/** A variable as the footer needs it. */
interface WeightLike {
  readonly shape: readonly number[];
  readonly dtype: string;
}

/** What `printSummary` reads from a model; `keras.Model` and its subclasses have all of it. */
export type SummarizableModel = Layer & {
  readonly layers: readonly Layer[];
  readonly operations?: readonly Operation[];
  readonly isFunctional?: boolean;
  /** The nodes of a functional graph by depth (null without a graph); they decide whether the model is a chain. */
  readonly nodesByDepth?: readonly (readonly Node[])[] | null;
  readonly compiled?: boolean;
  readonly optimizer?: { readonly built?: boolean; readonly variables?: readonly WeightLike[] } | null;
};

/** Options of `model.summary()`, named as in Keras. */
export interface SummaryOptions {
  /** Total width of the table (default: 88 or 108, at most the terminal width minus 4). */
  lineLength?: number;
  /** Relative right edges of the columns, e.g. `[0.45, 0.8, 1.0]`. */
  positions?: readonly number[];
  /** Receives the whole summary as one string (no trailing newline); default: `console.log`. */
  printFn?: (text: string) => void;
  /** Lists the layers of nested models under them, prefixed with `└`. */
  expandNested?: boolean;
  /** Adds a "Trainable" column (`Y`, `N`, `-`). */
  showTrainable?: boolean;
  /** `[first, last]` layer names (regular expressions matched at the start): prints only that range. */
  layerRange?: readonly [string, string];
  /** ANSI colors; default: when printing to a terminal without `printFn` and `NO_COLOR` is unset. */
  colors?: boolean;
  /** Terminal width for the default line length; default: `COLUMNS`, the TTY width, or 80. */
  terminalColumns?: number;
}

/** Bits per element of a dtype, as Keras's `dtype_size`. */
export function dtypeBits(dtype: string): number {
  if (dtype === "bool") return 1;
  const m = /^(?:b?float|u?int)(8|16|32|64)$/.exec(dtype);
  if (!m) throw new ValueError(`Invalid dtype: ${dtype}`);
  return Number(m[1]);
}

/** Parameter count and bytes of a list of weights, each weight counted once (Keras's `weight_memory_size`). */
export function weightStats(weights: readonly WeightLike[]): ParamStats {
  let count = 0;
  let bits = 0;
  for (const w of new Set(weights)) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    count += n;
    bits += n * dtypeBits(w.dtype);
  }
  return { count, bytes: bits / 8 };
}

function isLayer(op: Operation): op is Layer {
  return typeof (op as Partial<Layer>).countParams === "function";
}

/** The class name Keras prints: the registry `className` (else the JS class name); `Functional` for graph `Model`s. */
function classNameOf(op: Operation): string {
  const ctor = (op as object).constructor as { name?: string; className?: string } | undefined;
  if (!isLayer(op)) {
    return op.name.replace(/(?:^|_+)([a-z])/g, (_, c: string) => c.toUpperCase()) || "Operation";
  }
  let name = ctor?.name || "Layer";
  if (ctor && Object.prototype.hasOwnProperty.call(ctor, "className")) name = ctor.className!;
  if (name === "Model" && (op as { isFunctional?: boolean }).isFunctional) return "Functional";
  return name;
}

/** Whether the object's class, or a parent class, is registered under `className`. */
function isInstanceOfClassNamed(obj: object, className: string): boolean {
  for (
    let proto = Object.getPrototypeOf(obj) as object | null;
    proto;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    const ctor = (proto as { constructor?: { className?: string } }).constructor;
    if (ctor && Object.prototype.hasOwnProperty.call(ctor, "className") && ctor.className === className)
      return true;
  }
  return false;
}

/** Keras's rule: Sequential and subclassed models are sequential-like; functional ones when a chain without sharing. */
function isSequentialLike(model: SummarizableModel): boolean {
  const nodesByDepth = model.nodesByDepth;
  if (isInstanceOfClassNamed(model, "Sequential") || !nodesByDepth) return true;
  const nodes = new Set<Node>();
  for (const group of nodesByDepth) {
    if (group.length > 1 || (group.length === 1 && group[0]!.inputs.length > 1)) return false;
    for (const n of group) nodes.add(n);
  }
  for (const layer of model.layers) {
    if (layer.inboundNodes.filter((n) => nodes.has(n)).length > 1) return false;
  }
  return true;
}

function toSymbolic(shapes: unknown, dtype: Layer["dtype"]): unknown {
  if (Array.isArray(shapes) && shapes.every((d) => d === null || typeof d === "number")) {
    return new SymbolicTensor(shapes as SymbolicShape, dtype);
  }
  if (Array.isArray(shapes)) return shapes.map((s) => toSymbolic(s, dtype));
  if (shapes !== null && typeof shapes === "object") {
    return Object.fromEntries(Object.entries(shapes).map(([k, v]) => [k, toSymbolic(v, dtype)]));
  }
  throw new ValueError(`Cannot trace a layer built with ${JSON.stringify(shapes)}.`);
}

function specShapes(spec: unknown): ShapeStructure {
  if (spec instanceof SymbolicTensor) return spec.shape;
  if (Array.isArray(spec)) return spec.map(specShapes);
  if (spec !== null && typeof spec === "object") {
    return Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, specShapes(v)]));
  }
  throw new ValueError("not a symbolic output");
}

/** Keras's `format_layer_shape`: the last inbound node's outputs, else traced from the build shape, else `?`. */
function outputShapeCell(op: Operation, nodes: readonly Node[]): string {
  const last = nodes[nodes.length - 1];
  if (last) return formatOutputShapes(last.outputs.map((t) => t.shape));
  if (!isLayer(op) || !op.built || op.buildShape === null || op.buildShape === undefined) return "?";
  try {
    const inputs = toSymbolic(op.buildShape, op.dtype);
    const spec = withCallContext({ training: undefined, tracing: true }, () =>
      op.computeOutputSpec(inputs, {}),
    );
    return formatOutputShapes(specShapes(spec));
  } catch {
    return "?";
  }
}

/**
 * The summary of a model as plain data: one row per layer (per operation for functional models,
 * nested rows with `expandNested`), and the parameter totals.
 *
 * @example
 * ```ts
 * const table = summaryTable(model);
 * table.rows.map((r) => r.name); // ["flatten", "dense", "dense_1", "dense_2"]
 * ```
 */
export function summaryTable(
  model: SummarizableModel,
  options: Pick<SummaryOptions, "expandNested" | "showTrainable" | "layerRange"> = {},
): SummaryTable {
  const sequentialLike = isSequentialLike(model);
  const nodesByDepth = model.nodesByDepth ?? null;
  const graphNodes = nodesByDepth ? nodesByDepth.flat() : [];
  const relevant = new Set<Node>(graphNodes);
  const opNodes = new Map<Operation, Node[]>();
  for (const node of graphNodes) {
    if (!opNodes.has(node.operation)) opNodes.set(node.operation, []);
    opNodes.get(node.operation)!.push(node);
  }
  const nodesOf = (op: Operation): readonly Node[] =>
    isLayer(op) ? op.inboundNodes : (opNodes.get(op) ?? []);
  const connections = (op: Operation): string[] =>
    nodesOf(op)
      .filter((node) => relevant.size === 0 || relevant.has(node))
      .flatMap((node) =>
        node.inputs.map((x) => {
          const from = x.history!.node;
          const index = nodesOf(from.operation).indexOf(from);
          return `${from.operation.name}[${Math.max(0, index)}][${x.history!.index}]`;
        }),
      );

  const rows: SummaryRow[] = [];
  const addRows = (op: Operation, level: number): void => {
    const layer = isLayer(op) ? op : null;
    const row: { -readonly [K in keyof SummaryRow]: SummaryRow[K] } = {
      name: op.name,
      className: classNameOf(op),
      outputShape: outputShapeCell(op, nodesOf(op)),
      params: !layer ? 0 : layer.built ? layer.countParams() : "unbuilt",
      level,
    };
    if (!sequentialLike) row.connectedTo = connections(op);
    if (options.showTrainable)
      row.trainable = layer && layer.weights.length > 0 ? (layer.trainable ? "Y" : "N") : "-";
    rows.push(row);
    const nested = (layer as { layers?: readonly Layer[] } | null)?.layers;
    if (options.expandNested && Array.isArray(nested)) for (const sub of nested) addRows(sub, level + 1);
  };
  const ops: readonly Operation[] =
    isInstanceOfClassNamed(model, "Sequential") || !nodesByDepth
      ? model.layers
      : (model.operations ?? model.layers);
  const [start, end] = layerIndexRange(ops, options.layerRange);
  for (const op of ops.slice(start, end)) addRows(op, 0);

  const optimizer = model.optimizer;
  const optimizerBuilt =
    model.compiled !== false && optimizer && (optimizer.built ?? (optimizer.variables?.length ?? 0) > 0);
  return {
    modelName: model.name,
    sequentialLike,
    rows,
    totals: {
      trainable: weightStats(model.trainableWeights),
      nonTrainable: weightStats(model.nonTrainableWeights),
      ...(optimizerBuilt && { optimizer: weightStats(optimizer.variables ?? []) }),
    },
  };
}

/** Keras's `get_layer_index_bound_by_layer_name`: `[first, last + 1]` of the layers the range names. */
function layerIndexRange(
  ops: readonly Operation[],
  range: readonly [string, string] | undefined,
): [number, number] {
  if (range === undefined) return [0, ops.length];
  if (
    !Array.isArray(range) ||
    range.length !== 2 ||
    typeof range[0] !== "string" ||
    typeof range[1] !== "string"
  ) {
    throw new ValueError(
      `layerRange must be an array of two layer names (strings), received ${JSON.stringify(range)}.`,
    );
  }
  const matching = (pattern: string): number[] => {
    const re = new RegExp(`^(?:${pattern})`);
    return ops.flatMap((op, i) => (re.test(op.name) ? [i] : []));
  };
  const lower = matching(range[0]);
  const upper = matching(range[1]);
  if (lower.length === 0 || upper.length === 0) {
    throw new ValueError(
      `Passed layer_names do not match the layer names in the model. Received: ${JSON.stringify(range)}. ` +
        `Layer names are: ${JSON.stringify(ops.map((op) => op.name))}.`,
    );
  }
  if (Math.min(...lower) > Math.max(...upper)) return [Math.min(...upper), Math.max(...lower) + 1];
  return [Math.min(...lower), Math.max(...upper) + 1];
}

/**
 * The text of `model.summary()` (without a trailing newline).
 *
 * @example
 * ```ts
 * const text = summaryText(model, { lineLength: 88 });
 * ```
 */
export function summaryText(model: SummarizableModel, options: SummaryOptions = {}): string {
  return renderSummary(summaryTable(model, options), {
    ...(options.lineLength !== undefined && { lineLength: options.lineLength }),
    ...(options.positions !== undefined && { positions: options.positions }),
    ...(options.terminalColumns !== undefined && { terminalColumns: options.terminalColumns }),
    showTrainable: options.showTrainable ?? false,
    colors: options.colors ?? false,
  });
}

function stdoutSupportsColor(): boolean {
  const proc = hostProcess();
  return Boolean(proc?.stdout?.isTTY) && !proc?.env?.NO_COLOR;
}

/**
 * Prints a summary of a model exactly as Keras 3's `model.summary()`: plain text when `printFn` is
 * given or stdout is not a terminal (76 columns when piped), colored in a terminal.
 *
 * @example
 * ```ts
 * printSummary(model);                                  // to stdout
 * printSummary(model, { printFn: (s) => lines.push(s) }); // captured, plain
 * ```
 */
export function printSummary(model: SummarizableModel, options: SummaryOptions = {}): void {
  const printFn = options.printFn;
  const colors = options.colors ?? (printFn === undefined && stdoutSupportsColor());
  const text = summaryText(model, { ...options, colors });
  if (printFn) printFn(text);
  else console.log(text);
}
