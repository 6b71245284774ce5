import { test } from "node:test";
import assert from "node:assert/strict";
import { philox4x32, PhiloxStream, uintMod } from "../../src/random/philox.js";

// Known-answer vectors of Philox4x32-10 from Random123's kat_vectors file (Salmon et al., SC 2011):
// "philox4x32 10 <counter: 4 words> <key: 2 words> <expected: 4 words>", all hex uint32.
const KAT: [number[], number[], number[]][] = [
  [
    [0, 0, 0, 0],
    [0, 0],
    [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8],
  ],
  [
    [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    [0xffffffff, 0xffffffff],
    [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
  ],
  [
    [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    [0xa4093822, 0x299f31d0],
    [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
  ],
];

test("philox4x32-10 matches the Random123 known-answer vectors", () => {
  for (const [c, k, expected] of KAT) {
    const out = new Uint32Array(4);
    philox4x32(c[0]!, c[1]!, c[2]!, c[3]!, k[0]!, k[1]!, out);
    assert.deepEqual(Array.from(out), expected);
  }
});

test("PhiloxStream reads blocks in counter order and separates keys and domains", () => {
  const s = new PhiloxStream(0, 0);
  const words = Array.from({ length: 8 }, () => s.nextUint32());
  const block0 = new Uint32Array(4);
  const block1 = new Uint32Array(4);
  philox4x32(0, 0, 0, 0, 0, 0, block0);
  philox4x32(1, 0, 0, 0, 0, 0, block1);
  assert.deepEqual(words, [...block0, ...block1]);
  const other = new PhiloxStream(0, 1).nextUint32();
  const domain = new PhiloxStream(0, 0, 1).nextUint32();
  assert.notEqual(other, words[0]);
  assert.notEqual(domain, words[0]);
});

test("PhiloxStream floats lie in [0, 1) and nextBelow stays in range without bias", () => {
  const s = new PhiloxStream(123, 456);
  const counts = new Array<number>(7).fill(0);
  for (let i = 0; i < 70000; i++) {
    const f24 = s.nextFloat24();
    const f53 = s.nextFloat53();
    assert.ok(f24 >= 0 && f24 < 1 && Math.fround(f24) === f24);
    assert.ok(f53 >= 0 && f53 < 1);
    counts[s.nextBelow(7)]!++;
  }
  for (const c of counts) assert.ok(Math.abs(c - 10000) < 500, `bucket count ${c}`);
  assert.equal(s.nextBelow(1), 0);
  const big = s.nextBelow(4294967296);
  assert.ok(Number.isInteger(big) && big >= 0 && big < 4294967296);
});

test("uintMod equals % for uint32 operands and 2^32, at the edges and at random", () => {
  const two32 = 4294967296;
  const ns = [
    1,
    2,
    3,
    7,
    255,
    256,
    65535,
    65536,
    2 ** 31 - 1,
    2 ** 31,
    2 ** 31 + 1,
    3000000019,
    2 ** 32 - 1,
    two32,
  ];
  const us = [0, 1, 2, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1, two32];
  for (const n of ns) for (const u of us) assert.equal(uintMod(u, n), u % n, `${u} % ${n}`);
  let s = 12345;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  for (let i = 0; i < 200000; i++) {
    const u = next();
    const n = 1 + (i % 2 ? next() % 100000 : next());
    assert.equal(uintMod(u, n), u % n, `${u} % ${n}`);
  }
});
