import { Tensor } from "../tensor/tensor.js";
import { codePoints } from "./words.js";
import type { Vocab } from "./vocab.js";

/**
 * makemore's CharDataset, pre-encoded: for a word w of length L and block size T,
 *   x = [0, w₁ … w_L, 0 …]   y = [w₁ … w_L, 0, -1 …]   (-1 is ignored by the loss)
 * X and Y are (N, T) int32 matrices.
 */
export class CharDataset {
  readonly X: Int32Array;
  readonly Y: Int32Array;

  constructor(readonly words: readonly string[], readonly vocab: Vocab, readonly blockSize: number) {
    const n = words.length;
    const T = blockSize;
    this.X = new Int32Array(n * T);
    this.Y = new Int32Array(n * T).fill(-1);
    words.forEach((w, j) => {
      const ix = vocab.encode(w);
      if (ix.length + 1 > T) throw new Error(`word ${JSON.stringify(w)} is longer than the block size allows (${T - 1})`);
      const row = j * T;
      this.X.set(ix, row + 1);
      this.Y.set(ix, row);
      this.Y[row + ix.length] = 0;
    });
  }

  get length(): number {
    return this.words.length;
  }

  contains(word: string): boolean {
    return this.wordSet().has(word);
  }

  private set?: Set<string>;
  private wordSet(): Set<string> {
    return (this.set ??= new Set(this.words));
  }

  /** Rows `indices` as (B, T) tensors. */
  batch(indices: ArrayLike<number>): { x: Tensor; y: Tensor } {
    const T = this.blockSize;
    const B = indices.length;
    const x = new Int32Array(B * T);
    const y = new Int32Array(B * T);
    this.batchInto(indices, x, y);
    return { x: new Tensor(x, [B, T]), y: new Tensor(y, [B, T]) };
  }

  /** Rows `indices` into x and y (B·T each): no allocation, for the training loop. */
  batchInto(indices: ArrayLike<number>, x: Int32Array, y: Int32Array): void {
    const T = this.blockSize;
    const B = indices.length;
    const X = this.X;
    const Y = this.Y;
    for (let i = 0; i < B; i++) {
      const r = indices[i] * T;
      const o = i * T;
      for (let t = 0; t < T; t++) {
        x[o + t] = X[r + t];
        y[o + t] = Y[r + t];
      }
    }
  }

  /** Rows start … end-1 as (B, T) tensors (views, no copy). */
  range(start: number, end: number): { x: Tensor; y: Tensor } {
    const T = this.blockSize;
    return {
      x: new Tensor(this.X.subarray(start * T, end * T), [end - start, T]),
      y: new Tensor(this.Y.subarray(start * T, end * T), [end - start, T]),
    };
  }
}

export const maxWordLength = (words: readonly string[]): number => words.reduce((m, w) => Math.max(m, codePoints(w).length), 0);
