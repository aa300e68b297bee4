import { Tensor } from "../../tensor.js";
import { ones, tril } from "../../creation.js";
import { record } from "../../autograd.js";
import { kernels } from "../../../backend/index.js";
import { allocStorage, heapAllocator, withAllocator } from "../../storage.js";

type F32 = Float32Array;

/**
 * Multi-head causal self-attention on packed qkv (B, T, 3C) → (B, T, C): softmax(q kᵀ / √hs,
 * masked to the past) v per head, heads concatenated. With `dropoutNoise` (B, nh, T, T), nanoGPT's
 * attn_dropout noise (Dropout.noise), the probabilities are multiplied by it before v. One fused
 * kernel each way; the composite below is its test oracle.
 */
export function causalSelfAttention(qkv: Tensor, nHead: number, dropoutNoise: Tensor | null = null): Tensor {
  const [B, T, C3] = qkv.shape;
  const C = C3 / 3;
  if (!Number.isInteger(C) || C % nHead !== 0) throw new Error(`attention: packed width ${C3} is not 3 × a multiple of ${nHead} heads`);
  const noise = dropoutNoise?.contiguous().to("float32");
  if (noise && noise.numel() !== B * nHead * T * T)
    throw new Error(`attention: dropout noise of shape [${noise.shape}] does not fit [${B}, ${nHead}, ${T}, ${T}]`);
  const Q = qkv.f32();
  const out = Tensor.empty([B, T, C], "float32");
  const att = allocStorage("float32", B * nHead * T * T, true) as F32;
  if (noise) kernels.attentionDropout(out.f32(), att, Q, noise.f32(), B, T, C, nHead);
  else kernels.attention(out.f32(), att, Q, B, T, C, nHead);
  if (attentionTap) attentionTap(att, B, nHead, T);
  return record(out, "AttentionBackward", [qkv], (g) => {
    const d = Tensor.empty([B, T, C3], "float32");
    if (noise) kernels.attentionDropoutBackward(d.f32(), g.f32(), Q, att, noise.f32(), B, T, C, nHead);
    else kernels.attentionBackward(d.f32(), g.f32(), Q, att, B, T, C, nHead);
    return [d];
  });
}

/** Diagnostics' view of the attention weights (B, nh, T, T) each forward saves; null while not inspecting. */
let attentionTap: ((att: Float32Array, B: number, nHead: number, T: number) => void) | null = null;

export function setAttentionTap(tap: typeof attentionTap): void {
  attentionTap = tap;
}

const masks = new Map<number, Tensor>();

/**
 * The same attention from primitive ops, as makemore writes it: the fused kernel's oracle.
 * `dropProbs` (nanoGPT's attn_dropout) acts on the probabilities (B, nh, T, T) between the softmax
 * and att · v, masked-out future entries included, as PyTorch draws them.
 */
export function causalSelfAttentionComposite(qkv: Tensor, nHead: number, dropProbs?: (att: Tensor) => Tensor): Tensor {
  const [B, T, C3] = qkv.shape;
  const C = C3 / 3;
  const hs = C / nHead;
  let future = masks.get(T);
  // cached across calls, so on the JS heap even when called inside a scratch arena
  if (!future) masks.set(T, (future = withAllocator(heapAllocator, () => tril(ones([T, T])).eq(0))));
  const [q, k, v] = qkv.split(C, 2).map((t) => t.view([B, T, nHead, hs]).transpose(1, 2)); // (B, nh, T, hs)
  let att = q
    .matmul(k.transpose(-2, -1))
    .mul(1 / Math.sqrt(hs))
    .maskedFill(future, -Infinity)
    .softmax(-1); // (B, nh, T, T)
  if (dropProbs) att = dropProbs(att);
  return att.matmul(v).transpose(1, 2).contiguous().view([B, T, C]);
}
