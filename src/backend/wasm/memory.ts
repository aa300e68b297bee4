import { RegionList, REGION_ALIGN } from "./regions.js";

const PAGE = 65536;
/** wasm32's limit (4 GiB); the kernel module declares its memory import with this maximum. */
export const MAX_PAGES = 65536;
/** Bytes always kept free above the highest region, so no kernel access can run off the end. */
const GUARD = 256;

/** Thrown when a view into wasm memory is used after the (non-shared) memory grew. */
export class DetachedViewError extends Error {
  constructor() {
    super(
      "wasm memory: this array is a view into the wasm memory from before it grew; non-shared " +
        "WebAssembly memory detaches old views on growth (use a shared memory, i.e. a " +
        "cross-origin-isolated page, or reserve more memory up front)",
    );
  }
}

export interface LinearMemoryOptions {
  /** Initial size in bytes (rounded up to whole 64 KiB pages). */
  initialBytes?: number;
  /** Create a shared memory when SharedArrayBuffer exists (default true). */
  shared?: boolean;
  /**
   * Use this existing memory (e.g. posted to a worker thread) instead of creating one. This
   * thread then owns no space in it yet: every region it reserves comes from growing it.
   */
  attach?: WebAssembly.Memory;
}

/**
 * Sizes tried, largest first, for a memory that cannot be shared and was given no size (a page that is not
 * cross-origin isolated): growing it detaches every view into it, the model's weights among
 * them, so it starts big enough for a whole run. The engine only reserves the address space;
 * pages are backed as they are touched.
 */
const UNSHARED_PAGES = [(1 << 30) / PAGE, (512 << 20) / PAGE, (256 << 20) / PAGE];

function unsharedMemory(initial: number): WebAssembly.Memory {
  for (const pages of UNSHARED_PAGES) {
    if (pages <= initial) break;
    try {
      return new WebAssembly.Memory({ initial: pages, maximum: MAX_PAGES });
    } catch {
      // not that much address space here: try less
    }
  }
  return new WebAssembly.Memory({ initial, maximum: MAX_PAGES });
}

/**
 * One thread's handle on the process's WebAssembly.Memory, plus everything that must know its
 * current buffer: region book-keeping, growth, whole-memory views for copies, and the set of
 * buffer objects views were ever made of (so a typed array can be recognised as living in wasm
 * memory).
 *
 * Threads: several handles (one per thread) may share one memory. Each owns the regions it
 * reserved; new space comes from `memory.grow`, which is atomic and returns where the new pages
 * start, so two threads never hand out the same bytes.
 *
 * Growth: a shared memory never detaches; after `grow`, `memory.buffer` is a *new*
 * SharedArrayBuffer object aliasing the same bytes, so every buffer object handed out stays a
 * valid way in. A non-shared memory detaches its old ArrayBuffer: views made before a growth
 * become unusable, and `owns` throws DetachedViewError when it meets one.
 */
export class LinearMemory {
  readonly memory: WebAssembly.Memory;
  readonly shared: boolean;
  private readonly regions: RegionList;
  /** end of the space this handle accounts for: all of it is ours above `regions`' start */
  private ownedEnd: number;
  private buf!: ArrayBufferLike;
  private readonly known = new Set<ArrayBufferLike>();
  f32!: Float32Array;
  i32!: Int32Array;
  u8!: Uint8Array;
  f64!: Float64Array;

  constructor(heapBase: number, options: LinearMemoryOptions = {}) {
    if (options.attach) {
      this.memory = options.attach;
      this.shared = typeof SharedArrayBuffer !== "undefined" && options.attach.buffer instanceof SharedArrayBuffer;
      this.ownedEnd = this.memory.buffer.byteLength;
      this.regions = new RegionList(this.ownedEnd);
    } else {
      const wantShared = options.shared !== false && typeof SharedArrayBuffer !== "undefined";
      const initial = Math.max(1, Math.ceil((options.initialBytes ?? 16 << 20) / PAGE));
      let memory: WebAssembly.Memory | null = null;
      if (wantShared) {
        try {
          memory = new WebAssembly.Memory({ initial, maximum: MAX_PAGES, shared: true });
        } catch {
          memory = null; // e.g. a page that is not cross-origin isolated
        }
      }
      this.shared = memory !== null;
      this.memory = memory ?? (options.initialBytes === undefined ? unsharedMemory(initial) : new WebAssembly.Memory({ initial, maximum: MAX_PAGES }));
      this.ownedEnd = this.memory.buffer.byteLength;
      this.regions = new RegionList(heapBase);
    }
    this.refresh();
  }

  /** The current buffer; re-reads it if the memory grew (possibly through another thread). */
  get buffer(): ArrayBufferLike {
    if (this.buf.byteLength !== this.memory.buffer.byteLength || this.buf !== this.memory.buffer) this.refresh();
    return this.buf;
  }

  private refresh(): void {
    this.buf = this.memory.buffer;
    this.known.add(this.buf);
    this.f32 = new Float32Array(this.buf);
    this.i32 = new Int32Array(this.buf);
    this.u8 = new Uint8Array(this.buf);
    // addresses reach 2³², so no signed `>>` on them anywhere (that turns ≥ 2 GiB negative)
    this.f64 = new Float64Array(this.buf, 0, Math.floor(this.buf.byteLength / 8));
  }

  /**
   * Whether `a` is a view into this memory (so its byteOffset is its address). Throws
   * DetachedViewError for a view made before a non-shared memory grew.
   */
  owns(a: ArrayBufferView): boolean {
    const b = a.buffer;
    if (b === this.buf) return true;
    if (!this.known.has(b)) {
      if (b !== this.memory.buffer) return false;
      this.refresh(); // grown by another thread since we last looked
      return true;
    }
    if (this.shared) return true;
    if (b === this.memory.buffer) {
      this.refresh();
      return true;
    }
    throw new DetachedViewError();
  }

  /**
   * A 64-byte aligned region of at least `bytes`, growing the memory if needed. With `zero`,
   * the region reads as zeros (fresh memory already does; reused space is cleared).
   */
  reserve(bytes: number, zero: boolean): number {
    let r = this.regions.take(bytes, this.ownedEnd - GUARD);
    if (!r) {
      this.grow(bytes); // leaves room for `bytes` above our top, or throws
      r = this.regions.take(bytes, this.ownedEnd - GUARD);
      if (!r) throw new Error(`wasm memory: no room for ${bytes} bytes after growing (region book-keeping is off)`);
    }
    if (zero && r.dirty) this.zero(r.start, this.regions.sizeOf(r.start) ?? bytes);
    return r.start;
  }

  /**
   * Zeroes [start, start + bytes). Word-wide fills where the range allows: on a shared buffer a
   * Uint8Array fill runs byte by byte (~3 GB/s), a Float64Array fill about 8 times faster.
   */
  zero(start: number, bytes: number): void {
    const end = start + bytes;
    const a = Math.min(end, Math.ceil(start / 8) * 8);
    const b = Math.max(a, Math.floor(end / 8) * 8);
    if (a > start) this.u8.fill(0, start, a);
    if (b > a) this.f64.fill(0, a / 8, b / 8);
    if (end > b) this.u8.fill(0, b, end);
  }

  /** Gives a region from `reserve` back. */
  release(start: number): void {
    this.regions.give(start);
  }

  /** Bytes currently reserved. */
  get bytesReserved(): number {
    return this.regions.inUse;
  }

  /**
   * Grows the memory so that `bytes` more fit above our top (geometrically, to grow rarely).
   * A request that cannot fit under wasm32's 4 GiB is refused before growing at all.
   */
  private grow(bytes: number): void {
    const have = this.memory.buffer.byteLength / PAGE;
    const needBytes = this.regions.top + bytes + GUARD + REGION_ALIGN - this.ownedEnd;
    const need = Math.ceil(Math.max(needBytes, bytes + GUARD + REGION_ALIGN) / PAGE);
    if (!(need <= MAX_PAGES - have)) {
      throw new RangeError(
        `wasm memory: cannot reserve ${sizeText(bytes)}: the memory already spans ${sizeText(have * PAGE)} of ` +
          "wasm32's 4 GiB (use a smaller model or batch, or MAKEMORE_BACKEND=js)",
      );
    }
    // a non-shared memory detaches every outstanding view on each growth: fewer growths, fewer breaks
    const want = Math.min(MAX_PAGES - have, Math.max(need, Math.ceil(have * 0.5)));
    let old: number;
    let got = want;
    try {
      old = this.memory.grow(want);
    } catch {
      try {
        got = need;
        old = this.memory.grow(need);
      } catch (e) {
        throw new RangeError(`wasm memory: cannot grow by ${sizeText(need * PAGE)} beyond ${sizeText(have * PAGE)}: ${(e as Error).message}`);
      }
    }
    const start = old * PAGE;
    // another thread grew it since we last looked: the pages in between are theirs
    if (start !== this.ownedEnd) this.regions.skipTo(start, this.ownedEnd);
    this.ownedEnd = start + got * PAGE; // not buffer.byteLength: another thread may grow it again
    this.refresh();
  }
}

function sizeText(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  if (bytes >= 2 ** 20) return `${Math.round(bytes / 2 ** 20)} MiB`;
  return `${bytes} bytes`;
}
