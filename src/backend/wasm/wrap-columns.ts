import type { Kernels } from "../kernels.js";
import type { KernelExports } from "./exports.js";
import type { Marshal } from "./marshal.js";

/** BatchNorm's column kernels in wasm. */
export function columnKernels(X: KernelExports, m: Marshal): Pick<Kernels, "columnSums" | "columnCenteredDot" | "columnAffine"> {
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
