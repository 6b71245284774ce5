/**
 * `InputLayer` and `keras.Input`: the entry points of a functional graph. `Input` returns a symbolic
 * tensor whose history is the InputLayer's node (a node with no inputs).
 */
import { checkDType, FLOATX, type DType } from "../core/dtype.js";
import { ValueError } from "../core/errors.js";
import { Node, SymbolicTensor } from "../core/symbolic.js";
import type { Tensor } from "../core/tensor.js";
import { Layer } from "./layer.js";
import { registerSerializable } from "./registry.js";

/** Options of `keras.Input` and `InputLayer`. */
export interface InputArgs {
  /** Shape of one sample, without the batch dimension; `null` for unknown sizes. */
  shape?: readonly (number | null)[];
  batchSize?: number | null;
  /** Full shape including the batch dimension (instead of `shape` + `batchSize`). */
  batchShape?: readonly (number | null)[];
  dtype?: DType;
  name?: string;
  /** Accepted for Keras parity; sparse inputs are not supported and must be false. */
  sparse?: boolean;
}

function checkDims(shape: readonly (number | null)[], what: string): (number | null)[] {
  if (!Array.isArray(shape) || shape.some((d) => d !== null && (!Number.isInteger(d) || d < 0))) {
    throw new ValueError(
      `${what} must be an array of non-negative integers or null, e.g. [28, 28]. Received: ${JSON.stringify(shape)}.`,
    );
  }
  return [...shape];
}

/**
 * The layer behind `keras.Input`. It has no weights and is never called: its `output` is the
 * symbolic tensor that starts a functional graph.
 *
 * @example
 * ```ts
 * const layer = new keras.InputLayer({ shape: [784] });
 * layer.output; // <SymbolicTensor shape=(None, 784), dtype=float32, name=input_layer>
 * ```
 */
export class InputLayer extends Layer {
  static override className = "InputLayer";
  readonly batchShape: (number | null)[];
  readonly sparse = false;

  constructor(args: InputArgs = {}) {
    super({ name: args.name, dtype: args.dtype ?? FLOATX });
    if (args.sparse) throw new ValueError(`InputLayer "${this.name}": sparse inputs are not supported.`);
    if (args.shape !== undefined && args.batchShape !== undefined) {
      throw new ValueError("You cannot pass both `shape` and `batchShape` at the same time.");
    }
    if (args.batchShape !== undefined) this.batchShape = checkDims(args.batchShape, "batchShape");
    else if (args.shape !== undefined)
      this.batchShape = [args.batchSize ?? null, ...checkDims(args.shape, "shape")];
    else throw new ValueError("You must pass a `shape` argument, e.g. keras.Input({ shape: [784] }).");
    checkDType(this.dtype);
    this.built = true;
    const tensor = new SymbolicTensor(this.batchShape, this.dtype, this.name);
    const replay = (): Tensor[] => {
      throw new ValueError(
        `InputLayer "${this.name}" has no computation: feed its value to the model instead.`,
      );
    };
    const node = new Node(this, [], [tensor], replay);
    tensor.history = { node, index: 0 };
    this._inboundNodes.push(node);
  }

  /** Identity (an InputLayer is not meant to be called). */
  call(inputs: unknown): unknown {
    return inputs;
  }

  override getConfig(): Record<string, unknown> {
    return { batchShape: [...this.batchShape], dtype: this.dtype, sparse: false, name: this.name };
  }
}

/**
 * Creates a symbolic input tensor, the start of a functional model.
 *
 * @example
 * ```ts
 * const inputs = keras.Input({ shape: [28, 28] });
 * inputs.shape; // [null, 28, 28]
 * ```
 */
export function Input(args: InputArgs): SymbolicTensor {
  return new InputLayer(args).output as SymbolicTensor;
}

/** Whether `x` is a symbolic tensor produced by `keras.Input` (an InputLayer's output). */
export function isInputTensor(x: unknown): x is SymbolicTensor {
  return x instanceof SymbolicTensor && x.history?.node.operation instanceof InputLayer;
}

registerSerializable("layer", "InputLayer", InputLayer);
