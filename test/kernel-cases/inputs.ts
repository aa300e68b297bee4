/** Inputs for the kernel parity cases: a seeded generator, random arrays, and what a case is. */

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(1234);
export const uniform = (n: number, lo = -1, hi = 1): Float32Array => Float32Array.from({ length: n }, () => lo + (hi - lo) * rand());
export const ints = (n: number, hi: number): Int32Array => Int32Array.from({ length: n }, () => Math.floor(rand() * hi));

/** A kernel argument: a scalar, null, or an array (float32 / int32) given by its contents. */
export type Arg = number | boolean | null | Float32Array | Int32Array;

export interface Case {
  label: string;
  args: Arg[];
  rtol?: number;
  atol?: number;
}

/** Cases for every kernel of a group `G` (one of the interfaces of src/backend/kernels/). */
export type GroupCases<G> = Record<keyof G, Case[]>;
