import type { AttentionKernels } from "../kernels/index.js";
import type { Marshal } from "./marshal.js";

/** asm/attention.ts as the host sees it: byte addresses into the wasm memory, plus scratch the host provides. */
export interface AttentionExports {
  attention(out: number, att: number, qkv: number, B: number, T: number, C: number, nh: number): void;
  /** `scoreGrads`: scratch of T·T floats */
  attentionBackward(dqkv: number, dout: number, qkv: number, att: number, B: number, T: number, C: number, nh: number, scoreGrads: number): void;
  /** `rows`: scratch of T floats */
  attentionDropout(out: number, att: number, qkv: number, mask: number, B: number, T: number, C: number, nh: number, rows: number): void;
  /** `scoreGrads`, `dropped`: scratch of T·T floats each */
  attentionDropoutBackward(
    dqkv: number,
    dout: number,
    qkv: number,
    att: number,
    mask: number,
    B: number,
    T: number,
    C: number,
    nh: number,
    scoreGrads: number,
    dropped: number,
  ): void;
  /** `probs`: scratch of Tmax floats */
  attentionDecode(out: number, qkv: number, kcache: number, vcache: number, rows: number, C: number, nh: number, t: number, Tmax: number, probs: number): void;
  /** `acc`: scratch of C floats */
  causalMean(out: number, x: number, w: number, B: number, T: number, C: number, acc: number): void;
  causalMeanBackward(dx: number, dout: number, w: number, B: number, T: number, C: number, acc: number): void;
}

/** Causal attention and the bag-of-words' causal mean in wasm. */
export function attentionKernels(X: AttentionExports, m: Marshal): AttentionKernels {
  return {
    attention(out, att, qkv, B, T, C, nh) {
      m.begin();
      const pq = m.input(qkv, B * T * 3 * C);
      X.attention(m.output(out, B * T * C), m.output(att, B * nh * T * T), pq, B, T, C, nh);
      m.end();
    },
    attentionBackward(dqkv, dout, qkv, att, B, T, C, nh) {
      m.begin();
      const pd = m.input(dout, B * T * C);
      const pq = m.input(qkv, B * T * 3 * C);
      const pa = m.input(att, B * nh * T * T);
      const scoreGrads = m.temp(T * T);
      X.attentionBackward(m.output(dqkv, B * T * 3 * C), pd, pq, pa, B, T, C, nh, scoreGrads);
      m.end();
    },
    attentionDropout(out, att, qkv, mask, B, T, C, nh) {
      m.begin();
      const pq = m.input(qkv, B * T * 3 * C);
      const pm = m.input(mask, B * nh * T * T);
      X.attentionDropout(m.output(out, B * T * C), m.output(att, B * nh * T * T), pq, pm, B, T, C, nh, m.temp(T));
      m.end();
    },
    attentionDropoutBackward(dqkv, dout, qkv, att, mask, B, T, C, nh) {
      m.begin();
      const pd = m.input(dout, B * T * C);
      const pq = m.input(qkv, B * T * 3 * C);
      const pa = m.input(att, B * nh * T * T);
      const pm = m.input(mask, B * nh * T * T);
      const scoreGrads = m.temp(T * T);
      const dropped = m.temp(T * T);
      X.attentionDropoutBackward(m.output(dqkv, B * T * 3 * C), pd, pq, pa, pm, B, T, C, nh, scoreGrads, dropped);
      m.end();
    },
    attentionDecode(out, qkv, kcache, vcache, rows, C, nh, t, Tmax) {
      m.begin();
      const pq = m.input(qkv, rows * 3 * C);
      const pk = m.inout(kcache, rows * Tmax * C);
      const pv = m.inout(vcache, rows * Tmax * C);
      X.attentionDecode(m.output(out, rows * C), pq, pk, pv, rows, C, nh, t, Tmax, m.temp(Tmax));
      m.end();
    },
    causalMean(out, x, w, B, T, C) {
      m.begin();
      const px = m.input(x, B * T * C);
      const pw = m.input(w, T);
      X.causalMean(m.output(out, B * T * C), px, pw, B, T, C, m.temp(C));
      m.end();
    },
    causalMeanBackward(dx, dout, w, B, T, C) {
      m.begin();
      const pd = m.input(dout, B * T * C);
      const pw = m.input(w, T);
      X.causalMeanBackward(m.output(dx, B * T * C), pd, pw, B, T, C, m.temp(C));
      m.end();
    },
  };
}
