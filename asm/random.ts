// Bulk draws from a raw mt19937 engine (torch's CPU generator): the 624 state words at `state`,
// `taken` of whose outputs are used up (624: regenerate before the next). The twist and the
// tempering run four words at a time; every draw is bit-identical to src/random/mt19937.ts.
import { at } from "./row-ops";

const STATE_SIZE: i32 = 624;
const SHIFT: i32 = 397;
const MATRIX_A: i32 = <i32>0x9908b0df;
const UPPER_MASK: i32 = <i32>0x80000000;
const LOWER_MASK: i32 = 0x7fffffff;
const TEMPER_B: i32 = <i32>0x9d2c5680;
const TEMPER_C: i32 = <i32>0xefc60000;

// @ts-ignore: decorator
@inline function mix(a: i32, b: i32): i32 {
  const y = (a & UPPER_MASK) | (b & LOWER_MASK);
  return (y >>> 1) ^ (-(y & 1) & MATRIX_A);
}

// @ts-ignore: decorator
@inline function mix4(a: v128, b: v128): v128 {
  const y = v128.or(v128.and(a, i32x4.splat(UPPER_MASK)), v128.and(b, i32x4.splat(LOWER_MASK)));
  const odd = i32x4.neg(v128.and(y, i32x4.splat(1)));
  return v128.xor(i32x4.shr_u(y, 1), v128.and(odd, i32x4.splat(MATRIX_A)));
}

/** Word k becomes s[k + 397 mod 624] ^ mix(s[k], s[k + 1]); four at a time where all four read settled words. */
function twist(s: usize): void {
  let k = 0;
  // k < 227 reads s[k + 397], not yet replaced
  for (; k + 4 <= STATE_SIZE - SHIFT; k += 4) {
    const x = v128.xor(v128.load(at(s, k + SHIFT)), mix4(v128.load(at(s, k)), v128.load(at(s, k + 1))));
    v128.store(at(s, k), x);
  }
  for (; k < STATE_SIZE - SHIFT; k++) store<i32>(at(s, k), load<i32>(at(s, k + SHIFT)) ^ mix(load<i32>(at(s, k)), load<i32>(at(s, k + 1))));
  // from k = 227 on it reads s[k - 227], already replaced: at least 224 words behind, so a
  // vector of four reads only finished words; s[k + 4] stays unreplaced while k + 4 < 624
  for (; k + 4 < STATE_SIZE; k += 4) {
    const x = v128.xor(v128.load(at(s, k + SHIFT - STATE_SIZE)), mix4(v128.load(at(s, k)), v128.load(at(s, k + 1))));
    v128.store(at(s, k), x);
  }
  for (; k < STATE_SIZE - 1; k++) store<i32>(at(s, k), load<i32>(at(s, k + SHIFT - STATE_SIZE)) ^ mix(load<i32>(at(s, k)), load<i32>(at(s, k + 1))));
  store<i32>(at(s, STATE_SIZE - 1), load<i32>(at(s, SHIFT - 1)) ^ mix(load<i32>(at(s, STATE_SIZE - 1)), load<i32>(s)));
}

// @ts-ignore: decorator
@inline function temper(word: i32): i32 {
  let y = word;
  y ^= y >>> 11;
  y ^= (y << 7) & TEMPER_B;
  y ^= (y << 15) & TEMPER_C;
  return y ^ (y >>> 18);
}

// @ts-ignore: decorator
@inline function temper4(v: v128): v128 {
  let y = v128.xor(v, i32x4.shr_u(v, 11));
  y = v128.xor(y, v128.and(i32x4.shl(y, 7), i32x4.splat(TEMPER_B)));
  y = v128.xor(y, v128.and(i32x4.shl(y, 15), i32x4.splat(TEMPER_C)));
  return v128.xor(y, i32x4.shr_u(y, 18));
}

/**
 * Two draws [w0 w1 w2 w3] (tempered) against the threshold t = tHigh · 2^32 + tLow: lanes 0 and 2
 * are all ones where (w & 0x1fffff) · 2^32 + the next word < t.
 */
// @ts-ignore: decorator
@inline function below(w: v128, tHigh: v128, tLow: v128): v128 {
  const high = v128.and(w, i32x4.splat(0x1fffff));
  const lowBelow = i32x4.lt_u(w, tLow);
  const lowBelowShifted = i32x4.shuffle(lowBelow, lowBelow, 1, 0, 3, 2);
  return v128.or(i32x4.lt_u(high, tHigh), v128.and(i32x4.eq(high, tHigh), lowBelowShifted));
}

export function mt19937Bernoulli(out: usize, state: usize, taken: i32, threshold: f64, success: f32, n: i32): i32 {
  // u < p ⇔ the 53-bit integer behind u is below ⌈p · 2^53⌉, at most 2^53
  const t = <u64>Math.ceil(threshold);
  const tHighScalar = <u32>(t >> 32);
  const tLowScalar = <u32>t;
  const tHigh = i32x4.splat(<i32>tHighScalar);
  const tLow = i32x4.splat(<i32>tLowScalar);
  const one = i32x4.splat(reinterpret<i32>(success));
  let i = 0;
  while (i < n) {
    if (taken == STATE_SIZE) {
      twist(state);
      taken = 0;
    }
    if (taken == STATE_SIZE - 1) {
      // an element whose two words straddle a regeneration
      const high = <u32>temper(load<i32>(at(state, taken))) & 0x1fffff;
      twist(state);
      const low = <u32>temper(load<i32>(state));
      taken = 1;
      store<f32>(at(out, i), ((<u64>high << 32) | <u64>low) < t ? success : 0);
      i++;
      continue;
    }
    const end = i + min(n - i, (STATE_SIZE - taken) >> 1);
    for (; i + 4 <= end; i += 4, taken += 8) {
      const a = below(temper4(v128.load(at(state, taken))), tHigh, tLow);
      const b = below(temper4(v128.load(at(state, taken + 4))), tHigh, tLow);
      v128.store(at(out, i), v128.and(i32x4.shuffle(a, b, 0, 2, 4, 6), one));
    }
    for (; i < end; i++, taken += 2) {
      const high = <u32>temper(load<i32>(at(state, taken))) & 0x1fffff;
      const low = <u32>temper(load<i32>(at(state, taken + 1)));
      store<f32>(at(out, i), ((<u64>high << 32) | <u64>low) < t ? success : 0);
    }
  }
  return taken;
}

export function mt19937Discard(state: usize, taken: i32, n: i32): i32 {
  while (n > 0) {
    if (taken == STATE_SIZE) {
      twist(state);
      taken = 0;
    }
    const skip = min(n, STATE_SIZE - taken);
    taken += skip;
    n -= skip;
  }
  return taken;
}
