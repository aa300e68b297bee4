import type { AnyArray } from "./arrays.js";

export type BinaryOp = "add" | "sub" | "mul" | "div" | "pow" | "maximum" | "minimum" | "eq" | "ne" | "lt" | "le" | "gt" | "ge";

/**
 * Any dtype, strided, broadcasting: the general path behind views and broadcasting ops. JS only:
 * it is mostly data movement through arbitrary strides, which wasm would not speed up.
 */
export interface StridedKernels {
  /** out[i…] = inp[offset + Σ i_d * strides[d]] for every index of `shape` (row-major out). */
  stridedCopy(out: AnyArray, inp: AnyArray, offset: number, shape: readonly number[], strides: readonly number[]): void;
  /** out[offset + Σ i_d * strides[d]] (+)= inp[i…] (row-major inp): writes into a strided view. */
  stridedScatter(out: AnyArray, offset: number, shape: readonly number[], strides: readonly number[], inp: AnyArray, accumulate: boolean): void;
  /** out (contiguous, `shape`) = a ⊙ b, each operand read through its own (broadcast) strides. */
  binaryStrided(
    op: BinaryOp,
    out: AnyArray,
    shape: readonly number[],
    a: AnyArray,
    aOffset: number,
    aStrides: readonly number[],
    b: AnyArray,
    bOffset: number,
    bStrides: readonly number[],
  ): void;
}
