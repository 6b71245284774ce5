import { test } from "node:test";
import assert from "node:assert/strict";
import * as keras from "../../src/index.js";
import { matmul as kernel } from "../../src/backends/js/matmul.js";
import { createJsBackend } from "../../src/backends/js/index.js";
import type { DType, TypedArray } from "../../src/core/dtype.js";
import { assertClose, assertThrowsWith, checkGradients, f64, testValues } from "../helpers/gradcheck.js";

const { ops } = keras;

/** Naive float64 reference of a batched matmul with broadcasting and transpose flags. */
function reference(
  a: keras.Tensor,
  b: keras.Tensor,
  tA: boolean,
  tB: boolean,
): { values: number[]; shape: number[] } {
  const ra = a.rank;
  const rb = b.rank;
  const M = tA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const K = tA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const N = tB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  const ba = a.shape.slice(0, -2);
  const bb = b.shape.slice(0, -2);
  const rank = Math.max(ba.length, bb.length);
  const pad = (s: readonly number[]) => [...Array(rank - s.length).fill(1), ...s];
  const pa = pad(ba);
  const pb = pad(bb);
  const batch = pa.map((d, i) => Math.max(d, pb[i]!));
  const count = batch.reduce((p, d) => p * d, 1);
  const values: number[] = [];
  for (let t = 0; t < count; t++) {
    let rest = t;
    let oa = 0;
    let ob = 0;
    let sa = 1;
    let sb = 1;
    for (let d = rank - 1; d >= 0; d--) {
      const i = rest % batch[d]!;
      rest = Math.floor(rest / batch[d]!);
      oa += (pa[d] === 1 ? 0 : i) * sa;
      ob += (pb[d] === 1 ? 0 : i) * sb;
      sa *= pa[d]!;
      sb *= pb[d]!;
    }
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) {
          const av = a.values[oa * M * K + (tA ? k * M + i : i * K + k)]!;
          const bv = b.values[ob * K * N + (tB ? j * K + k : k * N + j)]!;
          s += av * bv;
        }
        values.push(s);
      }
    }
  }
  return { values, shape: [...batch, M, N] };
}

function filled(shape: number[], dtype: DType, seed: number): keras.Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  const raw = testValues(n, seed, -2, 2);
  const values: TypedArray =
    dtype === "int32"
      ? Int32Array.from(raw, (v) => Math.round(v * 5))
      : dtype === "float32"
        ? Float32Array.from(raw)
        : Float64Array.from(raw);
  return new keras.Tensor(values, shape, dtype);
}

test("matmul kernel: odd sizes, every transpose flag, against a naive reference", () => {
  const sizes: [number, number, number][] = [
    [1, 1, 1],
    [7, 13, 5],
    [65, 33, 17],
    [3, 1, 300],
    [1, 5, 600],
    [70, 530, 9],
    [5, 3, 0],
    [0, 4, 3],
  ];
  let seed = 1;
  for (const [M, N, K] of sizes) {
    for (const tA of [false, true]) {
      for (const tB of [false, true]) {
        for (const dtype of ["float64", "float32", "int32"] as DType[]) {
          const a = filled(tA ? [K, M] : [M, K], dtype, seed++);
          const b = filled(tB ? [N, K] : [K, N], dtype, seed++);
          const got = kernel(a, b, tA, tB, [M, N]);
          const want = reference(a, b, tA, tB);
          assert.equal(got.constructor, a.values.constructor, `${dtype} output storage`);
          const tol = dtype === "float32" ? 1e-4 : 1e-9;
          assertClose(got, want.values, tol, tol);
        }
      }
    }
  }
});

test("matmul kernel: broadcast batch dims and shared operands", () => {
  const cases: [number[], number[], boolean, boolean][] = [
    [[2, 1, 3, 4], [1, 5, 4, 6], false, false],
    [[2, 1, 4, 3], [1, 5, 6, 4], true, true],
    [[3, 7, 5], [5, 2], false, false], // folds the batch into rows
    [[3, 5, 7], [5, 2], true, false],
    [[4, 3], [2, 3, 4, 5], false, false], // a shared by every batch
    [[6, 9, 300], [6, 300, 4], false, false], // repacked B per batch, K > KC
  ];
  cases.forEach(([sa, sb, tA, tB], i) => {
    const a = filled(sa, "float64", 10 + i);
    const b = filled(sb, "float64", 20 + i);
    const want = reference(a, b, tA, tB);
    assertClose(kernel(a, b, tA, tB, want.shape), want.values, 1e-9, 1e-9);
  });
});

test("matmul kernel: int32 wraps like NumPy", () => {
  const a = new keras.Tensor(Int32Array.from([65536, 2 ** 30]), [1, 2], "int32");
  const b = new keras.Tensor(Int32Array.from([65536, 4]), [2, 1], "int32");
  // 2^32 + 2^32 wraps to 0 (vector path)
  assert.deepEqual([...kernel(a, b, false, false, [1, 1])], [0]);
  // packed path: 4×4 output, (2^16 + 1)·2^16 + 2^30·4 = 2^32 + 2^16 + 2^32 wraps to 2^16
  const big = new keras.Tensor(
    Int32Array.from({ length: 8 }, (_v, i) => (i % 2 ? 2 ** 30 : 65537)),
    [4, 2],
    "int32",
  );
  const rhs = new keras.Tensor(
    Int32Array.from({ length: 8 }, (_v, i) => (i < 4 ? 65536 : 4)),
    [2, 4],
    "int32",
  );
  assert.deepEqual([...kernel(big, rhs, false, false, [4, 4])], new Array(16).fill(65536));
});

test("matmul: NumPy shapes for 1-D operands and batch broadcasting", () => {
  const shape = (a: number[], b: number[]) => ops.matmul(ops.ones(a), ops.ones(b)).shape;
  assert.deepEqual(shape([3], [3]), []);
  assert.deepEqual(shape([3], [3, 4]), [4]);
  assert.deepEqual(shape([2, 3], [3]), [2]);
  assert.deepEqual(shape([3], [5, 3, 4]), [5, 4]);
  assert.deepEqual(shape([5, 2, 3], [3]), [5, 2]);
  assert.deepEqual(shape([2, 1, 3, 4], [5, 4, 6]), [2, 5, 3, 6]);
  assert.deepEqual(
    ops
      .matmul(
        [
          [1, 2],
          [3, 4],
        ],
        [[5], [6]],
      )
      .arraySync(),
    [[17], [39]],
  );
  assert.equal(ops.matmul([1, 2, 3], [4, 5, 6]).item(), 32);
  const y = ops.matmul(f64([4, 3], 1), f64([3], 2));
  assert.equal(y.dtype, "float64");
});

test("matmul: dtypes", () => {
  const i = ops.matmul(keras.tensor([[1, 2]], "int32"), keras.tensor([[3], [4]], "int32"));
  assert.equal(i.dtype, "int32");
  assert.deepEqual(i.arraySync(), [[11]]);
  const bools = ops.matmul(keras.tensor([[true, false]]), keras.tensor([[false], [true]]));
  assert.equal(bools.dtype, "bool");
  assert.deepEqual(bools.arraySync(), [[false]]);
  assert.equal(ops.matmul(keras.tensor([[1, 2]], "int32"), f64([2, 1], 3)).dtype, "float64");
});

test("matmul: errors name the op and both shapes", () => {
  assertThrowsWith(
    () => ops.matmul(ops.ones([2, 3]), ops.ones([4, 5])),
    keras.ShapeError,
    "matmul: incompatible shapes (2, 3) and (4, 5)",
    "the last axis of a (3) must equal the second-to-last axis of b (4)",
  );
  assertThrowsWith(
    () => ops.matmul(ops.ones([3]), ops.ones([4])),
    keras.ShapeError,
    "(3,) and (4,)",
    "only axis of a (3)",
  );
  assertThrowsWith(
    () => ops.matmul(ops.ones([2, 3, 4]), ops.ones([5, 4, 6])),
    keras.ShapeError,
    "(2, 3, 4) and (5, 4, 6)",
    "batch",
  );
  assertThrowsWith(() => ops.matmul(2, ops.ones([2, 2])), keras.ShapeError, "scalars");
  assertThrowsWith(
    () => ops.dot(ops.ones([2, 3]), ops.ones([4, 5])),
    keras.ShapeError,
    "dot: incompatible shapes (2, 3) and (4, 5)",
  );
  assertThrowsWith(
    () => ops.tensordot(ops.ones([2, 3]), ops.ones([4, 5]), [[1], [0]]),
    keras.ShapeError,
    "tensordot",
    "(2, 3) and (4, 5)",
  );
  assertThrowsWith(
    () => ops.tensordot(ops.ones([2, 3]), ops.ones([3]), 3),
    keras.ValueError,
    "tensordot: axes=3",
  );
});

test("matmul: symbolic shapes keep unknown dims", () => {
  const x = new keras.SymbolicTensor([null, 784], "float32");
  const y = ops.matmul(x, ops.zeros([784, 300]));
  assert.ok(y instanceof keras.SymbolicTensor);
  assert.deepEqual(y.shape, [null, 300]);
  assert.deepEqual(
    ops.matmul(new keras.SymbolicTensor([null, 7, null], "float32"), ops.zeros([5, 3])).shape,
    [null, 7, 3],
  );
  assert.deepEqual(ops.matmul(new keras.SymbolicTensor([null], "float32"), ops.zeros([4, 3])).shape, [3]);
  assertThrowsWith(
    () => ops.matmul(new keras.SymbolicTensor([null, 784], "float32"), ops.zeros([300, 10])),
    keras.ShapeError,
    "(None, 784) and (300, 10)",
  );
  // replaying the recorded node computes the eager value
  const node = y.history!.node;
  const [v] = node.replay([ops.ones([2, 784])], {});
  assert.deepEqual(v!.shape, [2, 300]);
});

test("matmul: float64 gradient checks", () => {
  const mm = (a: keras.Tensor, b: keras.Tensor) => ops.matmul(a, b);
  checkGradients("matmul 2-D", mm, [f64([3, 4], 1), f64([4, 5], 2)]);
  checkGradients("matmul batched", mm, [f64([2, 3, 4], 3), f64([2, 4, 5], 4)]);
  checkGradients("matmul (2,3,4)·(4,5)", mm, [f64([2, 3, 4], 5), f64([4, 5], 6)]);
  checkGradients("matmul (3,4)·(2,4,5)", mm, [f64([3, 4], 7), f64([2, 4, 5], 8)]);
  checkGradients("matmul (2,1,3,4)·(3,4,2)", mm, [f64([2, 1, 3, 4], 9), f64([3, 4, 2], 10)]);
  checkGradients("matmul (4,)·(4,5)", mm, [f64([4], 11), f64([4, 5], 12)]);
  checkGradients("matmul (3,4)·(4,)", mm, [f64([3, 4], 13), f64([4], 14)]);
  checkGradients("matmul (4,)·(4,)", mm, [f64([4], 15), f64([4], 16)]);
  checkGradients("matmul (4,)·(2,4,3)", mm, [f64([4], 17), f64([2, 4, 3], 18)]);
  checkGradients("matmul (2,3,4)·(4,)", mm, [f64([2, 3, 4], 19), f64([4], 20)]);
});

test("matmul: second-order gradients go through the transposed products", () => {
  // d/da sum(matmul(a, b)^2) is itself made of transposed matmuls; differentiate it again.
  const inner = (a: keras.Tensor, b: keras.Tensor) =>
    keras.grad((x: keras.Tensor) => ops.sum(ops.square(ops.matmul(x, b))))(a);
  checkGradients("grad of matmul", inner, [f64([3, 4], 21), f64([4, 2], 22)], { eps: 1e-5, tol: 1e-5 });
  checkGradients("grad of batched matmul", inner, [f64([2, 3, 4], 25), f64([4, 2], 26)], {
    eps: 1e-5,
    tol: 1e-5,
  });
  const innerB = (a: keras.Tensor, b: keras.Tensor) =>
    keras.grad((y: keras.Tensor) => ops.sum(ops.square(ops.matmul(a, y))))(b);
  checkGradients("grad of matmul wrt b", innerB, [f64([2, 3, 4], 23), f64([4, 2], 24)], {
    eps: 1e-5,
    tol: 1e-5,
  });
});

test("dot, tensordot, outer: values, shapes and gradients", () => {
  assert.equal(ops.dot([1, 2, 3], [4, 5, 6]).item(), 32);
  assert.deepEqual(ops.dot(2, [1, 2]).arraySync(), [2, 4]);
  assert.deepEqual(ops.dot(ops.ones([2, 3, 4]), ops.ones([5, 4, 6])).shape, [2, 3, 5, 6]);
  assert.deepEqual(ops.dot(ops.ones([2, 3, 4]), ops.ones([4])).shape, [2, 3]);
  // dot of N-D with M-D sums a's last axis against b's second-to-last
  const a = f64([2, 3, 4], 1);
  const b = f64([5, 4, 6], 2);
  const want = ops.einsum("ijk,lkm->ijlm", a, b);
  assertClose(ops.dot(a, b).values, want.values, 1e-12);
  assert.deepEqual(ops.tensordot(ops.ones([2, 3, 4]), ops.ones([3, 4, 5])).shape, [2, 5]);
  assert.deepEqual(ops.tensordot(ops.ones([3, 2]), ops.ones([3, 5]), [[0], [0]]).shape, [2, 5]);
  assert.deepEqual(ops.tensordot(ops.ones([2]), ops.ones([3]), 0).shape, [2, 3]);
  const t = ops.tensordot(a, f64([4, 3, 2], 3), [
    [1, 2],
    [1, 0],
  ]);
  assertClose(t.values, ops.einsum("ijk,kjl->il", a, f64([4, 3, 2], 3)).values, 1e-12);
  assert.deepEqual(ops.outer([1, 2], [3, 4, 5]).arraySync(), [
    [3, 4, 5],
    [6, 8, 10],
  ]);
  assert.deepEqual(ops.outer(ops.ones([2, 2]), ops.ones([3])).shape, [4, 3]);

  checkGradients("dot 1-D", ops.dot, [f64([4], 1), f64([4], 2)]);
  checkGradients("dot 2-D", ops.dot, [f64([3, 4], 3), f64([4, 2], 4)]);
  checkGradients("dot N-D", ops.dot, [f64([2, 3, 4], 5), f64([2, 4, 3], 6)]);
  checkGradients("tensordot axes=2", (x, y) => ops.tensordot(x, y), [f64([2, 3, 4], 7), f64([3, 4, 2], 8)]);
  checkGradients(
    "tensordot pairs",
    (x, y) =>
      ops.tensordot(x, y, [
        [0, 2],
        [2, 1],
      ]),
    [f64([2, 3, 4], 9), f64([5, 4, 2], 10)],
  );
  checkGradients("outer", ops.outer, [f64([3], 11), f64([2, 2], 12)]);
});

test("tensordot and einsum on symbolic inputs infer shapes and replay", () => {
  const x = new keras.SymbolicTensor([null, 3, 4], "float32");
  const t = ops.tensordot(x, ops.ones([4, 5]), 1) as keras.SymbolicTensor;
  assert.deepEqual(t.shape, [null, 3, 5]);
  assert.deepEqual(t.history!.node.replay([ops.ones([2, 3, 4])], {})[0]!.shape, [2, 3, 5]);
  const e = ops.einsum("bij,jk->bik", x, ops.ones([4, 6])) as keras.SymbolicTensor;
  assert.deepEqual(e.shape, [null, 3, 6]);
  assert.deepEqual(e.history!.node.replay([ops.ones([7, 3, 4])], {})[0]!.shape, [7, 3, 6]);
  assert.deepEqual(ops.dot(x, ops.ones([2, 4, 5])).shape, [null, 3, 2, 5]);
  assert.deepEqual(ops.outer(new keras.SymbolicTensor([null], "float32"), ops.ones([3])).shape, [null, 3]);
});

/** Naive einsum: loops over every assignment of the labels (explicit "->", no ellipsis). */
function naiveEinsum(spec: string, xs: keras.Tensor[]): number[] {
  const [lhs, rhs] = spec.split("->") as [string, string];
  const terms = lhs.split(",");
  const size = new Map<string, number>();
  terms.forEach((t, i) => [...t].forEach((l, ax) => size.set(l, xs[i]!.shape[ax]!)));
  const labels = [...size.keys()];
  const outSize = [...rhs].reduce((p, l) => p * size.get(l)!, 1);
  const out = new Array<number>(outSize).fill(0);
  const value = new Map<string, number>();
  const flat = (term: string, shape: readonly number[]) =>
    [...term].reduce((o, l, ax) => o * shape[ax]! + value.get(l)!, 0);
  const visit = (k: number) => {
    if (k === labels.length) {
      let p = 1;
      terms.forEach((t, i) => (p *= xs[i]!.values[flat(t, xs[i]!.shape)]!));
      out[
        flat(
          rhs,
          [...rhs].map((l) => size.get(l)!),
        )
      ]! += p;
      return;
    }
    for (let v = 0; v < size.get(labels[k]!)!; v++) {
      value.set(labels[k]!, v);
      visit(k + 1);
    }
  };
  visit(0);
  return out;
}

test("einsum: common patterns match a naive reference and pass gradient checks", () => {
  const cases: [string, number[][]][] = [
    [
      "ij,jk->ik",
      [
        [3, 4],
        [4, 5],
      ],
    ],
    [
      "bij,bjk->bik",
      [
        [2, 3, 4],
        [2, 4, 2],
      ],
    ],
    ["ij->ji", [[3, 4]]],
    ["ii->i", [[3, 3]]],
    ["ii->", [[3, 3]]],
    ["i,i->", [[5], [5]]],
    ["ij,j->i", [[3, 4], [4]]],
    [
      "bhqd,bhkd->bhqk",
      [
        [2, 2, 3, 4],
        [2, 2, 5, 4],
      ],
    ],
    [
      "bhqk,bhkd->bhqd",
      [
        [2, 2, 3, 5],
        [2, 2, 5, 4],
      ],
    ],
    ["i,j->ij", [[3], [4]]],
    [
      "ji,kj->ik",
      [
        [4, 3],
        [5, 4],
      ],
    ],
    [
      "ij,ij->ij",
      [
        [3, 4],
        [3, 4],
      ],
    ],
    [
      "ij,ij->",
      [
        [3, 4],
        [3, 4],
      ],
    ],
    ["ijk->kj", [[2, 3, 4]]],
    [
      "iij,jk->ik",
      [
        [3, 3, 4],
        [4, 2],
      ],
    ],
    [
      "ij,jk,kl->il",
      [
        [2, 3],
        [3, 4],
        [4, 2],
      ],
    ],
    [
      "bqd,kd->bqk",
      [
        [2, 3, 4],
        [5, 4],
      ],
    ],
    [
      "abc,cb->a",
      [
        [2, 3, 4],
        [4, 3],
      ],
    ],
  ];
  cases.forEach(([spec, shapes], c) => {
    const xs = shapes.map((s, i) => f64(s, 100 + 10 * c + i));
    const got = ops.einsum(spec, ...xs);
    assertClose(got.values, naiveEinsum(spec, xs), 1e-12, 1e-12);
    checkGradients(`einsum ${spec}`, (...ts) => ops.einsum(spec, ...ts), xs);
  });
});

test("einsum: implicit output, ellipsis broadcasting, shapes and errors", () => {
  assert.deepEqual(ops.einsum("ij,jk", ops.ones([2, 3]), ops.ones([3, 4])).shape, [2, 4]);
  assert.deepEqual(ops.einsum("ba", ops.ones([2, 3])).shape, [3, 2]); // implicit output is sorted
  assert.equal(
    ops
      .einsum(
        "ii",
        keras.tensor([
          [1, 2],
          [3, 4],
        ]),
      )
      .item(),
    5,
  );
  const x = f64([2, 3, 4], 1);
  assertClose(ops.einsum("...ij->...ji", x).values, ops.transpose(x, [0, 2, 1]).values, 0);
  assert.deepEqual(
    ops.einsum("...ij,...jk->...ik", ops.ones([5, 1, 2, 3]), ops.ones([4, 3, 6])).shape,
    [5, 4, 2, 6],
  );
  assert.deepEqual(ops.einsum("...i,...i", ops.ones([2, 3]), ops.ones([3])).shape, [2]);
  assert.deepEqual(ops.einsum("i...->...", ops.ones([3, 2, 5])).shape, [2, 5]);
  const a = f64([2, 1, 3], 2);
  const b = f64([4, 3], 3);
  assertClose(ops.einsum("...j,...j->...", a, b).values, ops.sum(ops.multiply(a, b), -1).values, 1e-12);
  checkGradients("einsum ellipsis", (p, q) => ops.einsum("...ij,...jk->...ik", p, q), [
    f64([2, 1, 2, 3], 4),
    f64([3, 3, 2], 5),
  ]);
  checkGradients("einsum broadcast contraction", (p, q) => ops.einsum("...j,...j->j", p, q), [
    f64([1, 3], 6),
    f64([2, 3], 7),
  ]);
  assert.equal(
    ops.einsum("ij,jk->ik", keras.tensor([[1, 2]], "int32"), keras.tensor([[3], [4]], "int32")).dtype,
    "int32",
  );

  assertThrowsWith(
    () => ops.einsum("ij,jk->ik", ops.ones([2, 3]), ops.ones([4, 5])),
    keras.ShapeError,
    'label "j"',
    "size 3",
    "size 4",
  );
  assertThrowsWith(() => ops.einsum("ij->ik", ops.ones([2, 3])), keras.ValueError, 'output label "k"');
  assertThrowsWith(() => ops.einsum("ij,jk->ik", ops.ones([2, 3])), keras.ValueError, "2 operand(s) but 1");
  assertThrowsWith(() => ops.einsum("ijk->i", ops.ones([2, 3])), keras.ShapeError, "(2, 3)", "rank 2");
  assertThrowsWith(() => ops.einsum("i1->i", ops.ones([2, 3])), keras.ValueError, '"1" is not a letter');
  assertThrowsWith(() => ops.einsum("ij->ii", ops.ones([2, 2])), keras.ValueError, "repeated");
});

test("einsum: attention patterns ride on matmul's transpose flags (no transpose copies)", () => {
  let transposes = 0;
  keras.backend.registerBackend("js-counting", () => {
    const js = createJsBackend();
    return { ...js, name: "js-counting", transpose: (x, perm) => (transposes++, js.transpose(x, perm)) };
  });
  const before = keras.backend.getBackend();
  keras.backend.setBackend("js-counting");
  try {
    const q = f64([2, 2, 3, 4], 1);
    const k = f64([2, 2, 5, 4], 2);
    const scores = ops.einsum("bhqd,bhkd->bhqk", q, k);
    ops.einsum("bhqk,bhkd->bhqd", scores, k);
    ops.einsum("ji,jk->ik", f64([4, 3], 3), f64([4, 2], 4));
    assert.equal(transposes, 0);
    keras.grad((x: keras.Tensor) => ops.sum(ops.matmul(x, f64([4, 2], 5))))(f64([2, 3, 4], 6));
    assert.equal(transposes, 0);
  } finally {
    keras.backend.setBackend(before);
  }
});
