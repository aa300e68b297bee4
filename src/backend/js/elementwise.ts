import type { F32, I32 } from "../kernels/index.js";
import { decodeHalf, encodeHalf } from "../../tensor/half.js";

// Plain loops: Float32Array stores round each double result to float32, which for + - * /
// is exactly the float32 operation (double has more than 2·24+2 bits).

export function add(out: F32, a: F32, b: F32, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
}

export function mul(out: F32, a: F32, b: F32, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
}

export function axpy(out: F32, a: F32, b: F32, alpha: number, n: number): void {
  const al = Math.fround(alpha);
  for (let i = 0; i < n; i++) out[i] = a[i] + Math.fround(al * b[i]);
}

export function affine(out: F32, inp: F32, alpha: number, beta: number, n: number): void {
  const al = Math.fround(alpha);
  const be = Math.fround(beta);
  for (let i = 0; i < n; i++) out[i] = Math.fround(al * inp[i]) + be;
}

export function exp(out: F32, inp: F32, n: number): void {
  for (let i = 0; i < n; i++) out[i] = Math.exp(inp[i]);
}

export function log(out: F32, inp: F32, n: number): void {
  for (let i = 0; i < n; i++) out[i] = Math.log(inp[i]);
}

export function tanh(out: F32, inp: F32, n: number): void {
  for (let i = 0; i < n; i++) out[i] = Math.tanh(inp[i]);
}

export function sigmoid(out: F32, inp: F32, n: number): void {
  for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-inp[i]));
}

export function relu(out: F32, inp: F32, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = inp[i];
    out[i] = x > 0 ? x : x !== x ? x : 0; // NaN propagates, as in torch
  }
}

const GELU_K = Math.sqrt(2 / Math.PI);

export function gelu(out: F32, inp: F32, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = inp[i];
    out[i] = 0.5 * x * (1 + Math.tanh(GELU_K * (x + 0.044715 * x * x * x)));
  }
}

export function tanhBackward(dinp: F32, dout: F32, out: F32, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = out[i];
    dinp[i] = dout[i] * (1 - y * y);
  }
}

export function sigmoidBackward(dinp: F32, dout: F32, out: F32, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = out[i];
    dinp[i] = dout[i] * y * (1 - y);
  }
}

// d/dx [0.5 x (1 + tanh u)] = 0.5 (1 + tanh u) + 0.5 x (1 - tanh² u) u',  u' = k (1 + 3·0.044715 x²)
export function geluBackward(dinp: F32, dout: F32, inp: F32, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = inp[i];
    const t = Math.tanh(GELU_K * (x + 0.044715 * x * x * x));
    const du = GELU_K * (1 + 3 * 0.044715 * x * x);
    dinp[i] = dout[i] * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du);
  }
}

const halvesOf = (words: I32, n: number) => new Uint16Array(words.buffer, words.byteOffset, n);

export function packHalf(dst: I32, src: F32, n: number, bfloat16: boolean): void {
  encodeHalf(bfloat16 ? "bfloat16" : "float16", src.subarray(0, n), halvesOf(dst, n));
}

export function unpackHalf(dst: F32, src: I32, n: number, bfloat16: boolean): void {
  decodeHalf(bfloat16 ? "bfloat16" : "float16", halvesOf(src, n), dst);
}
