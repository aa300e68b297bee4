/**
 * Double-precision math that matches the C library ATen calls on its scalar double paths
 * (`normal_distribution<double>`, `normal_fill<double>`, `exponential_`, `uniform_` on float64):
 *
 * - `fmaF64`: a correctly rounded double FMA. ATen's CPU kernels are compiled with FMA enabled and
 *   GCC contracts `x * (to - from) + from` and `value * std + mean` into one; checked against
 *   torch 1.13 (float32 and float64 `uniform_`, both `normal_` paths with std != 1).
 * - `crLog`, `crSin`, `crCos`, `crSincos`: correctly rounded log/sin/cos. V8's `Math.log/sin/cos`
 *   differ from glibc's in the last bit for 2-4% of arguments; glibc's are themselves correctly
 *   rounded except for ~0.04% (log) and ~0.1% (sin, cos) of them. Evaluating in double-double
 *   (~2^-88 relative error or better) and rounding once therefore agrees with glibc 2.36 on
 *   99.9% of arguments: the closest a libm-independent implementation gets. float32 results,
 *   rounded again after these, are unaffected in practice.
 *
 * Internally, double-double results are returned as the high part, with the low part left in the
 * module variable `lo`, so that no call allocates.
 */
import { ddAdd, ddDivByDouble, ddMul, f64Scratch, lo, reciprocal, twoProductError, twoSumError, u32Scratch } from "./double-double.js";

export { fmaF64 } from "./double-double.js";

// ---------------------------------------------------------------------------------------------
// log

const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;

/** log(j/128) for j in [LOG_TABLE_FIRST, LOG_TABLE_LAST], which covers mantissas in [sqrt(1/2), sqrt(2)]. */
const LOG_TABLE_FIRST = 90;
const LOG_TABLE_LAST = 182;
const LOG_C_HI = new Float64Array(LOG_TABLE_LAST + 1);
const LOG_C_LO = new Float64Array(LOG_TABLE_LAST + 1);
const [TWO_THIRDS_HI, TWO_THIRDS_LO] = (() => {
  const h = ddDivByDouble(2, 0, 3);
  return [h, lo];
})();

/** log(c) = 2 atanh((c - 1)/(c + 1)), summed in double-double until the terms vanish. */
function slowLog(c: number): [number, number] {
  let sh = ddDivByDouble(c - 1, 0, c + 1); // c - 1 and c + 1 are exact for c = j/128
  let sl = lo;
  const s2h = ddMul(sh, sl, sh, sl);
  const s2l = lo;
  let termH = sh;
  let termL = sl;
  for (let k = 3; Math.abs(termH) > 2 ** -120; k += 2) {
    termH = ddMul(termH, termL, s2h, s2l);
    termL = lo;
    const qh = ddDivByDouble(termH, termL, k);
    sh = ddAdd(sh, sl, qh, lo);
    sl = lo;
  }
  return [2 * sh, 2 * sl];
}

for (let j = LOG_TABLE_FIRST; j <= LOG_TABLE_LAST; j++) {
  [LOG_C_HI[j], LOG_C_LO[j]] = slowLog(j / 128);
}

/**
 * Correctly rounded natural logarithm (up to ~2^-88 relative error before the final rounding).
 * x = 2^k m with m in [sqrt(1/2), sqrt(2)], m = c + t with c = j/128 from a table, and
 * log(m/c) = 2 atanh(s), s = t/(m + c), |s| < 2^-8.5, so a short odd series suffices.
 */
export function crLog(x: number): number {
  if (!(x > 0) || x === Infinity) return x === 0 ? -Infinity : x === Infinity ? Infinity : NaN;
  if (x === 1) return 0;
  let k = 0;
  f64Scratch[0] = x;
  if (u32Scratch[1] < 0x00100000) {
    f64Scratch[0] = x * 2 ** 54; // subnormal: normalise first
    k = -54;
  }
  const high = u32Scratch[1];
  k += (high >>> 20) - 1023;
  u32Scratch[1] = (high & 0x000fffff) | 0x3ff00000;
  let m = f64Scratch[0];
  if (m > Math.SQRT2) {
    m *= 0.5;
    k++;
  }
  const j = Math.round(m * 128);
  const c = j / 128;
  const t = m - c; // exact: both are multiples of 2^-53 and |t| <= 2^-8
  const d = m + c;
  const de = twoSumError(m, c, d);
  const sh = t / d;
  const p = sh * d;
  const sl = (t - p - twoProductError(sh, d, p) - sh * de) / d;

  // 2 atanh(s) = 2s + s^3 (2/3 + s^2 (2/5 + s^2 (2/7 + ...))): only 2/3 needs double-double.
  const s2 = sh * sh;
  const q = s2 * (2 / 5 + s2 * (2 / 7 + s2 * (2 / 9 + s2 * (2 / 11 + s2 * (2 / 13)))));
  const ph = ddAdd(TWO_THIRDS_HI, TWO_THIRDS_LO, q, 0);
  const pl = lo;
  const s2l = twoProductError(sh, sh, s2) + 2 * sh * sl;
  const s3h = ddMul(sh, sl, s2, s2l);
  const s3l = lo;
  const th = ddMul(s3h, s3l, ph, pl);
  let rh = ddAdd(2 * sh, 2 * sl, th, lo);
  let rl = lo;
  if (j !== 128) {
    rh = ddAdd(rh, rl, LOG_C_HI[j], LOG_C_LO[j]);
    rl = lo;
  }
  if (k !== 0) {
    const kh = k * LN2_HI;
    const kl = twoProductError(k, LN2_HI, kh) + k * LN2_LO;
    rh = ddAdd(rh, rl, kh, kl);
    rl = lo;
  }
  return rh + rl;
}

// ---------------------------------------------------------------------------------------------
// sin / cos

/** pi/2 in three pieces (159 bits), for reducing the argument to [-pi/4, pi/4]. */
const PIO2_1 = 1.5707963267948966;
const PIO2_2 = 6.123233995736766e-17;
const PIO2_3 = -1.4973849048591698e-33;
const TWO_OVER_PI = 0.6366197723675814;
/** Beyond this the three-piece pi/2 no longer gives the accuracy claimed; nothing here goes near it. */
const REDUCTION_LIMIT = 2 ** 20;

/** sin(a), cos(a) for a = j/64, j = 0..SINCOS_TABLE_LAST, which covers |r| <= pi/4 (+ slack). */
const SINCOS_TABLE_LAST = 53;
const SIN_A_HI = new Float64Array(SINCOS_TABLE_LAST + 1);
const SIN_A_LO = new Float64Array(SINCOS_TABLE_LAST + 1);
const COS_A_HI = new Float64Array(SINCOS_TABLE_LAST + 1);
const COS_A_LO = new Float64Array(SINCOS_TABLE_LAST + 1);

/** Taylor series in double-double: sum of (-1)^n a^(2n+first) / (2n+first)!. */
function slowTrig(a: number, first: 0 | 1): [number, number] {
  const a2 = a * a; // exact for a = j/64
  let termH = first === 1 ? a : 1;
  let termL = 0;
  let sumH = termH;
  let sumL = 0;
  for (let n = first; Math.abs(termH) > 2 ** -120; n += 2) {
    termH = ddMul(termH, termL, -a2, 0);
    termH = ddDivByDouble(termH, lo, (n + 1) * (n + 2));
    termL = lo;
    sumH = ddAdd(sumH, sumL, termH, termL);
    sumL = lo;
  }
  return [sumH, sumL];
}

for (let j = 0; j <= SINCOS_TABLE_LAST; j++) {
  [SIN_A_HI[j], SIN_A_LO[j]] = slowTrig(j / 64, 1);
  [COS_A_HI[j], COS_A_LO[j]] = slowTrig(j / 64, 0);
}

const [SIXTH_HI, SIXTH_LO] = reciprocal(6);
const [TWENTY_FOURTH_HI, TWENTY_FOURTH_LO] = reciprocal(24);

/** Where `crSincos` writes its results, so that a call allocates nothing. */
export interface SinCosResult {
  sin: number;
  cos: number;
}

/**
 * Correctly rounded sin and cos of one argument (up to ~2^-88 relative error before the final
 * rounding, for |x| <= 2^20; larger arguments fall back to Math.sin/cos).
 * x = k pi/2 + r, r = a + b with a = j/64 from a table and |b| <= 1/128, then the angle-sum
 * formulas with short Taylor series for sin(b) and cos(b) - 1.
 */
export function crSincos(x: number, out: SinCosResult): void {
  if (!(Math.abs(x) <= REDUCTION_LIMIT)) {
    out.sin = Math.sin(x);
    out.cos = Math.cos(x);
    return;
  }
  if (x === 0) {
    out.sin = x; // keeps the sign of zero
    out.cos = 1;
    return;
  }
  let rh = x;
  let rl = 0;
  let quadrant = 0;
  if (Math.abs(x) > Math.PI / 4) {
    const k = Math.round(x * TWO_OVER_PI);
    const p1 = k * PIO2_1;
    const h = x - p1; // exact (Sterbenz): x is within pi/4 of k pi/2
    const h1 = ddAdd(h, 0, -twoProductError(k, PIO2_1, p1), 0);
    const p2 = k * PIO2_2;
    rh = ddAdd(h1, lo, -p2, -twoProductError(k, PIO2_2, p2));
    rh = ddAdd(rh, lo, -k * PIO2_3, 0);
    rl = lo;
    quadrant = k & 3; // two's complement makes this the right residue for negative k too
  }
  const negative = rh < 0;
  if (negative) {
    rh = -rh;
    rl = -rl;
  }

  const j = Math.round(rh * 64);
  const bRaw = rh - j / 64; // exact (Sterbenz, or j = 0)
  const bh = bRaw + rl;
  const bl = twoSumError(bRaw, rl, bh);

  const b2h = bh * bh;
  const b2l = twoProductError(bh, bh, b2h) + 2 * bh * bl;
  // sin b = b + b^3 (-1/6 + b^2/120 - ...)
  const sinInner = b2h * (1 / 120 + b2h * (-1 / 5040 + b2h * (1 / 362880 - b2h / 39916800)));
  const sinCoefH = ddAdd(-SIXTH_HI, -SIXTH_LO, sinInner, 0);
  const sinCoefL = lo;
  const b3h = ddMul(bh, bl, b2h, b2l);
  const b3l = lo;
  const sinTailH = ddMul(b3h, b3l, sinCoefH, sinCoefL);
  const sinbH = ddAdd(bh, bl, sinTailH, lo);
  const sinbL = lo;
  // cos b - 1 = -b^2/2 + b^4 (1/24 - b^2/720 + ...)
  const cosInner = b2h * (-1 / 720 + b2h * (1 / 40320 + b2h * (-1 / 3628800 + b2h / 479001600)));
  const cosCoefH = ddAdd(TWENTY_FOURTH_HI, TWENTY_FOURTH_LO, cosInner, 0);
  const cosCoefL = lo;
  const b4h = ddMul(b2h, b2l, b2h, b2l);
  const b4l = lo;
  const cosTailH = ddMul(b4h, b4l, cosCoefH, cosCoefL);
  const cosbM1H = ddAdd(-0.5 * b2h, -0.5 * b2l, cosTailH, lo);
  const cosbM1L = lo;

  let sinR: number;
  let cosR: number;
  if (j === 0) {
    sinR = sinbH + sinbL;
    cosR = ddAdd(1, 0, cosbM1H, cosbM1L);
    cosR += lo;
  } else {
    // sin(a + b) = sa + sa (cos b - 1) + ca sin b;  cos(a + b) = ca + ca (cos b - 1) - sa sin b
    const sah = SIN_A_HI[j];
    const sal = SIN_A_LO[j];
    const cah = COS_A_HI[j];
    const cal = COS_A_LO[j];
    let uh = ddMul(sah, sal, cosbM1H, cosbM1L);
    let ul = lo;
    let vh = ddMul(cah, cal, sinbH, sinbL);
    let sh = ddAdd(uh, ul, vh, lo);
    sh = ddAdd(sah, sal, sh, lo);
    sinR = sh + lo;
    uh = ddMul(cah, cal, cosbM1H, cosbM1L);
    ul = lo;
    vh = ddMul(sah, sal, sinbH, sinbL);
    let ch = ddAdd(uh, ul, -vh, -lo);
    ch = ddAdd(cah, cal, ch, lo);
    cosR = ch + lo;
  }
  if (negative) sinR = -sinR;

  switch (quadrant) {
    case 0:
      out.sin = sinR;
      out.cos = cosR;
      break;
    case 1:
      out.sin = cosR;
      out.cos = -sinR;
      break;
    case 2:
      out.sin = -sinR;
      out.cos = -cosR;
      break;
    default:
      out.sin = -cosR;
      out.cos = sinR;
  }
}

const sincosScratch: SinCosResult = { sin: 0, cos: 0 };

export function crSin(x: number): number {
  crSincos(x, sincosScratch);
  return sincosScratch.sin;
}

export function crCos(x: number): number {
  crSincos(x, sincosScratch);
  return sincosScratch.cos;
}
