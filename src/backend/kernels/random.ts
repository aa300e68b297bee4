import type { F32, I32 } from "./arrays.js";

/**
 * Bulk draws from torch's CPU generator, an mt19937 engine handed over raw: `state` is its 624
 * words (int32 bit patterns, regenerated in place when used up) and `taken` how many outputs of
 * them are already used (624: none left; the next draw regenerates first, as ATen does lazily).
 * Each kernel returns the new `taken`.
 */
export interface RandomKernels {
  /**
   * `bernoulli_(p)` as torch's CPU kernel draws it: element i takes the next two outputs w0, w1
   * (a double uniform) and is `success` if (w0 & 0x1fffff) · 2^32 + w1 < threshold, else 0, where
   * threshold = p · 2^53.
   */
  mt19937Bernoulli(out: F32, state: I32, taken: number, threshold: number, success: number, n: number): number;
  /** Skips n outputs (`std::mersenne_twister_engine::discard`): only the regenerations run. */
  mt19937Discard(state: I32, taken: number, n: number): number;
}
