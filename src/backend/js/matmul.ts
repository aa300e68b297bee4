import type { F32 } from "../kernels/index.js";

let rowAcc = new Float64Array(256);

/**
 * Reference GEMM. Each output row accumulates in double over k, then rounds once: within
 * float32 rounding of OpenBLAS's float32 FMA accumulation.
 */
export function matmul(out: F32, a: F32, b: F32, M: number, K: number, N: number, transA: boolean, transB: boolean, accumulate: boolean): void {
  if (transB && !transA) {
    matmulNT(out, a, b, M, K, N, accumulate);
    return;
  }
  if (rowAcc.length < N) rowAcc = new Float64Array(N);
  const acc = rowAcc;
  for (let i = 0; i < M; i++) {
    if (accumulate) for (let j = 0; j < N; j++) acc[j] = out[i * N + j];
    else acc.fill(0, 0, N);
    for (let k = 0; k < K; k++) {
      const aik = transA ? a[k * M + i] : a[i * K + k];
      if (aik === 0) continue;
      if (transB) {
        for (let j = 0; j < N; j++) acc[j] += aik * b[j * K + k];
      } else {
        const row = k * N;
        for (let j = 0; j < N; j++) acc[j] += aik * b[row + j];
      }
    }
    const o = i * N;
    for (let j = 0; j < N; j++) out[o + j] = acc[j];
  }
}

/** out (M, N) (+)= a (M, K) · bᵀ with b stored (N, K): rows of both are contiguous, so each output is a dot product. */
function matmulNT(out: F32, a: F32, b: F32, M: number, K: number, N: number, accumulate: boolean): void {
  for (let i = 0; i < M; i++) {
    const ar = i * K;
    for (let j = 0; j < N; j++) {
      const br = j * K;
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      let k = 0;
      for (; k + 3 < K; k += 4) {
        s0 += a[ar + k] * b[br + k];
        s1 += a[ar + k + 1] * b[br + k + 1];
        s2 += a[ar + k + 2] * b[br + k + 2];
        s3 += a[ar + k + 3] * b[br + k + 3];
      }
      for (; k < K; k++) s0 += a[ar + k] * b[br + k];
      const s = s0 + s1 + (s2 + s3);
      out[i * N + j] = accumulate ? out[i * N + j] + s : s;
    }
  }
}

export function linear(out: F32, inp: F32, weight: F32, bias: F32 | null, BT: number, C: number, OC: number): void {
  matmul(out, inp, weight, BT, C, OC, false, true, false);
  if (bias) {
    for (let r = 0; r < BT; r++) {
      const o = r * OC;
      for (let j = 0; j < OC; j++) out[o + j] += bias[j];
    }
  }
}

export function linearBackward(
  dinp: F32 | null,
  dweight: F32 | null,
  dbias: F32 | null,
  dout: F32,
  inp: F32,
  weight: F32,
  BT: number,
  C: number,
  OC: number,
): void {
  // dinp (BT, C) = dout (BT, OC) · weight (OC, C)
  if (dinp) matmul(dinp, dout, weight, BT, OC, C, false, false, false);
  // dweight (OC, C) += doutᵀ (OC, BT) · inp (BT, C)
  if (dweight) matmul(dweight, dout, inp, OC, BT, C, true, false, true);
  if (dbias) {
    for (let j = 0; j < OC; j++) {
      let s = 0;
      for (let r = 0; r < BT; r++) s += dout[r * OC + j];
      dbias[j] += s;
    }
  }
}
