// Row kernels over a (rows, cols) matrix: softmax, log-softmax and the fused softmax +
// cross-entropy, each with its backward, and layer norm over rows of C. Same semantics as
// src/backend/js/rows.ts.
import { madd, splat, loadTail, storeTail, slog, vexp, hsum } from "./simd";
import { at, rowMax, rowExpShift, rowExpSum, rowScale, rowDot, rowSum, rowZero } from "./row-ops";

export function softmax(out: usize, inp: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const o = <usize>(r * cols) << 2;
    let max = rowMax(inp + o, cols);
    if (max == -Infinity) max = 0; // an all -inf row gives NaN, as in torch
    const sum = rowExpShift(out + o, inp + o, cols, max);
    rowScale(out + o, out + o, cols, 1 / sum);
  }
}

/** dinp = out·(dout - Σ dout·out) */
export function softmaxBackward(dinp: usize, dout: usize, out: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const o = <usize>(r * cols) << 2;
    const dot = splat(rowDot(dout + o, out + o, cols));
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const p = at(o, j);
      v128.store(dinp + p, f32x4.mul(v128.load(out + p), f32x4.sub(v128.load(dout + p), dot)));
    }
    const n = cols - j;
    if (n > 0) {
      const p = at(o, j);
      storeTail(dinp + p, f32x4.mul(loadTail(out + p, n, splat(0)), f32x4.sub(loadTail(dout + p, n, splat(0)), dot)), n);
    }
  }
}

export function logSoftmax(out: usize, inp: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const o = <usize>(r * cols) << 2;
    let max = rowMax(inp + o, cols);
    if (max == -Infinity) max = 0;
    const lse = splat(max + slog(rowExpSum(inp + o, cols, max)));
    let j = 0;
    for (; j + 4 <= cols; j += 4) v128.store(at(out + o, j), f32x4.sub(v128.load(at(inp + o, j)), lse));
    const n = cols - j;
    if (n > 0) storeTail(at(out + o, j), f32x4.sub(loadTail(at(inp + o, j), n, splat(0)), lse), n);
  }
}

/** dinp = dout - exp(out)·Σ dout */
export function logSoftmaxBackward(dinp: usize, dout: usize, out: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const o = <usize>(r * cols) << 2;
    const sum = splat(rowSum(dout + o, cols));
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const p = at(o, j);
      v128.store(dinp + p, f32x4.sub(v128.load(dout + p), f32x4.mul(vexp(v128.load(out + p)), sum)));
    }
    const n = cols - j;
    if (n > 0) {
      const p = at(o, j);
      const e = vexp(loadTail(out + p, n, splat(0)));
      storeTail(dinp + p, f32x4.sub(loadTail(dout + p, n, splat(0)), f32x4.mul(e, sum)), n);
    }
  }
}

/**
 * Fused softmax + negative log-likelihood (see Kernels.crossEntropy). Returns the number of
 * rows not ignored, or -(r + 1) when targets[r] is out of bounds (the host throws).
 */
export function crossEntropy(probs: usize, losses: usize, logits: usize, targets: usize, rows: i32, cols: i32, ignoreIndex: i32): i32 {
  let count = 0;
  for (let r = 0; r < rows; r++) {
    const o = <usize>(r * cols) << 2;
    const max = rowMax(logits + o, cols);
    const sum = rowExpShift(probs + o, logits + o, cols, max);
    rowScale(probs + o, probs + o, cols, 1 / sum);
    const t = load<i32>(targets + (<usize>r << 2));
    if (t == ignoreIndex) {
      store<f32>(losses + (<usize>r << 2), 0);
      continue;
    }
    if (t < 0 || t >= cols) return -(r + 1);
    // log-sum-exp form: exact even where probs[t] underflows to 0
    store<f32>(losses + (<usize>r << 2), max + slog(sum) - load<f32>(at(logits + o, t)));
    count++;
  }
  return count;
}

/** dlogits = scale·(probs - onehot(targets)) on counted rows, 0 on ignored rows */
export function crossEntropyBackward(dlogits: usize, probs: usize, targets: usize, scale: f32, rows: i32, cols: i32, ignoreIndex: i32): void {
  for (let r = 0; r < rows; r++) {
    const o = <usize>(r * cols) << 2;
    const t = load<i32>(targets + (<usize>r << 2));
    if (t == ignoreIndex) {
      rowZero(dlogits + o, cols);
      continue;
    }
    rowScale(dlogits + o, probs + o, cols, scale);
    if (t >= 0 && t < cols) store<f32>(at(dlogits + o, t), scale * (load<f32>(at(probs + o, t)) - 1));
  }
}

// ---- layer norm: a null weight / bias is pointer 0 and acts as 1 / 0 ----

// @ts-ignore: decorator
@inline function loadOr(p: usize, j: i32, n: i32, fallback: f32): v128 {
  if (p == 0) return splat(fallback);
  return n >= 4 ? v128.load(at(p, j)) : loadTail(at(p, j), n, splat(0));
}

/** out = (inp - mean)·rstd·weight + bias per row; saves mean and rstd (biased variance) */
export function layerNorm(out: usize, mean: usize, rstd: usize, inp: usize, weight: usize, bias: usize, rows: i32, C: i32, eps: f32): void {
  const invC: f32 = 1 / <f32>C;
  for (let r = 0; r < rows; r++) {
    const x = inp + (<usize>(r * C) << 2);
    const y = out + (<usize>(r * C) << 2);
    const m = rowSum(x, C) * invC;
    const mv = splat(m);
    let vs = splat(0);
    let j = 0;
    for (; j + 4 <= C; j += 4) {
      const d = f32x4.sub(v128.load(at(x, j)), mv);
      vs = madd(d, d, vs);
    }
    if (j < C) {
      const d = f32x4.sub(loadTail(at(x, j), C - j, mv), mv);
      vs = madd(d, d, vs);
    }
    const v = hsum(vs) * invC;
    const s: f32 = 1 / Mathf.sqrt(v + eps);
    const sv = splat(s);
    for (j = 0; j < C; j += 4) {
      const n = C - j;
      const xhat = f32x4.mul(f32x4.sub(n >= 4 ? v128.load(at(x, j)) : loadTail(at(x, j), n, mv), mv), sv);
      const o = madd(xhat, loadOr(weight, j, n, 1), loadOr(bias, j, n, 0));
      if (n >= 4) v128.store(at(y, j), o);
      else storeTail(at(y, j), o, n);
    }
    store<f32>(mean + (<usize>r << 2), m);
    store<f32>(rstd + (<usize>r << 2), s);
  }
}

// With xhat = (x - mean)·rstd and g = dout·weight:
//   dx = rstd·(g - mean(g) - xhat·mean(g·xhat));  dweight += dout·xhat;  dbias += dout
export function layerNormBackward(
  dinp: usize, dweight: usize, dbias: usize,
  dout: usize, inp: usize, weight: usize, mean: usize, rstd: usize, rows: i32, C: i32,
): void {
  const invC: f32 = 1 / <f32>C;
  for (let r = 0; r < rows; r++) {
    const rowOff = <usize>(r * C) << 2;
    const x = inp + rowOff;
    const dy = dout + rowOff;
    const mv = splat(load<f32>(mean + (<usize>r << 2)));
    const sv = splat(load<f32>(rstd + (<usize>r << 2)));
    let gSum = splat(0);
    let gxSum = splat(0);
    for (let j = 0; j < C; j += 4) {
      const n = C - j;
      const full = n >= 4;
      const xhat = f32x4.mul(f32x4.sub(full ? v128.load(at(x, j)) : loadTail(at(x, j), n, mv), mv), sv);
      const d = full ? v128.load(at(dy, j)) : loadTail(at(dy, j), n, splat(0));
      const g = f32x4.mul(d, loadOr(weight, j, n, 1));
      gSum = f32x4.add(gSum, g);
      gxSum = madd(g, xhat, gxSum);
      if (dweight != 0) {
        const w = madd(d, xhat, full ? v128.load(at(dweight, j)) : loadTail(at(dweight, j), n, splat(0)));
        if (full) v128.store(at(dweight, j), w);
        else storeTail(at(dweight, j), w, n);
      }
      if (dbias != 0) {
        const b = f32x4.add(d, full ? v128.load(at(dbias, j)) : loadTail(at(dbias, j), n, splat(0)));
        if (full) v128.store(at(dbias, j), b);
        else storeTail(at(dbias, j), b, n);
      }
    }
    if (dinp == 0) continue;
    const gMean = splat(hsum(gSum) * invC);
    const gxMean = splat(hsum(gxSum) * invC);
    const dx = dinp + rowOff;
    for (let j = 0; j < C; j += 4) {
      const n = C - j;
      const full = n >= 4;
      const xhat = f32x4.mul(f32x4.sub(full ? v128.load(at(x, j)) : loadTail(at(x, j), n, mv), mv), sv);
      const d = full ? v128.load(at(dy, j)) : loadTail(at(dy, j), n, splat(0));
      const g = f32x4.mul(d, loadOr(weight, j, n, 1));
      const o = f32x4.mul(sv, f32x4.sub(f32x4.sub(g, gMean), f32x4.mul(xhat, gxMean)));
      if (full) v128.store(at(dx, j), o);
      else storeTail(at(dx, j), o, n);
    }
  }
}
