/**
 * `Lambda`: wraps a TypeScript function of tensors as a layer.
 */
import { ValueError } from "../../core/errors.js";
import { SymbolicTensor } from "../../core/symbolic.js";
import type { BuildShape, CallArgs, LayerArgs } from "../../engine/layer.js";
import { Layer, mapShapes } from "../../engine/layer.js";
import { registerSerializable } from "../../engine/registry.js";
import { shapesOf } from "../../engine/structure.js";

/** The wrapped function: the layer's inputs, plus `arguments` when given. */
export type LambdaFunction = (inputs: any, args?: Record<string, unknown>) => any;

/** Options of {@link Lambda}. */
export interface LambdaArgs extends LayerArgs {
  /**
   * Output shape without the batch dimension, or a function from the full input shape(s) to the
   * full output shape(s). Default: traced by running the function on symbolic inputs.
   */
  outputShape?: (number | null)[] | ((inputShape: BuildShape) => BuildShape) | null;
  /** Extra keyword arguments, passed as the function's second argument. */
  arguments?: Record<string, unknown> | null;
}

/**
 * Wraps an arbitrary function of tensors (built from `keras.ops`) as a layer. The function must
 * work on symbolic tensors too (every `keras.ops` function does). Lambda layers hold no weights;
 * for trainable state, subclass `keras.Layer`.
 *
 * @example
 * ```ts
 * const square = new keras.layers.Lambda((x) => keras.ops.square(x));
 * square.apply(keras.tensor([[2, 3]])); // [[4, 9]]
 * const scaled = new keras.layers.Lambda((x, a) => keras.ops.multiply(x, a!.factor as number), { arguments: { factor: 3 } });
 * ```
 */
export class Lambda extends Layer {
  static override className = "Lambda";
  readonly function: LambdaFunction;
  readonly outputShape: LambdaArgs["outputShape"];
  readonly arguments: Record<string, unknown> | null;

  constructor(fn: LambdaFunction, args: LambdaArgs = {}) {
    super(args);
    if (typeof fn !== "function") {
      throw new ValueError(
        `Lambda layers wrap a TypeScript function; received ${String(fn)}. A function cannot be restored from a ` +
          `serialized config: pass it again, e.g. Lambda.fromConfig({ ...config, function: fn }).`,
        { function: fn },
      );
    }
    this.function = fn;
    this.outputShape = args.outputShape ?? null;
    this.arguments = args.arguments ?? null;
  }

  call(inputs: unknown, _args: CallArgs = {}): unknown {
    return this.arguments ? this.function(inputs, { ...this.arguments }) : this.function(inputs);
  }

  /** Uses `outputShape` when given, else traces the function on the symbolic inputs. */
  override computeOutputSpec(inputs: unknown, args: CallArgs = {}): unknown {
    const spec = this.outputShape;
    if (!spec) return this.call(inputs, args);
    const shapes = shapesOf(inputs) as BuildShape;
    let out: BuildShape;
    if (typeof spec === "function") out = spec(shapes);
    else {
      const first =
        Array.isArray(shapes) && Array.isArray(shapes[0])
          ? (shapes[0] as (number | null)[])
          : (shapes as (number | null)[]);
      out = [first[0] ?? null, ...spec];
    }
    return mapShapes(out, (s) => new SymbolicTensor(s, this.dtype));
  }

  override getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = { ...super.getConfig(), function: this.function };
    if (this.outputShape) config.outputShape = this.outputShape;
    config.arguments = this.arguments ? { ...this.arguments } : {};
    return config;
  }

  /** Rebuilds the layer from `{ function, ...options }`; `function` must be the function itself. */
  static override fromConfig<T>(
    this: new (fn: LambdaFunction, args?: LambdaArgs) => T,
    config: Record<string, unknown>,
  ): T {
    const { function: fn, arguments: extra, ...rest } = config;
    const args = { ...rest, arguments: extra && Object.keys(extra).length ? extra : null } as LambdaArgs;
    return new this(fn as LambdaFunction, args);
  }
}

registerSerializable("layer", Lambda.className, Lambda);
