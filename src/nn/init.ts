import type { Tensor } from "../tensor/tensor.js";
import { noGrad } from "../tensor/autograd.js";

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

/**
 * nn.Linear.reset_parameters: kaiming_uniform_(W, a=√5) then U(±1/√fan_in) for the bias, drawn
 * from the default generator in that order. The bound is computed in double exactly as torch's
 * Python does (√3 · gain/√fan_in with gain = √(2/(1+a²))) and cast to float32 by uniform_.
 */
export function kaimingUniformLinear(weight: Tensor, bias: Tensor | null, fanIn: number): void {
  if (!initEnabled) return;
  const a = Math.sqrt(5); // a² = 5.000000000000001 in double, as in torch's Python
  const gain = Math.sqrt(2.0 / (1 + a * a));
  const std = gain / Math.sqrt(fanIn);
  const bound = Math.sqrt(3.0) * std;
  noGrad(() => {
    weight.uniform_({ from: -bound, to: bound });
    if (bias) {
      const b = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      bias.uniform_({ from: -b, to: b });
    }
  });
}

/** nn.Embedding.reset_parameters: normal_(0, 1). */
export function normalInit(weight: Tensor): void {
  if (!initEnabled) return;
  noGrad(() => weight.normal_({ mean: 0, std: 1 }));
}
