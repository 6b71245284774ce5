/**
 * `where(condition, x, y)`: elementwise selection with three-way broadcasting.
 */
import { broadcastShapes } from "../core/shape.js";
import { promoteInputs, toOpTensor, type OpInput, type OpResult } from "./convert.js";
import { cast } from "./cast.js";
import { runOp1, type OpDef } from "./op.js";
import { zerosLike } from "./creation.js";

const whereDef: OpDef<void> = {
  name: "where",
  infer: ([c, a, b]) => [
    { shape: broadcastShapes([c!.shape, a!.shape, b!.shape], "where"), dtype: a!.dtype },
  ],
  forward: ([c, a, b], _attrs, [out], backend) => [backend.where(c!, a!, b!, out!.shape, out!.dtype)],
  vjp: ([dy], [c]) => {
    const zero = zerosLike(dy!);
    return [null, where(c!, dy!, zero), where(c!, zero, dy!)];
  },
};

/**
 * Picks `x` where `condition` is true, else `y` (all three broadcast together).
 * @example
 * ```ts
 * keras.ops.where([true, false], [1, 2], [10, 20]).arraySync(); // [1, 20]
 * ```
 */
export function where<C extends OpInput, A extends OpInput, B extends OpInput>(
  condition: C,
  x: A,
  y: B,
): OpResult<C | A | B> {
  let c = toOpTensor(condition);
  if (c.dtype !== "bool") c = cast(c, "bool");
  const [a, b] = promoteInputs([x, y], "where");
  return runOp1(whereDef, [c, a!, b!], undefined) as OpResult<C | A | B>;
}
