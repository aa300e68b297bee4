import type { RowsKernels } from "../kernels/index.js";
import type { Marshal } from "../wasm/marshal.js";
import type { NativeExports } from "./exports.js";
import type { NativeAttachment } from "./memory.js";

/** Layer norm, forward and backward, in native code (the other row kernels stay on wasm). */
export function rowsKernels(X: NativeExports, m: Marshal, at: NativeAttachment): Pick<RowsKernels, "layerNorm" | "layerNormBackward"> {
  return {
    layerNorm(out, mean, rstd, inp, weight, bias, rows, C, eps) {
      m.begin();
      const pi = m.input(inp, rows * C);
      const pw = m.optionalInput(weight, C);
      const pb = m.optionalInput(bias, C);
      const po = m.output(out, rows * C),
        pm = m.output(mean, rows),
        pr = m.output(rstd, rows);
      at.sync();
      X.layerNorm(po, pm, pr, pi, pw, pb, rows, C, eps);
      m.end();
    },
    layerNormBackward(dinp, dweight, dbias, dout, inp, weight, mean, rstd, rows, C) {
      m.begin();
      const pd = m.input(dout, rows * C);
      const pi = m.input(inp, rows * C);
      const pw = m.optionalInput(weight, C);
      const pm = m.input(mean, rows);
      const pr = m.input(rstd, rows);
      const pdi = m.optionalOutput(dinp, rows * C),
        pdw = m.optionalInout(dweight, C),
        pdb = m.optionalInout(dbias, C);
      at.sync();
      X.layerNormBackward(pdi, pdw, pdb, pd, pi, pw, pm, pr, rows, C);
      m.end();
    },
  };
}
