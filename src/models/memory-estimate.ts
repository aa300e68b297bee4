import { usesTables } from "../tensor/ops/embedding-linear.js";
import { type ModelShape, bufferCount, parameterCount } from "./parameter-count.js";

export type { ModelShape };

export interface MemoryEstimateOptions {
  /** rows per step (training) or per forward (scoring, sampling) */
  batchSize: number;
  /** data-parallel workers: each has its own gradient buffer and activations (default 1) */
  workers?: number;
  /** forward and backward with AdamW (default), or a forward alone */
  training?: boolean;
  /** words in the training set: its (words × block size) input and target matrices */
  words?: number;
}

/** Bytes, by what holds them. `inWasm` is what lives in wasm memory under the wasm kernels. */
export interface MemoryEstimate {
  weights: number;
  /** one buffer per worker */
  gradients: number;
  /** AdamW's two moments */
  optimizer: number;
  /** every worker's forward/backward arena for its share of a batch */
  activations: number;
  /** the words as (N, T) int32 inputs and targets, on the JS heap */
  dataset: number;
  total: number;
  inWasm: number;
}

const F32 = 4;
/** Above the calibrated counts: the arena's 16-byte alignment and 4 MiB chunks leave gaps. */
const ARENA_MARGIN = 1.25;
const ARENA_CHUNK = 4 * 1024 * 1024;

/**
 * What a model of this shape needs before any of it is allocated: a pure function of the
 * dimensions, so the session (and config.json's reader) can refuse a model that cannot fit.
 * Weights, gradients and moments are exact; activations are the floats one forward (and
 * backward) asks of the scratch arena, per model, with coefficients measured from the arena's
 * bytes in use after a step (the test holds the estimate above the real count and within 2×).
 */
export function estimateMemory(m: ModelShape, opts: MemoryEstimateOptions): MemoryEstimate {
  const training = opts.training ?? true;
  const workers = Math.max(1, Math.min(opts.workers ?? 1, opts.batchSize));
  const rows = Math.ceil(opts.batchSize / workers);
  const params = parameterCount(m);
  const weights = (params + bufferCount(m)) * F32;
  const gradients = training ? workers * params * F32 : 0;
  const optimizer = training ? 2 * params * F32 : 0;
  const perWorker = activationFloats(m, rows, training) * F32 * ARENA_MARGIN + ARENA_CHUNK;
  const activations = workers * perWorker;
  const dataset = 2 * (opts.words ?? 0) * m.blockSize * 4;
  const inWasm = weights + gradients + optimizer + activations;
  return { weights, gradients, optimizer, activations, dataset, total: inWasm + dataset, inWasm };
}

/**
 * Floats one forward (and backward, when training) of `b` rows allocates. Every model ends in
 * logits, softmax probabilities and (training) their gradient: P·V each for P = b·T positions.
 * The per-model terms are the layers' outputs and gradients, counted in the code and fitted to
 * the arena's counts (JS and wasm kernels agree) on a grid of shapes around makemore's defaults.
 */
export function activationFloats(m: ModelShape, b: number, training: boolean): number {
  const { vocabSize: V, blockSize: T, nLayer: L, nHead: nh, nEmbd: C, nEmbd2: C2 } = m;
  const P = b * T;
  const pick = (train: number, forward: number): number => (training ? train : forward);
  const logits = pick(3, 2) * P * V;
  switch (m.type) {
    case "bigram":
      // the looked-up logits, then a loss by counting: pair counts, log-probabilities and the
      // table's gradient, V² each, instead of probabilities over every position
      return P * V + pick(3, 2) * V * V + P;
    case "mlp": {
      // the first layer reads T embeddings per position: lookup tables or the concatenation
      const first = usesTables(P, V + 1, C, C2) ? pick(4, 2) * (V + 1) * C2 * T : pick(2, 1) * P * T * C + pick(1, 0) * (V + 1) * C;
      return logits + first + pick(4, 2) * P * C2 + P * T + 2 * P;
    }
    case "wavenet": {
      const N = 4 * P; // pairs of the 8-token window
      const first = usesTables(N, V + 1, C, C2) ? pick(4.5, 2.5) * (V + 1) * C2 * 2 : pick(2, 1) * N * 2 * C + pick(1, 0) * (V + 1) * C;
      return logits + first + pick(44, 22) * P * C2 + 8 * P;
    }
    case "rnn":
      return logits + pick(8.5, 3.5) * P * C2 + pick(4.5, 2.5) * P * C + pick(2, 1) * b * C2;
    case "gru":
    case "lstm": {
      // the gates' stacked weights are rebuilt every forward (and their gradient every backward)
      const stacked = (m.type === "gru" ? 3 : 4) * (C + C2) * C2;
      const perPosition = m.type === "gru" ? pick(21, 10.5) * C2 + pick(7.5, 3.5) * C : pick(18, 9.5) * C2 + pick(4.5, 2.5) * C;
      return logits + P * perPosition + pick(2, 1) * stacked + pick(7, 3) * b * C2;
    }
    case "bow":
      return logits + pick(11.5, 6.5) * P * C + pick(4.5, 2.5) * P * C2 + 2 * P;
    case "transformer":
      // per layer ~18 C-wide activations per position and their gradients, plus the saved
      // attention probabilities (b, nh, T, T): the O(T²) term
      return logits + L * (pick(37, 18.5) * P * C + b * nh * T * T) + pick(5, 3) * P * C + 20 * P;
  }
}
