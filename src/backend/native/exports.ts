/**
 * The raw exports of the native addon (native/src/addon.c), as the host sees them: every array
 * is a byte offset into the wasm memory the thread attached (0 = null), booleans are 0 / 1, and
 * the signatures match the wasm exports of the same names (src/backend/wasm/).
 */
export interface NativeExports {
  /** The interface version the addon was built with (NATIVE_ABI in addon.ts). */
  abi(): number;
  /** Gives this thread's addon the wasm memory: a Uint8Array over its whole current buffer. */
  attach(memory: Uint8Array): void;
  /** The GEMM micro-kernel in use: "avx512", "avx2", "neon" or "generic". */
  isa(): string;
  /** Forces a GEMM micro-kernel (tests, benchmarks); false if this CPU lacks it. Process-wide. */
  forceIsa(isa: string): boolean;
  matmul(c: number, a: number, b: number, M: number, K: number, N: number, transA: number, transB: number, accumulate: number): void;
  linear(out: number, inp: number, weight: number, bias: number, BT: number, C: number, OC: number): void;
  linearBackward(dinp: number, dweight: number, dbias: number, dout: number, inp: number, weight: number, BT: number, C: number, OC: number): void;
  attention(out: number, att: number, qkv: number, B: number, T: number, C: number, nh: number): void;
  attentionBackward(dqkv: number, dout: number, qkv: number, att: number, B: number, T: number, C: number, nh: number): void;
  layerNorm(out: number, mean: number, rstd: number, inp: number, weight: number, bias: number, rows: number, C: number, eps: number): void;
  layerNormBackward(
    dinp: number,
    dweight: number,
    dbias: number,
    dout: number,
    inp: number,
    weight: number,
    mean: number,
    rstd: number,
    rows: number,
    C: number,
  ): void;
  adamw(
    param: number,
    grad: number,
    expAvg: number,
    expAvgSq: number,
    n: number,
    decay: number,
    beta1: number,
    beta2: number,
    oneMinusBeta1: number,
    oneMinusBeta2: number,
    stepSize: number,
    bc2Sqrt: number,
    eps: number,
  ): void;
}
