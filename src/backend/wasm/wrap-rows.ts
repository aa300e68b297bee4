import type { Kernels, F32 } from "../kernels.js";
import type { KernelExports } from "./exports.js";
import type { Marshal } from "./marshal.js";

type RowName =
  | "softmax" | "softmaxBackward" | "logSoftmax" | "logSoftmaxBackward"
  | "crossEntropy" | "crossEntropyBackward" | "layerNorm" | "layerNormBackward";

/** Row kernels (softmax family, fused cross-entropy, layer norm) in wasm. */
export function rowKernels(X: KernelExports, m: Marshal): Pick<Kernels, RowName> {
  const forward = (run: (out: number, inp: number, rows: number, cols: number) => void) => (out: F32, inp: F32, rows: number, cols: number): void => {
    m.begin();
    const pi = m.input(inp, rows * cols);
    run(m.output(out, rows * cols), pi, rows, cols);
    m.end();
  };
  const backward = (run: (dinp: number, dout: number, out: number, rows: number, cols: number) => void) =>
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
