import type { F32 } from "./arrays.js";

/** Causal mixing over time: multi-head self-attention, and the bag-of-words' causal mean. */
export interface AttentionKernels {
  /**
   * Causal multi-head self-attention on packed qkv (B, T, 3C) (q, k, v each C = nh·hs wide):
   * att (B, nh, T, T) = softmax over s ≤ t of q_t·k_s/√hs (0 above the diagonal), saved for the
   * backward; out (B, T, C) = att · v with the heads side by side.
   */
  attention(out: F32, att: F32, qkv: F32, B: number, T: number, C: number, nh: number): void;
  /** dqkv (B, T, 3C) from dout (B, T, C), the saved att and qkv (overwrites dqkv). */
  attentionBackward(dqkv: F32, dout: F32, qkv: F32, att: F32, B: number, T: number, C: number, nh: number): void;
  /**
   * `attention` with dropout on the probabilities: att (B, nh, T, T) as there (undropped), and
   * out = (att ⊙ mask) · v, where mask (B, nh, T, T) is the dropout noise (0 or 1/(1-p)).
   */
  attentionDropout(out: F32, att: F32, qkv: F32, mask: F32, B: number, T: number, C: number, nh: number): void;
  /** Its backward: dqkv (B, T, 3C) from dout, the saved att, the mask and qkv (overwrites dqkv). */
  attentionDropoutBackward(dqkv: F32, dout: F32, qkv: F32, att: F32, mask: F32, B: number, T: number, C: number, nh: number): void;
  /**
   * One decoding step at position t with a KV cache: stores the new k, v (from packed qkv,
   * (rows, 3C)) into kcache/vcache (rows, nh, Tmax, hs) at t, then out (rows, C) = per head
   * softmax(q·K[0..t] / √hs) · V[0..t].
   */
  attentionDecode(out: F32, qkv: F32, kcache: F32, vcache: F32, rows: number, C: number, nh: number, t: number, Tmax: number): void;
  /** out[b, t] = w[t] · Σ_{s≤t} x[b, s] over x (B, T, C): a causal running mean with weights w (T) */
  causalMean(out: F32, x: F32, w: F32, B: number, T: number, C: number): void;
  /** dx[b, s] = Σ_{t≥s} w[t] · dout[b, t] (overwrites dx) */
  causalMeanBackward(dx: F32, dout: F32, w: F32, B: number, T: number, C: number): void;
}
