import type { Tensor } from "../tensor/tensor.js";
import { defaultGenerator } from "../random/generator.js";
import { initEmbeddingWeight, initLinearBias, initLinearWeight } from "../random/nn-init.js";

let initEnabled = true;

/**
 * Builds modules without drawing their initial values (left at zero/one), for models whose
 * weights are about to be loaded: faster, and the caller's random stream is left untouched.
 */
export function withoutInit<T>(fn: () => T): T {
  const prev = initEnabled;
  initEnabled = false;
  try {
    return fn();
  } finally {
    initEnabled = prev;
  }
}

/** nn.Linear.reset_parameters: kaiming_uniform_(W, a=√5), then the bias, from the default generator. */
export function kaimingUniformLinear(weight: Tensor, bias: Tensor | null, fanIn: number): void {
  if (!initEnabled) return;
  initLinearWeight(defaultGenerator, weight.f32(), fanIn);
  if (bias) initLinearBias(defaultGenerator, bias.f32(), fanIn);
}

/** nn.Embedding.reset_parameters: normal_(0, 1). */
export function normalInit(weight: Tensor): void {
  if (!initEnabled) return;
  initEmbeddingWeight(defaultGenerator, weight.f32());
}
