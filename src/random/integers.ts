/** Integer draws: `randint` / `random_(from, to)` and `randperm`. */
import type { Generator } from "./generator.js";

/**
 * `randint(low, high)` / `random_(low, high)`: `random() % range + low`, modulo bias and all.
 * A range of 2^32 or more (float64 output only) takes `random64()`, two words per element.
 */
export function randintFill(g: Generator, out: Int32Array | Float64Array, low: number, high: number): void {
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
    throw new Error(`randint expects integer bounds, but got low=${low}, high=${high}`);
  }
  if (low >= high) throw new Error(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  if (out instanceof Int32Array && (low < -(2 ** 31) || high - 1 > 2 ** 31 - 1)) {
    throw new Error(`randint into int32 needs bounds within the int32 range, but got low=${low}, high=${high}`);
  }
  const range = high - low;
  if (range < 2 ** 32) {
    for (let i = 0; i < out.length; i++) out[i] = (g.random() % range) + low;
    return;
  }
  const wideRange = BigInt(range);
  const wideLow = BigInt(low);
  for (let i = 0; i < out.length; i++) out[i] = Number((g.random64() % wideRange) + wideLow);
}

/**
 * `randperm(n)` as torch 1.13 does it for every n: Fisher-Yates from the front with
 * `random() % (n - i)`, n - 1 words. (2.x switched to an inside-out shuffle with `random64()`
 * for n >= 214748364, far beyond anything an Int32Array permutation here needs.)
 */
export function randpermFill(g: Generator, out: Int32Array): void {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = g.random() % (n - i);
    const saved = out[i];
    out[i] = out[i + z];
    out[i + z] = saved;
  }
}
