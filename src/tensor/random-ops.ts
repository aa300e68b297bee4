import { Tensor } from "./tensor.js";
import { type DTypeLike, isFloating, normalizeDType } from "./dtype.js";
import { formatShape } from "./shape.js";
import { isGradEnabled } from "./autograd.js";
import { type ShapeLike, toShape } from "./creation.js";
import { Generator, defaultGenerator } from "../random/generator.js";
import { exponentialFill, multinomialRows, normalFill, randintFill, randpermFill, uniformFill } from "../random/distributions.js";

export interface RandomOptions {
  generator?: Generator;
  dtype?: DTypeLike;
  requiresGrad?: boolean;
}

const gen = (g?: Generator): Generator => g ?? defaultGenerator;

function floatTensor(shape: ShapeLike, opts?: RandomOptions): Tensor {
  const dtype = normalizeDType(opts?.dtype ?? "float32");
  if (!isFloating(dtype)) throw new Error(`expected a floating point dtype for a continuous distribution, got ${dtype}`);
  return Tensor.zeros(toShape(shape), dtype);
}

function finish(t: Tensor, opts?: RandomOptions): Tensor {
  if (opts?.requiresGrad) t.requiresGrad_(true);
  return t;
}

/** torch.rand: U[0, 1), one 32-bit draw per float32 element (two per float64). */
export function rand(shape: ShapeLike, opts?: RandomOptions): Tensor {
  const t = floatTensor(shape, opts);
  uniformFill(gen(opts?.generator), t.storage as Float32Array | Float64Array, 0, 1);
  return finish(t, opts);
}

/** torch.randn: N(0, 1), by torch's vectorised path for 16+ values and its scalar path below. */
export function randn(shape: ShapeLike, opts?: RandomOptions): Tensor {
  const t = floatTensor(shape, opts);
  normalFill(gen(opts?.generator), t.storage as Float32Array | Float64Array, 0, 1);
  return finish(t, opts);
}

/** torch.randint(low, high, shape) or randint(high, shape): integers in [low, high). */
export function randint(low: number, high: number | ShapeLike, shape?: ShapeLike | RandomOptions, opts?: RandomOptions): Tensor {
  if (shape === undefined || (typeof shape === "object" && !Array.isArray(shape))) {
    return randint(0, low, high as ShapeLike, shape as RandomOptions | undefined);
  }
  const hi = high as number;
  if (!Number.isInteger(low) || !Number.isInteger(hi)) throw new Error(`randint: low and high must be integers, got ${low} and ${hi}`);
  if (hi <= low) throw new Error(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${hi}`);
  const dtype = normalizeDType(opts?.dtype ?? "int32");
  if (dtype === "int32" && (low < -(2 ** 31) || hi > 2 ** 31))
    throw new Error(`randint: [${low}, ${hi}) does not fit int32 tensors; pass { dtype: "float64" }`);
  const t = Tensor.zeros(toShape(shape as ShapeLike), dtype);
  randintFill(gen(opts?.generator), t.storage as Int32Array | Float64Array, low, hi);
  return t;
}

/** torch.randperm: a random permutation of 0..n-1. */
export function randperm(n: number, opts?: { generator?: Generator }): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new Error(`randperm: n must be a non-negative integer, got ${n}`);
  const t = Tensor.zeros([n], "int32");
  randpermFill(gen(opts?.generator), t.i32());
  return t;
}

export interface MultinomialOptions {
  replacement?: boolean;
  generator?: Generator;
  /** torch 1.13's rule: only replacement=false takes the exponential path (2.x also takes it for 1 sample). */
  torch113?: boolean;
}

/**
 * torch.multinomial over the rows of probs (1-D or 2-D, need not be normalised). Follows current
 * PyTorch: one sample or no replacement draws exponentials and takes argmax/top-k of p/q.
 */
export function multinomial(probs: Tensor, numSamples: number, opts: MultinomialOptions = {}): Tensor {
  if (probs.ndim !== 1 && probs.ndim !== 2) throw new Error(`multinomial: prob_dist must be 1 or 2 dim, got shape ${formatShape(probs.shape)}`);
  if (!probs.isFloatingPoint) throw new Error(`multinomial only supports floating-point dtypes for input, got: ${probs.dtype}`);
  if (!Number.isInteger(numSamples) || numSamples <= 0) throw new Error(`multinomial: cannot sample n_sample <= 0 samples (got ${numSamples})`);
  const rows = probs.ndim === 2 ? probs.shape[0] : 1;
  const cols = probs.shape[probs.ndim - 1];
  const p = probs.dtype === "float32" ? probs.f32() : Float32Array.from(probs.flat());
  const out = multinomialRows(gen(opts.generator), p, rows, cols, numSamples, !!opts.replacement, { torch113: opts.torch113 });
  return new Tensor(out, probs.ndim === 2 ? [rows, numSamples] : [numSamples]);
}

function checkInPlace(t: Tensor, op: string): void {
  if (t.requiresGrad && isGradEnabled()) throw new Error(`${op}: a leaf tensor that requires grad is being used in an in-place operation (wrap it in noGrad)`);
  if (!t.isFloatingPoint) throw new Error(`${op} expects a floating point tensor, got ${t.dtype}`);
}

/** Fills t through a contiguous scratch copy: torch draws in row-major element order. */
function fillInPlace(t: Tensor, fill: (out: Float32Array | Float64Array) => void): void {
  if (t.isContiguous()) {
    fill(t.flat() as Float32Array | Float64Array);
    return;
  }
  const tmp = Tensor.zeros(t.shape, t.dtype);
  fill(tmp.storage as Float32Array | Float64Array);
  t.detach().copy_(tmp);
}

export function uniformInPlace(t: Tensor, opts: { from?: number; to?: number; generator?: Generator }): void {
  checkInPlace(t, "uniform_");
  const from = opts.from ?? 0;
  const to = opts.to ?? 1;
  if (!(from <= to)) throw new Error(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  fillInPlace(t, (o) => uniformFill(gen(opts.generator), o, from, to));
}

export function normalInPlace(t: Tensor, opts: { mean?: number; std?: number; generator?: Generator }): void {
  checkInPlace(t, "normal_");
  const std = opts.std ?? 1;
  if (!(std >= 0)) throw new Error(`normal expects std >= 0.0, but found std ${std}`);
  fillInPlace(t, (o) => normalFill(gen(opts.generator), o, opts.mean ?? 0, std));
}

export function exponentialInPlace(t: Tensor, opts: { lambd?: number; generator?: Generator }): void {
  checkInPlace(t, "exponential_");
  const lambd = opts.lambd ?? 1;
  if (!(lambd > 0)) throw new Error(`exponential_ expects lambda > 0.0, but found lambda=${lambd}`);
  fillInPlace(t, (o) => exponentialFill(gen(opts.generator), o, lambd));
}
