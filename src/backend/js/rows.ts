import type { F32, I32 } from "../kernels/index.js";

export function softmax(out: F32, inp: F32, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (inp[o + j] > max) max = inp[o + j];
    if (max === -Infinity) max = 0; // an all -inf row gives NaN, as in torch
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(inp[o + j] - max);
      out[o + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < cols; j++) out[o + j] = out[o + j] * inv;
  }
}

export function softmaxBackward(dinp: F32, dout: F32, out: F32, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let dot = 0;
    for (let j = 0; j < cols; j++) dot += dout[o + j] * out[o + j];
    for (let j = 0; j < cols; j++) dinp[o + j] = out[o + j] * (dout[o + j] - dot);
  }
}

export function logSoftmax(out: F32, inp: F32, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (inp[o + j] > max) max = inp[o + j];
    if (max === -Infinity) max = 0;
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(inp[o + j] - max);
    const lse = max + Math.log(sum);
    for (let j = 0; j < cols; j++) out[o + j] = inp[o + j] - lse;
  }
}

export function logSoftmaxBackward(dinp: F32, dout: F32, out: F32, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += dout[o + j];
    for (let j = 0; j < cols; j++) dinp[o + j] = dout[o + j] - Math.exp(out[o + j]) * sum;
  }
}

export function crossEntropy(probs: F32, losses: F32, logits: F32, targets: I32, rows: number, cols: number, ignoreIndex: number): number {
  let count = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (logits[o + j] > max) max = logits[o + j];
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(logits[o + j] - max);
      probs[o + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < cols; j++) probs[o + j] *= inv;
    const t = targets[r];
    if (t === ignoreIndex) {
      losses[r] = 0;
      continue;
    }
    if (t < 0 || t >= cols) throw new Error(`cross_entropy: target ${t} is out of bounds for ${cols} classes`);
    // log-sum-exp form: exact even where probs[t] underflows to 0
    losses[r] = max + Math.log(sum) - logits[o + t];
    count++;
  }
  return count;
}

export function crossEntropyBackward(dlogits: F32, probs: F32, targets: I32, scale: number, rows: number, cols: number, ignoreIndex: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    const t = targets[r];
    if (t === ignoreIndex) {
      dlogits.fill(0, o, o + cols);
      continue;
    }
    for (let j = 0; j < cols; j++) dlogits[o + j] = scale * probs[o + j];
    dlogits[o + t] = scale * (probs[o + t] - 1);
  }
}

export function layerNorm(out: F32, mean: F32, rstd: F32, inp: F32, weight: F32 | null, bias: F32 | null, rows: number, C: number, eps: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * C;
    let m = 0;
    for (let j = 0; j < C; j++) m += inp[o + j];
    m /= C;
    let v = 0;
    for (let j = 0; j < C; j++) {
      const d = inp[o + j] - m;
      v += d * d;
    }
    v /= C; // biased, as nn.LayerNorm
    const s = 1 / Math.sqrt(v + eps);
    for (let j = 0; j < C; j++) {
      const xhat = (inp[o + j] - m) * s;
      out[o + j] = xhat * (weight ? weight[j] : 1) + (bias ? bias[j] : 0);
    }
    mean[r] = m;
    rstd[r] = s;
  }
}

// With xhat = (x - mean) * rstd and g = dout * weight:
//   dx = rstd * (g - mean(g) - xhat * mean(g * xhat))
export function layerNormBackward(
  dinp: F32 | null,
  dweight: F32 | null,
  dbias: F32 | null,
  dout: F32,
  inp: F32,
  weight: F32 | null,
  mean: F32,
  rstd: F32,
  rows: number,
  C: number,
): void {
  for (let r = 0; r < rows; r++) {
    const o = r * C;
    const m = mean[r];
    const s = rstd[r];
    let gMean = 0;
    let gxMean = 0;
    for (let j = 0; j < C; j++) {
      const xhat = (inp[o + j] - m) * s;
      const g = dout[o + j] * (weight ? weight[j] : 1);
      gMean += g;
      gxMean += g * xhat;
      if (dweight) dweight[j] += dout[o + j] * xhat;
      if (dbias) dbias[j] += dout[o + j];
    }
    if (!dinp) continue;
    gMean /= C;
    gxMean /= C;
    for (let j = 0; j < C; j++) {
      const xhat = (inp[o + j] - m) * s;
      const g = dout[o + j] * (weight ? weight[j] : 1);
      dinp[o + j] = s * (g - gMean - xhat * gxMean);
    }
  }
}
