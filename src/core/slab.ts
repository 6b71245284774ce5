/**
 * Small-array allocation from shared slabs. V8 gives every `new Float32Array(n)` above 64 bytes
 * its own zero-filled backing store (about 0.5–1 µs each); a training step of a small model makes
 * dozens of such arrays. Carving them as views out of a fresh 64 KiB `ArrayBuffer` costs about a
 * tenth of that. Slabs are never reused, so every view starts zero-filled like a new array, and the
 * garbage collector frees a slab once no view of it is reachable.
 *
 * A view's `.buffer` is the whole slab: code that reinterprets `values.buffer` must use
 * `byteOffset` and `byteLength` (as for Node's pooled `Buffer`s).
 */
const SLAB_BYTES = 64 * 1024;
/** Arrays of this many bytes or fewer stay on V8's heap, which is already cheap. */
const ON_HEAP_BYTES = 64;
/** Larger arrays get their own store: carving them would pin or waste too much of a slab. */
export const MAX_SLAB_ALLOCATION_BYTES = 4096;
const ALIGN = 16;

/** The slab {@link carveSlab} last carved from (a live binding: read it right after carving). */
export let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/** Whether `bytes` is served from a slab by {@link carveSlab}. */
export function fitsSlab(bytes: number): boolean {
  return bytes > ON_HEAP_BYTES && bytes <= MAX_SLAB_ALLOCATION_BYTES;
}

/**
 * Reserves `bytes` fresh, zeroed, 16-byte-aligned bytes of {@link slab} and returns their byte
 * offset. Callers check {@link fitsSlab} first.
 *
 * @example
 * ```ts
 * const at = carveSlab(400);
 * const values = new Float32Array(slab, at, 100);
 * ```
 */
export function carveSlab(bytes: number): number {
  const size = (bytes + ALIGN - 1) & -ALIGN;
  if (used + size > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const at = used;
  used += size;
  return at;
}
