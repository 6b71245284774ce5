/**
 * Symbolic tensors: shape and dtype only, no values. An op or layer applied to one returns new
 * symbolic tensors and records a `Node`, so a functional model can replay the graph on real data.
 */
import type { DType } from "./dtype.js";
import { SymbolicValueError } from "./errors.js";
import { formatShape, type SymbolicShape } from "./shape.js";
import type { Tensor } from "./tensor.js";

/** Anything that can own a node: a layer, or the op behind a raw `keras.ops` call. */
export interface Operation {
  readonly name: string;
}

/** Options that reach every operation when a graph is replayed. */
export interface CallContext {
  training?: boolean;
}

/**
 * One application of an operation to symbolic inputs. `replay` computes the outputs (in order)
 * from concrete values of the inputs (in order); a functional model runs nodes in topological order.
 */
export class Node {
  constructor(
    readonly operation: Operation,
    readonly inputs: readonly SymbolicTensor[],
    readonly outputs: readonly SymbolicTensor[],
    readonly replay: (inputs: readonly Tensor[], context: CallContext) => Tensor[],
  ) {}
}

/** Where a symbolic tensor came from: output `index` of `node`. */
export interface History {
  readonly node: Node;
  readonly index: number;
}

/**
 * A tensor known only by shape (with `null` for unknown dimensions, such as the batch) and dtype.
 * `keras.Input` creates them; ops and layers applied to them return more of them.
 *
 * @example
 * ```ts
 * const x = keras.Input({ shape: [784] });       // shape [null, 784]
 * const y = keras.ops.relu(keras.ops.matmul(x, w)); // symbolic too, with history
 * ```
 */
export class SymbolicTensor {
  readonly isSymbolic = true;
  history: History | undefined;

  constructor(
    readonly shape: SymbolicShape,
    readonly dtype: DType,
    readonly name?: string,
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    return `<SymbolicTensor shape=${formatShape(this.shape)}, dtype=${this.dtype}${this.name ? `, name=${this.name}` : ""}>`;
  }

  /** Symbolic tensors have no values; this always throws, explaining why. */
  dataSync(): never {
    throw new SymbolicValueError(
      `${this.toString()} is symbolic: it has a shape and dtype but no values. ` +
        `Symbolic tensors describe a model's graph; call the model on real data (model.predict(x)) to get values.`,
    );
  }
}

/** Either kind of tensor, as seen by layers and ops. */
export type AnyTensor = Tensor | SymbolicTensor;

export function isSymbolic(x: unknown): x is SymbolicTensor {
  return x instanceof SymbolicTensor;
}
