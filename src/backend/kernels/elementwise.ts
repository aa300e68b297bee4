import type { F32, I32 } from "./arrays.js";

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
  /**
   * 16-bit storage: n float32 values rounded to fp16 (c10::Half: NaN → 0x7E00) or bfloat16
   * (c10::BFloat16, round to nearest even: NaN → 0xFFFF) patterns, two per int32 of dst (value 2i
   * in the low half; with n odd the last word's high half is left as it was).
   */
  packHalf(dst: I32, src: F32, n: number, bfloat16: boolean): void;
  /** The n 16-bit patterns packHalf writes, widened back to float32 exactly (an fp16 NaN becomes the quiet NaN). */
  unpackHalf(dst: F32, src: I32, n: number, bfloat16: boolean): void;
}
