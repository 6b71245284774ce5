/**
 * Philox-4x32-10, the counter-based generator of Salmon et al., "Parallel random numbers: as easy as
 * 1, 2, 3" (SC 2011). A 2-word key and a 4-word counter give 4 uint32 per block; the same key and
 * counter give the same words on every engine, because all arithmetic is exact 32-bit integer math
 * (`Math.imul`, `>>> 0`, and a 32x32→64 multiply assembled from 16-bit halves).
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const M0L = M0 & 0xffff;
const M0H = M0 >>> 16;
const M1L = M1 & 0xffff;
const M1H = M1 >>> 16;
const W0 = 0x9e3779b9 | 0;
const W1 = 0xbb67ae85 | 0;

/**
 * High 32 bits (as int32 bits) of the 64-bit product of a 32-bit constant, given as 16-bit halves
 * `mL`, `mH`, and `b`. Each partial product of 16-bit halves fits in 32 bits, so `Math.imul` gives it
 * exactly (as int32 bits; `>>> 16` and `& 0xffff` read them unsigned) and the whole stays in int32.
 */
function mulHi(mL: number, mH: number, b: number): number {
  const bL = b & 0xffff;
  const bH = b >>> 16;
  const ll = Math.imul(mL, bL);
  const lh = Math.imul(mL, bH);
  const hl = Math.imul(mH, bL);
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (Math.imul(mH, bH) + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
}

/**
 * Computes one Philox-4x32-10 block: counter `(c0, c1, c2, c3)` under key `(k0, k1)` (uint32 or
 * int32 bit patterns). Writes the 4 output words into `out` at `offset`.
 *
 * @example
 * ```ts
 * const out = new Uint32Array(4);
 * philox4x32(0, 0, 0, 0, 0, 0, out); // out = [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]
 * ```
 */
export function philox4x32(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
  offset = 0,
): void {
  let x0 = c0 | 0;
  let x1 = c1 | 0;
  let x2 = c2 | 0;
  let x3 = c3 | 0;
  let key0 = k0 | 0;
  let key1 = k1 | 0;
  for (let round = 0; round < 10; round++) {
    const hi0 = mulHi(M0L, M0H, x0);
    const lo0 = Math.imul(M0, x0);
    const hi1 = mulHi(M1L, M1H, x2);
    const lo1 = Math.imul(M1, x2);
    x0 = hi1 ^ x1 ^ key0;
    x1 = lo1;
    x2 = hi0 ^ x3 ^ key1;
    x3 = lo0;
    key0 = (key0 + W0) | 0;
    key1 = (key1 + W1) | 0;
  }
  out[offset] = x0;
  out[offset + 1] = x1;
  out[offset + 2] = x2;
  out[offset + 3] = x3;
}

const TWO_POW_32 = 4294967296;
const BLOCKS = 16;
const TWO_POW_M24 = 1 / 16777216;
const TWO_POW_M53 = 1 / 9007199254740992;

/**
 * A stream of random words from one Philox key: block `i` is the counter `(i low, i high, 0, domain)`.
 * Different keys (or domains) give independent streams; the stream never repeats within 2^64 blocks.
 *
 * @example
 * ```ts
 * const s = new PhiloxStream(42, 0);
 * s.nextUint32();  // an integer in [0, 2^32)
 * s.nextFloat53(); // a float64 in [0, 1)
 * ```
 */
/**
 * `u % n` for integers 0 ≤ u ≤ 2^32 and 1 ≤ n ≤ 2^32, by a float division and one correction:
 * operands above 2^31 are doubles to V8, whose `%` calls fmod (3–4× slower in a shuffle).
 * `q·n` stays below 2^33, so the remainder is exact; the quotient is off by at most one.
 *
 * @example
 * ```ts
 * uintMod(4294967296, 3); // 1
 * ```
 */
export function uintMod(u: number, n: number): number {
  const r = u - Math.floor(u / n) * n;
  return r < 0 ? r + n : r >= n ? r - n : r;
}

export class PhiloxStream {
  readonly key0: number;
  readonly key1: number;
  readonly domain: number;
  /** Words of the next BLOCKS blocks (generated ahead; the values depend only on the counter). */
  private readonly words = new Uint32Array(4 * BLOCKS);
  private used = 4 * BLOCKS;
  private counter = 0;

  /** `key0`, `key1` and `domain` are taken modulo 2^32. */
  constructor(key0: number, key1: number, domain = 0) {
    this.key0 = key0 >>> 0;
    this.key1 = key1 >>> 0;
    this.domain = domain >>> 0;
  }

  /** The next uniformly distributed uint32. */
  nextUint32(): number {
    if (this.used === this.words.length) this.refill();
    return this.words[this.used++]!;
  }

  private refill(): void {
    for (let b = 0; b < BLOCKS; b++) {
      const c = this.counter++;
      philox4x32(c, Math.floor(c / TWO_POW_32), 0, this.domain, this.key0, this.key1, this.words, 4 * b);
    }
    this.used = 0;
  }

  /** A float in [0, 1) with 24 random bits: every value is exact in float32. */
  nextFloat24(): number {
    return (this.nextUint32() >>> 8) * TWO_POW_M24;
  }

  /** A float64 in [0, 1) with 53 random bits (two words). */
  nextFloat53(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) * TWO_POW_M53;
  }

  /** A uniformly distributed integer in [0, n) for 1 <= n <= 2^32, without modulo bias (rejection). */
  nextBelow(n: number): number {
    const limit = TWO_POW_32 - uintMod(TWO_POW_32, n);
    for (;;) {
      const u = this.nextUint32();
      if (u < limit) return uintMod(u, n);
    }
  }
}
