/**
 * The raw exports of the AssemblyScript kernel module (asm/index.ts). Every array argument is a
 * byte address in the shared linear memory (0 = null); booleans are 0 / 1.
 */
export interface KernelExports {
  heapBase(): number;
  workspaceBytes(): number;
  setWorkspace(ptr: number): void;
  /** GEMM tile policy: micro-tile height (1..6) and whether to pack A, for row-major and transposed A */
  setGemmTiles(rowMajorMr: number, rowMajorPack: number, transAMr: number, transAPack: number): void;
  resetGemmTiles(): void;

  matmul(c: number, a: number, b: number, M: number, K: number, N: number, transA: number, transB: number, accumulate: number): void;
  linear(out: number, inp: number, weight: number, bias: number, BT: number, C: number, OC: number): void;
  linearBackward(dinp: number, dweight: number, dbias: number, dout: number, inp: number, weight: number, BT: number, C: number, OC: number): void;

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

  softmax(out: number, inp: number, rows: number, cols: number): void;
  softmaxBackward(dinp: number, dout: number, out: number, rows: number, cols: number): void;
  logSoftmax(out: number, inp: number, rows: number, cols: number): void;
  logSoftmaxBackward(dinp: number, dout: number, out: number, rows: number, cols: number): void;
  /** count of rows not ignored, or -(r + 1) for the first row whose target is out of bounds */
  crossEntropy(probs: number, losses: number, logits: number, targets: number, rows: number, cols: number, ignoreIndex: number): number;
  crossEntropyBackward(dlogits: number, probs: number, targets: number, scale: number, rows: number, cols: number, ignoreIndex: number): void;
  layerNorm(out: number, mean: number, rstd: number, inp: number, weight: number, bias: number, rows: number, C: number, eps: number): void;
  layerNormBackward(dinp: number, dweight: number, dbias: number, dout: number, inp: number, weight: number, mean: number, rstd: number, rows: number, C: number): void;

  attention(out: number, att: number, qkv: number, B: number, T: number, C: number, nh: number): void;
  /** `scoreGrads`: scratch of T·T floats */
  attentionBackward(dqkv: number, dout: number, qkv: number, att: number, B: number, T: number, C: number, nh: number, scoreGrads: number): void;
  attentionDecode(out: number, qkv: number, kcache: number, vcache: number, rows: number, C: number, nh: number, t: number, Tmax: number, probs: number): void;
  embedding(out: number, weight: number, idx: number, n: number, C: number, V: number): void;
  embeddingBackward(dweight: number, dout: number, idx: number, n: number, C: number, V: number): void;
  columnSums(out: number, inp: number, rows: number, C: number): void;
  columnCenteredDot(out: number, a: number, x: number, mean: number, rows: number, C: number, centerA: number): void;
  columnAffine(out: number, a: number, p: number, x: number, q: number, s: number, rows: number, C: number): void;
  embeddingSum(out: number, tables: number, idx: number, n: number, k: number, V: number, C: number): void;
  embeddingSumBackward(dtables: number, dout: number, idx: number, n: number, k: number, V: number, C: number): void;
  causalMean(out: number, x: number, w: number, B: number, T: number, C: number, acc: number): void;
  causalMeanBackward(dx: number, dout: number, w: number, B: number, T: number, C: number, acc: number): void;
  lstmCell(gates: number, c: number, tanhC: number, h: number, cPrev: number, B: number, n: number): void;
  lstmCellBackward(dgates: number, dcPrev: number, dh: number, dc: number, gates: number, cPrev: number, tanhC: number, B: number, n: number): void;
  adamw(
    param: number, grad: number, expAvg: number, expAvgSq: number, n: number,
    decay: number, beta1: number, beta2: number, oneMinusBeta1: number, oneMinusBeta2: number,
    stepSize: number, bc2Sqrt: number, eps: number,
  ): void;
}
