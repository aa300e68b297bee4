import type { ColumnsKernels } from "../kernels/index.js";
import type { Marshal } from "./marshal.js";

/** asm/columns.ts as the host sees it: byte addresses into the wasm memory (0 = null), booleans as 0 / 1. */
export interface ColumnsExports {
  columnSums(out: number, inp: number, rows: number, C: number): void;
  columnCenteredDot(out: number, a: number, x: number, mean: number, rows: number, C: number, centerA: number): void;
  columnAffine(out: number, a: number, p: number, x: number, q: number, s: number, rows: number, C: number): void;
}

/** BatchNorm's column kernels in wasm. */
export function columnsKernels(X: ColumnsExports, m: Marshal): ColumnsKernels {
  return {
    columnSums(out, inp, rows, C) {
      m.begin();
      const pi = m.input(inp, rows * C);
      X.columnSums(m.output(out, C), pi, rows, C);
      m.end();
    },
    columnCenteredDot(out, a, x, mean, rows, C, centerA) {
      m.begin();
      const pa = m.input(a, rows * C);
      const px = m.input(x, rows * C);
      const pm = m.input(mean, C);
      X.columnCenteredDot(m.output(out, C), pa, px, pm, rows, C, centerA ? 1 : 0);
      m.end();
    },
    columnAffine(out, a, p, x, q, s, rows, C) {
      m.begin();
      const pa = a && p ? m.input(a, rows * C) : 0;
      const pp = a && p ? m.input(p, C) : 0;
      const px = m.input(x, rows * C);
      const pq = m.input(q, C);
      const ps = m.input(s, C);
      X.columnAffine(m.output(out, rows * C), pa, pp, px, pq, ps, rows, C);
      m.end();
    },
  };
}
