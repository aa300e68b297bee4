/** `exponential_` on CPU: torch 1.13's default mt19937 kernel (RNG_NOTES.md §5 has the 2.x history). */
import { crLog } from "./double-math.js";
import type { Generator } from "./generator.js";

const f32 = Math.fround;

/** A relative nudge larger than the disagreement between V8's and glibc's log after scaling. */
const LOG_DISAGREEMENT = 2 ** -50;

/**
 * `exponential_(lambd)`: per element a double uniform (2 words) and `(-1/lambd) * log(1 - u)` in
 * double, then the cast. float32 outputs use V8's fast Math.log unless the value sits so close to
 * a float32 rounding boundary that a last-bit libm difference could flip it; then (and always for
 * float64) the correctly rounded log decides.
 */
export function exponentialFill(g: Generator, out: Float32Array | Float64Array, lambd = 1): void {
  if (!(lambd >= 0)) throw new Error(`exponential_ expects lambda >= 0.0, but found lambda=${lambd}`);
  const scale = -1 / lambd;
  if (out instanceof Float64Array) {
    for (let i = 0; i < out.length; i++) out[i] = scale * crLog(1 - g.nextFloat64Uniform());
    return;
  }
  for (let i = 0; i < out.length; i++) {
    const x = 1 - g.nextFloat64Uniform();
    let value = scale * Math.log(x);
    const rounded = f32(value);
    if (f32(value * (1 + LOG_DISAGREEMENT)) !== rounded || f32(value * (1 - LOG_DISAGREEMENT)) !== rounded) {
      value = scale * crLog(x);
    }
    out[i] = value;
  }
}
