import type { MatmulKernels } from "../kernels/index.js";
import type { Marshal } from "./marshal.js";

/** asm/matmul.ts as the host sees it: byte addresses into the wasm memory, booleans as 0 / 1. */
export interface MatmulExports {
  matmul(c: number, a: number, b: number, M: number, K: number, N: number, transA: number, transB: number, accumulate: number): void;
  linear(out: number, inp: number, weight: number, bias: number, BT: number, C: number, OC: number): void;
  linearBackward(dinp: number, dweight: number, dbias: number, dout: number, inp: number, weight: number, BT: number, C: number, OC: number): void;
}

const bit = (b: boolean): number => (b ? 1 : 0);

/** matmul / linear / linearBackward on the wasm GEMM. */
export function matmulKernels(X: MatmulExports, m: Marshal): MatmulKernels {
  return {
    matmul(out, a, b, M, K, N, transA, transB, accumulate) {
      m.begin();
      const pa = m.input(a, M * K);
      const pb = m.input(b, K * N);
      const po = accumulate ? m.inout(out, M * N) : m.output(out, M * N);
      X.matmul(po, pa, pb, M, K, N, bit(transA), bit(transB), bit(accumulate));
      m.end();
    },
    linear(out, inp, weight, bias, BT, C, OC) {
      m.begin();
      const pi = m.input(inp, BT * C);
      const pw = m.input(weight, OC * C);
      const pb = m.optionalInput(bias, OC);
      X.linear(m.output(out, BT * OC), pi, pw, pb, BT, C, OC);
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
      X.linearBackward(pdi, pdw, pdb, pd, pi, pw, BT, C, OC);
      m.end();
    },
  };
}
