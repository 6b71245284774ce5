/**
 * Errors specific to the model-building engine. Both extend `ValueError`, as Keras raises ValueError.
 */
import { ValueError } from "../core/errors.js";
import type { SymbolicShape } from "../core/shape.js";

/**
 * An input does not satisfy a layer's `inputSpec` (wrong rank, axis size, dtype or shape).
 *
 * @example
 * ```ts
 * try { dense.apply(x); } catch (e) { if (e instanceof IncompatibleInputError) console.log(e.layer, e.shape); }
 * ```
 */
export class IncompatibleInputError extends ValueError {
  override name = "IncompatibleInputError";
  constructor(
    message: string,
    readonly layer: string,
    readonly inputIndex: number,
    readonly shape: SymbolicShape,
  ) {
    super(message, { layer, inputIndex, shape });
  }
}

/**
 * A functional model's outputs cannot be computed from its inputs.
 *
 * @example
 * ```ts
 * // new keras.Model({ inputs: a, outputs: ops.add(a, b) }) throws GraphDisconnectedError naming b.
 * ```
 */
export class GraphDisconnectedError extends ValueError {
  override name = "GraphDisconnectedError";
}
