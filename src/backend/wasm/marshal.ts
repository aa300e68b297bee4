import type { LinearMemory } from "./memory.js";

type Arr = Float32Array | Int32Array;

const INITIAL_SCRATCH = 1 << 20;

/**
 * Turns kernel arguments into wasm addresses. An array that is a view into the wasm memory is
 * passed in place (its byteOffset); any other array is copied into a reusable scratch region
 * (inputs and accumulated outputs before the call) and results are copied back afterwards.
 *
 * One call at a time: `begin()`, then `input` / `output` / `inout` per array, the wasm call,
 * then `end()`. Nothing is allocated when every array already lives in wasm memory.
 */
export class Marshal {
  private scratch = 0;
  private scratchSize = 0;
  private used = 0;
  /** extra scratch regions taken during a call that outgrew `scratch`; merged at end() */
  private readonly overflow: number[] = [];
  private overflowUsed = 0;
  private overflowSize = 0;
  private readonly pendingArr: Arr[] = [];
  private readonly pendingPtr: number[] = [];
  private readonly pendingLen: number[] = [];
  private pending = 0;

  constructor(private readonly mem: LinearMemory) {}

  begin(): void {
    if (this.overflow.length > 0) this.mergeOverflow(); // a previous call threw before end()
    this.used = 0;
    this.pending = 0;
  }

  /** Address of `a`'s first n values for the kernel to read. */
  input(a: Arr, n: number): number {
    if (this.mem.owns(a)) return a.byteOffset;
    const p = this.take(n);
    this.copyIn(a, p, n);
    return p;
  }

  /** Address for the kernel to write n values of `a` (overwritten, not read). */
  output(a: Arr, n: number): number {
    if (this.mem.owns(a)) return a.byteOffset;
    const p = this.take(n);
    this.later(a, p, n);
    return p;
  }

  /** Address for the kernel to read and update n values of `a` (a += … outputs). */
  inout(a: Arr, n: number): number {
    if (this.mem.owns(a)) return a.byteOffset;
    const p = this.take(n);
    this.copyIn(a, p, n);
    this.later(a, p, n);
    return p;
  }

  /** `output`, with null as address 0 (the kernels' "skip this output"). */
  optionalOutput(a: Arr | null, n: number): number {
    return a === null ? 0 : this.output(a, n);
  }

  optionalInout(a: Arr | null, n: number): number {
    return a === null ? 0 : this.inout(a, n);
  }

  optionalInput(a: Arr | null, n: number): number {
    return a === null ? 0 : this.input(a, n);
  }

  /** Raw scratch of n floats (kernel-internal temporaries). */
  temp(n: number): number {
    return this.take(n);
  }

  /** Copies outputs back to their JS arrays and settles the scratch for the next call. */
  end(): void {
    const mem = this.mem;
    for (let i = 0; i < this.pending; i++) {
      const a = this.pendingArr[i];
      const p = this.pendingPtr[i] / 4; // an address may be ≥ 2³¹: no signed shift
      const n = this.pendingLen[i];
      if (a instanceof Float32Array) a.set(mem.f32.subarray(p, p + n));
      else a.set(mem.i32.subarray(p, p + n));
      this.pendingArr[i] = undefined as unknown as Arr; // do not keep the caller's array alive
    }
    this.pending = 0;
    if (this.overflow.length > 0) this.mergeOverflow();
  }

  private later(a: Arr, p: number, n: number): void {
    this.pendingArr[this.pending] = a;
    this.pendingPtr[this.pending] = p;
    this.pendingLen[this.pending] = n;
    this.pending++;
  }

  private copyIn(a: Arr, p: number, n: number): void {
    const src = a.length > n ? a.subarray(0, n) : a;
    if (a instanceof Float32Array) this.mem.f32.set(src, p / 4);
    else this.mem.i32.set(src as Int32Array, p / 4);
  }

  /** n 4-byte values of scratch, 16-byte aligned. */
  private take(n: number): number {
    const bytes = Math.ceil((n * 4) / 16) * 16 + 16;
    if (this.used + bytes <= this.scratchSize) {
      const p = this.scratch + this.used;
      this.used += bytes;
      return p;
    }
    if (this.used === 0 && this.overflow.length === 0) {
      // nothing of this call lives in the scratch yet: replace it by a bigger one
      if (this.scratchSize > 0) this.mem.release(this.scratch);
      this.scratchSize = Math.max(INITIAL_SCRATCH, bytes, this.scratchSize * 2);
      this.scratch = this.mem.reserve(this.scratchSize, false);
      this.used = bytes;
      return this.scratch;
    }
    // earlier arguments of this call are in the scratch: keep them, take an extra region
    const p = this.mem.reserve(bytes, false);
    this.overflow.push(p);
    this.overflowSize += bytes;
    this.overflowUsed = Math.max(this.overflowUsed, this.used);
    return p;
  }

  private mergeOverflow(): void {
    for (const p of this.overflow) this.mem.release(p);
    this.overflow.length = 0;
    this.mem.release(this.scratch);
    this.scratchSize = Math.max(this.scratchSize * 2, this.overflowUsed + this.overflowSize);
    this.scratch = this.mem.reserve(this.scratchSize, false);
    this.overflowSize = 0;
    this.overflowUsed = 0;
  }
}
