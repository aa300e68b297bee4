import type { F32 } from "./arrays.js";

/** Optimizer steps, and what they need, over flat parameter and gradient buffers. */
export interface OptimKernels {
  /**
   * One torch.optim.AdamW step over n values (decoupled weight decay, bias-corrected moments).
   * `step` is the 1-based step count after incrementing.
   */
  adamw(
    param: F32,
    grad: F32,
    expAvg: F32,
    expAvgSq: F32,
    n: number,
    lr: number,
    beta1: number,
    beta2: number,
    eps: number,
    weightDecay: number,
    step: number,
  ): void;
  /**
   * Σ a[i]² over n values in double (a gradient norm's square, for clipGradNorm_): element i goes
   * into partial sum i mod 4 and the result is (p0 + p1) + (p2 + p3), the order every backend
   * uses, so all give the same double (float32 squares are exact in double).
   */
  sumSquares(a: F32, n: number): number;
}
