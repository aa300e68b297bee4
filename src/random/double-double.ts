// Exact-arithmetic building blocks for double-math.ts: error-free transformations (TwoSum,
// TwoProduct), a correctly rounded double FMA, and double-double add, multiply and divide.
// Each double-double operation returns the high part and leaves the low part in `lo`, so that
// no call allocates.

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's constant for splitting a double in halves

/** The rounding error of `s = a + b` (Knuth's TwoSum): a + b == s + error exactly. */
export function twoSumError(a: number, b: number, s: number): number {
  const bb = s - a;
  return a - (s - bb) + (b - bb);
}

/** The rounding error of `p = a * b` (Dekker's TwoProduct): a * b == p + error exactly. */
export function twoProductError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** A double's bits as two words: [low word, high word] on little-endian hosts (every JS engine's). */
export const f64Scratch = new Float64Array(1);
export const u32Scratch = new Uint32Array(f64Scratch.buffer);

/** `x` moved one ulp toward the sign of `direction`; `x` is finite, non-zero and has an even last bit. */
export function stepEvenToward(x: number, direction: number): number {
  f64Scratch[0] = x;
  if (x > 0 === direction > 0) {
    u32Scratch[0] += 1; // even, so no carry into the high word
  } else if (u32Scratch[0] === 0) {
    u32Scratch[0] = 0xffffffff;
    u32Scratch[1] -= 1;
  } else {
    u32Scratch[0] -= 1;
  }
  return f64Scratch[0];
}

/**
 * Correctly rounded `fma(a, b, c)` in doubles (Boldo and Melquiond's emulation: the exact product
 * and sum as double-doubles, the low parts added with rounding to odd, then one final rounding).
 * Valid while |a*b| stays well inside the double range.
 */
export function fmaF64(a: number, b: number, c: number): number {
  const ph = a * b;
  if (ph === 0 || !Number.isFinite(ph) || !Number.isFinite(c)) return ph + c;
  const pl = twoProductError(a, b, ph);
  const sh = c + ph;
  const sl = twoSumError(c, ph, sh);
  let v = sl + pl;
  const ve = twoSumError(sl, pl, v);
  if (ve !== 0) {
    f64Scratch[0] = v;
    if ((u32Scratch[0] & 1) === 0) v = stepEvenToward(v, ve);
  }
  return sh + v;
}

// ---------------------------------------------------------------------------------------------
// Double-double building blocks. Each returns the high part and leaves the low part in `lo`.

/** The low part of the last double-double result (read it right after the call that set it). */
export let lo = 0;

/** (ah + al) + (bh + bl), the accurate variant: relative error ~3 * 2^-106 of the exact sum. */
export function ddAdd(ah: number, al: number, bh: number, bl: number): number {
  const s = ah + bh;
  const se = twoSumError(ah, bh, s);
  const t = al + bl;
  const te = twoSumError(al, bl, t);
  let c = se + t;
  const h = s + c;
  c = c - (h - s) + te;
  const h2 = h + c;
  lo = c - (h2 - h);
  return h2;
}

export function ddMul(ah: number, al: number, bh: number, bl: number): number {
  const p = ah * bh;
  const e = twoProductError(ah, bh, p) + (ah * bl + al * bh);
  const h = p + e;
  lo = e - (h - p);
  return h;
}

export function ddDivByDouble(ah: number, al: number, b: number): number {
  const q1 = ah / b;
  const p = q1 * b;
  const remainder = ah - p - twoProductError(q1, b, p) + al; // ah - p is exact (Sterbenz)
  const q2 = remainder / b;
  const h = q1 + q2;
  lo = q2 - (h - q1);
  return h;
}

/** 1/n as a double-double, for series coefficients. */
export function reciprocal(n: number): [number, number] {
  const h = ddDivByDouble(1, 0, n);
  return [h, lo];
}
