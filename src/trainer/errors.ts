/**
 * Errors of the trainer: `NotCompiledError`, raised by `fit` / `evaluate` / `trainOnBatch` on a
 * model that has not been compiled (Keras 3's "You must call `compile()` before ...").
 */
import { ValueError } from "../core/errors.js";

/**
 * Raised by the training hooks of a model that has not been compiled.
 *
 * @example
 * ```ts
 * try { await model.fit(x, y); } catch (e) { e instanceof keras.NotCompiledError; } // true before compile()
 * ```
 */
export class NotCompiledError extends ValueError {
  override name = "NotCompiledError";
}

/**
 * The error of a method that needs `compile()` first, with Keras 3's message.
 *
 * @example
 * ```ts
 * throw notCompiled("my_model", "fit");
 * ```
 */
export function notCompiled(modelName: string, method: string): NotCompiledError {
  return new NotCompiledError(
    `You must call \`compile()\` before calling \`${method}()\` on model "${modelName}": ` +
      `model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy" }).`,
    { model: modelName, method },
  );
}
