import type { Tensor } from "../tensor/tensor.js";
import { noGrad } from "../tensor/autograd.js";
import { histogram } from "../tensor/ops/histogram.js";

/** A tensor's values summarised as the lecture plots them: mean, std, a density histogram. */
export interface TensorStats {
  mean: number;
  /** unbiased, as torch's t.std() */
  std: number;
  /** share of |t| > threshold (when a threshold was given): tanh's saturated units */
  saturated?: number;
  /** torch.histogram(t, density=True): bin edges (bins + 1) and densities (bins) */
  histogram: { edges: number[]; density: number[] };
}

export interface StatsOptions {
  /** count |t| > this as saturated (the lecture: 0.97) */
  saturation?: number;
  /** histogram bins (torch's default, 100) */
  bins?: number;
}

export function tensorStats(t: Tensor, opts: StatsOptions = {}): TensorStats {
  return noGrad(() => {
    const x = t.detach().float();
    const { hist, binEdges } = histogram(x, { bins: opts.bins ?? 100, density: true });
    const out: TensorStats = {
      mean: x.mean().item(),
      std: x.std().item(),
      histogram: { edges: Array.from(binEdges.flat()), density: Array.from(hist.flat()) },
    };
    if (opts.saturation !== undefined) out.saturated = x.abs().gt(opts.saturation).float().mean().item();
    return out;
  });
}

/** One parameter's gradient as the lecture tabulates it: `grad:data ratio` = std(grad) / std(p). */
export interface WeightGradStats extends TensorStats {
  name: string;
  shape: number[];
  gradDataRatio: number;
}

/**
 * The lecture's weight-gradient table for parameters with gradients: by default only the
 * 2-D ones (the weight matrices), as the lecture plots them.
 */
export function weightGradStats(params: readonly (readonly [string, Tensor])[], opts: { all?: boolean; bins?: number } = {}): WeightGradStats[] {
  const out: WeightGradStats[] = [];
  for (const [name, p] of params) {
    if (!p.grad || (!opts.all && p.ndim !== 2)) continue;
    const s = tensorStats(p.grad, { bins: opts.bins });
    const pStd = noGrad(() => p.detach().std().item());
    out.push({ name, shape: [...p.shape], ...s, gradDataRatio: s.std / pStd });
  }
  return out;
}

/** The lecture's `imshow(h.abs() > 0.99)`: which units of a (rows, units) activation are saturated, and the units saturated on every row (dead: no gradient flows through them). */
export interface DeadUnitMask {
  rows: number;
  units: number;
  threshold: number;
  /** row-major rows × units, 1 where |h| > threshold */
  mask: Uint8Array;
  deadUnits: number[];
}

export function deadUnitMask(h: Tensor, threshold = 0.99): DeadUnitMask {
  const x = noGrad(() =>
    h
      .detach()
      .float()
      .reshape([-1, h.shape[h.ndim - 1]]),
  );
  const [rows, units] = x.shape;
  const v = x.flat();
  const mask = new Uint8Array(rows * units);
  const saturatedRows = new Array<number>(units).fill(0);
  for (let r = 0; r < rows; r++)
    for (let u = 0; u < units; u++)
      if (Math.abs(v[r * units + u]) > threshold) {
        mask[r * units + u] = 1;
        saturatedRows[u]++;
      }
  const deadUnits = saturatedRows.flatMap((n, u) => (n === rows ? [u] : []));
  return { rows, units, threshold, mask, deadUnits };
}
