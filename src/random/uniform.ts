/** `uniform_` / `rand`. */
import { fmaF64 } from "./double-math.js";
import { fmaF32 } from "./float32-math.js";
import type { Generator } from "./generator.js";

const f32 = Math.fround;

/**
 * `uniform_(from, to)` (and `rand` for 0, 1): one word per float32, two per float64, serial in
 * row-major order. float32 casts the bounds to float32 first. The result is
 * `fma(x, to - from, from)`: ATen's AVX2 build contracts `x * (to - from) + from`, which matters
 * whenever the product is inexact (e.g. nn.Linear init with a fan-in that is not a power of 4).
 */
export function uniformFill(g: Generator, out: Float32Array | Float64Array, from = 0, to = 1): void {
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw new Error(`uniform_ expects finite bounds, but found from=${from} and to=${to}`);
  }
  if (from > to) throw new Error(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  if (out instanceof Float32Array) {
    const lowF = f32(from);
    const rangeF = f32(f32(to) - lowF);
    for (let i = 0; i < out.length; i++) out[i] = fmaF32(g.nextFloat32Uniform(), rangeF, lowF);
  } else {
    const range = to - from;
    for (let i = 0; i < out.length; i++) out[i] = fmaF64(g.nextFloat64Uniform(), range, from);
  }
}
