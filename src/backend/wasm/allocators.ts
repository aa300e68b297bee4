import type { Allocator } from "../../tensor/storage.js";
import { type DType, type Storage, BYTES_PER_ELEMENT, storageView } from "../../tensor/dtype.js";
import type { LinearMemory } from "./memory.js";

const ALIGN = 16;
const DEFAULT_CHUNK = 4 << 20;

interface Chunk {
  start: number;
  size: number;
  /** next free offset within the chunk */
  used: number;
  /** bytes at or above this offset are known to be zero */
  cleanFrom: number;
}

/**
 * A bump allocator handing out zero-filled, 16-byte aligned typed-array views into the wasm
 * memory, so kernels read and write tensors in place (no copies across the JS/wasm boundary).
 * Space comes in chunks reserved from the memory; a request larger than a chunk gets its own.
 *
 * Used two ways (see WasmBackend.arena / .persistent):
 * - as a per-step arena: `reset()` makes all its space reusable at once. **Every view handed out
 *   before a reset is invalid afterwards**: its bytes will be handed out again and overwritten.
 * - as persistent storage (parameters, gradients, optimizer state): never reset; `release()`
 *   frees everything when the model is dropped.
 */
export class WasmBumpAllocator implements Allocator {
  private readonly chunks: Chunk[] = [];
  private current = 0;
  private readonly chunkBytes: number;

  constructor(
    private readonly mem: LinearMemory,
    options: { chunkBytes?: number } = {},
  ) {
    this.chunkBytes = Math.max(ALIGN, options.chunkBytes ?? DEFAULT_CHUNK);
  }

  alloc(dtype: DType, n: number, uninitialized = false): Storage {
    const bytes = Math.ceil((n * BYTES_PER_ELEMENT[dtype]) / ALIGN) * ALIGN;
    const chunk = this.chunkFor(bytes);
    const offset = chunk.used;
    chunk.used += bytes;
    const start = chunk.start + offset;
    if (!uninitialized && offset < chunk.cleanFrom) this.mem.zero(start, Math.min(bytes, chunk.cleanFrom - offset));
    chunk.cleanFrom = Math.max(chunk.cleanFrom, chunk.used);
    return storageView(this.mem.buffer, dtype, start, n);
  }

  private chunkFor(bytes: number): Chunk {
    for (; this.current < this.chunks.length; this.current++) {
      const c = this.chunks[this.current];
      if (c.size - c.used >= bytes) return c;
    }
    const size = Math.max(this.chunkBytes, bytes);
    const start = this.mem.reserve(size, true);
    const chunk: Chunk = { start, size, used: 0, cleanFrom: 0 };
    this.chunks.push(chunk);
    this.current = this.chunks.length - 1;
    return chunk;
  }

  /** Makes all space reusable. Views handed out before are invalid from now on. */
  reset(): void {
    for (const c of this.chunks) c.used = 0;
    this.current = 0;
  }

  /** Returns all chunks to the wasm memory. Views handed out before are invalid from now on. */
  release(): void {
    for (const c of this.chunks) this.mem.release(c.start);
    this.chunks.length = 0;
    this.current = 0;
  }

  /** Bytes handed out since the last reset (including alignment padding). */
  get bytesUsed(): number {
    let s = 0;
    for (const c of this.chunks) s += c.used;
    return s;
  }

  /** Bytes of wasm memory this allocator holds. */
  get bytesReserved(): number {
    let s = 0;
    for (const c of this.chunks) s += c.size;
    return s;
  }
}
