import type { Tensor } from "../tensor/tensor.js";
import { crossEntropy } from "../tensor/ops/nn.js";
import type { ModelOutput } from "./config.js";

/** makemore's loss: cross-entropy over every position, with target -1 ignored. */
export function lmOutput(logits: Tensor, targets?: Tensor | null): ModelOutput {
  if (!targets) return { logits, loss: null };
  const V = logits.shape[logits.ndim - 1];
  return { logits, loss: crossEntropy(logits.view([-1, V]), targets.reshape([-1]), { ignoreIndex: -1 }) };
}
