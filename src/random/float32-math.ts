/**
 * Exact float32 arithmetic on doubles, for reproducing PyTorch's AVX2 `normal_fill` bit for bit:
 * a correctly rounded float32 FMA, and the Cephes `log256_ps` / `sincos256_ps` of avx_mathfun.h
 * evaluated one lane at a time with the FMAs GCC contracts them into (`-ffp-contract=fast`).
 */

const f32 = Math.fround;

/**
 * Correctly rounded float32 `fma(a, b, c)` for float32 inputs. The product of two 24-bit
 * significands is exact in a double, so only the double sum `s` can round; rounding it again to
 * float32 is wrong only when `s` lands exactly on a float32 midpoint while the exact sum does not.
 * Kept tiny so that V8 inlines it everywhere; the rare midpoint case is out of line.
 */
export function fmaF32(a: number, b: number, c: number): number {
  const s = a * b + c;
  const r = f32(s);
  // s + (s - r): the other float32 neighbour if s is a midpoint, otherwise not a float32 (exact).
  const beyond = 2 * s - r;
  if (s === r || f32(beyond) !== beyond) return r;
  return resolveMidpoint(a * b, c, s, r);
}

/** `s = p + c` sits on a float32 midpoint: the sign of its rounding error (TwoSum) picks the side. */
function resolveMidpoint(p: number, c: number, s: number, r: number): number {
  if (!Number.isFinite(r)) return r; // float32 overflow; no midpoint to resolve
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  if (err === 0) return r; // a genuine tie: fround already chose the even neighbour
  return err > 0 === s > r ? 2 * s - r : r;
}

// Cephes constants from avx_mathfun.h, rounded to float32 as the `_ps256_*` tables hold them.
const SQRTHF = f32(0.707106781186547524);
const LOG_P = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(f32);
const LOG_Q1 = f32(-2.1219444e-4);
const LOG_Q2 = f32(0.693359375);
const MIN_NORM_POS = 1.1754943508222875e-38; // 0x00800000

const DP1 = f32(-0.78515625);
const DP2 = f32(-2.4187564849853515625e-4);
const DP3 = f32(-3.77489497744594108e-8);
const SIN_P0 = f32(-1.9515295891e-4);
const SIN_P1 = f32(8.3321608736e-3);
const SIN_P2 = f32(-1.6666654611e-1);
const COS_P0 = f32(2.443315711809948e-5);
const COS_P1 = f32(-1.388731625493765e-3);
const COS_P2 = f32(4.166664568298827e-2);
const FOPI = f32(1.27323954473516); // 4 / pi

const bitsScratch = new Float32Array(1);
const bitsView = new Uint32Array(bitsScratch.buffer);

/**
 * `log256_ps` on one lane: log of a positive float32 (non-positive inputs, which ATen never
 * passes here, give NaN). The mantissa is mapped into [sqrt(1/2), sqrt(2)) and a degree-9
 * polynomial added to `e * ln 2`, split as q2 + q1.
 */
export function logPs(x: number): number {
  if (!(x > 0)) return NaN;
  bitsScratch[0] = Math.max(x, MIN_NORM_POS);
  const bits = bitsView[0];
  let e = f32((bits >>> 23) - 0x7f + 1);
  bitsView[0] = (bits & ~0x7f800000) | 0x3f000000; // the exponent of 0.5: m in [0.5, 1)
  let m = bitsScratch[0];
  // m < sqrt(1/2): use 2m - 1 and one less in the exponent, keeping the argument near zero.
  const small = m < SQRTHF;
  const tmp = small ? m : 0;
  m = f32(m - 1);
  if (small) e = f32(e - 1);
  m = f32(m + tmp);

  const z = f32(m * m);
  let y = LOG_P[0];
  for (let k = 1; k < LOG_P.length; k++) y = fmaF32(y, m, LOG_P[k]);
  y = f32(y * m);
  // `y*z + e*q1`: GCC fuses the first product and rounds the second.
  y = fmaF32(y, z, f32(e * LOG_Q1));
  y = f32(y - f32(z * 0.5));
  m = f32(m + y);
  return fmaF32(e, LOG_Q2, m);
}

/** Where `sincosPs` writes its two results, so that a call allocates nothing. */
export interface SinCos {
  sin: number;
  cos: number;
}

/**
 * `sincos256_ps` on one lane: reduction by pi/4 in three float32 pieces (DP1..DP3, each step an
 * FMA), then the Cephes sine and cosine polynomials, the octant choosing which is which.
 */
export function sincosPs(x: number, out: SinCos): void {
  let signSin = x < 0 || Object.is(x, -0);
  x = Math.abs(x);
  let j = Math.trunc(f32(x * FOPI)); // cvttps2dq truncates
  j = (j + 1) & ~1; // round the octant up to even
  const y = j; // exact: j < 2^24 for every argument sincos can reduce accurately
  const swapSin = (j & 4) !== 0;
  const sinPolyIsSine = (j & 2) === 0;
  x = fmaF32(y, DP1, x);
  x = fmaF32(y, DP2, x);
  x = fmaF32(y, DP3, x);
  const signCos = (~(j - 2) & 4) !== 0;
  signSin = signSin !== swapSin;

  const z = f32(x * x);
  let yc = fmaF32(COS_P0, z, COS_P1);
  yc = fmaF32(yc, z, COS_P2);
  yc = f32(yc * z);
  yc = fmaF32(yc, z, -f32(z * 0.5)); // `y*z - z*0.5`: the first product is the fused one
  yc = f32(yc + 1);

  let ys = fmaF32(SIN_P0, z, SIN_P1);
  ys = fmaF32(ys, z, SIN_P2);
  ys = f32(ys * z);
  ys = fmaF32(ys, x, x);

  const s = sinPolyIsSine ? ys : yc;
  const c = sinPolyIsSine ? yc : ys;
  out.sin = signSin ? -s : s;
  out.cos = signCos ? -c : c;
}
