/**
 * Philox-4x32-10, the counter-based generator of Salmon et al., "Parallel random numbers: as easy as
 * 1, 2, 3" (SC 2011). A 2-word key and a 4-word counter give 4 uint32 per block; the same key and
 * counter give the same words on every engine, because all arithmetic is exact 32-bit integer math
 * (`Math.imul`, `>>> 0`, and a 32x32→64 multiply assembled from 16-bit halves).
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** High 32 bits of the exact 64-bit product of two uint32 values. */
function mulHi(a: number, b: number): number {
  const aL = a & 0xffff;
  const aH = a >>> 16;
  const bL = b & 0xffff;
  const bH = b >>> 16;
  const ll = aL * bL;
  const lh = aL * bH;
  const hl = aH * bL;
  // Every partial product is below 2^32, so these float64 sums are exact.
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (aH * bH + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) >>> 0;
}

/**
 * Computes one Philox-4x32-10 block: counter `(c0, c1, c2, c3)` under key `(k0, k1)`, all uint32.
 * Writes the 4 output words into `out` at `offset`.
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
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      k0 = (k0 + W0) >>> 0;
      k1 = (k1 + W1) >>> 0;
    }
    const hi0 = mulHi(M0, c0);
    const lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulHi(M1, c2);
    const lo1 = Math.imul(M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
  }
  out[offset] = c0;
  out[offset + 1] = c1;
  out[offset + 2] = c2;
  out[offset + 3] = c3;
}

const TWO_POW_32 = 4294967296;
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
export class PhiloxStream {
  private readonly block = new Uint32Array(4);
  private used = 4;
  private counter = 0;

  /** `key0`, `key1` and `domain` are taken modulo 2^32. */
  constructor(
    readonly key0: number,
    readonly key1: number,
    readonly domain = 0,
  ) {
    this.key0 = key0 >>> 0;
    this.key1 = key1 >>> 0;
    this.domain = domain >>> 0;
  }

  /** The next uniformly distributed uint32. */
  nextUint32(): number {
    if (this.used === 4) {
      const c = this.counter++;
      philox4x32(c >>> 0, Math.floor(c / TWO_POW_32) >>> 0, 0, this.domain, this.key0, this.key1, this.block);
      this.used = 0;
    }
    return this.block[this.used++]!;
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
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const u = this.nextUint32();
      if (u < limit) return u % n;
    }
  }
}
