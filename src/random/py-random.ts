import { MT19937 } from "./mt19937.js";

const N = 624;

/**
 * Python's `random.Random`, for what the lectures call: `seed(int)`, `random()`,
 * `getrandbits(k)`, `_randbelow(n)` and `shuffle(x)`, with CPython's exact algorithms, so
 * `random.seed(42); random.shuffle(words)` gives the notebooks' train/dev/test split.
 * The engine is the same MT19937 as torch's; only the seeding (init_by_array) differs.
 */
export class PyRandom {
  private readonly engine = new MT19937();

  /** Without a seed, seeds from Math.random, as Python seeds from the OS when given none. */
  constructor(seed?: number | bigint) {
    this.seed(seed ?? BigInt(Math.floor(Math.random() * 2 ** 32)) * 2n ** 32n + BigInt(Math.floor(Math.random() * 2 ** 32)));
  }

  /**
   * `random.seed(a)` for an integer a: |a| split into 32-bit words, least significant first
   * (a single 0 word for a = 0), fed to MT19937's init_by_array.
   */
  seed(a: number | bigint): this {
    if (typeof a === "number" && !Number.isSafeInteger(a)) throw new RangeError(`PyRandom.seed: expected an integer (a bigint beyond 2^53), got ${a}`);
    let n = BigInt(a);
    if (n < 0n) n = -n;
    const key: number[] = [];
    do {
      key.push(Number(n & 0xffffffffn));
      n >>= 32n;
    } while (n > 0n);
    this.engine.setState({ state: initByArray(key), left: 1, next: 0 });
    return this;
  }

  /** `random()`: 53 bits from two words (27 + 26), in [0, 1). */
  random(): number {
    const a = this.engine.nextUint32() >>> 5;
    const b = this.engine.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** `getrandbits(k)`: k random bits; words fill from the least significant end, the last one cut to its top bits. */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`PyRandom.getrandbits: number of bits must be a non-negative integer, got ${k}`);
    if (k > 53) throw new RangeError(`PyRandom.getrandbits: at most 53 bits fit a JS number exactly, got ${k}`);
    if (k === 0) return 0;
    if (k <= 32) return this.engine.nextUint32() >>> (32 - k);
    const low = this.engine.nextUint32();
    const high = this.engine.nextUint32() >>> (64 - k);
    return high * 2 ** 32 + low;
  }

  /** `_randbelow(n)` (`_randbelow_with_getrandbits`): uniform in [0, n) by rejection on n.bit_length() bits. */
  randbelow(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`PyRandom.randbelow: n must be a positive integer below 2^53, got ${n}`);
    const k = bitLength(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** `shuffle(x)` in place: `for i in reversed(range(1, len(x))): j = _randbelow(i + 1); swap`. */
  shuffle<T>(x: T[]): T[] {
    for (let i = x.length - 1; i >= 1; i--) {
      const j = this.randbelow(i + 1);
      const t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
    return x;
  }
}

function bitLength(n: number): number {
  let k = 0;
  while (n >= 1) {
    n = Math.floor(n / 2);
    k++;
  }
  return k;
}

/** Matsumoto and Nishimura's init_by_array (mt19937ar.c), as CPython's _random calls it. */
function initByArray(key: readonly number[]): number[] {
  const mt = new Uint32Array(N);
  mt[0] = 19650218;
  for (let j = 1; j < N; j++) mt[j] = (Math.imul(1812433253, mt[j - 1] ^ (mt[j - 1] >>> 30)) + j) >>> 0;
  let i = 1;
  let j = 0;
  for (let k = Math.max(N, key.length); k > 0; k--) {
    const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
    mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
    i++;
    j++;
    if (i >= N) {
      mt[0] = mt[N - 1];
      i = 1;
    }
    if (j >= key.length) j = 0;
  }
  for (let k = N - 1; k > 0; k--) {
    const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
    mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
    i++;
    if (i >= N) {
      mt[0] = mt[N - 1];
      i = 1;
    }
  }
  mt[0] = 0x80000000; // MSB is 1, assuring a non-zero initial array
  return Array.from(mt);
}
