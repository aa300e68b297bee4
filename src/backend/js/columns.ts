import type { F32 } from "../kernels/index.js";

export function columnSums(out: F32, inp: F32, rows: number, C: number): void {
  const acc = new Float64Array(C);
  for (let r = 0; r < rows; r++) {
    const o = r * C;
    for (let c = 0; c < C; c++) acc[c] += inp[o + c];
  }
  out.set(acc);
}

export function columnCenteredDot(out: F32, a: F32, x: F32, mean: F32, rows: number, C: number, centerA: boolean): void {
  const acc = new Float64Array(C);
  for (let r = 0; r < rows; r++) {
    const o = r * C;
    for (let c = 0; c < C; c++) acc[c] += (a[o + c] - (centerA ? mean[c] : 0)) * (x[o + c] - mean[c]);
  }
  out.set(acc);
}

export function columnAffine(out: F32, a: F32 | null, p: F32 | null, x: F32, q: F32, s: F32, rows: number, C: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * C;
    if (a && p) for (let c = 0; c < C; c++) out[o + c] = a[o + c] * p[c] + x[o + c] * q[c] + s[c];
    else for (let c = 0; c < C; c++) out[o + c] = x[o + c] * q[c] + s[c];
  }
}
