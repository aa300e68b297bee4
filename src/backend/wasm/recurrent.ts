import type { RecurrentKernels } from "../kernels/index.js";
import type { Marshal } from "./marshal.js";

/** asm/recurrent.ts as the host sees it: byte addresses into the wasm memory. */
export interface RecurrentExports {
  lstmCell(gates: number, c: number, tanhC: number, h: number, cPrev: number, B: number, n: number): void;
  lstmCellBackward(dgates: number, dcPrev: number, dh: number, dc: number, gates: number, cPrev: number, tanhC: number, B: number, n: number): void;
}

/** The LSTM step kernels in wasm. */
export function recurrentKernels(X: RecurrentExports, m: Marshal): RecurrentKernels {
  return {
    lstmCell(gates, c, tanhC, h, cPrev, B, n) {
      m.begin();
      const pc = m.input(cPrev, B * n);
      X.lstmCell(m.inout(gates, 4 * B * n), m.output(c, B * n), m.output(tanhC, B * n), m.output(h, B * n), pc, B, n);
      m.end();
    },
    lstmCellBackward(dgates, dcPrev, dh, dc, gates, cPrev, tanhC, B, n) {
      m.begin();
      const pdh = m.input(dh, B * n);
      const pdc = m.input(dc, B * n);
      const pg = m.input(gates, 4 * B * n);
      const pc = m.input(cPrev, B * n);
      const pt = m.input(tanhC, B * n);
      X.lstmCellBackward(m.output(dgates, 4 * B * n), m.output(dcPrev, B * n), pdh, pdc, pg, pc, pt, B, n);
      m.end();
    },
  };
}
