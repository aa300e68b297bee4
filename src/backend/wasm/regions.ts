/**
 * Book-keeping of which byte ranges of the linear memory one thread owns: a first-fit free list
 * over [start, top) that coalesces neighbours and hands space back to `top` when the last block
 * is freed. Pure arithmetic (no memory access), so the policy is easy to test. Regions are few
 * and large (allocator chunks, workspaces, copy scratch), so a sorted array is plenty.
 * Space between ranges owned by other threads is skipped with `skipTo`.
 */
export const REGION_ALIGN = 64;

export const alignUp = (x: number, a: number): number => Math.ceil(x / a) * a;

export class RegionList {
  /** End of the highest region handed out and not yet given back. */
  top: number;
  /** Everything at or above this address has never been handed out, so it is still zero. */
  private pristine: number;
  private readonly free: { start: number; size: number }[] = [];
  private readonly sizes = new Map<number, number>();

  constructor(start: number) {
    this.top = alignUp(start, REGION_ALIGN);
    this.pristine = this.top;
  }

  /**
   * A region of at least `bytes`. Returns its start and whether it may hold bytes a previous
   * owner left (`dirty`); otherwise it is memory no one has used yet, still zero.
   */
  take(bytes: number, limit = Infinity): { start: number; dirty: boolean } | null {
    const size = alignUp(Math.max(bytes, 1), REGION_ALIGN);
    for (let i = 0; i < this.free.length; i++) {
      const f = this.free[i];
      if (f.size < size) continue;
      const start = f.start;
      if (f.size === size) this.free.splice(i, 1);
      else {
        f.start += size;
        f.size -= size;
      }
      this.sizes.set(start, size);
      return { start, dirty: true };
    }
    if (this.top + size > limit) return null;
    const start = this.top;
    this.top += size;
    this.sizes.set(start, size);
    const dirty = start < this.pristine;
    this.pristine = Math.max(this.pristine, this.top);
    return { start, dirty };
  }

  /** Gives a region back; unknown starts throw (a double free would corrupt the list). */
  give(start: number): void {
    const size = this.sizes.get(start);
    if (size === undefined) throw new Error(`wasm memory: no region starts at ${start}`);
    this.sizes.delete(start);
    let i = 0;
    while (i < this.free.length && this.free[i].start < start) i++;
    this.free.splice(i, 0, { start, size });
    // merge with the next, then the previous neighbour
    if (i + 1 < this.free.length && this.free[i].start + this.free[i].size === this.free[i + 1].start) {
      this.free[i].size += this.free[i + 1].size;
      this.free.splice(i + 1, 1);
    }
    if (i > 0 && this.free[i - 1].start + this.free[i - 1].size === this.free[i].start) {
      this.free[i - 1].size += this.free[i].size;
      this.free.splice(i, 1);
      i--;
    }
    const last = this.free[this.free.length - 1];
    if (last && last.start + last.size === this.top) {
      this.top = last.start;
      this.free.pop();
    }
  }

  /**
   * Continues at `addr` (> top): [top, end) stays ours as free space, [end, addr) belongs to
   * someone else (another thread grew the memory in between), fresh space starts at addr.
   */
  skipTo(addr: number, end: number): void {
    if (addr <= this.top) return;
    if (end > this.top) {
      this.sizes.set(this.top, end - this.top);
      const start = this.top;
      this.top = addr;
      this.give(start); // merges with free neighbours below
    } else {
      this.top = addr;
    }
    this.pristine = Math.max(this.pristine, addr);
  }

  sizeOf(start: number): number | undefined {
    return this.sizes.get(start);
  }

  /** Bytes currently handed out. */
  get inUse(): number {
    let s = 0;
    for (const v of this.sizes.values()) s += v;
    return s;
  }
}
