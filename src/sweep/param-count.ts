// A model's parameter count from its config alone, so a worker can refuse an oversized job
// before allocating it (building the model to count would allocate the very memory at stake).
// test/sweep/param-count.test.ts checks every formula against the built models.
import type { ModelType } from "../models/config.js";
import { Vocab } from "../data/vocab.js";
import { maxWordLength } from "../data/dataset.js";

export interface ModelShape {
  type: ModelType;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  nEmbd2: number;
  vocabSize: number;
  blockSize: number;
}

const linear = (nIn: number, nOut: number, bias = true) => nIn * nOut + (bias ? nOut : 0);

/** The number of parameters (what Module.numParameters() counts) of the model this shape builds. */
export function parameterCount(s: ModelShape): number {
  const { vocabSize: V, blockSize: T, nEmbd: C, nEmbd2: H, nLayer: L } = s;
  switch (s.type) {
    case "bigram":
      return V * V;
    case "mlp":
      return (V + 1) * C + linear(T * C, H) + linear(H, V);
    case "wavenet":
      // three FlattenConsecutive(2) → Linear (no bias) → BatchNorm1d levels, then the head
      return (V + 1) * C + 2 * C * H + 2 * (2 * H * H) + 3 * 2 * H + linear(H, V);
    case "rnn":
      return H + V * C + linear(C + H, H) + linear(H, V);
    case "gru":
      return H + V * C + 3 * linear(C + H, H) + linear(H, V);
    case "lstm":
      return 2 * H + V * C + 4 * linear(C + H, H) + linear(H, V);
    case "bow":
      return V * C + T * C + linear(C, H) + linear(H, C) + linear(C, V);
    case "transformer": {
      const block = 2 * (2 * C) + linear(C, 3 * C) + linear(C, C) + linear(C, 4 * C) + linear(4 * C, C);
      return V * C + T * C + L * block + 2 * C + linear(C, V, false);
    }
    default:
      return s.type satisfies never;
  }
}

/** The vocabulary size and block size makemore derives from a word list. */
export function dataShapeOf(words: readonly string[]): { vocabSize: number; blockSize: number } {
  return { vocabSize: Vocab.fromWords(words).size, blockSize: maxWordLength(words) + 1 };
}
