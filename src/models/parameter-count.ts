import type { ModelConfig, ModelType } from "./config.js";

/** A model as the size checks see it: its type and dimensions, before anything is allocated. */
export type ModelShape = ModelConfig & { type: ModelType };

const linear = (nIn: number, nOut: number, bias = true): number => nIn * nOut + (bias ? nOut : 0);

/**
 * The number of parameters (and BatchNorm running buffers) the model's constructor would
 * allocate, by arithmetic: the size check must run before the allocation it guards. The
 * memory-estimate test holds it equal to `createModel(...).numParameters()` for every type.
 */
export function parameterCount(m: ModelShape): number {
  const { vocabSize: V, blockSize: T, nLayer: L, nEmbd: C, nEmbd2: C2 } = m;
  switch (m.type) {
    case "bigram":
      return V * V;
    case "mlp":
      return (V + 1) * C + linear(T * C, C2) + linear(C2, V);
    case "wavenet":
      // three FlattenConsecutive(2) → Linear (no bias) → BatchNorm1d (weight, bias) levels
      return (V + 1) * C + linear(2 * C, C2, false) + 2 * linear(2 * C2, C2, false) + 3 * 2 * C2 + linear(C2, V);
    case "rnn":
    case "gru":
    case "lstm": {
      const gates = m.type === "rnn" ? 1 : m.type === "gru" ? 3 : 4;
      const starts = m.type === "lstm" ? 2 : 1;
      return starts * C2 + V * C + gates * linear(C + C2, C2) + linear(C2, V);
    }
    case "bow":
      return V * C + T * C + linear(C, C2) + linear(C2, C) + linear(C, V);
    case "transformer": {
      const block = 2 * 2 * C + linear(C, 3 * C) + linear(C, C) + linear(C, 4 * C) + linear(4 * C, C);
      return V * C + T * C + L * block + 2 * C + linear(C, V, false);
    }
  }
}

/** BatchNorm's running mean and variance: buffers, not parameters, but memory all the same. */
export const bufferCount = (m: ModelShape): number => (m.type === "wavenet" ? 3 * 2 * m.nEmbd2 : 0);
