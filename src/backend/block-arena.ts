import type { Allocator } from "../tensor/storage.js";
import { type DType, type Storage, BYTES_PER_ELEMENT, storageView } from "../tensor/dtype.js";
import { activeBackend } from "./backend.js";

const ALIGN = 16;
const CHUNK = 4 << 20;

interface Chunk {
  /** bytes from the start of `buffer()` */
  base: number;
  size: number;
  used: number;
  buffer: () => ArrayBufferLike;
}

/** A position in the arena: everything allocated after it can be dropped at once. */
export interface ArenaMark {
  chunk: number;
  used: number;
  /** allocations logged before it */
  logged: number;
}

/**
 * A stack-shaped bump allocator for one block's activations (block-memory.ts): `mark()` and
 * `rewind()` drop a block's tensors at once, `advanceTo()` takes the same bytes back later, so
 * views handed out before are valid again at the same addresses once their contents are
 * restored. Chunks come from the backend (wasm memory under the wasm kernels, so they work in
 * place; ArrayBuffers on the JS heap) and are kept for reuse. Every allocation is logged, so a
 * block's tensors can be packed (to 16 bits) and unpacked without knowing who holds them.
 */
export class BlockArena implements Allocator {
  private readonly chunks: Chunk[] = [];
  private current = 0;
  private readonly log: Storage[] = [];
  /** the most bytes held at once since the last resetPeak() */
  peakBytes = 0;

  alloc(dtype: DType, n: number, uninitialized = false): Storage {
    const bytes = Math.ceil((n * BYTES_PER_ELEMENT[dtype]) / ALIGN) * ALIGN;
    const c = this.chunkFor(bytes);
    const view = storageView(c.buffer(), dtype, c.base + c.used, n);
    c.used += bytes;
    if (!uninitialized) view.fill(0);
    this.log.push(view);
    this.peakBytes = Math.max(this.peakBytes, this.bytesUsed);
    return view;
  }

  mark(): ArenaMark {
    return { chunk: this.current, used: this.chunks[this.current]?.used ?? 0, logged: this.log.length };
  }

  /** Frees everything allocated after `m`: those views must not be read until advanceTo() and a restore. */
  rewind(m: ArenaMark): void {
    for (let i = m.chunk + 1; i < this.chunks.length; i++) this.chunks[i].used = 0;
    if (this.chunks[m.chunk]) this.chunks[m.chunk].used = m.used;
    this.current = m.chunk;
    this.log.length = m.logged;
  }

  /** Takes back the bytes up to `m` (from a mark at or below it), as they were handed out before. */
  advanceTo(m: ArenaMark): void {
    for (let i = this.current; i < m.chunk; i++) this.chunks[i].used = this.chunks[i].size;
    if (this.chunks[m.chunk]) this.chunks[m.chunk].used = m.used;
    this.current = m.chunk;
    this.peakBytes = Math.max(this.peakBytes, this.bytesUsed);
  }

  /** The views handed out since `m`, in order. */
  loggedSince(m: ArenaMark): Storage[] {
    return this.log.slice(m.logged);
  }

  get bytesUsed(): number {
    let s = 0;
    for (let i = 0; i <= this.current && i < this.chunks.length; i++) s += this.chunks[i].used;
    return s;
  }

  private chunkFor(bytes: number): Chunk {
    for (; this.current < this.chunks.length; this.current++) {
      const c = this.chunks[this.current];
      if (c.size - c.used >= bytes) return c;
      // a later chunk starts empty: what this one could not fit stays unused until the rewind
    }
    const c = newChunk(Math.max(CHUNK, bytes));
    this.chunks.push(c);
    this.current = this.chunks.length - 1;
    return c;
  }
}

function newChunk(size: number): Chunk {
  const backend = activeBackend();
  const memory = backend.memory;
  if (memory) {
    // from the backend's long-lived space, seen through the memory's current buffer (the wasm
    // kernels use such views in place, and a shared memory's growth leaves them valid)
    const view = backend.persistent.alloc("float32", size / 4, true);
    return { base: view.byteOffset, size, used: 0, buffer: () => memory.buffer };
  }
  const ab = new ArrayBuffer(size);
  return { base: 0, size, used: 0, buffer: () => ab };
}

let arena: BlockArena | null = null;
let arenaBackend: unknown = null;

/** This thread's block arena for the active backend (one per thread: each worker has its own). */
export function blockArena(): BlockArena {
  const b = activeBackend();
  if (!arena || arenaBackend !== b) {
    arena = new BlockArena();
    arenaBackend = b;
  }
  return arena;
}
