/**
 * The 32-bit Mersenne Twister exactly as ATen's `at::mt19937` (MT19937RNGEngine.h): Matsumoto and
 * Nishimura's `init_genrand` seeding, the whole state regenerated lazily on the first draw after
 * 624 outputs, and the standard tempering. Its outputs equal C++'s `std::mt19937(seed)`.
 */

export const MT19937_STATE_SIZE = 624;
const STATE_SIZE = MT19937_STATE_SIZE;
const SHIFT = 397;
// int32 spellings: V8 keeps int32 values unboxed, while uint32s above 2^31 become doubles
const MATRIX_A = 0x9908b0df | 0;
const UPPER_MASK = 0x80000000 | 0;
const LOWER_MASK = 0x7fffffff;

/** The tempering of one state word into an output, as an int32 bit pattern. */
export function mt19937Temper(word: number): number {
  let y = word;
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  return y ^ (y >>> 18);
}

/** The twist: every word of the state is replaced, reading already-updated words once k wraps. */
export function mt19937Twist(s: Int32Array): void {
  let k = 0;
  for (; k < STATE_SIZE - SHIFT; k++) {
    const y = (s[k] & UPPER_MASK) | (s[k + 1] & LOWER_MASK);
    s[k] = s[k + SHIFT] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  }
  for (; k < STATE_SIZE - 1; k++) {
    const y = (s[k] & UPPER_MASK) | (s[k + 1] & LOWER_MASK);
    s[k] = s[k + SHIFT - STATE_SIZE] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  }
  const y = (s[STATE_SIZE - 1] & UPPER_MASK) | (s[0] & LOWER_MASK);
  s[STATE_SIZE - 1] = s[SHIFT - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
}

/**
 * Skips n outputs of a raw engine whose state has `taken` outputs used up (624: none left):
 * only the regenerations run. Returns the new `taken`.
 */
export function mt19937DiscardRaw(state: Int32Array, taken: number, n: number): number {
  while (n > 0) {
    if (taken === STATE_SIZE) (mt19937Twist(state), (taken = 0));
    const skip = Math.min(n, STATE_SIZE - taken);
    taken += skip;
    n -= skip;
  }
  return taken;
}

/** A JSON-able snapshot of the engine: `left`/`next` are ATen's `left_`/`next_` counters. */
export interface MT19937State {
  state: number[];
  left: number;
  next: number;
}

export class MT19937 {
  /** the 624 words as int32 bit patterns (read them with >>> 0) */
  private readonly state = new Int32Array(STATE_SIZE);
  /** Outputs left before the next regeneration, plus one (ATen pre-decrements). */
  private left = 1;
  private next = 0;

  constructor(seed32 = 5489) {
    this.seed(seed32);
  }

  /** `init_with_uint32`: only the low 32 bits of `seed32` are used. */
  seed(seed32: number): void {
    const s = this.state;
    s[0] = seed32;
    for (let j = 1; j < STATE_SIZE; j++) {
      const prev = s[j - 1];
      s[j] = Math.imul(1812433253, prev ^ (prev >>> 30)) + j;
    }
    // left = 1 makes the very first draw regenerate the state, as ATen does.
    this.left = 1;
    this.next = 0;
  }

  /** One tempered 32-bit output, as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    if (--this.left === 0) this.regenerate();
    return mt19937Temper(this.state[this.next++]) >>> 0;
  }

  /** The next out.length outputs, as nextUint32 would give them one by one, in one tight loop. */
  fillUint32(out: Uint32Array): void {
    const s = this.state;
    const n = out.length;
    let i = 0;
    while (i < n) {
      if (this.left === 1) {
        this.regenerate();
        this.left++; // the loop below takes the first output of the fresh state like the others
      }
      const take = Math.min(n - i, this.left - 1);
      let k = this.next;
      for (const end = i + take; i < end; i++) {
        out[i] = mt19937Temper(s[k++]);
      }
      this.next = k;
      this.left -= take;
    }
  }

  /**
   * Advances past n outputs without computing them (`std::mersenne_twister_engine::discard`):
   * only the regenerations cost anything, so skipping a stream is about 600 times cheaper than
   * drawing it.
   */
  discard(n: number): void {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`discard expects a non-negative integer, got ${n}`);
    if (n > 0) this.advanceRaw((state, taken) => mt19937DiscardRaw(state, taken, n));
  }

  getState(): MT19937State {
    return { state: Array.from(this.state, (w) => w >>> 0), left: this.left, next: this.next };
  }

  setState(snapshot: MT19937State): void {
    const { state, left, next } = snapshot;
    if (!Array.isArray(state) || state.length !== STATE_SIZE) {
      throw new Error(`mt19937 state must hold ${STATE_SIZE} words, got ${Array.isArray(state) ? state.length : typeof state}`);
    }
    // A consistent engine always has left + next == 625 (or the freshly seeded left=1, next=0).
    const consistent = (left === 1 && next === 0) || (Number.isInteger(left) && left >= 1 && left <= STATE_SIZE && left + next === STATE_SIZE + 1);
    if (!consistent) throw new Error(`mt19937 state has inconsistent counters left=${left}, next=${next}`);
    const bad = state.findIndex((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff);
    if (bad >= 0) throw new Error(`mt19937 state word ${bad} is not a uint32: ${state[bad]}`);
    this.state.set(state);
    this.left = left;
    this.next = next;
  }

  /**
   * Runs `advance` on the raw engine (a kernel that draws in bulk): it gets the 624 words and how
   * many outputs of them are used up (624: none left, so it regenerates first), updates the words
   * in place and returns the new count. Call it only to draw something: a fresh engine that
   * drew nothing would still come back as next = 624 instead of 0.
   */
  advanceRaw(advance: (state: Int32Array, taken: number) => number): void {
    const taken = advance(this.state, STATE_SIZE + 1 - this.left);
    if (!(Number.isInteger(taken) && taken >= 1 && taken <= STATE_SIZE)) throw new Error(`mt19937: a raw draw left ${taken} outputs taken`);
    this.left = STATE_SIZE + 1 - taken;
    this.next = taken;
  }

  private regenerate(): void {
    mt19937Twist(this.state);
    this.left = STATE_SIZE;
    this.next = 0;
  }
}
