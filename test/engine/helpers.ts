/**
 * Small layers for engine tests (the real Dense/Dropout live in src/layers and are tested there).
 */
import * as keras from "../../src/index.js";
import type { SymbolicShape } from "../../src/core/shape.js";

const { ops } = keras;

/** A stand-in for a seeded generator: every drawn element takes the next value of a global counter. */
let draws = 0;
export function resetDraws(): void {
  draws = 0;
}
export function countingInitializer(shape: number[], dtype: keras.DType): keras.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: size }, () => ((draws++ % 97) - 48) / 100);
  return ops.reshape(ops.convertToTensor(values, dtype), shape);
}

export interface TinyDenseArgs extends keras.LayerArgs {
  useBias?: boolean;
  kernelRegularizer?: keras.Regularizer | null;
}

/** `x @ kernel + bias`, built lazily from the last input dimension. */
export class TinyDense extends keras.Layer {
  static override className = "TinyDense";
  kernel: keras.Variable | null = null;
  bias: keras.Variable | null = null;
  readonly useBias: boolean;
  readonly kernelRegularizer: keras.Regularizer | null;

  constructor(
    readonly units: number,
    args: TinyDenseArgs = {},
  ) {
    super(args);
    this.useBias = args.useBias ?? true;
    this.kernelRegularizer = args.kernelRegularizer ?? null;
    this.inputSpec = new keras.InputSpec({ minNdim: 2 });
  }

  override build(shape: SymbolicShape): void {
    const inputDim = shape[shape.length - 1]!;
    this.kernel = this.addWeight({
      name: "kernel",
      shape: [inputDim, this.units],
      initializer: countingInitializer,
      regularizer: this.kernelRegularizer,
    });
    if (this.useBias)
      this.bias = this.addWeight({
        name: "bias",
        shape: [this.units],
        initializer: (s, d) => ops.zeros(s, d),
      });
    this.inputSpec = new keras.InputSpec({ minNdim: 2, axes: { [-1]: inputDim } });
  }

  call(x: keras.Tensor): keras.Tensor {
    const y = ops.matmul(x, this.kernel!);
    return this.bias ? ops.add(y, this.bias) : y;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), units: this.units, useBias: this.useBias };
  }

  static override fromConfig<T>(this: new (...args: never[]) => T, config: Record<string, unknown>): T {
    return new TinyDense(config.units as number, config) as unknown as T;
  }
}

/** Flattens all but the batch axis. */
export class TinyFlatten extends keras.Layer {
  static override className = "TinyFlatten";
  call(x: keras.Tensor): keras.Tensor {
    const rest = x.shape.slice(1) as (number | null)[];
    return ops.reshape(x, [-1, rest.reduce<number>((a, b) => a * (b ?? 1), 1)]);
  }
}

/** Records the `training` value of every call; multiplies by 2 when training. */
export class TrainingRecorder extends keras.Layer {
  static override className = "TrainingRecorder";
  seen: (boolean | undefined)[] = [];
  call(x: keras.Tensor, args: keras.CallArgs = {}): keras.Tensor {
    this.seen.push(args.training);
    return args.training ? ops.multiply(x, 2) : x;
  }
}
