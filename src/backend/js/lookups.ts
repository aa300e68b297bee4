import type { F32, I32 } from "../kernels/index.js";

export function embedding(out: F32, weight: F32, idx: I32, n: number, C: number): void {
  for (let i = 0; i < n; i++) {
    const src = idx[i] * C;
    out.set(weight.subarray(src, src + C), i * C);
  }
}

export function embeddingBackward(dweight: F32, dout: F32, idx: I32, n: number, C: number): void {
  for (let i = 0; i < n; i++) {
    const dst = idx[i] * C;
    const src = i * C;
    for (let j = 0; j < C; j++) dweight[dst + j] += dout[src + j];
  }
}

export function embeddingSum(out: F32, tables: F32, idx: I32, n: number, k: number, V: number, C: number): void {
  for (let i = 0; i < n; i++) {
    const o = i * C;
    out.fill(0, o, o + C);
    for (let t = 0; t < k; t++) {
      const r = idx[i * k + t];
      if (r < 0 || r >= V) continue;
      const src = (t * V + r) * C;
      for (let j = 0; j < C; j++) out[o + j] += tables[src + j];
    }
  }
}

export function embeddingSumBackward(dtables: F32, dout: F32, idx: I32, n: number, k: number, V: number, C: number): void {
  for (let i = 0; i < n; i++) {
    const o = i * C;
    for (let t = 0; t < k; t++) {
      const r = idx[i * k + t];
      if (r < 0 || r >= V) continue;
      const dst = (t * V + r) * C;
      for (let j = 0; j < C; j++) dtables[dst + j] += dout[o + j];
    }
  }
}
