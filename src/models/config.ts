import type { Tensor } from "../tensor/tensor.js";
import type { Module } from "../nn/module.js";

export const MODEL_TYPES = ["bigram", "mlp", "wavenet", "rnn", "gru", "lstm", "bow", "transformer"] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

export const isModelType = (s: string): s is ModelType => (MODEL_TYPES as readonly string[]).includes(s);

/** makemore's ModelConfig (defaults: 4 layers, 4 heads, 64-wide embeddings and hidden layer). */
export interface ModelConfig {
  vocabSize: number;
  blockSize: number;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  nEmbd2: number;
  /**
   * Dropout probability during training (nanoGPT's `dropout`; default 0). Each model's docstring
   * says where it applies; 0 builds the same model as before and draws no random numbers.
   * The recurrent models do not read it yet.
   */
  dropout?: number;
}

/** config.dropout, checked: a probability in [0, 1) (1 would zero every activation it touches). */
export function dropoutOf(config: ModelConfig): number {
  const p = config.dropout ?? 0;
  if (typeof p !== "number" || !(p >= 0 && p < 1)) throw new RangeError(`dropout must be in [0, 1), got ${p}`);
  return p;
}

export const DEFAULT_DIMS = { nLayer: 4, nHead: 4, nEmbd: 64, nEmbd2: 64 } as const;

export interface ModelOutput {
  /** (B, T, vocabSize) */
  logits: Tensor;
  /** mean cross-entropy over targets ≠ -1, when targets are given */
  loss: Tensor | null;
}

/**
 * How the loss is normalised: by default the mean over the targets that are not -1; with
 * `normalizer`, the sum divided by it (data-parallel workers pass the whole batch's count, so
 * their losses and gradients add up to the full batch's mean).
 */
export interface LossOptions {
  normalizer?: number;
}

/** What every makemore model provides: forward(idx (B, T), targets?) → logits, loss. */
export interface LanguageModel extends Module {
  readonly type: ModelType;
  readonly config: ModelConfig;
  /** The longest context the model reads (1 for the bigram). */
  readonly blockSize: number;
  forward(idx: Tensor, targets?: Tensor | null, opts?: LossOptions): ModelOutput;
}

/**
 * Incremental decoding for sampling: feed one token per row, get the next-token logits
 * (rows, vocabSize) for the newest position, reusing the state of earlier positions (a KV
 * cache, a recurrent state, a context window). Equivalent to makemore's re-run of the whole
 * context at every step, minus the repeated work.
 */
export interface Decoder {
  /** the next-token logits; valid until the next call (they may live in the scratch arena) */
  step(tokens: Int32Array): Tensor;
  /** frees the decoder's state (its KV cache) */
  dispose(): void;
}

export interface IncrementalModel {
  createDecoder(rows: number): Decoder;
}

export const canDecode = (m: LanguageModel): m is LanguageModel & IncrementalModel =>
  typeof (m as Partial<IncrementalModel>).createDecoder === "function";
