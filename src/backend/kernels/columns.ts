import type { F32 } from "./arrays.js";

/** Per-column kernels of a (rows, C) matrix: BatchNorm's statistics and affine map. */
export interface ColumnsKernels {
  /** out[c] = Σ_r inp[r, c], accumulated in double */
  columnSums(out: F32, inp: F32, rows: number, C: number): void;
  /** out[c] = Σ_r (a[r, c] - (centerA ? mean[c] : 0))·(x[r, c] - mean[c]), accumulated in double */
  columnCenteredDot(out: F32, a: F32, x: F32, mean: F32, rows: number, C: number, centerA: boolean): void;
  /** out[r, c] = x[r, c]·q[c] + s[c] (+ a[r, c]·p[c] when a and p are given) */
  columnAffine(out: F32, a: F32 | null, p: F32 | null, x: F32, q: F32, s: F32, rows: number, C: number): void;
}
