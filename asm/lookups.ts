// Embedding lookups. Rows outside [0, V) are skipped (nothing read or written), so a bad index
// can never reach memory outside the table; the tensor op validates indices before this.
import { at } from "./row-ops";
import { madd } from "./simd";

/** out[i, :] = weight[idx[i], :] for n indices of rows of width C; weight has V rows */
export function embedding(out: usize, weight: usize, idx: usize, n: i32, C: i32, V: i32): void {
  const rowBytes = <usize>C << 2;
  for (let i = 0; i < n; i++) {
    const r = load<i32>(idx + (<usize>i << 2));
    if (r < 0 || r >= V) continue;
    memory.copy(out + <usize>i * rowBytes, weight + <usize>r * rowBytes, rowBytes);
  }
}

/** dweight[idx[i], :] += dout[i, :] */
export function embeddingBackward(dweight: usize, dout: usize, idx: usize, n: i32, C: i32, V: i32): void {
  for (let i = 0; i < n; i++) {
    const r = load<i32>(idx + (<usize>i << 2));
    if (r < 0 || r >= V) continue;
    const dst = at(dweight, r * C);
    const src = at(dout, i * C);
    let j = 0;
    for (; j + 4 <= C; j += 4) v128.store(at(dst, j), f32x4.add(v128.load(at(dst, j)), v128.load(at(src, j))));
    for (; j < C; j++) store<f32>(at(dst, j), load<f32>(at(dst, j)) + load<f32>(at(src, j)));
  }
}

/**
 * out[i, :] = Σ_j tables[j][idx[i, j], :] for n rows of k indices; `tables` holds k tables of
 * V rows of width C back to back. An index outside [0, V) contributes nothing.
 */
export function embeddingSum(out: usize, tables: usize, idx: usize, n: i32, k: i32, V: i32, C: i32): void {
  const tableBytes = <usize>(V * C) << 2;
  for (let i = 0; i < n; i++) {
    const dst = at(out, i * C);
    let j = 0;
    for (; j + 4 <= C; j += 4) v128.store(at(dst, j), f32x4.splat(0));
    for (; j < C; j++) store<f32>(at(dst, j), 0);
    for (let t = 0; t < k; t++) {
      const r = load<i32>(idx + (<usize>(i * k + t) << 2));
      if (r < 0 || r >= V) continue;
      const src = tables + <usize>t * tableBytes + (<usize>(r * C) << 2);
      j = 0;
      for (; j + 4 <= C; j += 4) v128.store(at(dst, j), f32x4.add(v128.load(at(dst, j)), v128.load(at(src, j))));
      for (; j < C; j++) store<f32>(at(dst, j), load<f32>(at(dst, j)) + load<f32>(at(src, j)));
    }
  }
}

/** dtables[j][idx[i, j], :] += dout[i, :] */
export function embeddingSumBackward(dtables: usize, dout: usize, idx: usize, n: i32, k: i32, V: i32, C: i32): void {
  const tableBytes = <usize>(V * C) << 2;
  for (let i = 0; i < n; i++) {
    const src = at(dout, i * C);
    for (let t = 0; t < k; t++) {
      const r = load<i32>(idx + (<usize>(i * k + t) << 2));
      if (r < 0 || r >= V) continue;
      const dst = dtables + <usize>t * tableBytes + (<usize>(r * C) << 2);
      let j = 0;
      for (; j + 4 <= C; j += 4) v128.store(at(dst, j), f32x4.add(v128.load(at(dst, j)), v128.load(at(src, j))));
      for (; j < C; j++) store<f32>(at(dst, j), load<f32>(at(dst, j)) + load<f32>(at(src, j)));
    }
  }
}

/**
 * Causal running mean along T of x (B, T, C): out[b, t] = w[t] · Σ_{s≤t} x[b, s] (w[t] = 1/(t+1)
 * as float32): the bag-of-words' uniform causal attention without its (T, T) matrix. `acc`:
 * C floats of scratch for the running sum.
 */
export function causalMean(out: usize, x: usize, w: usize, B: i32, T: i32, C: i32, acc: usize): void {
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < C; j++) store<f32>(at(acc, j), 0);
    for (let t = 0; t < T; t++) {
      const row = (b * T + t) * C;
      const wt = load<f32>(w + (<usize>t << 2));
      const wv = f32x4.splat(wt);
      let j = 0;
      for (; j + 4 <= C; j += 4) {
        const s = f32x4.add(v128.load(at(acc, j)), v128.load(at(x, row + j)));
        v128.store(at(acc, j), s);
        v128.store(at(out, row + j), f32x4.mul(s, wv));
      }
      for (; j < C; j++) {
        const s = load<f32>(at(acc, j)) + load<f32>(at(x, row + j));
        store<f32>(at(acc, j), s);
        store<f32>(at(out, row + j), s * wt);
      }
    }
  }
}

/** dx[b, s] = Σ_{t≥s} w[t] · dout[b, t]: the reverse running sum (overwrites dx). */
export function causalMeanBackward(dx: usize, dout: usize, w: usize, B: i32, T: i32, C: i32, acc: usize): void {
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < C; j++) store<f32>(at(acc, j), 0);
    for (let t = T - 1; t >= 0; t--) {
      const row = (b * T + t) * C;
      const wt = load<f32>(w + (<usize>t << 2));
      const wv = f32x4.splat(wt);
      let j = 0;
      for (; j + 4 <= C; j += 4) {
        const s = madd(v128.load(at(dout, row + j)), wv, v128.load(at(acc, j)));
        v128.store(at(acc, j), s);
        v128.store(at(dx, row + j), s);
      }
      for (; j < C; j++) {
        const s = load<f32>(at(acc, j)) + load<f32>(at(dout, row + j)) * wt;
        store<f32>(at(acc, j), s);
        store<f32>(at(dx, row + j), s);
      }
    }
  }
}
