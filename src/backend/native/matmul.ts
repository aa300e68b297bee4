import type { MatmulKernels } from "../kernels/index.js";
import type { Marshal } from "../wasm/marshal.js";
import type { NativeExports } from "./exports.js";
import type { NativeAttachment } from "./memory.js";

const bit = (b: boolean): number => (b ? 1 : 0);

/** matmul / linear / linearBackward on the native GEMM, marshalled as the wasm wrappers are. */
export function matmulKernels(X: NativeExports, m: Marshal, at: NativeAttachment): MatmulKernels {
  return {
    matmul(out, a, b, M, K, N, transA, transB, accumulate) {
      m.begin();
      const pa = m.input(a, M * K);
      const pb = m.input(b, K * N);
      const po = accumulate ? m.inout(out, M * N) : m.output(out, M * N);
      at.sync();
      X.matmul(po, pa, pb, M, K, N, bit(transA), bit(transB), bit(accumulate));
      m.end();
    },
    linear(out, inp, weight, bias, BT, C, OC) {
      m.begin();
      const pi = m.input(inp, BT * C);
      const pw = m.input(weight, OC * C);
      const pb = m.optionalInput(bias, OC);
      const po = m.output(out, BT * OC);
      at.sync();
      X.linear(po, pi, pw, pb, BT, C, OC);
      m.end();
    },
    linearBackward(dinp, dweight, dbias, dout, inp, weight, BT, C, OC) {
      m.begin();
      const pd = m.input(dout, BT * OC);
      // only what the requested outputs need crosses over
      const pi = dweight ? m.input(inp, BT * C) : 0;
      const pw = dinp ? m.input(weight, OC * C) : 0;
      const pdi = m.optionalOutput(dinp, BT * C);
      const pdw = m.optionalInout(dweight, OC * C);
      const pdb = m.optionalInout(dbias, OC);
      at.sync();
      X.linearBackward(pdi, pdw, pdb, pd, pi, pw, BT, C, OC);
      m.end();
    },
  };
}
