import { Tensor } from "../../tensor.js";
import { record } from "../../autograd.js";
import { kernels } from "../../../backend/index.js";

/** (T, T) causal averaging weights: row t is 1/(t+1) on columns 0…t, as softmax of a masked zero matrix gives. */
export function causalAverage(T: number): Tensor {
  const w = new Float32Array(T * T);
  for (let t = 0; t < T; t++) w.fill(1 / (t + 1), t * T, t * T + t + 1);
  return new Tensor(w, [T, T]);
}

/** The weights 1/(t+1) of the causal average, as float32 (what softmax of a masked zero row gives). */
const averageWeights = (T: number): Float32Array => Float32Array.from({ length: T }, (_, t) => 1 / (t + 1));

/**
 * y[b, t] = mean of x[b, 0…t] over x (B, T, C): the (T, T) averaging matmul of makemore's
 * bag-of-words as a running sum, fused, forward and backward. causalAverage(T).matmul(x) is its oracle.
 */
export function causalMean(x: Tensor): Tensor {
  const [B, T, C] = x.shape;
  const w = averageWeights(T);
  const X = x.f32();
  const out = Tensor.empty([B, T, C]);
  kernels.causalMean(out.f32(), X, w, B, T, C);
  return record(out, "CausalMeanBackward", [x], (g) => {
    const dx = Tensor.empty([B, T, C]);
    kernels.causalMeanBackward(dx.f32(), g.f32(), w, B, T, C);
    return [dx];
  });
}
