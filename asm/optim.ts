// torch.optim.AdamW (single-tensor path), each tensor op rounded to float32 as torch does; the
// host precomputes the per-step scalars (decay = 1 - lr·wd, stepSize = lr / (1 - β1^t),
// bc2Sqrt = √(1 - β2^t)) exactly as src/backend/js/optim.ts does. And the sum of squares that
// gradient-norm clipping needs.
import { splat, loadTail, storeTail } from "./simd";
import { at } from "./row-ops";

// @ts-ignore: decorator
@inline function step(
  p: v128, g: v128, m: v128, v: v128, decay: v128, b1: v128, b2: v128, a1: v128, a2: v128,
  stepSize: v128, bc2Sqrt: v128, eps: v128,
  pOut: usize, mOut: usize, vOut: usize, n: i32,
): void {
  const pd = f32x4.mul(p, decay);
  const m2 = f32x4.add(f32x4.mul(m, b1), f32x4.mul(g, a1));
  const v2 = f32x4.add(f32x4.mul(v, b2), f32x4.mul(f32x4.mul(g, g), a2));
  const denom = f32x4.add(f32x4.div(f32x4.sqrt(v2), bc2Sqrt), eps);
  const p2 = f32x4.sub(pd, f32x4.mul(stepSize, f32x4.div(m2, denom)));
  if (n >= 4) {
    v128.store(mOut, m2);
    v128.store(vOut, v2);
    v128.store(pOut, p2);
  } else {
    storeTail(mOut, m2, n);
    storeTail(vOut, v2, n);
    storeTail(pOut, p2, n);
  }
}

export function adamw(
  param: usize, grad: usize, expAvg: usize, expAvgSq: usize, n: i32,
  decay: f32, beta1: f32, beta2: f32, oneMinusBeta1: f32, oneMinusBeta2: f32, stepSize: f32, bc2Sqrt: f32, eps: f32,
): void {
  const dv = splat(decay), b1 = splat(beta1), b2 = splat(beta2), a1 = splat(oneMinusBeta1), a2 = splat(oneMinusBeta2);
  const ss = splat(stepSize), bc = splat(bc2Sqrt), e = splat(eps);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    step(v128.load(at(param, i)), v128.load(at(grad, i)), v128.load(at(expAvg, i)), v128.load(at(expAvgSq, i)),
      dv, b1, b2, a1, a2, ss, bc, e, at(param, i), at(expAvg, i), at(expAvgSq, i), 4);
  }
  const r = n - i;
  if (r > 0) {
    const z = splat(0);
    step(loadTail(at(param, i), r, z), loadTail(at(grad, i), r, z), loadTail(at(expAvg, i), r, z), loadTail(at(expAvgSq, i), r, z),
      dv, b1, b2, a1, a2, ss, bc, e, at(param, i), at(expAvg, i), at(expAvgSq, i), r);
  }
}

/**
 * Σ a[i]² in double, in the order of src/backend/js/optim.ts: lane j of (s01, s23) is the
 * partial sum of the elements i ≡ j (mod 4), the tail joins its lane's sum, then
 * (p0 + p1) + (p2 + p3). Plain mul + add in both builds: the squares are exact, so only the
 * order of the additions matters, and it is the same.
 */
export function sumSquares(a: usize, n: i32): f64 {
  let s01 = f64x2.splat(0);
  let s23 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(at(a, i));
    const lo = f64x2.promote_low_f32x4(v);
    const hi = f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1));
    s01 = f64x2.add(s01, f64x2.mul(lo, lo));
    s23 = f64x2.add(s23, f64x2.mul(hi, hi));
  }
  let p0 = f64x2.extract_lane(s01, 0);
  let p1 = f64x2.extract_lane(s01, 1);
  let p2 = f64x2.extract_lane(s23, 0);
  const p3 = f64x2.extract_lane(s23, 1);
  if (i < n) { const x = <f64>load<f32>(at(a, i)); p0 += x * x; }
  if (i + 1 < n) { const x = <f64>load<f32>(at(a, i + 1)); p1 += x * x; }
  if (i + 2 < n) { const x = <f64>load<f32>(at(a, i + 2)); p2 += x * x; }
  return p0 + p1 + (p2 + p3);
}
