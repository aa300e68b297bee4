// Row kernels over a (rows, cols) matrix: softmax, log-softmax and the fused softmax +
// cross-entropy, each with its backward. Same semantics as src/backend/js/rows.ts.
import { splat, loadTail, storeTail, slog, vexp } from "./simd";
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
