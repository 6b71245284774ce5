/**
 * Functional autodiff in the style of JAX: `grad(f)` and `valueAndGrad(f)`, plus `stopGradient`.
 */
import { ValueError } from "../core/errors.js";
import { Tensor } from "../core/tensor.js";
import { Variable } from "../core/variable.js";
import { convertToTensor, toOpTensor, type OpInput, type OpResult, type TensorLike } from "../ops/convert.js";
import { runOp1, type OpDef } from "../ops/op.js";
import { zerosLike } from "../ops/creation.js";
import { GradientTape } from "./tape.js";

type Argnums = number | readonly number[];
type GradOf<N extends Argnums> = N extends number ? Tensor : Tensor[];

function prepare(args: readonly unknown[], argnums: Argnums) {
  const picked = typeof argnums === "number" ? [argnums] : [...argnums];
  const list = [...args];
  for (const i of picked) {
    if (!Number.isInteger(i) || i < 0 || i >= args.length) {
      throw new ValueError(`argnums ${i} is out of range: the function received ${args.length} argument(s).`);
    }
    const a = list[i];
    if (!(a instanceof Variable)) list[i] = convertToTensor(a as TensorLike);
  }
  return { picked, list };
}

/**
 * Returns a function computing `f`'s value and its gradient with respect to the arguments at
 * `argnums` (default 0: the first). A non-scalar value is summed, as TF does. Arguments that the
 * value does not depend on get zeros.
 *
 * @example
 * ```ts
 * const f = (x: keras.Tensor) => keras.ops.sum(keras.ops.square(x));
 * const { value, grads } = keras.valueAndGrad(f)(keras.tensor([1, 2]));
 * value.item(); // 5
 * grads.arraySync(); // [2, 4]
 * ```
 */
export function valueAndGrad<Args extends unknown[], N extends Argnums = 0>(
  f: (...args: Args) => Tensor,
  argnums?: N,
): (...args: Args) => { value: Tensor; grads: GradOf<N> } {
  const nums = (argnums ?? 0) as Argnums;
  return (...args: Args) => {
    const { picked, list } = prepare(args, nums);
    const tape = new GradientTape({ watchAccessedVariables: false });
    const sources = picked.map((i) => list[i] as Tensor | Variable);
    tape.watch(sources);
    const value = tape.record(() => f(...(list as Args)));
    if (!(value instanceof Tensor)) {
      throw new ValueError(
        `The function passed to grad/valueAndGrad must return a Tensor, received ${String(value)}.`,
      );
    }
    const raw = tape.gradient(value, sources);
    const grads = raw.map(
      (g, k) =>
        g ??
        (zerosLike(
          sources[k]! instanceof Variable ? (sources[k] as Variable).value : (sources[k] as Tensor),
        ) as Tensor),
    );
    return { value, grads: (typeof nums === "number" ? grads[0] : grads) as GradOf<N> };
  };
}

/**
 * Returns a function computing the gradient of `f` with respect to the arguments at `argnums`.
 *
 * @example
 * ```ts
 * const df = keras.grad((x: keras.Tensor) => keras.ops.sum(keras.ops.multiply(x, x)));
 * df(keras.tensor([3])).arraySync(); // [6]
 * ```
 */
export function grad<Args extends unknown[], N extends Argnums = 0>(
  f: (...args: Args) => Tensor,
  argnums?: N,
): (...args: Args) => GradOf<N> {
  const vg = valueAndGrad(f, argnums);
  return (...args: Args) => vg(...args).grads;
}

const stopGradientDef: OpDef<void> = {
  name: "stopGradient",
  infer: ([x]) => [{ shape: x!.shape, dtype: x!.dtype }],
  forward: ([x]) => [x!.values],
};

/**
 * Identity in the forward pass; blocks gradients in the backward pass.
 * @example `keras.ops.stopGradient(x) // same values, zero gradient`
 */
export function stopGradient<T extends OpInput>(x: T): OpResult<T> {
  return runOp1(stopGradientDef, [toOpTensor(x)], undefined) as OpResult<T>;
}
