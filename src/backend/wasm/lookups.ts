import type { LookupsKernels } from "../kernels/index.js";
import type { Marshal } from "./marshal.js";

/** asm/lookups.ts as the host sees it: byte addresses into the wasm memory; rows outside [0, V) are skipped. */
export interface LookupsExports {
  embedding(out: number, weight: number, idx: number, n: number, C: number, V: number): void;
  embeddingBackward(dweight: number, dout: number, idx: number, n: number, C: number, V: number): void;
  embeddingSum(out: number, tables: number, idx: number, n: number, k: number, V: number, C: number): void;
  embeddingSumBackward(dtables: number, dout: number, idx: number, n: number, k: number, V: number, C: number): void;
}

/** Embedding lookups in wasm. */
export function lookupsKernels(X: LookupsExports, m: Marshal): LookupsKernels {
  return {
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
  };
}
