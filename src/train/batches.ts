import { Generator, defaultGenerator, type GeneratorState } from "../random/generator.js";
import { randintFill } from "../random/distributions.js";
import type { CharDataset } from "../data/dataset.js";
import { Tensor } from "../tensor/tensor.js";

/** `torch.empty((), dtype=torch.int64).random_()`: how torch.utils.data seeds itself (random64 mod 2^63). */
export function drawLoaderSeed(g: Generator = defaultGenerator): bigint {
  return g.random64() & ((1n << 63n) - 1n);
}

const CHUNK = 32; // RandomSampler(replacement=True) draws its indices 32 at a time

export interface BatchStreamState {
  generator: GeneratorState;
  pending: number[];
}

/**
 * The index stream of makemore's InfiniteDataLoader (RandomSampler with replacement): creating
 * the iterator draws a base seed and then the sampler's own seed from the default generator;
 * indices then come from randint(n) in chunks of 32 on the sampler's generator.
 */
export class BatchStream {
  readonly generator: Generator;
  private pending: number[] = [];
  private readonly chunk = new Int32Array(CHUNK);

  constructor(
    readonly data: CharDataset,
    readonly batchSize: number,
  ) {
    drawLoaderSeed(); // _BaseDataLoaderIter._base_seed
    this.generator = new Generator().manualSeed(drawLoaderSeed());
  }

  nextIndices(): number[] {
    while (this.pending.length < this.batchSize) {
      randintFill(this.generator, this.chunk, 0, this.data.length);
      for (let i = 0; i < CHUNK; i++) this.pending.push(this.chunk[i]);
    }
    return this.pending.splice(0, this.batchSize);
  }

  next(): { x: Tensor; y: Tensor } {
    return this.data.batch(this.nextIndices());
  }

  /** The next batch into reusable (B, T) tensors (the training loop's: no allocation per step). */
  nextInto(batch: { x: Tensor; y: Tensor }): void {
    this.data.batchInto(this.nextIndices(), batch.x.i32(), batch.y.i32());
  }

  /** Tensors for nextInto. */
  buffers(): { x: Tensor; y: Tensor } {
    const T = this.data.blockSize;
    const B = this.batchSize;
    return { x: new Tensor(new Int32Array(B * T), [B, T]), y: new Tensor(new Int32Array(B * T), [B, T]) };
  }

  getState(): BatchStreamState {
    return { generator: this.generator.getState(), pending: this.pending.slice() };
  }

  setState(s: BatchStreamState): void {
    this.generator.setState(s.generator);
    this.pending = s.pending.slice();
  }
}
