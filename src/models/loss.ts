import type { Tensor } from "../tensor/tensor.js";
import { crossEntropy } from "../tensor/ops/nn.js";
import type { LossOptions, ModelOutput } from "./config.js";

/** makemore's loss: cross-entropy over every position, with target -1 ignored (see LossOptions). */
export function lmOutput(logits: Tensor, targets?: Tensor | null, opts?: LossOptions): ModelOutput {
  if (!targets) return { logits, loss: null };
  const V = logits.shape[logits.ndim - 1];
  const flat = logits.view([-1, V]);
  const y = targets.reshape([-1]);
  if (opts?.normalizer === undefined) return { logits, loss: crossEntropy(flat, y, { ignoreIndex: -1 }) };
  return { logits, loss: crossEntropy(flat, y, { ignoreIndex: -1, reduction: "sum" }).mul(1 / opts.normalizer) };
}
