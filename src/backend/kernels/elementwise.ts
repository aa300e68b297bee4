import type { F32 } from "./arrays.js";

/** float32 elementwise over n contiguous values. */
export interface ElementwiseKernels {
  add(out: F32, a: F32, b: F32, n: number): void;
  mul(out: F32, a: F32, b: F32, n: number): void;
  /** out = a + alpha * b */
  axpy(out: F32, a: F32, b: F32, alpha: number, n: number): void;
  /** out = alpha * inp + beta */
  affine(out: F32, inp: F32, alpha: number, beta: number, n: number): void;
  exp(out: F32, inp: F32, n: number): void;
  log(out: F32, inp: F32, n: number): void;
  tanh(out: F32, inp: F32, n: number): void;
  sigmoid(out: F32, inp: F32, n: number): void;
  relu(out: F32, inp: F32, n: number): void;
  /** GELU, tanh approximation: 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))) */
  gelu(out: F32, inp: F32, n: number): void;
  /** dinp = dout * (1 - out²) */
  tanhBackward(dinp: F32, dout: F32, out: F32, n: number): void;
  /** dinp = dout * out * (1 - out) */
  sigmoidBackward(dinp: F32, dout: F32, out: F32, n: number): void;
  geluBackward(dinp: F32, dout: F32, inp: F32, n: number): void;
}
