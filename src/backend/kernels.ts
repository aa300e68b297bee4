/**
 * The backend seam: every numeric loop the engine runs, over flat typed arrays and integer dims.
 * Conventions: outputs first, then inputs, then dims; gradients carry a `d` prefix; arrays are
 * contiguous row-major (a `subarray` view is fine). `js/` is the readable reference and the
 * parity oracle; a faster backend overrides any subset with the same names and signatures.
 * "+=" in a doc comment means the kernel accumulates into that output.
 */
export type F32 = Float32Array;
export type I32 = Int32Array;
export type AnyArray = Float32Array | Float64Array | Int32Array | Uint8Array;

export type BinaryOp =
  | "add" | "sub" | "mul" | "div" | "pow" | "maximum" | "minimum"
  | "eq" | "ne" | "lt" | "le" | "gt" | "ge";

export interface Kernels {
  // ---- float32 elementwise over n contiguous values ----
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

  // ---- any dtype, strided, broadcasting (the general path) ----
  /** out[i…] = inp[offset + Σ i_d * strides[d]] for every index of `shape` (row-major out). */
  stridedCopy(out: AnyArray, inp: AnyArray, offset: number, shape: readonly number[], strides: readonly number[]): void;
  /** out[offset + Σ i_d * strides[d]] (+)= inp[i…] (row-major inp): writes into a strided view. */
  stridedScatter(out: AnyArray, offset: number, shape: readonly number[], strides: readonly number[], inp: AnyArray, accumulate: boolean): void;
  /** out (contiguous, `shape`) = a ⊙ b, each operand read through its own (broadcast) strides. */
  binaryStrided(
    op: BinaryOp, out: AnyArray, shape: readonly number[],
    a: AnyArray, aOffset: number, aStrides: readonly number[],
    b: AnyArray, bOffset: number, bStrides: readonly number[],
  ): void;
  /** out[o, i] = reduce_k inp[o, k, i] for an (outer, size, inner) view; op sum | max | min | prod. */
  reduce(op: "sum" | "max" | "min" | "prod", out: AnyArray, inp: AnyArray, outer: number, size: number, inner: number): void;
  /** index of the first max (or min) along the middle dim of (outer, size, inner) */
  argReduce(op: "max" | "min", out: I32, inp: AnyArray, outer: number, size: number, inner: number): void;

  // ---- matrix products ----
  /**
   * out (M, N) (+)= A (M, K) · B (K, N). With transA, `a` holds Aᵀ as (K, M); with transB, `b`
   * holds Bᵀ as (N, K). `accumulate` adds into out instead of overwriting it.
   */
  matmul(out: F32, a: F32, b: F32, M: number, K: number, N: number, transA: boolean, transB: boolean, accumulate: boolean): void;
  /** out (BT, OC) = inp (BT, C) · weightᵀ (weight is (OC, C), as nn.Linear stores it) + bias */
  linear(out: F32, inp: F32, weight: F32, bias: F32 | null, BT: number, C: number, OC: number): void;
  /** dinp = dout · weight; dweight += doutᵀ · inp; dbias += Σ_rows dout. Null outputs are skipped. */
  linearBackward(
    dinp: F32 | null, dweight: F32 | null, dbias: F32 | null,
    dout: F32, inp: F32, weight: F32, BT: number, C: number, OC: number,
  ): void;

  // ---- rows of a (rows, cols) matrix ----
  softmax(out: F32, inp: F32, rows: number, cols: number): void;
  /** dinp = out * (dout - Σ dout * out) */
  softmaxBackward(dinp: F32, dout: F32, out: F32, rows: number, cols: number): void;
  logSoftmax(out: F32, inp: F32, rows: number, cols: number): void;
  /** dinp = dout - exp(out) * Σ dout */
  logSoftmaxBackward(dinp: F32, dout: F32, out: F32, rows: number, cols: number): void;
  /**
   * Fused softmax + negative log-likelihood. probs = softmax(logits) (kept for the backward);
   * losses[r] = -log probs[r, targets[r]], or 0 where targets[r] === ignoreIndex. Returns the
   * number of rows that were not ignored.
   */
  crossEntropy(probs: F32, losses: F32, logits: F32, targets: I32, rows: number, cols: number, ignoreIndex: number): number;
  /** dlogits = scale * (probs - onehot(targets)) on counted rows, 0 on ignored rows */
  crossEntropyBackward(dlogits: F32, probs: F32, targets: I32, scale: number, rows: number, cols: number, ignoreIndex: number): void;
  /** out = (inp - mean) * rstd * weight + bias per row of C; saves mean and rstd (rows) */
  layerNorm(out: F32, mean: F32, rstd: F32, inp: F32, weight: F32 | null, bias: F32 | null, rows: number, C: number, eps: number): void;
  /** dinp = ...; dweight += ...; dbias += ... (null outputs skipped) */
  layerNormBackward(
    dinp: F32 | null, dweight: F32 | null, dbias: F32 | null,
    dout: F32, inp: F32, weight: F32 | null, mean: F32, rstd: F32, rows: number, C: number,
  ): void;

  // ---- columns of a (rows, C) matrix (BatchNorm) ----
  /** out[c] = Σ_r inp[r, c], accumulated in double */
  columnSums(out: F32, inp: F32, rows: number, C: number): void;
  /** out[c] = Σ_r (a[r, c] - (centerA ? mean[c] : 0))·(x[r, c] - mean[c]), accumulated in double */
  columnCenteredDot(out: F32, a: F32, x: F32, mean: F32, rows: number, C: number, centerA: boolean): void;
  /** out[r, c] = x[r, c]·q[c] + s[c] (+ a[r, c]·p[c] when a and p are given) */
  columnAffine(out: F32, a: F32 | null, p: F32 | null, x: F32, q: F32, s: F32, rows: number, C: number): void;

  // ---- attention ----
  /**
   * Causal multi-head self-attention on packed qkv (B, T, 3C) (q, k, v each C = nh·hs wide):
   * att (B, nh, T, T) = softmax over s ≤ t of q_t·k_s/√hs (0 above the diagonal), saved for the
   * backward; out (B, T, C) = att · v with the heads side by side.
   */
  attention(out: F32, att: F32, qkv: F32, B: number, T: number, C: number, nh: number): void;
  /** dqkv (B, T, 3C) from dout (B, T, C), the saved att and qkv (overwrites dqkv). */
  attentionBackward(dqkv: F32, dout: F32, qkv: F32, att: F32, B: number, T: number, C: number, nh: number): void;
  /**
   * One decoding step at position t with a KV cache: stores the new k, v (from packed qkv,
   * (rows, 3C)) into kcache/vcache (rows, nh, Tmax, hs) at t, then out (rows, C) = per head
   * softmax(q·K[0..t] / √hs) · V[0..t].
   */
  attentionDecode(out: F32, qkv: F32, kcache: F32, vcache: F32, rows: number, C: number, nh: number, t: number, Tmax: number): void;

  // ---- lookups ----
  /** out[i, :] = weight[idx[i], :] for n indices of rows of width C */
  embedding(out: F32, weight: F32, idx: I32, n: number, C: number): void;
  /** dweight[idx[i], :] += dout[i, :] */
  embeddingBackward(dweight: F32, dout: F32, idx: I32, n: number, C: number): void;
  /** out[i, :] = Σ_j tables[j][idx[i, j], :]: n rows of k indices into k tables of V rows of width C, back to back */
  embeddingSum(out: F32, tables: F32, idx: I32, n: number, k: number, V: number, C: number): void;
  /** dtables[j][idx[i, j], :] += dout[i, :] */
  embeddingSumBackward(dtables: F32, dout: F32, idx: I32, n: number, k: number, V: number, C: number): void;
  /** out[b, t] = w[t] · Σ_{s≤t} x[b, s] over x (B, T, C): a causal running mean with weights w (T) */
  causalMean(out: F32, x: F32, w: F32, B: number, T: number, C: number): void;
  /** dx[b, s] = Σ_{t≥s} w[t] · dout[b, t] (overwrites dx) */
  causalMeanBackward(dx: F32, dout: F32, w: F32, B: number, T: number, C: number): void;

  // ---- recurrent cells ----
  /**
   * One LSTM step on B rows of n units. `gates` (B, 4n) holds the pre-activations [i | f | o | g]
   * and is overwritten with σ(i), σ(f), σ(o), tanh(g); then c = f⊙cPrev + i⊙g, tanhC = tanh(c),
   * h = o⊙tanhC, each (B, n).
   */
  lstmCell(gates: F32, c: F32, tanhC: F32, h: F32, cPrev: F32, B: number, n: number): void;
  /**
   * Its backward from dh and dc (what reaches h and c from later on) and the saved activated
   * gates, cPrev and tanhC: dgates (B, 4n) w.r.t. the pre-activations and dcPrev (B, n).
   */
  lstmCellBackward(dgates: F32, dcPrev: F32, dh: F32, dc: F32, gates: F32, cPrev: F32, tanhC: F32, B: number, n: number): void;

  // ---- optimizer ----
  /**
   * One torch.optim.AdamW step over n values (decoupled weight decay, bias-corrected moments).
   * `step` is the 1-based step count after incrementing.
   */
  adamw(
    param: F32, grad: F32, expAvg: F32, expAvgSq: F32, n: number,
    lr: number, beta1: number, beta2: number, eps: number, weightDecay: number, step: number,
  ): void;
}

export type KernelName = keyof Kernels;
