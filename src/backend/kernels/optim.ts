import type { F32 } from "./arrays.js";

/** Optimizer steps over a flat parameter buffer. */
export interface OptimKernels {
  /**
   * One torch.optim.AdamW step over n values (decoupled weight decay, bias-corrected moments).
   * `step` is the 1-based step count after incrementing.
   */
  adamw(
    param: F32, grad: F32, expAvg: F32, expAvgSq: F32, n: number,
    lr: number, beta1: number, beta2: number, eps: number, weightDecay: number, step: number,
  ): void;
}
