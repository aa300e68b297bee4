/** `bernoulli_(p)` with a scalar p on CPU: torch 1.13's default kernel (no MKL). */
import type { Generator } from "./generator.js";
import { kernels } from "../backend/index.js";

const CHUNK = 2048; // elements per batch of words
let words = new Uint32Array(0);

/**
 * `bernoulli_scalar_cpu_` (cpu/DistributionTemplates.h): serially, in row-major order, per element
 * a double uniform u (two words: the low 21 bits of the first, then the second, as
 * `uniform_real_distribution<double>`) and `u < p`. x86 builds with MKL on Intel CPUs take a VSL
 * path instead (`bernoulli_scalar_kernel`, seeded by one `random()`), whose values differ;
 * Debian's torch has no MKL, and AMD CPUs never take it. `success` is what a 1 is written as
 * (dropout writes its 1/(1-p) scale straight away). Float32 outputs are filled by the backend's
 * `mt19937Bernoulli` kernel, the others here.
 */
export function bernoulliFill(g: Generator, out: Float32Array | Float64Array | Uint8Array, p: number, success = 1): void {
  if (!(p >= 0 && p <= 1)) throw new Error(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  // u < p  ⇔  the 53-bit integer behind u is below p · 2^53 (both exact in a double)
  const threshold = p * 2 ** 53;
  if (out instanceof Float32Array && out.length > 0) {
    g.advanceRaw((state, taken) => kernels.mt19937Bernoulli(out, state, taken, threshold, success, out.length));
    return;
  }
  if (words.length === 0) words = new Uint32Array(2 * CHUNK);
  for (let start = 0; start < out.length; start += CHUNK) {
    const n = Math.min(CHUNK, out.length - start);
    const w = n === CHUNK ? words : words.subarray(0, 2 * n);
    g.randomFill(w);
    for (let i = 0; i < n; i++) out[start + i] = success * +((w[2 * i] & 0x1fffff) * 4294967296 + w[2 * i + 1] < threshold);
  }
}
