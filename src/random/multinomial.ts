/**
 * `torch.multinomial` on float32 probabilities (Distributions.cpp `multinomial_out` and
 * MultinomialKernel.cpp), for a row-major rows x cols matrix.
 *
 * Two algorithms, chosen exactly as torch chooses them:
 * - the exponential ("Gumbel") fast path: one `exponential_` over all rows x cols, keys
 *   `p / q` in float32, then argmax (one sample) or topk (several, without replacement);
 * - the CDF path (with replacement): per row a float32 cumulative sum divided by its total, then
 *   per sample a double uniform and a binary search.
 * PyTorch 2.x takes the fast path when `!replacement || numSamples == 1`; torch 1.13 only when
 * `!replacement` (pass `torch113: true`), which is why `multinomial(p, 1, replacement=True)`
 * gives different samples in the two versions.
 */
import { exponentialFill } from "./exponential.js";
import type { Generator } from "./generator.js";

export interface MultinomialOptions {
  /** Use torch 1.13's path choice: the CDF path for every draw with replacement. */
  torch113?: boolean;
}

/** Bigger categories could not be indexed exactly by float32, so torch refuses them. */
const MAX_CATEGORIES = 2 ** 24;

/**
 * Samples `numSamples` category indices per row; the result is row-major, rows x numSamples.
 * Invalid input throws before any random word is drawn (torch 1.13's CDF kernel validates row by
 * row while sampling, so on an invalid later row it would have consumed words for earlier rows).
 */
export function multinomialRows(
  g: Generator,
  probs: Float32Array,
  rows: number,
  cols: number,
  numSamples: number,
  replacement: boolean,
  opts: MultinomialOptions = {},
): Int32Array {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0 || probs.length !== rows * cols) {
    throw new Error(`multinomial expects a ${rows}x${cols} probability matrix, got ${probs.length} values`);
  }
  if (!Number.isInteger(numSamples) || numSamples <= 0) throw new Error("cannot sample n_sample <= 0 samples");
  if (!replacement && numSamples > cols) {
    throw new Error("cannot sample n_sample > prob_dist.size(-1) samples without replacement");
  }
  if (cols > MAX_CATEGORIES) throw new Error("number of categories cannot exceed 2^24");

  const fastPath = !replacement || (numSamples === 1 && !opts.torch113);
  if (fastPath) {
    checkForExponentialPath(probs, rows, cols);
    return sampleByExponentialKeys(g, probs, rows, cols, numSamples);
  }
  checkForCdfPath(probs, rows, cols);
  return sampleByCdf(g, probs, rows, cols, numSamples);
}

function checkForExponentialPath(probs: Float32Array, rows: number, cols: number): void {
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (!(p >= 0) || p === Infinity) throw new Error("probability tensor contains either `inf`, `nan` or element < 0");
  }
  for (let r = 0; r < rows; r++) {
    if (!rowHasMass(probs, r * cols, cols)) throw new Error("invalid multinomial distribution (sum of probabilities <= 0)");
  }
}

/** The CDF kernel's checks, in its order: negative (or NaN) first, then non-finite, then the sum. */
function checkForCdfPath(probs: Float32Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    for (let j = r * cols; j < (r + 1) * cols; j++) {
      const p = probs[j];
      if (!(p >= 0)) throw new Error("invalid multinomial distribution (encountering probability entry < 0)");
      if (p === Infinity) throw new Error("invalid multinomial distribution (encountering probability entry = infinity or NaN)");
    }
    if (!rowHasMass(probs, r * cols, cols)) throw new Error("invalid multinomial distribution (sum of probabilities <= 0)");
  }
}

/** A float32 sum of non-negative finite values is zero only if every value is. */
function rowHasMass(probs: Float32Array, start: number, cols: number): boolean {
  for (let j = start; j < start + cols; j++) if (probs[j] > 0) return true;
  return false;
}

/** Larger key first; NaN counts as the largest, as in torch's argmax/topk; ties keep index order. */
function keyBefore(a: number, b: number): boolean {
  return a > b || (a !== a && b === b);
}

function sampleByExponentialKeys(g: Generator, probs: Float32Array, rows: number, cols: number, numSamples: number): Int32Array {
  const keys = new Float32Array(rows * cols);
  exponentialFill(g, keys, 1); // one call over every row, row-major
  for (let i = 0; i < keys.length; i++) keys[i] = probs[i] / keys[i]; // float32 division, via the store
  const result = new Int32Array(rows * numSamples);
  const order = numSamples > 1 ? new Int32Array(cols) : undefined;
  for (let r = 0; r < rows; r++) {
    const start = r * cols;
    if (order === undefined) {
      let best = 0;
      for (let j = 1; j < cols; j++) if (keyBefore(keys[start + j], keys[start + best])) best = j;
      result[r] = best;
      continue;
    }
    for (let j = 0; j < cols; j++) order[j] = j;
    order.sort((a, b) => (keyBefore(keys[start + a], keys[start + b]) ? -1 : keyBefore(keys[start + b], keys[start + a]) ? 1 : a - b));
    result.set(order.subarray(0, numSamples), r * numSamples);
  }
  return result;
}

function sampleByCdf(g: Generator, probs: Float32Array, rows: number, cols: number, numSamples: number): Int32Array {
  const cdf = new Float32Array(cols);
  const result = new Int32Array(rows * numSamples);
  for (let r = 0; r < rows; r++) {
    let total = 0;
    for (let j = 0; j < cols; j++) {
      total = Math.fround(total + probs[r * cols + j]);
      cdf[j] = total;
    }
    // Normalised even when the row already sums to one: the float32 divisions are part of the bits.
    for (let j = 0; j < cols; j++) cdf[j] = cdf[j] / total;
    for (let s = 0; s < numSamples; s++) {
      const u = g.nextFloat64Uniform();
      cdf[cols - 1] = 1;
      let lo = 0;
      let hi = cols;
      while (hi > lo) {
        const mid = lo + ((hi - lo) >> 1);
        if (cdf[mid] < u) lo = mid + 1;
        else hi = mid;
      }
      result[r * numSamples + s] = lo;
    }
  }
  return result;
}
