/**
 * The fused Dense op, `activation(x·kernel + bias)` for relu or linear activations: one backend
 * call forward and one backward instead of three ops each way, with the same rounding as the
 * matmul → add → relu sequence (so results equal the unfused layer bitwise on each backend).
 * Under an outer tape (higher-order gradients) the VJP is written with ops instead, so it stays
 * differentiable.
 */
import { ShapeError } from "../core/errors.js";
import { formatShape } from "../core/shape.js";
import type { TypedArray } from "../core/dtype.js";
import { Tensor } from "../core/tensor.js";
import { privateStep } from "../core/variable.js";
import { isRecording } from "../autodiff/tape.js";
import { backend } from "../backends/registry.js";
import { greater } from "./binary.js";
import { matmul } from "./linalg.js";
import { transpose } from "./manipulation.js";
import { runOp1, type OpDef } from "./op.js";
import { sum } from "./reduction.js";
import { reshape } from "./shape.js";
import { where } from "./where.js";

/** Slots of a layer's reused arrays: output, input gradient, kernel gradient. */
const OUT = 0;
const DX = 1;
const DKERNEL = 2;
type Slot = typeof OUT | typeof DX | typeof DKERNEL;
interface StepArrays {
  arrays: (TypedArray | undefined)[];
  /** The step that last took each slot's array. */
  steps: number[];
}
/**
 * Arrays a default train step (`privateStep()`) reuses from the previous step instead of
 * allocating: the layer's output, its input gradient and its kernel gradient, keyed by the kernel's
 * array (which in-place optimizer updates keep the same from step to step). That step's forward
 * values and gradients die with it (the promise of `withPrivateVariableReads`). Each array serves at
 * most once per step, so a layer applied twice in one step still gets two of each.
 */
const stepArrays = new WeakMap<TypedArray, StepArrays>();

/** Arrays smaller than this are not kept: they come from slabs, which cost less than the lookup. */
const REUSE_MIN_ELEMENTS = 1024;

/** The array kept in `slot` for `kernel` when it can serve this step (marking it used), else undefined. */
function takeStepArray(kernel: Tensor, slot: Slot, size: number): TypedArray | undefined {
  const step = size < REUSE_MIN_ELEMENTS ? null : privateStep();
  const entry = step === null ? undefined : stepArrays.get(kernel.values);
  if (!entry || !entry.arrays[slot] || entry.steps[slot] === step) return undefined;
  entry.steps[slot] = step!;
  return entry.arrays[slot];
}

/** Keeps `values` (just made for `kernel`) in `slot` for later steps, if the slot is empty. */
function keepStepArray(
  kernel: Tensor,
  slot: Slot,
  values: TypedArray,
  offered: TypedArray | undefined,
): void {
  const step = values.length < REUSE_MIN_ELEMENTS ? null : privateStep();
  if (step === null || values === offered) return;
  let entry = stepArrays.get(kernel.values);
  if (!entry) stepArrays.set(kernel.values, (entry = { arrays: [], steps: [-1, -1, -1] }));
  if (entry.arrays[slot]) return;
  entry.arrays[slot] = values;
  entry.steps[slot] = step;
}

/** Activations the fused op applies itself. */
export type FusedActivation = "linear" | "relu";

interface DenseAttrs {
  activation: FusedActivation;
}

const denseDef: OpDef<DenseAttrs> = {
  name: "dense",
  infer: ([x, kernel, bias]) => {
    const [M, K] = x!.shape;
    const [K2, N] = kernel!.shape;
    if (x!.shape.length !== 2 || kernel!.shape.length !== 2 || K !== K2 || (bias && bias.shape[0] !== N))
      throw new ShapeError(
        `dense: incompatible shapes x ${formatShape(x!.shape)}, kernel ${formatShape(kernel!.shape)}` +
          (bias ? `, bias ${formatShape(bias.shape)}` : "") +
          ": expected x (M, K), kernel (K, N) and bias (N,).",
        { op: "dense", shapes: [x!.shape, kernel!.shape] },
      );
    return [{ shape: [M!, N!], dtype: x!.dtype }];
  },
  forward: ([x, kernel, bias], { activation }, _out, b) => {
    const into = takeStepArray(kernel!, OUT, x!.shape[0]! * kernel!.shape[1]!);
    const y = b.dense({ x: x!, kernel: kernel!, bias, activation, outInto: into });
    keepStepArray(kernel!, OUT, y, into);
    return [y];
  },
  vjp: ([dy], [x, kernel, bias], [y], { activation }, needed) => {
    if (isRecording()) {
      // Higher order: compose with ops so that an outer tape records the gradient computation.
      const dz = activation === "relu" ? where(greater(y!, 0), dy!, 0) : dy!;
      return [
        needed[0] ? matmul(dz, transpose(kernel!)) : null,
        needed[1] ? matmul(transpose(x!), dz) : null,
        bias && needed[2] ? sum(dz, 0) : null,
      ];
    }
    const dxInto = needed[0] ? takeStepArray(kernel!, DX, x!.size) : undefined;
    const dKernelInto = needed[1] ? takeStepArray(kernel!, DKERNEL, kernel!.size) : undefined;
    const g = backend().denseGrad({
      x: x!,
      kernel: kernel!,
      bias,
      activation,
      y,
      dy: dy!,
      needed: [needed[0]!, needed[1]!, !!bias && needed[2]!],
      dxInto,
      dKernelInto,
    });
    if (g.dx) keepStepArray(kernel!, DX, g.dx, dxInto);
    if (g.dKernel) keepStepArray(kernel!, DKERNEL, g.dKernel, dKernelInto);
    return [
      g.dx && new Tensor(g.dx, x!.shape, x!.dtype),
      g.dKernel && new Tensor(g.dKernel, kernel!.shape, kernel!.dtype),
      g.dBias && bias ? new Tensor(g.dBias, bias.shape, bias.dtype) : null,
    ];
  },
};

/**
 * `activation(x·kernel + bias)` on eager tensors of one float dtype; `x` may have more than two
 * axes (the leading ones are folded into rows). Dense calls it; shapes are the layer's to check.
 *
 * @example
 * ```ts
 * fusedDense(x, kernel, bias, "relu"); // same values as relu(add(matmul(x, kernel), bias))
 * ```
 */
export function fusedDense(
  x: Tensor,
  kernel: Tensor,
  bias: Tensor | null,
  activation: FusedActivation,
): Tensor {
  const inputs = bias ? [x, kernel, bias] : [x, kernel];
  if (x.rank === 2) return runOp1(denseDef, inputs, { activation }) as Tensor;
  const K = x.shape[x.rank - 1]!;
  const rows = reshape(x, [-1, K]);
  const y = runOp1(denseDef, bias ? [rows, kernel, bias] : [rows, kernel], { activation }) as Tensor;
  return reshape(y, [...x.shape.slice(0, -1), kernel.shape[1]!]);
}
