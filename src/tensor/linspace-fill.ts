import { fmaF32 } from "../random/float32-math.js";
import { fmaF64 } from "../random/double-math.js";

/**
 * torch.linspace's CPU kernel, value for value: step = (end - start) / (steps - 1) in the
 * output's precision; the first half counts up from start, the second half down from end (so
 * both endpoints are exact). ATen's AVX2 build fuses `start + step·i` into an FMA, and fills
 * two vectors (8 floats or 4 doubles each) per loop iteration with Vectorized::arange, whose
 * lanes `base + j·step` are not fused; what is left after the last pair of vectors is scalar.
 */
export function linspaceFill(out: Float32Array | Float64Array, start: number, end: number): void {
  const steps = out.length;
  const single = out instanceof Float32Array;
  const round = single ? Math.fround : (x: number) => x;
  const fma = single ? fmaF32 : fmaF64;
  const lanes = single ? 8 : 4;
  const s = round(start);
  const e = round(end);
  if (steps === 1) {
    out[0] = s;
    return;
  }
  const step = round(round(e - s) / (steps - 1));
  const halfway = Math.floor(steps / 2);
  const scalarAt = (i: number) => (i < halfway ? fma(step, i, s) : fma(-step, steps - i - 1, e));
  const vectorEnd = steps - (steps % (2 * lanes));
  for (let c = 0; c < vectorEnd; c += lanes) {
    const base = scalarAt(c);
    out[c] = base;
    for (let j = 1; j < lanes; j++) out[c + j] = round(base + round(j * step));
  }
  for (let i = vectorEnd; i < steps; i++) out[i] = scalarAt(i);
}
