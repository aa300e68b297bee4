import { Tensor } from "../tensor/tensor.js";
import { record } from "../tensor/autograd.js";
import { formatShape } from "../tensor/shape.js";

/**
 * The bigram's mean cross-entropy straight from its (V, V) table, by counting: with n[v] rows
 * whose input is v and N[v, c] of those with target c (target -1 ignored),
 *   loss = Σ_v n[v]·logsumexp(table[v]) - Σ N[v, c]·table[v, c],  over the counted rows;
 *   dtable = (n[v]·softmax(table[v]) - N[v, c]) / count.
 * (divided by `normalizer` instead of count when given, as LossOptions says).
 * The same number as cross_entropy(table[idx], targets) (up to float rounding), at O(V²) cost
 * instead of O(B·T·V): the bigram is a lookup, so its loss only depends on the pair counts.
 */
export function bigramLoss(table: Tensor, idx: Tensor, targets: Tensor, normalizer?: number): Tensor {
  const V = table.shape[0];
  if (idx.numel() !== targets.numel()) throw new Error(`bigramLoss: ${formatShape(idx.shape)} inputs and ${formatShape(targets.shape)} targets differ in size`);
  const x = idx.flat();
  const y = targets.flat();
  const n = new Float64Array(V);
  const N = new Float64Array(V * V);
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    const c = y[i];
    if (c === -1) continue;
    const v = x[i];
    if (v < 0 || v >= V || c < 0 || c >= V) throw new Error(`cross_entropy: target ${c} or input ${v} is out of bounds for ${V} classes`);
    n[v]++;
    N[v * V + c]++;
    count++;
  }
  const T = table.flat() as Float32Array;
  const probs = new Float64Array(V * V);
  let total = 0;
  for (let v = 0; v < V; v++) {
    if (n[v] === 0) continue;
    const o = v * V;
    let max = -Infinity;
    for (let c = 0; c < V; c++) max = Math.max(max, T[o + c]);
    let sum = 0;
    for (let c = 0; c < V; c++) sum += probs[o + c] = Math.exp(T[o + c] - max);
    const lse = max + Math.log(sum);
    total += n[v] * lse;
    for (let c = 0; c < V; c++) {
      probs[o + c] /= sum;
      total -= N[o + c] * T[o + c];
    }
  }
  const denom = normalizer ?? count; // by default the mean; NaN when every target is ignored, as torch
  const out = Tensor.output([]);
  out.storage[0] = total / denom;
  return record(out, "BigramLossBackward", [table], (g) => {
    const scale = g.item() / denom;
    const d = Tensor.output([V, V]);
    const D = d.storage as Float32Array;
    for (let k = 0; k < V * V; k++) D[k] = scale * (n[Math.floor(k / V)] * probs[k] - N[k]);
    return [d];
  });
}
