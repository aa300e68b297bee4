import { MT19937, type MT19937State } from "./mt19937.js";

/** `default_rng_seed_val` in ATen: the seed of torch's default CPU generator. */
export const DEFAULT_SEED = 67280421310721n;

const UINT64_RANGE = 1n << 64n;
const INT64_MIN = -(1n << 63n);

/** Everything a `Generator` holds, as plain JSON: restoring it continues the stream bit for bit. */
export interface GeneratorState {
  /** The full 64-bit seed as a decimal string (only its low 32 bits reached the engine). */
  seed: string;
  engine: MT19937State;
  /**
   * The cached second Box-Muller sample (`next_double_normal_sample_`), or null. JSON turns -0
   * into 0 here; that only shows if a later normal_ is asked for mean = -0.
   */
  nextDoubleNormalSample: number | null;
}

/** Seeds are 64-bit: PyTorch accepts [-2^63, 2^64) and reinterprets negatives as uint64. */
function toUint64Seed(seed: number | bigint): bigint {
  if (typeof seed === "number" && !Number.isInteger(seed)) {
    throw new RangeError(`seed must be an integer, got ${seed}`);
  }
  const s = BigInt(seed);
  if (s < INT64_MIN || s >= UINT64_RANGE) {
    throw new RangeError(`seed must be in [-2^63, 2^64), got ${s}`);
  }
  return s < 0n ? s + UINT64_RANGE : s;
}

/**
 * PyTorch's `CPUGeneratorImpl`: an mt19937 engine plus the cached double normal sample that
 * `normal_distribution<double>` leaves behind. The draw methods are the primitives every
 * distribution is built from; their word consumption is what keeps streams aligned with torch.
 */
export class Generator {
  private readonly engine = new MT19937();
  private seed = DEFAULT_SEED;
  private nextDoubleNormal: number | null = null;

  constructor(seed: number | bigint = DEFAULT_SEED) {
    this.manualSeed(seed);
  }

  /** `manual_seed`: rebuilds the engine from the low 32 bits and clears the normal cache. */
  manualSeed(seed: number | bigint): this {
    this.seed = toUint64Seed(seed);
    this.engine.seed(Number(this.seed & 0xffffffffn));
    this.nextDoubleNormal = null;
    return this;
  }

  /** The seed as given (all 64 bits, negatives as their uint64 reinterpretation). */
  initialSeed(): bigint {
    return this.seed;
  }

  /** One 32-bit word: `random()`. */
  random(): number {
    return this.engine.nextUint32();
  }

  /** `random64()`: two words, the first one the high half. For rare wide-range paths only. */
  random64(): bigint {
    const high = this.engine.nextUint32();
    const low = this.engine.nextUint32();
    return (BigInt(high) << 32n) | BigInt(low);
  }

  /** out.length calls of `random()`, in one loop: for kernels that consume words in bulk. */
  randomFill(out: Uint32Array): void {
    this.engine.fillUint32(out);
  }

  /** The engine handed to a bulk-drawing kernel raw (MT19937.advanceRaw): its words and outputs used. */
  advanceRaw(advance: (state: Int32Array, taken: number) => number): this {
    this.engine.advanceRaw(advance);
    return this;
  }

  /** Skips n 32-bit words of the stream, as if that many `random()` calls had been made. */
  discard(words: number): this {
    this.engine.discard(words);
    return this;
  }

  /** `uniform_real_distribution<float>(0, 1)`: the low 24 bits of one word, times 2^-24. */
  nextFloat32Uniform(): number {
    return (this.engine.nextUint32() & 0xffffff) * 2 ** -24;
  }

  /** `uniform_real_distribution<double>(0, 1)`: the low 53 bits of `random64()`, times 2^-53. */
  nextFloat64Uniform(): number {
    const high = this.engine.nextUint32();
    const low = this.engine.nextUint32();
    return ((high & 0x1fffff) * 4294967296 + low) * 2 ** -53;
  }

  /** `next_double_normal_sample()`: the cached Box-Muller sine sample, or null. */
  nextDoubleNormalSample(): number | null {
    return this.nextDoubleNormal;
  }

  setNextDoubleNormalSample(sample: number | null): void {
    this.nextDoubleNormal = sample;
  }

  getState(): GeneratorState {
    return {
      seed: this.seed.toString(),
      engine: this.engine.getState(),
      nextDoubleNormalSample: this.nextDoubleNormal,
    };
  }

  setState(state: GeneratorState): this {
    if (typeof state !== "object" || state === null) throw new Error("generator state must be an object");
    const cache = state.nextDoubleNormalSample;
    if (cache !== null && typeof cache !== "number") {
      throw new Error(`generator state has a non-numeric normal sample cache: ${String(cache)}`);
    }
    if (typeof state.seed !== "string" || !/^\d+$/.test(state.seed)) {
      throw new Error(`generator state seed must be a decimal string, got ${String(state.seed)}`);
    }
    const seed = toUint64Seed(BigInt(state.seed));
    this.engine.setState(state.engine); // validates before anything is overwritten
    this.seed = seed;
    this.nextDoubleNormal = cache;
    return this;
  }
}

/** torch's default CPU generator: used by nn init and by every op called without a generator. */
export const defaultGenerator = new Generator(DEFAULT_SEED);

/** `torch.manual_seed`: reseeds the default generator and returns it. */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}
