import { Tensor } from "../../tensor.js";
import { record } from "../../autograd.js";
import { formatShape } from "../../shape.js";
import { allocStorage } from "../../storage.js";
import { kernels } from "../../../backend/index.js";

/**
 * The bigram's mean cross-entropy straight from its (V, V) table, by counting: with n[v] rows
 * whose input is v and N[v, c] of those with target c (target -1 ignored),
 *   loss = Σ_v n[v]·logsumexp(table[v]) - Σ N[v, c]·table[v, c] = -Σ N[v, c]·log_softmax(table)[v, c];
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
  // n (V) then N (V, V) in one buffer from the step's arena: fresh typed arrays cost more than the counting
  const counts = allocStorage("float32", V + V * V) as Float32Array;
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    const c = y[i];
    if (c === -1) continue;
    const v = x[i];
    if (v < 0 || v >= V || c < 0 || c >= V) throw new Error(`cross_entropy: target ${c} or input ${v} is out of bounds for ${V} classes`);
    counts[v]++;
    counts[V + v * V + c]++;
    count++;
  }
  // Σ_c N[v, c] = n[v], so the loss is -Σ N[v, c]·log_softmax(table)[v, c]: one row kernel
  // over the whole table (SIMD exp in wasm) instead of V² Math.exp calls
  const logProbs = allocStorage("float32", V * V, true) as Float32Array;
  kernels.logSoftmax(logProbs, table.contiguous().f32(), V, V);
  let total = 0;
  for (let k = 0; k < V * V; k++) if (counts[V + k] !== 0) total -= counts[V + k] * logProbs[k]; // 0·(-∞) is no term
  const denom = normalizer ?? count; // by default the mean; NaN when every target is ignored, as torch
  const out = Tensor.empty([]);
  out.storage[0] = total / denom;
  return record(out, "BigramLossBackward", [table], (g) => {
    const scale = g.item() / denom;
    const d = Tensor.empty([V, V]);
    const D = d.f32();
    kernels.exp(D, logProbs, V * V); // softmax(table)
    for (let v = 0, k = 0; v < V; v++) {
      const nv = counts[v];
      for (let c = 0; c < V; c++, k++) D[k] = scale * (nv * D[k] - counts[V + k]);
    }
    return [d];
  });
}
