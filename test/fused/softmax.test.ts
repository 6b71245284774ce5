// The last-axis softmax / log-softmax row kernels against the general reduce → broadcast →
// elementwise path (taken for any other axis): the same rows through both must agree bitwise,
// values and gradients, on each backend (the native row kernels call exp/log as the native
// elementwise kernels do).
import { test } from "node:test";
import * as keras from "../../src/index.js";
import { BACKENDS, assertBitwise, input, onBackend } from "./helpers.js";

const { ops } = keras;
type T = keras.Tensor;

for (const backend of BACKENDS)
  for (const dtype of ["float32", "float64"] as const)
    for (const fn of ["softmax", "logSoftmax"] as const)
      test(`${fn} row kernel = general path bitwise (${backend}, ${dtype})`, () =>
        onBackend(backend, () => {
          const x = input([7, 11], 4, dtype, 6);
          x.values[5] = NaN;
          x.values[20] = -Infinity;
          const op = ops[fn] as (x: T, axis: number) => T;
          const r = input([7, 11], 8, dtype);
          const rowWise = (z: T) => op(z, -1);
          const viaAxis0 = (z: T) => ops.transpose(op(ops.transpose(z) as T, 0)) as T;
          const same = assertBitwise;
          same(rowWise(x), viaAxis0(x), "values");
          const clean = input([7, 11], 4, dtype, 6);
          const grad = (f: (z: T) => T) =>
            keras.grad((z: T) => ops.sum(ops.multiply(f(z), r)) as T)(clean) as T;
          same(grad(rowWise), grad(viaAxis0), "gradients");
        }));
