import { Tensor } from "./tensor.js";
import { type DType, type DTypeLike, normalizeDType } from "./dtype.js";
import { type Shape, numelOf, resolveShape } from "./shape.js";
import { allocStorage } from "./storage.js";
import { kernels } from "../backend/index.js";
import { linspaceFill } from "./linspace-fill.js";
import { checkInt32, checkInt32Values, isInt32Value, storeValues } from "./int-range.js";

export interface CreateOptions {
  dtype?: DTypeLike;
  requiresGrad?: boolean;
}

type Nested = number | boolean | readonly Nested[];

/** A shape given as an array, or a single number for 1-D (`zeros(5)` = `zeros([5])`). */
export type ShapeLike = number | Shape;
export const toShape = (s: ShapeLike): number[] => resolveShape(typeof s === "number" ? [s] : s);

function finish(t: Tensor, opts?: CreateOptions): Tensor {
  if (opts?.requiresGrad) t.requiresGrad_(true);
  return t;
}

/**
 * Builds a tensor from nested arrays (or a typed array). Without a dtype, whole numbers give an
 * int32 tensor, like torch's int64 default for Python ints; any fraction gives float32. JS has
 * no float literal (1.0 is 1), so whole numbers with `requiresGrad` give float32, as torch's
 * `tensor([1., 2.], requires_grad=True)` would. Whole numbers beyond int32 give float64: torch
 * would pick int64, which the engine lacks (its kernels index with int32), and float64 is the
 * one dtype here that holds every JS number exactly (a JS number *is* a float64), so 3e9 and
 * 2**53 keep their values instead of wrapping. An explicit int32 (int64, long) that cannot
 * hold a value raises torch's overflow error.
 */
export function tensor(data: Nested | Float32Array | Float64Array | Int32Array | Uint8Array, opts?: CreateOptions): Tensor {
  if (ArrayBuffer.isView(data)) {
    const src = data as Float32Array | Float64Array | Int32Array | Uint8Array;
    const inferred: DType = src instanceof Float32Array ? "float32" : src instanceof Float64Array ? "float64" : src instanceof Int32Array ? "int32" : "bool";
    const dtype = opts?.dtype ? normalizeDType(opts.dtype) : inferred;
    const t = Tensor.zeros([src.length], dtype);
    if (dtype === inferred && dtype !== "bool") (t.storage as Float64Array).set(src as Float64Array);
    else storeValues(t.storage, dtype, src, "tensor()");
    return finish(t, opts);
  }
  const shape: number[] = [];
  let probe: Nested = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = (probe as Nested[])[0];
    if (probe === undefined) break;
  }
  const values: number[] = [];
  let allInt = true;
  let allInt32 = true;
  let allBool = true;
  const walk = (x: Nested, d: number): void => {
    if (d === shape.length) {
      if (Array.isArray(x)) throw new Error("tensor(): ragged nested sequence (rows of different lengths)");
      if (typeof x === "boolean") {
        values.push(x ? 1 : 0);
        return;
      }
      if (typeof x !== "number") throw new Error(`tensor(): expected numbers, got ${typeof x}`);
      allBool = false;
      if (!Number.isInteger(x)) allInt = false;
      else if (!isInt32Value(x)) allInt32 = false;
      values.push(x);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[d]) throw new Error(`tensor(): ragged nested sequence: expected length ${shape[d]} at dim ${d}`);
    for (const y of x as Nested[]) walk(y, d + 1);
  };
  walk(data, 0);
  const dtype: DType = opts?.dtype
    ? normalizeDType(opts.dtype)
    : values.length && allBool
      ? "bool"
      : allInt && values.length && !opts?.requiresGrad
        ? allInt32
          ? "int32"
          : "float64"
        : "float32";
  const t = Tensor.zeros(shape, dtype);
  storeValues(t.storage, dtype, values, "tensor()");
  return finish(t, opts);
}

/** A 0-d tensor. */
export const scalarTensor = (value: number, dtype: DType = "float32"): Tensor => {
  const t = Tensor.zeros([], dtype);
  storeValues(t.storage, dtype, [value], "scalarTensor()");
  return t;
};

/** The dtype torch.full/arange infer from whole numbers: int32 when it holds them, else float64 (see tensor()). */
const wholeNumberType = (...values: number[]): DType => (values.every(isInt32Value) ? "int32" : "float64");

export function empty(shape: ShapeLike, opts?: CreateOptions): Tensor {
  return finish(Tensor.empty(toShape(shape), normalizeDType(opts?.dtype ?? "float32")), opts);
}

export function zeros(shape: ShapeLike, opts?: CreateOptions): Tensor {
  return empty(shape, opts);
}

export function full(shape: ShapeLike, value: number, opts?: CreateOptions): Tensor {
  // like torch.full, a whole-number fill without a dtype gives an integer tensor
  const dtype = opts?.dtype ? normalizeDType(opts.dtype) : Number.isInteger(value) ? wholeNumberType(value) : "float32";
  if (dtype === "int32") checkInt32(value, "full()");
  const t = Tensor.zeros(toShape(shape), dtype);
  if (value !== 0) t.storage.fill(dtype === "bool" ? 1 : value);
  return finish(t, opts);
}

export function ones(shape: ShapeLike, opts?: CreateOptions): Tensor {
  return full(shape, 1, { dtype: "float32", ...opts });
}

export const zerosLike = (t: Tensor, opts?: CreateOptions): Tensor => zeros(t.shape, { dtype: t.dtype, ...opts });
export const onesLike = (t: Tensor, opts?: CreateOptions): Tensor => ones(t.shape, { dtype: t.dtype, ...opts });
export const fullLike = (t: Tensor, value: number, opts?: CreateOptions): Tensor => full(t.shape, value, { dtype: t.dtype, ...opts });
export const emptyLike = (t: Tensor, opts?: CreateOptions): Tensor => empty(t.shape, { dtype: t.dtype, ...opts });

/**
 * arange(end) / arange(start, end, step?): integers give int32 (torch: int64; float64 when the
 * values leave int32, as in tensor()), any fractional argument gives float32. Length is
 * ceil((end - start) / step).
 */
export function arange(startOrEnd: number, end?: number, step = 1, opts?: CreateOptions): Tensor {
  const start = end === undefined ? 0 : startOrEnd;
  const stop = end === undefined ? startOrEnd : end;
  if (step === 0) throw new Error("arange: step must be nonzero");
  if ((stop - start) * step < 0)
    throw new Error(`arange: upper bound and larger bound inconsistent with step sign (start ${start}, end ${stop}, step ${step})`);
  const n = Math.ceil((stop - start) / step);
  const isInt = Number.isInteger(start) && Number.isInteger(stop) && Number.isInteger(step);
  const last = start + Math.max(0, n - 1) * step;
  const dtype = opts?.dtype ? normalizeDType(opts.dtype) : isInt ? wholeNumberType(start, last) : "float32";
  if (dtype === "int32") checkInt32Values([start, last], "arange()");
  const t = Tensor.zeros([n], dtype);
  for (let i = 0; i < n; i++) t.storage[i] = start + i * step;
  return finish(t, opts);
}

export function linspace(start: number, end: number, steps: number, opts?: CreateOptions): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`linspace: number of steps must be a non-negative integer, got ${steps}`);
  const t = Tensor.zeros([steps], normalizeDType(opts?.dtype ?? "float32"));
  if (t.storage instanceof Float32Array || t.storage instanceof Float64Array) linspaceFill(t.storage, start, end);
  else {
    const step = steps > 1 ? (end - start) / (steps - 1) : 0;
    const half = Math.floor(steps / 2);
    for (let i = 0; i < steps; i++) t.storage[i] = i < half ? start + step * i : end - step * (steps - 1 - i);
  }
  return finish(t, opts);
}

export function eye(n: number, m = n, opts?: CreateOptions): Tensor {
  const t = Tensor.zeros([n, m], normalizeDType(opts?.dtype ?? "float32"));
  for (let i = 0; i < Math.min(n, m); i++) t.storage[i * m + i] = 1;
  return finish(t, opts);
}

function triangle(x: Tensor, diagonal: number, lower: boolean): Tensor {
  if (x.ndim < 2) throw new Error(`tril/triu: input tensor must have at least 2 dimensions, got shape (${x.shape.join(", ")})`);
  const out = Tensor.zeros(x.shape, x.dtype);
  const src = x.flat();
  const rows = x.shape[x.ndim - 2];
  const cols = x.shape[x.ndim - 1];
  const mats = numelOf(x.shape) / (rows * cols || 1);
  for (let b = 0; b < mats; b++) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const keep = lower ? j - i <= diagonal : j - i >= diagonal;
        const p = b * rows * cols + i * cols + j;
        if (keep) out.storage[p] = src[p];
      }
    }
  }
  return out;
}

/** Lower triangle (j - i <= diagonal) of the last two dims; the rest is zero. Not differentiable. */
export const tril = (x: Tensor, diagonal = 0): Tensor => triangle(x, diagonal, true);
export const triu = (x: Tensor, diagonal = 0): Tensor => triangle(x, diagonal, false);

/** A contiguous copy of `t`'s values as a new tensor of `dtype` (no autograd). */
export function castCopy(t: Tensor, dtype: DType): Tensor {
  // a float → int32 store would wrap 3e9; .long() means int64 in torch, which holds it
  if (dtype === "int32" && (t.dtype === "float32" || t.dtype === "float64")) checkInt32Values(t.flat(), `.to(int32)`);
  const out = new Tensor(allocStorage(dtype, t.numel()), t.shape);
  if (dtype === "bool" && t.dtype !== "bool") {
    // a typed-array store would truncate 0.5 to 0; bool means "nonzero"
    const src = t.flat();
    for (let i = 0; i < src.length; i++) out.storage[i] = src[i] !== 0 ? 1 : 0;
    return out;
  }
  // Int32Array stores truncate toward zero, as torch's float → int cast does
  kernels.stridedCopy(out.storage, t.storage, t.offset, t.shape, t.strides);
  return out;
}
