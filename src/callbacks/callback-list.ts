/** `CallbackList`: calls every hook on a list of callbacks, in order, awaiting each. */
import { Callback, type CallbackParams, type HookResult, type Logs } from "./callback.js";
import { History } from "./history.js";
import { toNumber } from "./io.js";
import { ProgbarLogger } from "./progbar-logger.js";

/** A short description of a value that is not a callback, for error messages. */
function describeValue(value: unknown): string {
  if (value === null || typeof value !== "object") return String(value);
  const name = (value as object).constructor?.name;
  if (name && name !== "Object") return `an instance of ${name}`;
  const keys = Object.keys(value);
  return keys.length ? `a plain object with ${keys.slice(0, 4).join(", ")}` : "an empty object";
}

/** Options of {@link CallbackList}. */
export interface CallbackListOptions {
  /** Append a `History` unless the list has one. Default false. */
  addHistory?: boolean;
  /** Append a `ProgbarLogger` unless the list has one. Default false. */
  addProgbar?: boolean;
  /** The model the callbacks act on; `model.history` is set to the list's `History`. */
  model?: any;
  verbose?: number | "auto";
  epochs?: number;
  steps?: number | null;
}

/**
 * A list of callbacks behind one set of hooks. As Keras, the `History` and `ProgbarLogger` it adds
 * come after the user's callbacks (History, then the progress bar last), so that both see values
 * that other callbacks add to the epoch logs (e.g. `learning_rate`). Batch-end logs are passed with
 * their keys sorted and their values as numbers, as Keras's `_pythonify_logs`.
 *
 * @example
 * ```ts
 * const callbacks = new keras.callbacks.CallbackList([new keras.callbacks.EarlyStopping()], {
 *   addHistory: true, addProgbar: true, model, verbose: 1, epochs: 10, steps: 169,
 * });
 * await callbacks.onTrainBegin();
 * ```
 */
export class CallbackList extends Callback {
  readonly callbacks: Callback[];
  private history: History | null = null;
  private progbar: ProgbarLogger | null = null;

  constructor(callbacks: Callback[] = [], options: CallbackListOptions = {}) {
    super();
    if (!Array.isArray(callbacks))
      throw new TypeError(
        `callbacks must be an array of keras.callbacks.Callback; got ${describeValue(callbacks)}.`,
      );
    callbacks.forEach((cb, i) => {
      if (!(cb instanceof Callback))
        throw new TypeError(
          `callbacks[${i}] is not a keras.callbacks.Callback (got ${describeValue(cb)}): subclass ` +
            "keras.callbacks.Callback, or wrap plain hook functions in new keras.callbacks.LambdaCallback({...}).",
        );
    });
    this.callbacks = [...callbacks];
    for (const cb of this.callbacks) {
      if (cb instanceof ProgbarLogger) this.progbar = cb;
      else if (cb instanceof History) this.history = cb;
    }
    if (this.history === null && options.addHistory) {
      this.history = new History();
      this.callbacks.push(this.history);
    }
    if (this.progbar === null && options.addProgbar) {
      this.progbar = new ProgbarLogger();
      this.callbacks.push(this.progbar);
    }
    this.setModel(options.model);
    const params: CallbackParams = {};
    if (options.verbose !== undefined) params.verbose = options.verbose;
    if (options.epochs !== undefined) params.epochs = options.epochs;
    if (options.steps !== undefined) params.steps = options.steps;
    this.setParams(params);
  }

  override setParams(params: CallbackParams): void {
    this.params = params;
    if (Object.keys(params).length > 0) for (const cb of this.callbacks) cb.setParams(params);
  }

  override setModel(model: any): void {
    if (!model) return;
    super.setModel(model);
    if (this.history) model.history = this.history;
    for (const cb of this.callbacks) cb.setModel(model);
  }

  /**
   * Calls every callback in order, awaiting the ones that return a promise. Returns a promise only
   * when some callback did (the training loop skips an `await`, a microtask, per hook otherwise).
   */
  private each(call: (cb: Callback) => HookResult, from = 0): HookResult {
    for (let i = from; i < this.callbacks.length; i++) {
      const result = call(this.callbacks[i]!);
      if (result !== undefined && typeof (result as Promise<void>).then === "function")
        return (result as Promise<void>).then(() => this.each(call, i + 1));
    }
  }

  override onTrainBegin(logs: Logs = {}): HookResult {
    return this.each((cb) => cb.onTrainBegin(logs));
  }
  override onTrainEnd(logs: Logs = {}): HookResult {
    return this.each((cb) => cb.onTrainEnd(logs));
  }
  override onEpochBegin(epoch: number, logs: Logs = {}): HookResult {
    return this.each((cb) => cb.onEpochBegin(epoch, logs));
  }
  /** Every callback gets the same `logs` object, so values one adds are seen by the next ones. */
  override onEpochEnd(epoch: number, logs: Logs = {}): HookResult {
    return this.each((cb) => cb.onEpochEnd(epoch, logs));
  }
  override onTrainBatchBegin(batch: number, logs: Logs = {}): HookResult {
    return this.each((cb) => cb.onTrainBatchBegin(batch, logs));
  }
  override onTrainBatchEnd(batch: number, logs: Logs = {}): HookResult {
    const clean = pythonifyLogs(logs);
    return this.each((cb) => cb.onTrainBatchEnd(batch, clean));
  }
  override onBatchBegin(batch: number, logs: Logs = {}): HookResult {
    return this.each((cb) => cb.onBatchBegin(batch, logs));
  }
  override onBatchEnd(batch: number, logs: Logs = {}): HookResult {
    const clean = pythonifyLogs(logs);
    return this.each((cb) => cb.onBatchEnd(batch, clean));
  }
  override onTestBegin(logs: Logs = {}): HookResult {
    return this.each((cb) => cb.onTestBegin(logs));
  }
  override onTestEnd(logs: Logs = {}): HookResult {
    return this.each((cb) => cb.onTestEnd(logs));
  }
  override onTestBatchBegin(batch: number, logs: Logs = {}): HookResult {
    return this.each((cb) => cb.onTestBatchBegin(batch, logs));
  }
  override onTestBatchEnd(batch: number, logs: Logs = {}): HookResult {
    const clean = pythonifyLogs(logs);
    return this.each((cb) => cb.onTestBatchEnd(batch, clean));
  }
  override onPredictBegin(logs: Logs = {}): HookResult {
    return this.each((cb) => cb.onPredictBegin(logs));
  }
  override onPredictEnd(logs: Logs = {}): HookResult {
    return this.each((cb) => cb.onPredictEnd(logs));
  }
  override onPredictBatchBegin(batch: number, logs: Logs = {}): HookResult {
    return this.each((cb) => cb.onPredictBatchBegin(batch, logs));
  }
  override onPredictBatchEnd(batch: number, logs: Logs = {}): HookResult {
    return this.each((cb) => cb.onPredictBatchEnd(batch, logs));
  }
}

/** Keras's `_pythonify_logs`: keys sorted, nested records flattened, scalar tensors read as numbers. */
function pythonifyLogs(logs: Record<string, unknown>): Logs {
  const out: Logs = {};
  for (const key of Object.keys(logs).sort()) {
    const value = logs[key];
    const isRecord =
      value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
    if (isRecord) Object.assign(out, pythonifyLogs(value as Record<string, unknown>));
    else out[key] = toNumber(value);
  }
  return out;
}
