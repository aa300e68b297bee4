import type { F32 } from "../kernels/index.js";

const f = Math.fround;

/**
 * torch.optim.AdamW (single-tensor path), each tensor op rounded to float32 as torch does:
 *   p *= 1 - lr·wd;  m = β1·m + (1-β1)·g;  v = β2·v + (1-β2)·g²
 *   p -= lr/(1-β1^t) · m / (√v / √(1-β2^t) + eps)
 */
export function adamw(
  param: F32,
  grad: F32,
  expAvg: F32,
  expAvgSq: F32,
  n: number,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
  weightDecay: number,
  step: number,
): void {
  const decay = f(1 - lr * weightDecay);
  const b1 = f(beta1);
  const b2 = f(beta2);
  const a1 = f(1 - beta1);
  const a2 = f(1 - beta2);
  const stepSize = f(lr / (1 - Math.pow(beta1, step)));
  const bc2Sqrt = f(Math.sqrt(1 - Math.pow(beta2, step)));
  const e = f(eps);
  for (let i = 0; i < n; i++) {
    const g = grad[i];
    const p = f(param[i] * decay);
    const m = f(f(expAvg[i] * b1) + f(g * a1));
    const v = f(f(expAvgSq[i] * b2) + f(f(g * g) * a2));
    expAvg[i] = m;
    expAvgSq[i] = v;
    const denom = f(f(Math.sqrt(v) / bc2Sqrt) + e);
    param[i] = p - f(stepSize * f(m / denom));
  }
}

export function sumSquares(a: F32, n: number): number {
  const partial = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) partial[i % 4] += a[i] * a[i];
  return partial[0] + partial[1] + (partial[2] + partial[3]);
}
