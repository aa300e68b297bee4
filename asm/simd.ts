// Shared SIMD building blocks: multiply-add, partial loads/stores for row tails, horizontal
// reductions and the polynomial exp / log / tanh that wasm lacks.
//
// V8 11.3 lowers f32x4.min/max (NaN-exact), nearest and trunc_sat to long sequences, so this
// file uses pmin/pmax and magic-number rounding instead (1.4–1.75× faster, measured in
// src/backend/KERNELS.md).

/** a·b + c: one fused vfmadd in the relaxed build, mul + add in the plain SIMD build. */
// @ts-ignore: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** c - a·b */
// @ts-ignore: decorator
@inline export function nmadd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_nmadd(a, b, c);
  return f32x4.sub(c, f32x4.mul(a, b));
}

// @ts-ignore: decorator
@inline export function splat(x: f32): v128 {
  return f32x4.splat(x);
}

/** Lanes [0, n) all ones, the rest zero (0 ≤ n ≤ 4). */
// @ts-ignore: decorator
@inline export function laneMask(n: i32): v128 {
  return i32x4.lt_s(i32x4(0, 1, 2, 3), i32x4.splat(n));
}

/**
 * The first n (1..3) floats at p, other lanes taken from `fill`. Never reads past p + 4n, so a
 * row tail at the very end of memory is safe.
 */
// @ts-ignore: decorator
@inline export function loadTail(p: usize, n: i32, fill: v128): v128 {
  let v = n == 1 ? v128.load32_zero(p) : v128.load64_zero(p);
  if (n == 3) v = v128.load32_lane(p, v, 2, 8);
  return v128.bitselect(v, fill, laneMask(n));
}

/** Stores lanes [0, n) (1..3) of v at p. */
// @ts-ignore: decorator
@inline export function storeTail(p: usize, v: v128, n: i32): void {
  if (n == 1) {
    v128.store32_lane(p, v, 0);
  } else {
    v128.store64_lane(p, v, 0);
    if (n == 3) v128.store32_lane(p, v, 2, 8);
  }
}

// @ts-ignore: decorator
@inline export function hsum(v: v128): f32 {
  const s = f32x4.add(v, i32x4.shuffle(v, v, 2, 3, 0, 1));
  return f32x4.extract_lane(f32x4.add(s, i32x4.shuffle(s, s, 1, 0, 3, 2)), 0);
}

/** Horizontal max; NaN lanes are skipped as `x > max` skips them in the scalar reference. */
// @ts-ignore: decorator
@inline export function hmax(v: v128): f32 {
  const s = f32x4.pmax(v, i32x4.shuffle(v, v, 2, 3, 0, 1));
  return f32x4.extract_lane(f32x4.pmax(s, i32x4.shuffle(s, s, 1, 0, 3, 2)), 0);
}

// ---- exp ------------------------------------------------------------------------------------
// Cephes expf: n = round(x·log2 e) by the 1.5·2²³ magic add, r = x - n·ln2 (Cody–Waite hi/lo),
// degree-6 polynomial, then scale by 2ⁿ built in the exponent bits. Max rel. error ≈ 1.2e-7.
// The scale is split as 2·2ⁿ⁻¹ so n = 128 (x up to the float max 88.72) still fits a normal
// exponent; below -86.64 the result flushes to 0 (the reference gives < 2.3e-38 there).
const EXP_HI: f32 = 88.72283;
const EXP_LO: f32 = -86.64;
const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const MAGIC: f32 = 12582912.0; // 1.5·2²³: adding it rounds to an integer in the low mantissa bits
const MAGIC_BITS: i32 = 0x4b400000;

/**
 * exp without the overflow / underflow fix-ups: inputs are clamped to [-86.64, 88.72], so it
 * returns ≈3.4e38 instead of inf and ≈2.3e-38 instead of 0 beyond them. For callers that only
 * feed it into 1 / (1 + e) (sigmoid, GELU), where both ends give the same result anyway.
 */
// @ts-ignore: decorator
@inline export function vexpClamped(x: v128): v128 {
  const xc = f32x4.pmin(f32x4.pmax(x, splat(EXP_LO)), splat(EXP_HI));
  const t = madd(xc, splat(LOG2E), splat(MAGIC));
  const n = f32x4.sub(t, splat(MAGIC));
  let r = nmadd(n, splat(LN2_HI), xc);
  r = nmadd(n, splat(LN2_LO), r);
  let p = madd(splat(1.9875691500e-4), r, splat(1.3981999507e-3));
  p = madd(p, r, splat(8.3334519073e-3));
  p = madd(p, r, splat(4.1665795894e-2));
  p = madd(p, r, splat(1.6666665459e-1));
  p = madd(p, r, splat(5.0000001201e-1));
  const r2 = f32x4.mul(r, r);
  const y = f32x4.add(madd(p, r2, r), splat(1));
  // 2^(n-1): (n + 126) << 23, with n read from the integer bits of t
  const scale = i32x4.shl(i32x4.add(i32x4.sub(t, i32x4.splat(MAGIC_BITS)), i32x4.splat(126)), 23);
  return f32x4.mul(f32x4.add(y, y), scale);
}

/** exp: inf above 88.72, exactly 0 below -86.64 (so softmax of -inf is exactly 0), NaN stays NaN */
// @ts-ignore: decorator
@inline export function vexp(x: v128): v128 {
  const e = v128.bitselect(splat(Infinity), vexpClamped(x), f32x4.gt(x, splat(EXP_HI)));
  return v128.andnot(e, f32x4.lt(x, splat(EXP_LO)));
}

/** Scalar exp through the vector path, so row tails and scalars round the same way. */
// @ts-ignore: decorator
@inline export function sexp(x: f32): f32 {
  return f32x4.extract_lane(vexp(splat(x)), 0);
}

// ---- log ------------------------------------------------------------------------------------
// Cephes logf: x = m·2^e with m in [√½, √2), log(1 + f) by a degree-9 polynomial. Max rel.
// error ≈ 1e-7 on normal inputs. Subnormals are rescaled by 2²³ first; 0 → -inf, inf → inf,
// negatives and NaN → NaN.
// @ts-ignore: decorator
@inline export function vlog(x: v128): v128 {
  const tiny = f32x4.lt(x, splat(1.17549435e-38));
  const xs = v128.bitselect(f32x4.mul(x, splat(8388608.0)), x, tiny);
  let e = i32x4.sub(i32x4.shr_u(xs, 23), i32x4.splat(126));
  e = i32x4.sub(e, v128.and(tiny, i32x4.splat(23)));
  let m = v128.or(v128.and(xs, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000)); // [0.5, 1)
  // if m < √½: e -= 1, f = 2m - 1, else f = m - 1
  const small = f32x4.lt(m, splat(0.707106781186547524));
  e = i32x4.add(e, small); // mask lanes are -1
  const f = f32x4.sub(f32x4.add(m, v128.and(m, small)), splat(1));
  const ef = f32x4.convert_i32x4_s(e);
  const z = f32x4.mul(f, f);
  let p = madd(splat(7.0376836292e-2), f, splat(-1.1514610310e-1));
  p = madd(p, f, splat(1.1676998740e-1));
  p = madd(p, f, splat(-1.2420140846e-1));
  p = madd(p, f, splat(1.4249322787e-1));
  p = madd(p, f, splat(-1.6668057665e-1));
  p = madd(p, f, splat(2.0000714765e-1));
  p = madd(p, f, splat(-2.4999993993e-1));
  p = madd(p, f, splat(3.3333331174e-1));
  let y = f32x4.mul(f32x4.mul(p, f), z);
  y = madd(ef, splat(LN2_LO), y);
  y = nmadd(splat(0.5), z, y);
  let r = madd(ef, splat(LN2_HI), f32x4.add(f, y));
  // specials: inf or NaN → x itself; 0 → -inf; negative → NaN
  r = v128.bitselect(x, r, v128.or(f32x4.eq(x, splat(Infinity)), f32x4.ne(x, x)));
  r = v128.bitselect(splat(-Infinity), r, f32x4.eq(x, splat(0)));
  return v128.bitselect(splat(NaN), r, f32x4.lt(x, splat(0)));
}

// @ts-ignore: decorator
@inline export function slog(x: f32): f32 {
  return f32x4.extract_lane(vlog(splat(x)), 0);
}

// ---- tanh -----------------------------------------------------------------------------------
// |x| < 0.55: an odd least-squares polynomial x·p(x²) of degree 11 (relative error 9e-8 in float32).
// Beyond: sign(x)·(1 - 2/(e^{2|x|} + 1)), whose distance to ±1 is right to float32 precision, so
// tanhBackward's (1 - y)(1 + y) keeps its relative accuracy on saturated units (and y is
// exactly ±1 where float32 tanh rounds there).
const TANH_EXP_FROM: f32 = 0.55;

// @ts-ignore: decorator
@inline export function vtanh(x: v128): v128 {
  const x2 = f32x4.mul(x, x);
  let p = madd(x2, splat(-0.006332143471142179), splat(0.02110719920283348));
  p = madd(p, x2, splat(-0.05385906808170515));
  p = madd(p, x2, splat(0.13332620544719423));
  p = madd(p, x2, splat(-0.3333331633220323));
  p = madd(p, x2, splat(0.9999999993474711));
  const small = f32x4.mul(p, x);
  const ax = f32x4.abs(x);
  const e = vexp(f32x4.add(ax, ax));
  const mag = f32x4.sub(splat(1), f32x4.div(splat(2), f32x4.add(e, splat(1))));
  const large = v128.or(mag, v128.and(x, i32x4.splat(0x80000000))); // copysign(mag, x)
  return v128.bitselect(large, small, f32x4.ge(ax, splat(TANH_EXP_FROM)));
}

/** 1 / (1 + exp(-x)) */
// @ts-ignore: decorator
@inline export function vsigmoid(x: v128): v128 {
  return f32x4.div(splat(1), f32x4.add(splat(1), vexpClamped(f32x4.neg(x))));
}
