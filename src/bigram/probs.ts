import type { Tensor } from "../tensor/tensor.js";
import { ones } from "../tensor/creation.js";
import { type BigramCounts, countsTensor } from "./counts.js";

/**
 * The notebook's `P`: `(N + smoothing).float()`, each row divided by its sum once (keepdim, so
 * the (V, 1) sums broadcast across columns; without keepdim they would divide the columns).
 */
export function bigramProbs(c: BigramCounts, smoothing = 0): Tensor {
  if (!(smoothing >= 0) || !Number.isFinite(smoothing)) throw new Error(`smoothing must be a finite number >= 0, got ${smoothing}`);
  let P = countsTensor(c).float();
  if (smoothing > 0) P = P.add(smoothing);
  return P.div(P.sum(1, { keepdim: true }));
}

/** The "untrained" model of the notebook: `torch.ones(V) / V`, the same row for every token. */
export function uniformProbs(size: number): Tensor {
  return ones([size]).div(size);
}
