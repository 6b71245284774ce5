/**
 * The call-context stack: the outermost `apply` pushes `{ training }`, and nested layers that are
 * not told `training` explicitly inherit it (so a Dropout deep inside a model sees `fit`'s
 * `training: true`). Also marks symbolic tracing, during which layers record no inbound nodes.
 */

/** What nested layer calls inherit. */
export interface LayerCallContext {
  readonly training: boolean | undefined;
  /** True while output specs are traced by calling `call()` on symbolic inputs. */
  readonly tracing: boolean;
}

const stack: LayerCallContext[] = [];

/** The innermost active context, if any layer call is in progress. */
export function currentCallContext(): LayerCallContext | undefined {
  return stack[stack.length - 1];
}

/** Whether a layer call is in progress (false at the outermost call). */
export function inCallContext(): boolean {
  return stack.length > 0;
}

/** Whether symbolic tracing is in progress. */
export function isTracing(): boolean {
  return stack.length > 0 && stack[stack.length - 1]!.tracing;
}

/**
 * Runs `fn` inside a call context (popped even when `fn` throws).
 *
 * @example
 * ```ts
 * withCallContext({ training: true, tracing: false }, () => model.call(x));
 * ```
 */
export function withCallContext<T>(context: LayerCallContext, fn: () => T): T {
  stack.push(context);
  try {
    return fn();
  } finally {
    stack.pop();
  }
}

const EAGER_CONTEXTS = {
  true: { training: true, tracing: false },
  false: { training: false, tracing: false },
  undefined: { training: undefined, tracing: false },
} as const;

/**
 * Runs `layer.call(inputs, args)` inside the eager context for `training` — the hot path of every
 * eager layer call, so it shares one context object per `training` value and makes no closure.
 *
 * @example
 * ```ts
 * callEager(dense, x, { training: true }, true);
 * ```
 */
export function callEager<A, T>(
  layer: { call(inputs: unknown, args: A): T },
  inputs: unknown,
  args: A,
  training: boolean | undefined,
): T {
  stack.push(EAGER_CONTEXTS[`${training}`]);
  try {
    return layer.call(inputs, args);
  } finally {
    stack.pop();
  }
}
