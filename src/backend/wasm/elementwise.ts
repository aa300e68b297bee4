import type { ElementwiseKernels, F32 } from "../kernels/index.js";
import type { Marshal } from "./marshal.js";

/** asm/elementwise.ts as the host sees it: byte addresses into the wasm memory. */
export interface ElementwiseExports {
  add(out: number, a: number, b: number, n: number): void;
  mul(out: number, a: number, b: number, n: number): void;
  axpy(out: number, a: number, b: number, alpha: number, n: number): void;
  affine(out: number, inp: number, alpha: number, beta: number, n: number): void;
  exp(out: number, inp: number, n: number): void;
  log(out: number, inp: number, n: number): void;
  tanh(out: number, inp: number, n: number): void;
  sigmoid(out: number, inp: number, n: number): void;
  relu(out: number, inp: number, n: number): void;
  gelu(out: number, inp: number, n: number): void;
  tanhBackward(dinp: number, dout: number, out: number, n: number): void;
  sigmoidBackward(dinp: number, dout: number, out: number, n: number): void;
  geluBackward(dinp: number, dout: number, inp: number, n: number): void;
  packHalf(dst: number, src: number, n: number, bfloat16: number): void;
  unpackHalf(dst: number, src: number, n: number, bfloat16: number): void;
}

/** float32 elementwise kernels: same signatures as the JS twins, run in wasm. */
export function elementwiseKernels(X: ElementwiseExports, m: Marshal): ElementwiseKernels {
  const unary =
    (run: (out: number, inp: number, n: number) => void) =>
    (out: F32, inp: F32, n: number): void => {
      m.begin();
      const pi = m.input(inp, n);
      run(m.output(out, n), pi, n);
      m.end();
    };
  const grad =
    (run: (dinp: number, dout: number, saved: number, n: number) => void) =>
    (dinp: F32, dout: F32, saved: F32, n: number): void => {
      m.begin();
      const pd = m.input(dout, n);
      const ps = m.input(saved, n);
      run(m.output(dinp, n), pd, ps, n);
      m.end();
    };
  return {
    add(out, a, b, n) {
      m.begin();
      const pa = m.input(a, n);
      const pb = m.input(b, n);
      X.add(m.output(out, n), pa, pb, n);
      m.end();
    },
    mul(out, a, b, n) {
      m.begin();
      const pa = m.input(a, n);
      const pb = m.input(b, n);
      X.mul(m.output(out, n), pa, pb, n);
      m.end();
    },
    axpy(out, a, b, alpha, n) {
      m.begin();
      const pa = m.input(a, n);
      const pb = m.input(b, n);
      X.axpy(m.output(out, n), pa, pb, alpha, n);
      m.end();
    },
    affine(out, inp, alpha, beta, n) {
      m.begin();
      const pi = m.input(inp, n);
      X.affine(m.output(out, n), pi, alpha, beta, n);
      m.end();
    },
    exp: unary(X.exp),
    log: unary(X.log),
    tanh: unary(X.tanh),
    sigmoid: unary(X.sigmoid),
    relu: unary(X.relu),
    gelu: unary(X.gelu),
    tanhBackward: grad(X.tanhBackward),
    sigmoidBackward: grad(X.sigmoidBackward),
    geluBackward: grad(X.geluBackward),
    packHalf(dst, src, n, bfloat16) {
      m.begin();
      const ps = m.input(src, n);
      const words = Math.ceil(n / 2);
      // with n odd the last word's high half is kept, so that word is read as well
      X.packHalf(n % 2 ? m.inout(dst, words) : m.output(dst, words), ps, n, bfloat16 ? 1 : 0);
      m.end();
    },
    unpackHalf(dst, src, n, bfloat16) {
      m.begin();
      const ps = m.input(src, Math.ceil(n / 2));
      X.unpackHalf(m.output(dst, n), ps, n, bfloat16 ? 1 : 0);
      m.end();
    },
  };
}
