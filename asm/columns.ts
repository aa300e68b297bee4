// Column reductions and per-column affine maps over a (rows, C) matrix, for BatchNorm
// (src/backend/js/columns.ts semantics). Reductions accumulate in double vectors.
import { madd, splat, loadTail, storeTail } from "./simd";
import { at } from "./row-ops";

// @ts-ignore: decorator
@inline function load4(p: usize, j: i32, n: i32): v128 {
  return n >= 4 ? v128.load(at(p, j)) : loadTail(at(p, j), n, splat(0));
}

// @ts-ignore: decorator
@inline function high(v: v128): v128 {
  return i32x4.shuffle(v, v, 2, 3, 0, 1);
}

/**
 * out[c] = Σ_r term(r, c) in double (sums of many terms of both signs cancel, and float32 loses
 * the result): mode 0: x; mode 1: (a - mean)(x - mean); mode 2: a·(x - mean).
 */
// @ts-ignore: decorator
@inline function columnReduce(out: usize, a: usize, x: usize, mean: usize, rows: i32, C: i32, mode: i32): void {
  for (let j = 0; j < C; j += 4) {
    const n = C - j;
    const m = mode == 0 ? splat(0) : load4(mean, j, n);
    let lo = f64x2.splat(0);
    let hi = f64x2.splat(0);
    for (let r = 0; r < rows; r++) {
      const off = <usize>(r * C) << 2;
      const xv = load4(x + off, j, n);
      if (mode == 0) {
        lo = f64x2.add(lo, f64x2.promote_low_f32x4(xv));
        hi = f64x2.add(hi, f64x2.promote_low_f32x4(high(xv)));
      } else {
        const av = load4(a + off, j, n);
        const u = mode == 1 ? f32x4.sub(av, m) : av;
        const d = f32x4.sub(xv, m);
        lo = f64x2.add(lo, f64x2.mul(f64x2.promote_low_f32x4(u), f64x2.promote_low_f32x4(d)));
        hi = f64x2.add(hi, f64x2.mul(f64x2.promote_low_f32x4(high(u)), f64x2.promote_low_f32x4(high(d))));
      }
    }
    const v = i32x4.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
    if (n >= 4) v128.store(at(out, j), v);
    else storeTail(at(out, j), v, n);
  }
}

export function columnSums(out: usize, inp: usize, rows: i32, C: i32): void {
  columnReduce(out, 0, inp, 0, rows, C, 0);
}

export function columnCenteredDot(out: usize, a: usize, x: usize, mean: usize, rows: i32, C: i32, centerA: i32): void {
  columnReduce(out, a, x, mean, rows, C, centerA ? 1 : 2);
}

/** out = x·q + s (+ a·p when a ≠ 0), per column */
export function columnAffine(out: usize, a: usize, p: usize, x: usize, q: usize, s: usize, rows: i32, C: i32): void {
  for (let r = 0; r < rows; r++) {
    const off = <usize>(r * C) << 2;
    for (let j = 0; j < C; j += 4) {
      const n = C - j;
      let v = madd(load4(x + off, j, n), load4(q, j, n), load4(s, j, n));
      if (a != 0) v = madd(load4(a + off, j, n), load4(p, j, n), v);
      if (n >= 4) v128.store(at(out + off, j), v);
      else storeTail(at(out + off, j), v, n);
    }
  }
}
