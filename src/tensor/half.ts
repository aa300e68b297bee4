/**
 * IEEE binary16 (fp16) and bfloat16 as 16-bit patterns, converted from and to float32 with
 * round-to-nearest-even, bit-exact with torch's `.half()` and `.bfloat16()` on CPU
 * (test/fixtures/half holds the goldens: subnormals, overflow to ±inf, values that round to
 * zero, ties, NaN). Integer arithmetic on the float32 bits, so no double rounding can creep in.
 */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

const bitsOf = (x: number): number => {
  f32[0] = x;
  return u32[0];
};

/** Shifts `mant` right by `shift` (1…31) bits, rounding to nearest, ties to even. */
function shiftRoundEven(mant: number, shift: number): number {
  const q = mant >>> shift;
  const rem = mant & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return rem > half || (rem === half && (q & 1) === 1) ? q + 1 : q;
}

/** float32 → fp16 bits. NaN keeps its sign and becomes the quiet NaN 0x7E00, as c10::Half does. */
export function floatToHalfBits(x: number): number {
  const b = bitsOf(x);
  const sign = (b >>> 16) & 0x8000;
  const abs = b & 0x7fffffff;
  if (abs > 0x7f800000) return sign | 0x7e00;
  if (abs >= 0x47800000) return sign | 0x7c00; // ≥ 2^16: beyond 65504's rounding range
  if (abs >= 0x38800000) {
    // normal in fp16: rebias the exponent (127 → 15) and round away 13 mantissa bits; a carry
    // out of the mantissa bumps the exponent, and out of 30 gives exactly inf (0x7C00)
    return sign | shiftRoundEven(abs - 0x38000000, 13);
  }
  // below 2^-14: an fp16 subnormal counts units of 2^-24
  const exp = abs >>> 23;
  if (exp < 102) return sign; // < 2^-25: rounds to zero (2^-25 itself is the tie, to even 0)
  const mant = (abs & 0x7fffff) | 0x800000; // x = mant · 2^(exp-150)
  return sign | shiftRoundEven(mant, 126 - exp);
}

/** fp16 bits → float32 value (exact). */
export function halfBitsToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return sign * f * 2 ** -24;
  if (e === 31) return f ? NaN : sign * Infinity;
  return sign * (1024 + f) * 2 ** (e - 25);
}

/**
 * float32 → bfloat16 bits: c10::BFloat16's round_to_nearest_even. NaN becomes 0xFFFF, as a
 * tensor's `.bfloat16()` gives on CPU (its vectorised path; only a 0-d tensor's scalar path gives 0x7FC0).
 */
export function floatToBFloat16Bits(x: number): number {
  if (Number.isNaN(x)) return 0xffff;
  const b = bitsOf(x);
  return ((b + (((b >>> 16) & 1) + 0x7fff)) >>> 16) & 0xffff;
}

/** bfloat16 bits → float32 value (exact: the top half of a float32). */
export function bfloat16BitsToFloat(h: number): number {
  u32[0] = (h & 0xffff) << 16;
  return f32[0];
}

export type HalfKind = "float16" | "bfloat16";

/** The float32 nearest to what `x` becomes when stored in `kind`: what autocast's storage does to a value. */
export const roundThrough = (kind: HalfKind, x: number): number =>
  kind === "float16" ? halfBitsToFloat(floatToHalfBits(x)) : bfloat16BitsToFloat(floatToBFloat16Bits(x));

/** Rounds every float32 of `src` into 16-bit patterns in `dst`. */
export function encodeHalf(kind: HalfKind, src: ArrayLike<number>, dst: Uint16Array = new Uint16Array(src.length)): Uint16Array {
  if (src instanceof Float32Array) {
    // straight from the bits: the per-step packing of 16-bit activation storage runs this
    const bits = new Uint32Array(src.buffer, src.byteOffset, src.length);
    if (kind === "bfloat16") {
      for (let i = 0; i < bits.length; i++) {
        const b = bits[i];
        dst[i] = (b & 0x7fffffff) > 0x7f800000 ? 0xffff : (b + (((b >>> 16) & 1) + 0x7fff)) >>> 16;
      }
      return dst;
    }
    for (let i = 0; i < bits.length; i++) {
      const b = bits[i];
      const abs = b & 0x7fffffff;
      if (abs >= 0x38800000 && abs < 0x47800000) dst[i] = ((b >>> 16) & 0x8000) | shiftRoundEven(abs - 0x38000000, 13);
      else if (abs < 0x33000000)
        dst[i] = (b >>> 16) & 0x8000; // zeros (masked attention) and what rounds to them
      else dst[i] = floatToHalfBits(src[i]);
    }
    return dst;
  }
  const to = kind === "float16" ? floatToHalfBits : floatToBFloat16Bits;
  for (let i = 0; i < src.length; i++) dst[i] = to(src[i]);
  return dst;
}

const tables: Partial<Record<HalfKind, Float32Array>> = {};

/** All 65536 values of a 16-bit format, built on first use (256 KB). */
function tableOf(kind: HalfKind): Float32Array {
  let t = tables[kind];
  if (!t) {
    t = new Float32Array(65536);
    const from = kind === "float16" ? halfBitsToFloat : bfloat16BitsToFloat;
    for (let h = 0; h < 65536; h++) t[h] = from(h);
    tables[kind] = t;
  }
  return t;
}

/** Widens 16-bit patterns back to float32 (exact). */
export function decodeHalf(kind: HalfKind, src: ArrayLike<number>, dst: Float32Array = new Float32Array(src.length)): Float32Array {
  const t = tableOf(kind);
  for (let i = 0; i < src.length; i++) dst[i] = t[src[i] & 0xffff];
  return dst;
}
