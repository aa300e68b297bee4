// Fused LSTM gate math for one time step (the twin of src/backend/js/recurrent.ts): gates
// (B, 4n) rows are [i | f | o | g], every other array is (B, n).
import { splat, loadTail, storeTail, vtanh, vsigmoid } from "./simd";

// @ts-ignore: decorator
@inline function ld(p: usize, lanes: i32): v128 {
  return lanes == 4 ? v128.load(p) : loadTail(p, lanes, splat(0));
}

// @ts-ignore: decorator
@inline function st(p: usize, v: v128, lanes: i32): void {
  if (lanes == 4) v128.store(p, v);
  else storeTail(p, v, lanes);
}

export function lstmCell(gates: usize, c: usize, tanhC: usize, h: usize, cPrev: usize, B: i32, n: i32): void {
  const gateBytes = <usize>n << 2;
  for (let b = 0; b < B; b++) {
    const row = gates + (<usize>(b * 4 * n) << 2);
    const cell = <usize>(b * n) << 2;
    for (let j = 0; j < n; j += 4) {
      const lanes = min(4, n - j);
      const pi = row + (<usize>j << 2);
      const pf = pi + gateBytes;
      const po = pf + gateBytes;
      const pg = po + gateBytes;
      const at = cell + (<usize>j << 2);
      const i = vsigmoid(ld(pi, lanes));
      const f = vsigmoid(ld(pf, lanes));
      const o = vsigmoid(ld(po, lanes));
      const g = vtanh(ld(pg, lanes));
      st(pi, i, lanes);
      st(pf, f, lanes);
      st(po, o, lanes);
      st(pg, g, lanes);
      const cv = f32x4.add(f32x4.mul(f, ld(cPrev + at, lanes)), f32x4.mul(i, g));
      const tc = vtanh(cv);
      st(c + at, cv, lanes);
      st(tanhC + at, tc, lanes);
      st(h + at, f32x4.mul(o, tc), lanes);
    }
  }
}

export function lstmCellBackward(
  dgates: usize, dcPrev: usize, dh: usize, dc: usize, gates: usize, cPrev: usize, tanhC: usize, B: i32, n: i32,
): void {
  const gateBytes = <usize>n << 2;
  const one = splat(1);
  for (let b = 0; b < B; b++) {
    const rowOffset = <usize>(b * 4 * n) << 2;
    const cell = <usize>(b * n) << 2;
    for (let j = 0; j < n; j += 4) {
      const lanes = min(4, n - j);
      const pi = gates + rowOffset + (<usize>j << 2);
      const di = dgates + rowOffset + (<usize>j << 2);
      const at = cell + (<usize>j << 2);
      const i = ld(pi, lanes);
      const f = ld(pi + gateBytes, lanes);
      const o = ld(pi + 2 * gateBytes, lanes);
      const g = ld(pi + 3 * gateBytes, lanes);
      const tc = ld(tanhC + at, lanes);
      const dhv = ld(dh + at, lanes);
      // h = o tanh(c): the gradient reaching c is the carried dc plus dh's path through tanh
      const dcTotal = f32x4.add(ld(dc + at, lanes), f32x4.mul(f32x4.mul(dhv, o), f32x4.sub(one, f32x4.mul(tc, tc))));
      st(di, f32x4.mul(f32x4.mul(f32x4.mul(dcTotal, g), i), f32x4.sub(one, i)), lanes);
      st(di + gateBytes, f32x4.mul(f32x4.mul(f32x4.mul(dcTotal, ld(cPrev + at, lanes)), f), f32x4.sub(one, f)), lanes);
      st(di + 2 * gateBytes, f32x4.mul(f32x4.mul(f32x4.mul(dhv, tc), o), f32x4.sub(one, o)), lanes);
      st(di + 3 * gateBytes, f32x4.mul(f32x4.mul(dcTotal, i), f32x4.sub(one, f32x4.mul(g, g))), lanes);
      st(dcPrev + at, f32x4.mul(dcTotal, f), lanes);
    }
  }
}
