import type { Tensor } from "../tensor/tensor.js";
import type { Module } from "../nn/module.js";
import { MODEL_LIMITS } from "./limits.js";

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

type Dim = "nLayer" | "nHead" | "nEmbd" | "nEmbd2";
const DIMS: readonly Dim[] = ["nLayer", "nHead", "nEmbd", "nEmbd2"];

/** How a front end spells the fields, so errors name what the user typed. */
export type ConfigNaming = "camel" | "flag" | "snake";

const spell = (field: Dim | "type", naming: ConfigNaming): string => {
  if (naming === "camel") return field;
  const snake = field.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
  return naming === "snake" ? `"${snake}"` : "--" + snake.replace(/_/g, "-");
};

const shown = (v: unknown): string => (v === undefined ? "nothing" : typeof v === "number" ? String(v) : JSON.stringify(v));

/**
 * The one check of a model's type and sizes (CLI flags, trainModel options, config.json): every
 * size a whole number within MODEL_LIMITS, and a transformer's n_embd divisible by its n_head.
 */
export function validateConfig(
  c: { type: string } & Record<Dim, number>,
  naming: ConfigNaming = "camel",
): asserts c is { type: ModelType } & Record<Dim, number> {
  if (!isModelType(c.type)) throw new Error(`${spell("type", naming)} must be one of ${MODEL_TYPES.join(", ")}, got ${shown(c.type)}`);
  for (const k of DIMS) {
    const v = c[k];
    if (!Number.isInteger(v) || v < 1 || v > MODEL_LIMITS[k])
      throw new Error(`${spell(k, naming)} must be a positive integer up to ${MODEL_LIMITS[k]}, got ${shown(v)}`);
  }
  if (c.type === "transformer" && c.nEmbd % c.nHead !== 0)
    throw new Error(`${spell("nEmbd", naming).replace(/"/g, "")} (${c.nEmbd}) must be divisible by ${spell("nHead", naming).replace(/"/g, "")} (${c.nHead})`);
}

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

export const canDecode = (m: LanguageModel): m is LanguageModel & IncrementalModel => typeof (m as Partial<IncrementalModel>).createDecoder === "function";
