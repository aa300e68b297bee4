import type { F32, I32 } from "./arrays.js";

/** Per-row kernels of a (rows, cols) matrix: the softmax family, fused cross-entropy, layer norm. */
export interface RowsKernels {
  softmax(out: F32, inp: F32, rows: number, cols: number): void;
  /** dinp = out * (dout - Σ dout * out) */
  softmaxBackward(dinp: F32, dout: F32, out: F32, rows: number, cols: number): void;
  logSoftmax(out: F32, inp: F32, rows: number, cols: number): void;
  /** dinp = dout - exp(out) * Σ dout */
  logSoftmaxBackward(dinp: F32, dout: F32, out: F32, rows: number, cols: number): void;
  /**
   * Fused softmax + negative log-likelihood. probs = softmax(logits) (kept for the backward);
   * losses[r] = -log probs[r, targets[r]], or 0 where targets[r] === ignoreIndex. Returns the
   * number of rows that were not ignored.
   */
  crossEntropy(probs: F32, losses: F32, logits: F32, targets: I32, rows: number, cols: number, ignoreIndex: number): number;
  /** dlogits = scale * (probs - onehot(targets)) on counted rows, 0 on ignored rows */
  crossEntropyBackward(dlogits: F32, probs: F32, targets: I32, scale: number, rows: number, cols: number, ignoreIndex: number): void;
  /** out = (inp - mean) * rstd * weight + bias per row of C; saves mean and rstd (rows) */
  layerNorm(out: F32, mean: F32, rstd: F32, inp: F32, weight: F32 | null, bias: F32 | null, rows: number, C: number, eps: number): void;
  /** dinp = ...; dweight += ...; dbias += ... (null outputs skipped) */
  layerNormBackward(
    dinp: F32 | null,
    dweight: F32 | null,
    dbias: F32 | null,
    dout: F32,
    inp: F32,
    weight: F32 | null,
    mean: F32,
    rstd: F32,
    rows: number,
    C: number,
  ): void;
}
