/** `bernoulli_(p)` with a scalar p on CPU: torch 1.13's default kernel (no MKL). */
import type { Generator } from "./generator.js";
import { kernels } from "../backend/index.js";

/**
 * `bernoulli_scalar_cpu_` (cpu/DistributionTemplates.h): serially, in row-major order, per element
 * a double uniform u (two words: the low 21 bits of the first, then the second, as
 * `uniform_real_distribution<double>`) and `u < p`. x86 builds with MKL on Intel CPUs take a VSL
 * path instead (`bernoulli_scalar_kernel`, seeded by one `random()`), whose values differ;
 * Debian's torch has no MKL, and AMD CPUs never take it. `success` is what a 1 is written as
 * (dropout writes its 1/(1-p) scale straight away). The draws are the backend's
 * `mt19937Bernoulli` kernel; other outputs than float32 get its 0/1 mask, then `success`.
 */
export function bernoulliFill(g: Generator, out: Float32Array | Float64Array | Uint8Array, p: number, success = 1): void {
  if (!(p >= 0 && p <= 1)) throw new Error(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  if (out.length === 0) return;
  // u < p  ⇔  the 53-bit integer behind u is below p · 2^53 (both exact in a double)
  const threshold = p * 2 ** 53;
  const mask = out instanceof Float32Array ? out : new Float32Array(out.length);
  const one = mask === out ? success : 1;
  g.advanceRaw((state, taken) => kernels.mt19937Bernoulli(mask, state, taken, threshold, one, mask.length));
  if (mask !== out) for (let i = 0; i < out.length; i++) out[i] = mask[i] ? success : 0;
}
