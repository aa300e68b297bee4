/**
 * Gradient-norm clipping, `torch.nn.utils.clip_grad_norm_` (torch 1.13) bit for bit:
 *
 *     total_norm = torch.norm(torch.stack([torch.norm(g, norm_type) for g in grads]), norm_type)
 *     clip_coef  = max_norm / (total_norm + 1e-6)        # float32; Tensor.__rtruediv__ is reciprocal() * max_norm
 *     g.mul_(torch.clamp(clip_coef, max=1.0))            # for every grad
 *
 * and a split form for data-parallel workers, each holding spans of the reduced gradient:
 * `gradSquaredSum` of its spans → all-reduce (sum) → `normFromSquaredSum` → `clipCoefficient` →
 * `scaleGrads_` of its spans.
 */
import type { Tensor } from "../tensor/tensor.js";
import { kernels } from "../backend/index.js";
import { fmaF32 } from "../random/float32-math.js";

const f32 = Math.fround;
const LANES = 8; // Vectorized<float> under AVX2

/**
 * torch.norm(x, 2) of a contiguous float32 CPU tensor (ReduceOpsKernel.cpp, the
 * `is_reduce_lastdim` path): 8 float32 lanes accumulate x² with FMA (GCC contracts
 * `acc += x * x`), then lane 0 adds lanes 1…7 in order, then the tail joins lane 0 one FMA at a
 * time, then a float32 sqrt. Matches torch on every case tried (sizes 1 to 10^5).
 */
export function torchNorm2F32(x: Float32Array): number {
  const n = x.length;
  const whole = n - (n % LANES);
  let a0 = 0,
    a1 = 0,
    a2 = 0,
    a3 = 0,
    a4 = 0,
    a5 = 0,
    a6 = 0,
    a7 = 0;
  for (let d = 0; d < whole; d += LANES) {
    a0 = fmaF32(x[d], x[d], a0);
    a1 = fmaF32(x[d + 1], x[d + 1], a1);
    a2 = fmaF32(x[d + 2], x[d + 2], a2);
    a3 = fmaF32(x[d + 3], x[d + 3], a3);
    a4 = fmaF32(x[d + 4], x[d + 4], a4);
    a5 = fmaF32(x[d + 5], x[d + 5], a5);
    a6 = fmaF32(x[d + 6], x[d + 6], a6);
    a7 = fmaF32(x[d + 7], x[d + 7], a7);
  }
  let s = a0;
  for (const a of [a1, a2, a3, a4, a5, a6, a7]) s = f32(s + a);
  for (let d = whole; d < n; d++) s = fmaF32(x[d], x[d], s);
  return f32(Math.sqrt(s));
}

/** max |x|, as `g.abs().max()` */
function maxAbs(x: Float32Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a > m || Number.isNaN(a)) m = a;
  }
  return m;
}

function checkMaxNorm(maxNorm: number): void {
  if (typeof maxNorm !== "number" || !(maxNorm > 0) || !Number.isFinite(maxNorm))
    throw new RangeError(`grad-clip (max_norm) must be a positive finite number, got ${maxNorm}`);
}

/**
 * clip_coef clamped to 1: float32(float32(1 / float32(totalNorm + float32(1e-6))) · maxNorm).
 * NaN stays NaN (torch.clamp propagates it), an infinite norm gives 0.
 */
export function clipCoefficient(totalNorm: number, maxNorm: number): number {
  checkMaxNorm(maxNorm);
  const coef = f32(f32(1 / f32(totalNorm + f32(1e-6))) * f32(maxNorm));
  return coef > 1 ? 1 : coef;
}

/** g ← float32(g · coef) for every array; nothing to do when coef is exactly 1. */
export function scaleGrads_(grads: Iterable<Float32Array>, coef: number): void {
  if (coef === 1) return;
  for (const g of grads) for (let i = 0; i < g.length; i++) g[i] *= coef;
}

/**
 * Σ g² over every array, in double (the sumSquares kernel, in place on wasm memory): each square
 * of a float32 is exact in a double, and the sum's rounding error, about 1e-16 per addend, is far
 * below float32's, so workers that split the gradient differently agree on the float32 norm.
 */
export function gradSquaredSum(grads: Iterable<Float32Array>): number {
  let sum = 0;
  for (const g of grads) sum += kernels.sumSquares(g, g.length);
  return sum;
}

/** The total 2-norm from the (all-reduced) sum of squares, as a float32. */
export const normFromSquaredSum = (squaredSum: number): number => f32(Math.sqrt(squaredSum));

/**
 * The split form in one call, for a data-parallel worker after the gradient reduce: `spans` are
 * this worker's spans of the reduced gradient, `allReduceSum` sums a vector over all workers
 * (nn/collective.ts's Collective; omit it alone). Every worker gets the same total norm and
 * coefficient, scales its own spans and returns the norm.
 */
export function clipGradNormSharded_(spans: Float32Array[], maxNorm: number, allReduceSum?: (v: Float64Array) => void): number {
  const squared = new Float64Array([gradSquaredSum(spans)]);
  allReduceSum?.(squared);
  const total = normFromSquaredSum(squared[0]);
  scaleGrads_(spans, clipCoefficient(total, maxNorm));
  return total;
}

export interface ClipGradNormOptions {
  /** 2 (default) or Infinity */
  normType?: number;
  /** throw when the total norm is NaN or infinite instead of scaling by it (default false) */
  errorIfNonfinite?: boolean;
}

/**
 * clip_grad_norm_(params, maxNorm): scales every gradient in place so that their total norm is
 * at most maxNorm, and returns the total norm before clipping (a float32 value; 0 when no
 * parameter has a gradient). Parameters without a gradient are skipped, as torch does.
 */
export function clipGradNorm_(params: Iterable<Tensor>, maxNorm: number, opts: ClipGradNormOptions = {}): number {
  checkMaxNorm(maxNorm);
  const normType = opts.normType ?? 2;
  if (normType !== 2 && normType !== Infinity) throw new RangeError(`clipGradNorm_: normType must be 2 or Infinity, got ${normType}`);
  const grads: Float32Array[] = [];
  for (const p of params) {
    if (!p.grad) continue;
    if (p.grad.dtype !== "float32") throw new Error(`clipGradNorm_: gradients must be float32, got ${p.grad.dtype}`);
    if (!p.grad.isContiguous()) throw new Error("clipGradNorm_: gradients must be contiguous");
    grads.push(p.grad.f32());
  }
  if (grads.length === 0) return 0;
  const perParam = Float32Array.from(grads, normType === 2 ? torchNorm2F32 : maxAbs);
  const total = normType === 2 ? torchNorm2F32(perParam) : maxAbs(perParam);
  if (opts.errorIfNonfinite && !Number.isFinite(total))
    throw new Error(
      `The total norm of order ${normType} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`errorIfNonfinite: false\``,
    );
  scaleGrads_(grads, clipCoefficient(total, maxNorm));
  return total;
}
