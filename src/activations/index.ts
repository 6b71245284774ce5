/**
 * `keras.activations`: the functions, and `get` / `serialize` / `deserialize` by Keras name
 * ("relu", "leaky_relu", ...; camelCase names are accepted too).
 */
import { ValueError } from "../core/errors.js";
import { registerSerializable } from "../engine/registry.js";
import type { AnyTensor } from "../core/symbolic.js";
import {
  elu,
  exponential,
  gelu,
  hardSigmoid,
  leakyRelu,
  linear,
  logSoftmax,
  mish,
  relu,
  relu6,
  selu,
  sigmoid,
  silu,
  softmax,
  softplus,
  softsign,
  tanh,
} from "./activations.js";

export * from "./activations.js";

/** An activation function as layers hold it: a tensor in, a tensor of the same kind out. */
export type ActivationFn = (x: AnyTensor) => AnyTensor;

/** What `get` accepts: a name, a function, or nothing (linear). */
export type ActivationIdentifier = string | ActivationFn | null | undefined;

/** Keras's serialized names of the built-in activations. */
const BUILTIN: [string, ActivationFn][] = [
  ["relu", (x) => relu(x)],
  ["relu6", relu6],
  ["leaky_relu", (x) => leakyRelu(x)],
  ["elu", (x) => elu(x)],
  ["selu", selu],
  ["gelu", (x) => gelu(x)],
  ["sigmoid", sigmoid],
  ["hard_sigmoid", hardSigmoid],
  ["tanh", tanh],
  ["softplus", softplus],
  ["softsign", softsign],
  ["silu", silu],
  ["mish", mish],
  ["exponential", exponential],
  ["linear", linear],
  ["softmax", (x) => softmax(x)],
  ["log_softmax", (x) => logSoftmax(x)],
];

const BY_NAME = new Map<string, ActivationFn>();
const NAME_OF = new Map<unknown, string>();
const toCamel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function add(name: string, fn: ActivationFn, exported?: unknown): void {
  registerSerializable("activation", name, fn);
  BY_NAME.set(name, fn);
  BY_NAME.set(toCamel(name), fn);
  NAME_OF.set(fn, name);
  if (exported !== undefined) NAME_OF.set(exported, name);
}

const EXPORTED: Record<string, unknown> = {
  relu,
  relu6,
  leaky_relu: leakyRelu,
  elu,
  selu,
  gelu,
  sigmoid,
  hard_sigmoid: hardSigmoid,
  tanh,
  softplus,
  softsign,
  silu,
  mish,
  exponential,
  linear,
  softmax,
  log_softmax: logSoftmax,
};
for (const [name, fn] of BUILTIN) add(name, fn, EXPORTED[name]);
BY_NAME.set("swish", BY_NAME.get("silu")!);

/**
 * Registers a custom activation under `name`, so `get(name)` and `serialize(fn)` know it.
 * @example
 * ```ts
 * keras.activations.register("square", (x) => keras.ops.square(x));
 * new keras.layers.Dense(4, { activation: "square" });
 * ```
 */
export function register(name: string, fn: ActivationFn): void {
  add(name, fn);
}

/**
 * Resolves an activation: a Keras name ("relu", "leaky_relu", "leakyRelu", "swish", ...), a function
 * (returned as is), or `null`/undefined (the linear activation).
 * @example
 * ```ts
 * const f = keras.activations.get("relu");
 * f(keras.tensor([-1, 1])).arraySync(); // [0, 1]
 * ```
 */
export function get(identifier: ActivationIdentifier): ActivationFn {
  if (identifier === null || identifier === undefined) return BY_NAME.get("linear")!;
  if (typeof identifier === "function") return identifier;
  if (typeof identifier === "string") {
    const fn = BY_NAME.get(identifier);
    if (fn) return fn;
  }
  throw new ValueError(
    `Could not interpret activation function identifier: ${JSON.stringify(identifier)}. ` +
      `Known names: ${BUILTIN.map(([n]) => `"${n}"`).join(", ")}, "swish".`,
    { identifier },
  );
}

/**
 * The Keras name of an activation function (built-in or registered).
 * @throws ValueError for an unregistered function, which could not be restored from a config.
 * @example
 * ```ts
 * keras.activations.serialize(keras.activations.get("relu")); // "relu"
 * keras.activations.serialize(keras.activations.leakyRelu);   // "leaky_relu"
 * ```
 */
export function serialize(activation: ActivationFn | ((...args: any[]) => unknown)): string {
  const name = NAME_OF.get(activation);
  if (name === undefined) {
    throw new ValueError(
      `Unknown activation function '${activation.name || String(activation)}' cannot be serialized. ` +
        `Use a built-in activation name, or register it with keras.activations.register(name, fn).`,
      { activation },
    );
  }
  return name;
}

/**
 * The activation function for a serialized name (same as `get` for strings).
 * @example `keras.activations.deserialize("tanh")`
 */
export function deserialize(name: string): ActivationFn {
  return get(name);
}
