/**
 * AdamW: Adam with decoupled weight decay.
 */
import { ValueError } from "../core/errors.js";
import { Adam, type AdamArgs } from "./adam.js";

/** Options of {@link AdamW}. `learningRate` defaults to 0.001 and `weightDecay` to 0.004. */
export type AdamWArgs = AdamArgs;

/**
 * AdamW (Loshchilov & Hutter, 2019): Adam plus decoupled weight decay, `w -= w * weightDecay * lr`
 * before each Adam update.
 *
 * @example
 * ```ts
 * const opt = new keras.optimizers.AdamW({ learningRate: 0.001, weightDecay: 0.01 });
 * model.compile({ optimizer: opt, loss: "mse" });
 * ```
 */
export class AdamW extends Adam {
  static override className = "AdamW";

  constructor(args: AdamWArgs = {}) {
    if (args.weightDecay === null) {
      throw new ValueError("AdamW: argument `weightDecay` must be a number. Received: weightDecay=null.", {
        weightDecay: null,
      });
    }
    super({ ...args, weightDecay: args.weightDecay ?? 0.004 });
  }
}
