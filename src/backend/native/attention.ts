import type { AttentionKernels } from "../kernels/index.js";
import type { Marshal } from "../wasm/marshal.js";
import type { NativeExports } from "./exports.js";
import type { NativeAttachment } from "./memory.js";

/** Causal self-attention for training, forward and backward, with and without dropout noise (decoding and the causal mean stay on wasm). */
export function attentionKernels(
  X: NativeExports,
  m: Marshal,
  at: NativeAttachment,
): Pick<AttentionKernels, "attention" | "attentionBackward" | "attentionDropout" | "attentionDropoutBackward"> {
  return {
    attention(out, att, qkv, B, T, C, nh) {
      m.begin();
      const pq = m.input(qkv, B * T * 3 * C);
      const po = m.output(out, B * T * C),
        pa = m.output(att, B * nh * T * T);
      at.sync();
      X.attention(po, pa, pq, B, T, C, nh);
      m.end();
    },
    attentionBackward(dqkv, dout, qkv, att, B, T, C, nh) {
      m.begin();
      const pd = m.input(dout, B * T * C);
      const pq = m.input(qkv, B * T * 3 * C);
      const pa = m.input(att, B * nh * T * T);
      const pdq = m.output(dqkv, B * T * 3 * C);
      at.sync();
      X.attentionBackward(pdq, pd, pq, pa, B, T, C, nh);
      m.end();
    },
    attentionDropout(out, att, qkv, mask, B, T, C, nh) {
      m.begin();
      const pq = m.input(qkv, B * T * 3 * C);
      const pm = m.input(mask, B * nh * T * T);
      const po = m.output(out, B * T * C),
        pa = m.output(att, B * nh * T * T);
      at.sync();
      X.attentionDropout(po, pa, pq, pm, B, T, C, nh);
      m.end();
    },
    attentionDropoutBackward(dqkv, dout, qkv, att, mask, B, T, C, nh) {
      m.begin();
      const pd = m.input(dout, B * T * C);
      const pq = m.input(qkv, B * T * 3 * C);
      const pa = m.input(att, B * nh * T * T);
      const pm = m.input(mask, B * nh * T * T);
      const pdq = m.output(dqkv, B * T * 3 * C);
      at.sync();
      X.attentionDropoutBackward(pdq, pd, pq, pa, pm, B, T, C, nh);
      m.end();
    },
  };
}
