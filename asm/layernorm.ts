// LayerNorm over rows of C, forward and backward (src/backend/js/rows.ts semantics).
// A null weight / bias is pointer 0 and acts as 1 / 0.
import { madd, splat, loadTail, storeTail, hsum } from "./simd";
import { at, rowSum } from "./row-ops";

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
