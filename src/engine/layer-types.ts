/**
 * Types shared by layers: constructor and call options, input structures, build shapes, and the
 * output type of `apply`.
 */
import type { DType } from "../core/dtype.js";
import type { SymbolicShape } from "../core/shape.js";
import type { AnyTensor, SymbolicTensor } from "../core/symbolic.js";
import type { Tensor } from "../core/tensor.js";

/** Constructor options common to every layer. */
export interface LayerArgs {
  name?: string;
  trainable?: boolean;
  dtype?: DType;
  /** Shape of one sample (no batch dimension); on a Sequential's first layer it defines the input. */
  inputShape?: (number | null)[];
  /** Full input shape including the batch dimension. */
  batchInputShape?: (number | null)[];
  batchSize?: number;
  /** Shorthand for `inputShape: [inputDim]`. */
  inputDim?: number;
}

/** Options of a call. `training` defaults to the enclosing call's value. */
export interface CallArgs {
  training?: boolean;
  mask?: AnyTensor | AnyTensor[] | null;
}

/** What layers accept: a tensor, or arrays/records of tensors. */
export type LayerInputs = AnyTensor | readonly AnyTensor[] | Readonly<Record<string, AnyTensor>>;

/** The shape(s) `build` receives, in the structure of the inputs. */
export type BuildShape = SymbolicShape | SymbolicShape[] | Record<string, SymbolicShape>;

/** Output type of `apply`: eager in → `Tensor`, symbolic in → `SymbolicTensor`. */
export type LayerOutput<T> = T extends Tensor
  ? Tensor
  : T extends SymbolicTensor
    ? SymbolicTensor
    : T extends readonly Tensor[]
      ? Tensor
      : T extends readonly SymbolicTensor[]
        ? SymbolicTensor
        : T extends Readonly<Record<string, Tensor>>
          ? Tensor
          : T extends Readonly<Record<string, SymbolicTensor>>
            ? SymbolicTensor
            : AnyTensor;

/** The batch input shape given by `inputShape` / `batchInputShape` / `inputDim` (null if none). */
export function batchShapeFromArgs(args: LayerArgs): (number | null)[] | null {
  if (args.batchInputShape) return [...args.batchInputShape];
  const batch = args.batchSize ?? null;
  if (args.inputShape) return [batch, ...args.inputShape];
  if (args.inputDim !== undefined) return [batch, args.inputDim];
  return null;
}
