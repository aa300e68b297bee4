import type { ModelType } from "../models/config.js";

/** The hyperparameters that define a run: what train_state records and `--resume` checks. */
export interface RunConfig {
  type: ModelType;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  nEmbd2: number;
  batchSize: number;
  learningRate: number;
  weightDecay: number;
  /** seeds the split, the initial weights and the batches, in makemore's order */
  seed: number;
  /** drop duplicate words before the split (makemore keeps them, so its test set holds training words) */
  dedupe: boolean;
  /** dropout probability where each model has it (0: makemore's models, which draw nothing) */
  dropout: number;
  /** the learning rate over the run: constant (makemore's) or a cosine decay to minLr at the step or time budget */
  lrSchedule: "constant" | "cosine";
  /** steps of linear warmup to learningRate first */
  warmupSteps: number;
  /** the cosine's floor (null: a tenth of learningRate, as nanoGPT's) */
  minLr: number | null;
  /** clip the gradients' total 2-norm to this (torch's clip_grad_norm_; null: no clipping) */
  gradClip: number | null;
  /** evaluate and sample an exponential moving average of the weights with this decay (null: the weights) */
  ema: number | null;
  /**
   * What activations and their gradients are kept in between forward and backward: fp32, or
   * fp16/bf16 (16-bit storage, float32 compute, float32 master weights and AdamW state; fp16
   * adds a GradScaler), as torch.autocast + GradScaler
   */
  precision: Precision;
  /** keep only each block's input in forward and recompute the block in backward */
  activationCheckpointing: boolean;
}

export const PRECISIONS = ["fp32", "fp16", "bf16"] as const;
export type Precision = (typeof PRECISIONS)[number];

/** What a run does besides optimising: budgets, evaluations and the samples printed at each. */
export interface LoopConfig {
  /** stop after this many steps in total (-1: no limit) */
  maxSteps: number;
  /** stop after this many seconds of training in this run (0: no limit) */
  maxTime: number;
  /** evaluate, checkpoint and sample every this many steps */
  evalEvery: number;
  numSamples: number;
  temperature: number;
  /** null: sample from every character */
  topK: number | null;
}

/**
 * makemore.py's defaults, the one place they live (plus ours, all off). Runs with these settings
 * follow PyTorch's makemore step for step.
 */
export const MAKEMORE_DEFAULTS: Readonly<RunConfig & LoopConfig> = Object.freeze({
  type: "transformer",
  nLayer: 4,
  nHead: 4,
  nEmbd: 64,
  nEmbd2: 64,
  batchSize: 32,
  learningRate: 5e-4,
  weightDecay: 0.01,
  seed: 3407,
  dedupe: false,
  dropout: 0,
  lrSchedule: "constant",
  warmupSteps: 0,
  minLr: null,
  gradClip: null,
  ema: null,
  precision: "fp32",
  activationCheckpointing: false,
  maxSteps: -1,
  maxTime: 0,
  evalEvery: 500,
  numSamples: 10,
  temperature: 1,
  topK: null,
});

/** makemore's AdamW: torch.optim.AdamW(lr, weight_decay, betas=(0.9, 0.99), eps=1e-8). */
export const MAKEMORE_BETAS: readonly [number, number] = [0.9, 0.99];
export const MAKEMORE_EPS = 1e-8;
