/**
 * The single path every op takes: infer the output spec (the op's shape/dtype rule, written once),
 * then either build symbolic outputs and a graph node, or run the backend kernel eagerly and record
 * the op on any active gradient tape.
 */
import type { DType, TypedArray } from "../core/dtype.js";
import type { Shape, SymbolicShape } from "../core/shape.js";
import { Node, SymbolicTensor, type AnyTensor, type CallContext, type Operation } from "../core/symbolic.js";
import { Tensor } from "../core/tensor.js";
import { recordOperation, isRecording } from "../autodiff/tape.js";
import type { Backend } from "../backends/backend.js";
import { backend } from "../backends/registry.js";

/** Shape and dtype of a tensor, known (eager) or partly unknown (symbolic). */
export interface TensorSpec {
  shape: SymbolicShape;
  dtype: DType;
}

/** Output spec of an op on concrete inputs: every dimension known. */
export interface ConcreteSpec {
  shape: Shape;
  dtype: DType;
}

/**
 * Definition of one op. `infer` validates inputs (throwing typed errors) and returns output specs;
 * it must handle `null` dimensions. `forward` computes output values with a backend.
 * `vjp`, when present, returns one gradient per input (or null), written with ops; the tape reduces
 * broadcast gradients to each input's shape and casts them to its dtype.
 */
export interface OpDef<A> {
  readonly name: string;
  infer(inputs: readonly TensorSpec[], attrs: A): TensorSpec[];
  forward(
    inputs: readonly Tensor[],
    attrs: A,
    outputs: readonly ConcreteSpec[],
    backend: Backend,
  ): TypedArray[];
  vjp?(
    grads: readonly Tensor[],
    inputs: readonly Tensor[],
    outputs: readonly Tensor[],
    attrs: A,
    /** Per input: whether a gradient is wanted; a VJP may return null for the others and skip work. */
    needed: readonly boolean[],
  ): (AnyTensor | null)[];
}

/** The operation that owns the node of a raw op applied to symbolic tensors. */
class OpCall implements Operation {
  constructor(readonly name: string) {}
}

/** Runs an op on already converted inputs; returns its outputs (symbolic if any input is). */
export function runOp<A>(def: OpDef<A>, inputs: readonly AnyTensor[], attrs: A): AnyTensor[] {
  let symbolic = false;
  for (const x of inputs) if (x.isSymbolic) symbolic = true;
  if (symbolic) return runSymbolic(def, inputs, attrs);
  const eager = inputs as readonly Tensor[];
  const specs = def.infer(eager, attrs) as ConcreteSpec[];
  const values = def.forward(eager, attrs, specs, backend());
  const outputs = specs.map((s, i) => new Tensor(values[i]!, s.shape, s.dtype));
  if (def.vjp && isRecording()) {
    const vjp = def.vjp;
    recordOperation(def.name, eager, outputs, (grads, needed) => vjp(grads, eager, outputs, attrs, needed));
  }
  return outputs;
}

function runSymbolic<A>(def: OpDef<A>, inputs: readonly AnyTensor[], attrs: A): SymbolicTensor[] {
  const specs = def.infer(inputs, attrs);
  const outputs = specs.map((s) => new SymbolicTensor(s.shape, s.dtype));
  const symbolicInputs = inputs.filter((x): x is SymbolicTensor => x.isSymbolic);
  const replay = (values: readonly Tensor[], _context: CallContext): Tensor[] => {
    let k = 0;
    const args = inputs.map((x) => (x.isSymbolic ? values[k++]! : x));
    return runOp(def, args, attrs) as Tensor[];
  };
  const node = new Node(new OpCall(def.name), symbolicInputs, outputs, replay);
  outputs.forEach((t, index) => (t.history = { node, index }));
  return outputs;
}

/** Runs a single-output op. */
export function runOp1<A>(def: OpDef<A>, inputs: readonly AnyTensor[], attrs: A): AnyTensor {
  return runOp(def, inputs, attrs)[0]!;
}
