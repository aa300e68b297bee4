/**
 * PyTorch's default parameter init (torch/nn/modules/linear.py, sparse.py, nn/init.py), drawing
 * from whatever generator is passed: torch uses the default generator, in construction order.
 * Bounds are computed in double exactly as the Python does; `uniform_` then casts them to float32.
 */
import type { Generator } from "./generator.js";
import { normalFill } from "./normal.js";
import { uniformFill } from "./uniform.js";

/**
 * The nn.Linear weight bound: `kaiming_uniform_(w, a=sqrt(5))`, i.e.
 * gain = calculate_gain('leaky_relu', sqrt(5)) = sqrt(2 / (1 + sqrt(5)**2)),
 * std = gain / sqrt(fan_in), bound = sqrt(3) * std. Mathematically 1/sqrt(fan_in), but rounded
 * differently (0.12499999999999999 for fan_in = 64), and those bits are what torch uses.
 */
export function linearInitBound(fanIn: number): number {
  if (!(fanIn > 0)) throw new Error(`Linear init needs a positive fan_in, got ${fanIn}`);
  const negativeSlope = Math.sqrt(5);
  const gain = Math.sqrt(2 / (1 + negativeSlope * negativeSlope));
  const std = gain / Math.sqrt(fanIn);
  return Math.sqrt(3) * std;
}

/** The nn.Linear bias bound: 1/sqrt(fan_in) (0 for fan_in = 0, as torch). */
export function linearBiasBound(fanIn: number): number {
  return fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
}

/** nn.Linear(fanIn, out).weight, shape [out, fanIn] row-major: uniform_(-bound, bound). */
export function initLinearWeight(g: Generator, weight: Float32Array | Float64Array, fanIn: number): void {
  const bound = linearInitBound(fanIn);
  uniformFill(g, weight, -bound, bound);
}

/** nn.Linear bias, drawn right after the weight: uniform_(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
export function initLinearBias(g: Generator, bias: Float32Array | Float64Array, fanIn: number): void {
  const bound = linearBiasBound(fanIn);
  uniformFill(g, bias, -bound, bound);
}

/** nn.Embedding weight: normal_(0, 1), the vectorised path once it has 16 or more elements. */
export function initEmbeddingWeight(g: Generator, weight: Float32Array | Float64Array): void {
  normalFill(g, weight, 0, 1);
}
