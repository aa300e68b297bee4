/** `bernoulli_(p)` with a scalar p on CPU: torch 1.13's default kernel (no MKL). */
import type { Generator } from "./generator.js";

/**
 * `bernoulli_scalar_cpu_` (cpu/DistributionTemplates.h): serially, in row-major order, per element
 * a double uniform (2 words) and `u < p`. x86 builds with MKL on Intel CPUs take a VSL path
 * instead (`bernoulli_scalar_kernel`, seeded by one `random()`), whose values differ; Debian's
 * torch has no MKL, and AMD CPUs never take it.
 */
export function bernoulliFill(g: Generator, out: Float32Array | Float64Array | Uint8Array, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new Error(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  for (let i = 0; i < out.length; i++) out[i] = g.nextFloat64Uniform() < p ? 1 : 0;
}
