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

/**
 * Weight-gradient arrays kept for reuse by the next train step, keyed by the kernel's array (which
 * in-place optimizer updates keep the same from step to step). Only inside a default train step
 * (`privateStep()`), whose gradients die with it; an entry serves at most once per step, so a layer
 * applied twice in one step still gets two arrays.
 */
const kernelGradients = new WeakMap<TypedArray, { values: TypedArray; step: number }>();

function reusableKernelGradient(kernel: Tensor): TypedArray | undefined {
  const step = privateStep();
  const entry = step === null ? undefined : kernelGradients.get(kernel.values);
  if (!entry || entry.step === step) return undefined;
  entry.step = step!;
  return entry.values;
}

function rememberKernelGradient(kernel: Tensor, values: TypedArray): void {
  const step = privateStep();
  if (step !== null && !kernelGradients.has(kernel.values))
    kernelGradients.set(kernel.values, { values, step });
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
  forward: ([x, kernel, bias], { activation }, _out, b) => [
    b.dense({ x: x!, kernel: kernel!, bias, activation }),
  ],
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
    const scratch = needed[1] ? reusableKernelGradient(kernel!) : undefined;
    const g = backend().denseGrad({
      x: x!,
      kernel: kernel!,
      bias,
      activation,
      y,
      dy: dy!,
      needed: [needed[0]!, needed[1]!, !!bias && needed[2]!],
      dKernelInto: scratch,
    });
    if (needed[1] && g.dKernel && g.dKernel !== scratch) rememberKernelGradient(kernel!, g.dKernel);
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
