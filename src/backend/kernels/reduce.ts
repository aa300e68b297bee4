import type { AnyArray, I32 } from "./arrays.js";

/** Reductions of any dtype along the middle dim of an (outer, size, inner) view. JS only. */
export interface ReduceKernels {
  /** out[o, i] = reduce_k inp[o, k, i]; op sum | max | min | prod. */
  reduce(op: "sum" | "max" | "min" | "prod", out: AnyArray, inp: AnyArray, outer: number, size: number, inner: number): void;
  /** index of the first max (or min) along the middle dim of (outer, size, inner) */
  argReduce(op: "max" | "min", out: I32, inp: AnyArray, outer: number, size: number, inner: number): void;
}
