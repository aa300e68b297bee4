import type { Tensor } from "../tensor/tensor.js";
import { ones, tril } from "../tensor/creation.js";

const masks = new Map<number, Tensor>();

/** (T, T) bool: true above the diagonal, where a position would see the future. */
function futureMask(T: number): Tensor {
  let m = masks.get(T);
  if (!m) masks.set(T, (m = tril(ones([T, T])).eq(0)));
  return m;
}

/**
 * Multi-head causal self-attention on packed qkv (B, T, 3C) → (B, T, C):
 * softmax(q kᵀ / √hs, masked to the past) v per head, heads concatenated.
 */
export function causalSelfAttention(qkv: Tensor, nHead: number): Tensor {
  const [B, T, C3] = qkv.shape;
  const C = C3 / 3;
  const hs = C / nHead;
  const [q, k, v] = qkv.split(C, 2).map((t) => t.view([B, T, nHead, hs]).transpose(1, 2)); // (B, nh, T, hs)
  let att = q.matmul(k.transpose(-2, -1)).mul(1 / Math.sqrt(hs)); // (B, nh, T, T)
  att = att.maskedFill(futureMask(T), -Infinity).softmax(-1);
  const y = att.matmul(v); // (B, nh, T, hs)
  return y.transpose(1, 2).contiguous().view([B, T, C]);
}
