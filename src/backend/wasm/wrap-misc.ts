import type { Kernels } from "../kernels.js";
import type { KernelExports } from "./exports.js";
import type { Marshal } from "./marshal.js";

const f = Math.fround;

/** attention, embedding lookups and AdamW in wasm. */
export function miscKernels(
  X: KernelExports, m: Marshal,
): Pick<Kernels, "attention" | "attentionBackward" | "attentionDecode" | "embedding" | "embeddingBackward" | "embeddingSum" | "embeddingSumBackward" | "causalMean" | "causalMeanBackward" | "adamw"> {
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
    attentionDecode(out, qkv, kcache, vcache, rows, C, nh, t, Tmax) {
      m.begin();
      const pq = m.input(qkv, rows * 3 * C);
      const pk = m.inout(kcache, rows * Tmax * C);
      const pv = m.inout(vcache, rows * Tmax * C);
      X.attentionDecode(m.output(out, rows * C), pq, pk, pv, rows, C, nh, t, Tmax, m.temp(Tmax));
      m.end();
    },
    embeddingSum(out, tables, idx, n, k, V, C) {
      m.begin();
      const pt = m.input(tables, k * V * C);
      const pi = m.input(idx, n * k);
      X.embeddingSum(m.output(out, n * C), pt, pi, n, k, V, C);
      m.end();
    },
    embeddingSumBackward(dtables, dout, idx, n, k, V, C) {
      m.begin();
      const pd = m.input(dout, n * C);
      const pi = m.input(idx, n * k);
      X.embeddingSumBackward(m.inout(dtables, k * V * C), pd, pi, n, k, V, C);
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
    embedding(out, weight, idx, n, C) {
      const V = C > 0 ? Math.floor(weight.length / C) : 0;
      m.begin();
      const pw = m.input(weight, V * C);
      const pi = m.input(idx, n);
      // rows with an out-of-range index are left as they are, so `out` must come in too
      X.embedding(m.inout(out, n * C), pw, pi, n, C, V);
      m.end();
    },
    embeddingBackward(dweight, dout, idx, n, C) {
      const V = C > 0 ? Math.floor(dweight.length / C) : 0;
      m.begin();
      const pd = m.input(dout, n * C);
      const pi = m.input(idx, n);
      X.embeddingBackward(m.inout(dweight, V * C), pd, pi, n, C, V);
      m.end();
    },
    adamw(param, grad, expAvg, expAvgSq, n, lr, beta1, beta2, eps, weightDecay, step) {
      // the per-step scalars, rounded exactly as src/backend/js/optim.ts rounds them
      const decay = f(1 - lr * weightDecay);
      const stepSize = f(lr / (1 - Math.pow(beta1, step)));
      const bc2Sqrt = f(Math.sqrt(1 - Math.pow(beta2, step)));
      m.begin();
      const pg = m.input(grad, n);
      X.adamw(m.inout(param, n), pg, m.inout(expAvg, n), m.inout(expAvgSq, n), n,
        decay, f(beta1), f(beta2), f(1 - beta1), f(1 - beta2), stepSize, bc2Sqrt, f(eps));
      m.end();
    },
  };
}
