import type { Kernels } from "../kernels.js";
import type { KernelExports } from "./exports.js";
import type { Marshal } from "./marshal.js";

/** The LSTM step kernels in wasm. */
export function recurrentKernels(X: KernelExports, m: Marshal): Pick<Kernels, "lstmCell" | "lstmCellBackward"> {
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
