// Shuffled epochs gather many batches' rows at once; the batches must be exactly those of a
// per-batch gather in the epoch's permutation (x, y and sample weights alike), across chunk
// boundaries, the short last batch, and epochs cut short by stepsPerEpoch; with `reuseChunks`, later
// chunks overwrite the first chunk's arrays (and only then).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { ArrayData } from "../../src/trainer/data-adapter.js";
import { ArrayEpochs } from "../../src/trainer/epoch-iterator.js";

const ROWS = 300;

function column(width: number, dtype: "float32" | "int32"): keras.Tensor {
  const n = ROWS * width;
  const v = dtype === "int32" ? new Int32Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = i;
  return new keras.Tensor(v, width === 1 ? [ROWS] : [ROWS, width], dtype);
}

function data(WIDTH: number, xType: "float32" | "int32"): ArrayData {
  const single = (t: keras.Tensor) => ({ flat: [t], kind: "single" as const, keys: [] });
  return new ArrayData(
    {
      x: single(column(WIDTH, xType)),
      y: single(column(1, "float32")),
      sampleWeight: single(column(1, "float32")),
    },
    ROWS,
  );
}

/** The rows `order[start..end)` of a column, gathered one by one. */
function expectedRows(t: keras.Tensor, order: Int32Array, start: number, end: number): number[] {
  const width = t.shape[1] ?? 1;
  const out: number[] = [];
  for (let i = start; i < end; i++) for (let j = 0; j < width; j++) out.push(order[i]! * width + j);
  return out;
}

// 16 KiB rows: 8 batches of 32 per 4 MiB chunk, so an epoch spans two chunks; 8-value rows: one chunk.
type Batch = [keras.Tensor, keras.Tensor, keras.Tensor];
/** A batch's tensors with their values copied (a reused chunk overwrites the originals later). */
const snapshot = (batch: unknown) =>
  (batch as Batch).map((t) => new keras.Tensor(t.values.slice(), t.shape, t.dtype)) as Batch;

// int32 x is cast to float32 row by row; float32 x (and the float32 y and sample weights) go
// through the active backend's gather, into the reused chunk's arrays.
for (const xType of ["int32", "float32"] as const)
  for (const reuseChunks of [false, true])
    for (const [WIDTH, stepsPerEpoch] of [
      [4096, undefined],
      [4096, 4],
      [8, undefined],
      [8, 25], // more steps than batches: the permutation is redrawn inside the chunk's range
    ]) {
      test(`shuffled batches equal a per-batch gather of the permutation (${xType} rows of ${WIDTH}, stepsPerEpoch ${stepsPerEpoch}, reuseChunks ${reuseChunks})`, () => {
        const d = data(WIDTH!, xType);
        const epochs = new ArrayEpochs(d, 32, true, stepsPerEpoch, reuseChunks);
        keras.utils.setRandomSeed(5);
        const got: Batch[] = [];
        const buffers = new Set<ArrayBufferLike>();
        for (let e = 0; e < 4; e++)
          for (const batch of epochs.epoch()) {
            got.push(snapshot(batch));
            buffers.add((batch as Batch)[0].values.buffer);
          }
        // 4096-wide rows span two chunks per epoch: 8 gathers in all, into one array when reused.
        if (WIDTH === 4096 && !stepsPerEpoch) assert.equal(buffers.size, reuseChunks ? 1 : 8);
        keras.utils.setRandomSeed(5);
        const steps = stepsPerEpoch ?? Math.ceil(ROWS / 32);
        const perEpoch = Math.ceil(ROWS / 32);
        let order = keras.random.permutation(ROWS).values as Int32Array;
        got.forEach((batch, i) => {
          const b = i % perEpoch; // the cursor runs on across epochs cut short by stepsPerEpoch
          // a new permutation when the cursor wraps, and at the start of each epoch() call
          if (i > 0 && (b === 0 || i % steps === 0))
            order = keras.random.permutation(ROWS).values as Int32Array;
          const start = b * 32;
          const end = Math.min(start + 32, ROWS);
          const [x, y, sw] = batch;
          assert.equal(x.dtype, "float32", "x is float32 (int x is cast)");
          assert.deepEqual(x.shape, [end - start, WIDTH]);
          assert.deepEqual(
            Array.from(x.values),
            expectedRows(column(WIDTH!, "int32"), order, start, end),
            `x of step ${i}`,
          );
          assert.deepEqual(
            Array.from(y.values),
            expectedRows(column(1, "float32"), order, start, end),
            `y of step ${i}`,
          );
          assert.deepEqual(Array.from(sw.values), Array.from(y.values));
        });
        assert.equal(got.length, 4 * steps);
      });
    }
