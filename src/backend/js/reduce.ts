import type { AnyArray, I32 } from "../kernels/index.js";
import { torchSumF32 } from "./torch-sum.js";

let scratch = new Float64Array(256);
function scratchOf(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  return scratch;
}

// Float32 sums along a contiguous run reproduce torch's cascade bit for bit; strided sums
// accumulate in double (at least as accurate; torch's vectorised outer sum is not emulated).
export function reduce(op: "sum" | "max" | "min" | "prod", out: AnyArray, inp: AnyArray, outer: number, size: number, inner: number): void {
  if (inner === 1 && op === "sum" && inp instanceof Float32Array) {
    for (let o = 0; o < outer; o++) out[o] = torchSumF32(inp, o * size, size);
    return;
  }
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      const base = o * size;
      out[o] = reduceRow(op, inp, base, size);
    }
    return;
  }
  const acc = scratchOf(inner);
  for (let o = 0; o < outer; o++) {
    const base = o * size * inner;
    const init = op === "sum" ? 0 : op === "prod" ? 1 : op === "max" ? -Infinity : Infinity;
    acc.fill(init, 0, inner);
    for (let k = 0; k < size; k++) {
      const row = base + k * inner;
      switch (op) {
        case "sum":
          for (let i = 0; i < inner; i++) acc[i] += inp[row + i];
          break;
        case "prod":
          for (let i = 0; i < inner; i++) acc[i] *= inp[row + i];
          break;
        case "max":
          for (let i = 0; i < inner; i++) {
            const x = inp[row + i];
            if (x > acc[i] || x !== x) acc[i] = x;
          }
          break;
        case "min":
          for (let i = 0; i < inner; i++) {
            const x = inp[row + i];
            if (x < acc[i] || x !== x) acc[i] = x;
          }
          break;
      }
    }
    const ob = o * inner;
    for (let i = 0; i < inner; i++) out[ob + i] = acc[i];
  }
}

function reduceRow(op: "sum" | "max" | "min" | "prod", inp: AnyArray, base: number, size: number): number {
  let acc: number;
  switch (op) {
    case "sum":
      acc = 0;
      for (let k = 0; k < size; k++) acc += inp[base + k];
      return acc;
    case "prod":
      acc = 1;
      for (let k = 0; k < size; k++) acc *= inp[base + k];
      return acc;
    case "max":
      acc = -Infinity;
      for (let k = 0; k < size; k++) {
        const x = inp[base + k];
        if (x > acc || x !== x) {
          acc = x;
          if (x !== x) break;
        }
      }
      return acc;
    case "min":
      acc = Infinity;
      for (let k = 0; k < size; k++) {
        const x = inp[base + k];
        if (x < acc || x !== x) {
          acc = x;
          if (x !== x) break;
        }
      }
      return acc;
  }
}

/** First index of the max (min); a NaN counts as the extreme, as in torch.argmax. */
export function argReduce(op: "max" | "min", out: I32, inp: AnyArray, outer: number, size: number, inner: number): void {
  const isMax = op === "max";
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = 0;
      let bv = inp[o * size * inner + i];
      if (bv === bv) {
        for (let k = 1; k < size; k++) {
          const x = inp[(o * size + k) * inner + i];
          if (x !== x) {
            best = k;
            break;
          }
          if (isMax ? x > bv : x < bv) {
            bv = x;
            best = k;
          }
        }
      }
      out[o * inner + i] = best;
    }
  }
}
