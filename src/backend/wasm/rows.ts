import type { RowsKernels, F32 } from "../kernels/index.js";
import type { Marshal } from "./marshal.js";

/** asm/rows.ts as the host sees it: byte addresses into the wasm memory (0 = null). */
export interface RowsExports {
  softmax(out: number, inp: number, rows: number, cols: number): void;
  softmaxBackward(dinp: number, dout: number, out: number, rows: number, cols: number): void;
  logSoftmax(out: number, inp: number, rows: number, cols: number): void;
  logSoftmaxBackward(dinp: number, dout: number, out: number, rows: number, cols: number): void;
  /** count of rows not ignored, or -(r + 1) for the first row whose target is out of bounds */
  crossEntropy(probs: number, losses: number, logits: number, targets: number, rows: number, cols: number, ignoreIndex: number): number;
  crossEntropyBackward(dlogits: number, probs: number, targets: number, scale: number, rows: number, cols: number, ignoreIndex: number): void;
  layerNorm(out: number, mean: number, rstd: number, inp: number, weight: number, bias: number, rows: number, C: number, eps: number): void;
  layerNormBackward(
    dinp: number,
    dweight: number,
    dbias: number,
    dout: number,
    inp: number,
    weight: number,
    mean: number,
    rstd: number,
    rows: number,
    C: number,
  ): void;
}

/** Row kernels (softmax family, fused cross-entropy, layer norm) in wasm. */
export function rowsKernels(X: RowsExports, m: Marshal): RowsKernels {
  const forward =
    (run: (out: number, inp: number, rows: number, cols: number) => void) =>
    (out: F32, inp: F32, rows: number, cols: number): void => {
      m.begin();
      const pi = m.input(inp, rows * cols);
      run(m.output(out, rows * cols), pi, rows, cols);
      m.end();
    };
  const backward =
    (run: (dinp: number, dout: number, out: number, rows: number, cols: number) => void) =>
    (dinp: F32, dout: F32, out: F32, rows: number, cols: number): void => {
      m.begin();
      const pd = m.input(dout, rows * cols);
      const po = m.input(out, rows * cols);
      run(m.output(dinp, rows * cols), pd, po, rows, cols);
      m.end();
    };
  return {
    softmax: forward(X.softmax),
    softmaxBackward: backward(X.softmaxBackward),
    logSoftmax: forward(X.logSoftmax),
    logSoftmaxBackward: backward(X.logSoftmaxBackward),
    crossEntropy(probs, losses, logits, targets, rows, cols, ignoreIndex) {
      m.begin();
      const pl = m.input(logits, rows * cols);
      const pt = m.input(targets, rows);
      const count = X.crossEntropy(m.output(probs, rows * cols), m.output(losses, rows), pl, pt, rows, cols, ignoreIndex);
      m.end();
      if (count < 0) {
        const t = targets[-count - 1];
        throw new Error(`cross_entropy: target ${t} is out of bounds for ${cols} classes`);
      }
      return count;
    },
    crossEntropyBackward(dlogits, probs, targets, scale, rows, cols, ignoreIndex) {
      m.begin();
      const pp = m.input(probs, rows * cols);
      const pt = m.input(targets, rows);
      X.crossEntropyBackward(m.output(dlogits, rows * cols), pp, pt, scale, rows, cols, ignoreIndex);
      m.end();
    },
    layerNorm(out, mean, rstd, inp, weight, bias, rows, C, eps) {
      m.begin();
      const pi = m.input(inp, rows * C);
      const pw = m.optionalInput(weight, C);
      const pb = m.optionalInput(bias, C);
      X.layerNorm(m.output(out, rows * C), m.output(mean, rows), m.output(rstd, rows), pi, pw, pb, rows, C, eps);
      m.end();
    },
    layerNormBackward(dinp, dweight, dbias, dout, inp, weight, mean, rstd, rows, C) {
      m.begin();
      const pd = m.input(dout, rows * C);
      const pi = m.input(inp, rows * C);
      const pw = m.optionalInput(weight, C);
      const pm = m.input(mean, rows);
      const pr = m.input(rstd, rows);
      X.layerNormBackward(m.optionalOutput(dinp, rows * C), m.optionalInout(dweight, C), m.optionalInout(dbias, C), pd, pi, pw, pm, pr, rows, C);
      m.end();
    },
  };
}
