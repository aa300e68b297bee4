import { Tensor } from "../tensor.js";
import { isFloating } from "../dtype.js";
import { linspace } from "../creation.js";

export interface HistogramOptions {
  /** number of equal-width bins (torch's default 100) */
  bins?: number;
  /** [lo, hi]; default the input's min and max */
  range?: readonly [number, number];
  /** divide by count × bin width, so the histogram integrates to 1 */
  density?: boolean;
}

/**
 * torch.histogram(input, bins, range, density): counts of the values in `bins` equal-width
 * bins from linspace(lo, hi, bins + 1) in the input's dtype; the last bin includes hi, values
 * outside [lo, hi] are left out. Each value's bin is found as torch's CPU kernel does: linear
 * interpolation in the input's precision, then a search among the neighbouring edges.
 */
export function histogram(input: Tensor, opts: HistogramOptions = {}): { hist: Tensor; binEdges: Tensor } {
  if (!isFloating(input.dtype)) throw new Error(`histogram: expected a floating point tensor, got ${input.dtype}`);
  const bins = opts.bins ?? 100;
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`histogram: bins must be a positive integer, got ${bins}`);
  const x = input.flat();
  const round = input.dtype === "float32" ? Math.fround : (v: number) => v;
  let [lo, hi] = opts.range ?? extent(x);
  if (!(lo <= hi)) throw new Error(`histogram: max must be larger than min, got range [${lo}, ${hi}]`);
  lo = round(lo);
  hi = round(hi);
  if (lo === hi) {
    // numpy's rule, which torch follows: an empty range is widened to one unit around it
    lo = round(lo - 0.5);
    hi = round(hi + 0.5);
  }
  const binEdges = linspace(lo, hi, bins + 1, { dtype: input.dtype });
  const edges = binEdges.flat();
  const counts = new Float64Array(bins);
  const width = round(hi - lo);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!(v >= lo && v <= hi)) continue;
    let pos = Math.trunc(round(round(round(v - lo) * bins) / width));
    // the interpolated bin can be one off at an edge: settle it against the edges themselves
    const from = Math.max(0, pos - 1);
    const to = Math.min(pos + 2, bins + 1);
    pos = from;
    while (pos < to && edges[pos] <= v) pos++;
    pos--;
    if (pos === bins) pos--;
    counts[pos]++;
  }
  const hist = Tensor.zeros([bins], input.dtype);
  const h = hist.storage;
  if (opts.density) {
    let total = 0;
    for (let b = 0; b < bins; b++) total += counts[b];
    for (let b = 0; b < bins; b++) h[b] = counts[b] / (total * round(edges[b + 1] - edges[b]));
  } else h.set(counts);
  return { hist, binEdges };
}

function extent(x: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  return x.length ? [lo, hi] : [0, 0];
}
