import { Tensor, type Dims, type KeepDim } from "../tensor.js";
import { type DType, isFloating } from "../dtype.js";
import { normalizeDim, numelOf } from "../shape.js";
import { record } from "../autograd.js";
import { kernels } from "../../backend/index.js";
import { add, binaryRaw, div, exp, log, mul, sub } from "./pointwise.js";

export interface VarOptions extends KeepDim {
  /** Bessel's correction; torch's default is 1 (unbiased). */
  correction?: number;
  unbiased?: boolean;
}

/** Sorted, distinct, non-negative dims; null/undefined means all. */
function resolveDims(x: Tensor, dim: Dims | null | undefined): number[] {
  if (dim === null || dim === undefined) return x.shape.map((_, i) => i);
  const list = typeof dim === "number" ? [dim] : [...dim];
  const out = [...new Set(list.map((d) => normalizeDim(d, x.ndim)))].sort((a, b) => a - b);
  if (out.length !== list.length) throw new Error(`dim ${JSON.stringify(dim)} appears multiple times in the list of dims`);
  return out;
}

function keptShape(shape: readonly number[], dims: number[]): number[] {
  return shape.map((s, i) => (dims.includes(i) ? 1 : s));
}

function finalShape(shape: readonly number[], dims: number[], keepdim: boolean): number[] {
  return keepdim ? keptShape(shape, dims) : shape.filter((_, i) => !dims.includes(i));
}

/** Reduces `dims` (keepdim shape) with a kernel op, no autograd. */
function reduceRaw(op: "sum" | "max" | "min" | "prod", x: Tensor, dims: number[], dtype: DType): Tensor {
  if (x.ndim === 0 || dims.length === 0) {
    const out = Tensor.empty(x.shape, dtype);
    kernels.stridedCopy(out.storage, x.storage, x.offset, x.shape, x.strides);
    return out;
  }
  let cur = x.flat();
  const shape = x.shape.slice();
  // runs of adjacent dims reduce as one; the last run first, so earlier dim indices stay valid
  const runs: [number, number][] = [];
  for (const d of dims) {
    const last = runs[runs.length - 1];
    if (last && last[1] === d) last[1] = d + 1;
    else runs.push([d, d + 1]);
  }
  for (let k = runs.length - 1; k >= 0; k--) {
    const [d0, d1] = runs[k];
    const outer = numelOf(shape.slice(0, d0));
    const size = numelOf(shape.slice(d0, d1));
    const inner = numelOf(shape.slice(d1));
    if (size === 0 && (op === "max" || op === "min")) throw new Error(`${op}(): expected a non-empty dimension to reduce (dim ${d0} has size 0)`);
    const last = k === 0;
    const next = Tensor.empty([outer * inner], last ? dtype : isFloating(x.dtype) ? "float64" : dtype).storage;
    if (last && op === "sum" && outer === 1 && inner > 1 && cur instanceof Float32Array && next instanceof Float32Array) {
      kernels.columnSums(next, cur, size, inner); // a broadcast gradient summed over leading dims
    } else kernels.reduce(op, next, cur, outer, size, inner);
    cur = next;
    for (let d = d0; d < d1; d++) shape[d] = 1;
  }
  return new Tensor(cur, keptShape(x.shape, dims));
}

export function sum(x: Tensor, dim?: Dims | null, opts?: KeepDim): Tensor {
  const dims = resolveDims(x, dim);
  const dtype: DType = isFloating(x.dtype) ? x.dtype : "int32";
  const kept = reduceRaw("sum", x, dims, dtype);
  const out = kept.reshape(finalShape(x.shape, dims, !!opts?.keepdim));
  // d Σx = broadcast of the upstream gradient over the reduced dims
  return record(out, "SumBackward1", [x], (g) => [g.reshape(kept.shape as number[]).expand(x.shape as number[])]);
}

export function mean(x: Tensor, dim?: Dims | null, opts?: KeepDim): Tensor {
  if (!isFloating(x.dtype)) throw new Error(`mean(): could not infer output dtype. Input dtype must be a floating point dtype, got ${x.dtype}`);
  const dims = resolveDims(x, dim);
  const count = dims.reduce((n, d) => n * x.shape[d], 1);
  return div(sum(x, dims, opts), count);
}

/** Max/min over a dim with indices, or over everything (values only). */
function extreme(which: "max" | "min", x: Tensor, dim: number | undefined, opts?: KeepDim): any {
  if (dim === undefined) {
    if (x.numel() === 0) throw new Error(`${which}(): expected a non-empty tensor`);
    return amaxAmin(which, x, null, {});
  }
  const d = normalizeDim(dim, x.ndim);
  const values = amaxAmin(which, x, [d], opts, true);
  const idx = Tensor.empty(keptShape(x.shape, [d]), "int32");
  const outer = numelOf(x.shape.slice(0, d));
  const inner = numelOf(x.shape.slice(d + 1));
  kernels.argReduce(which, idx.i32(), x.flat(), outer, x.shape[d] ?? 1, inner);
  const indices = idx.reshape(finalShape(x.shape, [d], !!opts?.keepdim));
  return { values, indices };
}

export const max = (x: Tensor, dim?: number, opts?: KeepDim): any => extreme("max", x, dim, opts);
export const min = (x: Tensor, dim?: number, opts?: KeepDim): any => extreme("min", x, dim, opts);

/**
 * amax/amin. The gradient is split evenly between tied extremes (torch's amax rule); with
 * `winnerOnly` (max(dim) / min(dim)), it goes to the first extreme only, like torch's indices.
 */
function amaxAmin(which: "max" | "min", x: Tensor, dim: Dims | null | undefined, opts?: KeepDim, winnerOnly = false): Tensor {
  const dims = resolveDims(x, dim);
  const kept = reduceRaw(which, x, dims, x.dtype);
  const out = kept.reshape(finalShape(x.shape, dims, !!opts?.keepdim));
  return record(out, which === "max" ? "AmaxBackward0" : "AminBackward0", [x], (g) => {
    const gk = g.reshape(kept.shape as number[]);
    let mask = binaryRaw("eq", x.detach(), kept, "float32");
    if (winnerOnly) mask = firstOnly(mask, dims[0]);
    const count = sum(mask, dims, { keepdim: true });
    return [mul(gk, div(mask, count))];
  });
}

/** Keeps only the first 1 along `dim` of a 0/1 mask. */
function firstOnly(mask: Tensor, dim: number): Tensor {
  const m = mask.storage;
  const outer = numelOf(mask.shape.slice(0, dim));
  const size = mask.shape[dim] ?? 1;
  const inner = numelOf(mask.shape.slice(dim + 1));
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      let seen = false;
      for (let k = 0; k < size; k++) {
        const p = (o * size + k) * inner + i;
        if (m[p]) {
          if (seen) m[p] = 0;
          seen = true;
        }
      }
    }
  return mask;
}

export const amax = (x: Tensor, dim?: Dims | null, opts?: KeepDim): Tensor => amaxAmin("max", x, dim ?? null, opts);
export const amin = (x: Tensor, dim?: Dims | null, opts?: KeepDim): Tensor => amaxAmin("min", x, dim ?? null, opts);

function argExtreme(which: "max" | "min", x: Tensor, dim: number | null | undefined, opts?: KeepDim): Tensor {
  if (dim === null || dim === undefined) {
    const flat = x.reshape([-1]);
    const out = Tensor.empty([1], "int32");
    kernels.argReduce(which, out.i32(), flat.flat(), 1, flat.numel(), 1);
    return opts?.keepdim ? out.reshape(x.shape.map(() => 1)) : out.reshape([]);
  }
  return extreme(which, x, dim, opts).indices;
}

export const argmax = (x: Tensor, dim?: number | null, opts?: KeepDim): Tensor => argExtreme("max", x, dim, opts);
export const argmin = (x: Tensor, dim?: number | null, opts?: KeepDim): Tensor => argExtreme("min", x, dim, opts);

export function variance(x: Tensor, dim?: Dims | null, opts?: VarOptions): Tensor {
  const dims = resolveDims(x, dim);
  const n = dims.reduce((k, d) => k * x.shape[d], 1);
  const correction = opts?.correction ?? (opts?.unbiased === false ? 0 : 1);
  const centered = sub(x, mean(x, dims, { keepdim: true }));
  return div(sum(mul(centered, centered), dims, opts), Math.max(0, n - correction));
}

export const std = (x: Tensor, dim?: Dims | null, opts?: VarOptions): Tensor => variance(x, dim, opts).sqrt();

/** log Σ exp(x) over dims, stable: the (detached) max is subtracted first. */
export function logsumexp(x: Tensor, dim: Dims, opts?: KeepDim): Tensor {
  const dims = resolveDims(x, dim);
  const m = reduceRaw("max", x.detach(), dims, x.dtype);
  const mf = m.storage;
  for (let i = 0; i < mf.length; i++) if (!Number.isFinite(mf[i])) mf[i] = 0; // all -inf rows give -inf, not NaN
  const out = add(log(sum(exp(sub(x, m)), dims, { keepdim: true })), m);
  return opts?.keepdim ? out : out.reshape(finalShape(x.shape, dims, false));
}
