// Embedding lookups. Rows outside [0, V) are skipped (nothing read or written), so a bad index
// can never reach memory outside the table; the tensor op validates indices before this.
import { at } from "./row-ops";

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
