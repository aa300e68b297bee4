import type { F32 } from "./arrays.js";

/** Matrix products, and nn.Linear on top of them. */
export interface MatmulKernels {
  /**
   * out (M, N) (+)= A (M, K) · B (K, N). With transA, `a` holds Aᵀ as (K, M); with transB, `b`
   * holds Bᵀ as (N, K). `accumulate` adds into out instead of overwriting it.
   */
  matmul(out: F32, a: F32, b: F32, M: number, K: number, N: number, transA: boolean, transB: boolean, accumulate: boolean): void;
  /** out (BT, OC) = inp (BT, C) · weightᵀ (weight is (OC, C), as nn.Linear stores it) + bias */
  linear(out: F32, inp: F32, weight: F32, bias: F32 | null, BT: number, C: number, OC: number): void;
  /** dinp = dout · weight; dweight += doutᵀ · inp; dbias += Σ_rows dout. Null outputs are skipped. */
  linearBackward(dinp: F32 | null, dweight: F32 | null, dbias: F32 | null, dout: F32, inp: F32, weight: F32, BT: number, C: number, OC: number): void;
}
