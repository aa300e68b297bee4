/**
 * Dropout (Srivastava et al. 2014) with torch 1.13's CPU semantics, bit for bit. `F.dropout` on
 * CPU never takes the fused `native_dropout` kernel (that is for CUDA/XPU/lazy tensors), with or
 * without requires_grad: `_dropout_impl` builds a contiguous `noise = empty_like(x)`, fills it with
 * `bernoulli_(1 - p)` (per element, in row-major order, a double uniform u — two words — and
 * `u < 1 - p`), divides it by `1 - p` in x's dtype, and returns `x * noise`. Its backward is
 * MulBackward: `grad * noise`. p = 0, eval mode and empty inputs return x itself and draw
 * nothing; p = 1 returns `x * 0` and draws nothing.
 */
import { Tensor } from "../tensor/tensor.js";
import type { DType } from "../tensor/dtype.js";
import { numelOf } from "../tensor/shape.js";
import { mul } from "../tensor/ops/pointwise.js";
import { Generator, defaultGenerator } from "../random/generator.js";
import { bernoulliFill } from "../random/bernoulli.js";
import { Module } from "./module.js";
import { kernels } from "../backend/index.js";
import { currentDropoutShard } from "./dropout-shard.js";

export interface DropoutOptions {
  /** probability of an element being zeroed (torch's default 0.5) */
  p?: number;
  /** F.dropout's `training` (default true); false returns the input unchanged */
  training?: boolean;
  /** where the mask is drawn from (default: torch's default generator) */
  generator?: Generator;
}

/** Words `bernoulli_` takes per element: one double uniform. */
const WORDS_PER_ELEMENT = 2;

function checkProbability(p: number): void {
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw new RangeError(`dropout probability must be in [0, 1], got ${p}`);
}

/**
 * noise = bernoulli(1 - p) / (1 - p) with x's shape and dtype (for float32, the scale is
 * float32(1 / float32(1 - p)), as `div_` by a double scalar computes it). Under a data-parallel
 * shard (see dropout-shard.ts) the draws of the other workers' rows are skipped, so the mask is
 * the slice the whole batch would have had.
 */
function dropoutNoise(shape: readonly number[], dtype: DType, p: number, g: Generator): Tensor {
  const noise = Tensor.empty(shape, dtype);
  const N = noise.flat() as Float32Array | Float64Array;
  const keep = 1 - p;
  const scale = dtype === "float32" ? Math.fround(1 / Math.fround(keep)) : 1 / keep;
  const shard = currentDropoutShard();
  const perRow = shard ? shardRowWords(shape, N.length, shard.end - shard.start) : 0;
  const skip = (words: number) => words > 0 && g.advanceRaw((state, taken) => kernels.mt19937Discard(state, taken, words));
  if (shard) skip(perRow * shard.start);
  bernoulliFill(g, N, keep, scale);
  if (shard) skip(perRow * (shard.total - shard.end));
  return noise;
}

/** Words per batch row when the leading dim holds `rows` batch rows (each possibly several leading entries). */
function shardRowWords(shape: readonly number[], numel: number, rows: number): number {
  const lead = shape[0];
  if (shape.length === 0 || rows <= 0 || lead % rows !== 0)
    throw new Error(`dropout under a data-parallel shard of ${rows} rows: the leading dim of ${shape.length ? lead : "a scalar"} is not a multiple of it`);
  return (numel / rows) * WORDS_PER_ELEMENT;
}

/** F.dropout(x, p, training): zeroes each element with probability p and scales the rest by 1/(1-p). */
export function dropout(x: Tensor, opts: DropoutOptions = {}): Tensor {
  const p = opts.p ?? 0.5;
  checkProbability(p);
  if (!x.isFloatingPoint) throw new Error(`dropout expects a floating point tensor, got ${x.dtype}`);
  if (p === 0 || opts.training === false || x.numel() === 0) return x;
  if (p === 1) return mul(x, Tensor.zeros(x.shape, x.dtype)); // a full zeros tensor keeps -0 and NaN as torch's x * 0 does
  return mul(x, dropoutNoise(x.shape, x.dtype, p, opts.generator ?? defaultGenerator));
}

/**
 * nn.Dropout(p): F.dropout with the module's training flag (model.train() / model.eval()). The
 * mask comes from `generator`, or torch's default generator when it is null.
 */
export class Dropout extends Module {
  generator: Generator | null = null;

  constructor(public p = 0.5) {
    super();
    checkProbability(p);
  }

  forward(x: Tensor): Tensor {
    return dropout(x, { p: this.p, training: this.training, generator: this.generator ?? undefined });
  }

  /**
   * The noise forward(x) would multiply an x of this shape by (drawn the same way), for a fused
   * op that applies it itself; null when forward would return x unchanged and draw nothing.
   */
  noise(shape: readonly number[], dtype: DType = "float32"): Tensor | null {
    if (this.p === 0 || !this.training || numelOf(shape) === 0) return null;
    if (this.p === 1) return Tensor.zeros(shape, dtype);
    return dropoutNoise(shape, dtype, this.p, this.generator ?? defaultGenerator);
  }
}

/**
 * Points every Dropout in `model` at `generator` (null: torch's default generator again), e.g.
 * a data-parallel worker's copy of the generator whose state the main thread publishes.
 */
export function setDropoutGenerator(model: Module, generator: Generator | null): void {
  for (const m of model.modules()) if (m instanceof Dropout) m.generator = generator;
}
