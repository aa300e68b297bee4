// float32 elementwise kernels over n contiguous values. Each loop runs whole vectors, then one
// partial vector for the 1–3 value tail (loadTail / storeTail never touch memory past n).
// + - * keep the reference's rounding exactly (no FMA where the reference rounds twice).
import { madd, splat, loadTail, storeTail, vexp, vexpClamped, vlog, vtanh, vsigmoid } from "./simd";

const GELU_K: f32 = 0.7978845608028654; // √(2/π)
const GELU_C: f32 = 0.044715;

// @ts-ignore: decorator
@inline function at(p: usize, i: i32): usize {
  return p + (<usize>i << 2);
}

export function add(out: usize, a: usize, b: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), f32x4.add(v128.load(at(a, i)), v128.load(at(b, i))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), f32x4.add(loadTail(at(a, i), r, splat(0)), loadTail(at(b, i), r, splat(0))), r);
}

export function mul(out: usize, a: usize, b: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), f32x4.mul(v128.load(at(a, i)), v128.load(at(b, i))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), f32x4.mul(loadTail(at(a, i), r, splat(0)), loadTail(at(b, i), r, splat(0))), r);
}

/** out = a + alpha·b, the product rounded before the add as in the reference */
export function axpy(out: usize, a: usize, b: usize, alpha: f32, n: i32): void {
  const al = splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), f32x4.add(v128.load(at(a, i)), f32x4.mul(al, v128.load(at(b, i)))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), f32x4.add(loadTail(at(a, i), r, splat(0)), f32x4.mul(al, loadTail(at(b, i), r, splat(0)))), r);
}

/** out = alpha·inp + beta */
export function affine(out: usize, inp: usize, alpha: f32, beta: f32, n: i32): void {
  const al = splat(alpha);
  const be = splat(beta);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), f32x4.add(f32x4.mul(al, v128.load(at(inp, i))), be));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), f32x4.add(f32x4.mul(al, loadTail(at(inp, i), r, splat(0))), be), r);
}

export function exp(out: usize, inp: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), vexp(v128.load(at(inp, i))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), vexp(loadTail(at(inp, i), r, splat(0))), r);
}

export function log(out: usize, inp: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), vlog(v128.load(at(inp, i))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), vlog(loadTail(at(inp, i), r, splat(1))), r);
}

export function tanh(out: usize, inp: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), vtanh(v128.load(at(inp, i))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), vtanh(loadTail(at(inp, i), r, splat(0))), r);
}

export function sigmoid(out: usize, inp: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), vsigmoid(v128.load(at(inp, i))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), vsigmoid(loadTail(at(inp, i), r, splat(0))), r);
}

// x where x > 0 or x is NaN (NaN propagates, as in torch), else 0
// @ts-ignore: decorator
@inline function vrelu(x: v128): v128 {
  return v128.and(x, v128.or(f32x4.gt(x, splat(0)), f32x4.ne(x, x)));
}

export function relu(out: usize, inp: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), vrelu(v128.load(at(inp, i))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), vrelu(loadTail(at(inp, i), r, splat(0))), r);
}

// GELU (tanh form) = x·σ(2u), u = √(2/π)(x + 0.044715x³): one exp and one divide, max abs error
// ≈ 5e-7. e = exp(-2u) stays finite (≤ exp(88)), so σ·e (= 1 - σ, used by the backward) never
// becomes inf·0 at x = -inf. The forward can use the clamped exp; the backward keeps the exact 0
// for x = +inf so that its inf·0 gives NaN there, as the reference's tanh form does.
// @ts-ignore: decorator
@inline function geluArg(x: v128): v128 {
  return f32x4.mul(f32x4.mul(x, splat(-2 * GELU_K)), madd(f32x4.mul(x, x), splat(GELU_C), splat(1)));
}

// @ts-ignore: decorator
@inline function vgelu(x: v128): v128 {
  return f32x4.div(x, f32x4.add(splat(1), vexpClamped(geluArg(x))));
}

export function gelu(out: usize, inp: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), vgelu(v128.load(at(inp, i))));
  const r = n - i;
  if (r > 0) storeTail(at(out, i), vgelu(loadTail(at(inp, i), r, splat(0))), r);
}

// d/dx x·σ(2u) = σ + 2x·σ(1-σ)·u',  u' = √(2/π)(1 + 3·0.044715x²), with 1-σ = e·σ computed
// without cancellation (the tanh form 1 - t² loses everything once t rounds to ±1).
// @ts-ignore: decorator
@inline function vgeluGrad(dy: v128, x: v128): v128 {
  const e = vexp(f32x4.pmin(geluArg(x), splat(88)));
  const s = f32x4.div(splat(1), f32x4.add(splat(1), e));
  const oneMinusS = f32x4.mul(e, s);
  const du = madd(f32x4.mul(x, x), splat(3 * GELU_C * GELU_K), splat(GELU_K));
  const twoX = f32x4.add(x, x);
  return f32x4.mul(dy, madd(f32x4.mul(twoX, f32x4.mul(s, oneMinusS)), du, s));
}

export function geluBackward(dinp: usize, dout: usize, inp: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(dinp, i), vgeluGrad(v128.load(at(dout, i)), v128.load(at(inp, i))));
  const r = n - i;
  if (r > 0) storeTail(at(dinp, i), vgeluGrad(loadTail(at(dout, i), r, splat(0)), loadTail(at(inp, i), r, splat(0))), r);
}

// 1 - y² as (1 - y)(1 + y): 1 - y is exact near ±1, where 1 - y·y would cancel
// @ts-ignore: decorator
@inline function oneMinusSquare(y: v128): v128 {
  return f32x4.mul(f32x4.sub(splat(1), y), f32x4.add(splat(1), y));
}

/** dinp = dout·(1 - out²) */
export function tanhBackward(dinp: usize, dout: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(dinp, i), f32x4.mul(v128.load(at(dout, i)), oneMinusSquare(v128.load(at(out, i)))));
  const r = n - i;
  if (r > 0) storeTail(at(dinp, i), f32x4.mul(loadTail(at(dout, i), r, splat(0)), oneMinusSquare(loadTail(at(out, i), r, splat(0)))), r);
}

/** dinp = dout·out·(1 - out) */
export function sigmoidBackward(dinp: usize, dout: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const y = v128.load(at(out, i));
    v128.store(at(dinp, i), f32x4.mul(f32x4.mul(v128.load(at(dout, i)), y), f32x4.sub(splat(1), y)));
  }
  const r = n - i;
  if (r > 0) {
    const y = loadTail(at(out, i), r, splat(0));
    storeTail(at(dinp, i), f32x4.mul(f32x4.mul(loadTail(at(dout, i), r, splat(0)), y), f32x4.sub(splat(1), y)), r);
  }
}

// ---- 16-bit storage: float32 ↔ fp16 / bfloat16 patterns, two per 32-bit word -------------------
// Bit-exact with src/tensor/half.ts (c10::Half / c10::BFloat16 round to nearest even), eight
// values a step, a scalar loop for the tail. Every compared lane is below 2^31, so the compares
// are the signed ones (the unsigned ones are emulated on x64).

// @ts-ignore: decorator
@inline function shiftRoundEven(m: u32, shift: u32): u32 {
  return (m + ((<u32>1 << (shift - 1)) - 1) + ((m >> shift) & 1)) >> shift;
}

// @ts-ignore: decorator
@inline function halfOf(b: u32): u32 {
  const sign = (b >> 16) & 0x8000;
  const abs = b & 0x7fffffff;
  if (abs > 0x7f800000) return sign | 0x7e00;
  if (abs >= 0x47800000) return sign | 0x7c00;
  if (abs >= 0x38800000) return sign | shiftRoundEven(abs - 0x38000000, 13);
  const e = abs >> 23;
  if (e < 102) return sign;
  return sign | shiftRoundEven((abs & 0x7fffff) | 0x800000, 126 - e);
}

// @ts-ignore: decorator
@inline function bfloatOf(b: u32): u32 {
  return (b & 0x7fffffff) > 0x7f800000 ? 0xffff : ((b + (((b >> 16) & 1) + 0x7fff)) >> 16) & 0xffff;
}

/**
 * Four fp16 patterns (in i32 lanes) of four float32 bit patterns. Below 2^-14 the pattern counts
 * units of 2^-24: |x| · 2^24 (exact) rounded to an integer, to even, by the 1.5 · 2^23 magic add,
 * whose low mantissa bits are then that integer.
 */
// @ts-ignore: decorator
@inline function halves4(b: v128): v128 {
  const sign = v128.and(i32x4.shr_u(b, 16), i32x4.splat(0x8000));
  const abs = v128.and(b, i32x4.splat(0x7fffffff));
  const m = i32x4.sub(abs, i32x4.splat(0x38000000));
  const normal = i32x4.shr_u(i32x4.add(i32x4.add(m, i32x4.splat(0xfff)), v128.and(i32x4.shr_u(m, 13), i32x4.splat(1))), 13);
  const units = f32x4.add(f32x4.mul(abs, f32x4.splat(16777216.0)), f32x4.splat(12582912.0));
  const subnormal = i32x4.sub(units, i32x4.splat(0x4b400000));
  let h = v128.bitselect(normal, subnormal, i32x4.ge_s(abs, i32x4.splat(0x38800000)));
  h = v128.bitselect(i32x4.splat(0x7c00), h, i32x4.ge_s(abs, i32x4.splat(0x47800000)));
  h = v128.bitselect(i32x4.splat(0x7e00), h, i32x4.gt_s(abs, i32x4.splat(0x7f800000)));
  return v128.or(h, sign);
}

/** Four bfloat16 patterns (in i32 lanes) of four float32 bit patterns. */
// @ts-ignore: decorator
@inline function bfloats4(b: v128): v128 {
  const rounded = i32x4.shr_u(i32x4.add(b, i32x4.add(v128.and(i32x4.shr_u(b, 16), i32x4.splat(1)), i32x4.splat(0x7fff))), 16);
  const nan = i32x4.gt_s(v128.and(b, i32x4.splat(0x7fffffff)), i32x4.splat(0x7f800000));
  return v128.bitselect(i32x4.splat(0xffff), rounded, nan);
}

export function packHalf(dst: usize, src: usize, n: i32, bfloat16: i32): void {
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const a = v128.load(at(src, i));
    const b = v128.load(at(src, i + 4));
    const h = bfloat16 != 0 ? i16x8.narrow_i32x4_u(bfloats4(a), bfloats4(b)) : i16x8.narrow_i32x4_u(halves4(a), halves4(b));
    v128.store(dst + (<usize>i << 1), h);
  }
  for (; i < n; i++) {
    const b = load<u32>(at(src, i));
    store<u16>(dst + (<usize>i << 1), <u16>(bfloat16 != 0 ? bfloatOf(b) : halfOf(b)));
  }
}

/** fp16 patterns (in i32 lanes, < 2^16) to float32 bit patterns, exactly; NaN becomes 0x7FC00000. */
// @ts-ignore: decorator
@inline function widenHalves4(h: v128): v128 {
  const sign = i32x4.shl(v128.and(h, i32x4.splat(0x8000)), 16);
  const em = v128.and(h, i32x4.splat(0x7fff));
  const normal = i32x4.add(i32x4.shl(em, 13), i32x4.splat(0x38000000));
  const subnormal = f32x4.mul(f32x4.convert_i32x4_s(em), f32x4.splat(5.960464477539063e-8)); // · 2^-24
  let w = v128.bitselect(subnormal, normal, i32x4.lt_s(em, i32x4.splat(0x400)));
  w = v128.bitselect(i32x4.splat(0x7f800000), w, i32x4.eq(em, i32x4.splat(0x7c00)));
  w = v128.or(w, sign);
  return v128.bitselect(i32x4.splat(0x7fc00000), w, i32x4.gt_s(em, i32x4.splat(0x7c00)));
}

// @ts-ignore: decorator
@inline function widenHalf(h: u32): u32 {
  const sign = (h & 0x8000) << 16;
  const em = h & 0x7fff;
  if (em > 0x7c00) return 0x7fc00000;
  if (em == 0x7c00) return sign | 0x7f800000;
  if (em < 0x400) return sign | reinterpret<u32>(<f32>em * 5.960464477539063e-8);
  return sign | ((em << 13) + 0x38000000);
}

export function unpackHalf(dst: usize, src: usize, n: i32, bfloat16: i32): void {
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const h = v128.load(src + (<usize>i << 1));
    const lo = i32x4.extend_low_i16x8_u(h);
    const hi = i32x4.extend_high_i16x8_u(h);
    if (bfloat16 != 0) {
      v128.store(at(dst, i), i32x4.shl(lo, 16));
      v128.store(at(dst, i + 4), i32x4.shl(hi, 16));
    } else {
      v128.store(at(dst, i), widenHalves4(lo));
      v128.store(at(dst, i + 4), widenHalves4(hi));
    }
  }
  for (; i < n; i++) {
    const h = <u32>load<u16>(src + (<usize>i << 1));
    store<u32>(at(dst, i), bfloat16 != 0 ? h << 16 : widenHalf(h));
  }
}
