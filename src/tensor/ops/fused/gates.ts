// Building blocks of the fused recurrent sequence nodes (recurrent.ts): stacked gate weights,
// the weight gradients over a whole sequence, and row-block moves that stay off slow JS loops.
import { Tensor } from "../../tensor.js";
import { allocStorage } from "../../storage.js";
import { leafGradBuffer } from "../grad-utils.js";
import { kernels } from "../../../backend/index.js";
import { cat } from "../join.js";

/**
 * The weights of one or more gates that read the same input, stacked by output row (the gates'
 * nn.Linear weights concatenated, so one GEMM computes them all). stackGates builds the stack as
 * an autograd op, once per forward, and its backward hands each Linear its rows.
 */
export interface Gates {
  weight: Tensor; // (outFeatures, inFeatures)
  bias: Tensor | null;
  inFeatures: number;
  outFeatures: number;
}

export function stackGates(...lins: { weight: Tensor; bias: Tensor | null }[]): Gates {
  const weight =
    lins.length === 1
      ? lins[0].weight
      : cat(
          lins.map((l) => l.weight),
          0,
        );
  const bias = lins.every((l) => l.bias)
    ? lins.length === 1
      ? lins[0].bias
      : cat(
          lins.map((l) => l.bias!),
          0,
        )
    : null;
  return { weight, bias, inFeatures: weight.shape[1], outFeatures: weight.shape[0] };
}

export type F32 = Float32Array;

export const buf = (n: number): F32 => allocStorage("float32", n, true) as F32;
export const zeros = (n: number): F32 => allocStorage("float32", n) as F32;

// Everything elementwise goes through the kernels (or memcpy-like set()): JS loops over the
// wasm memory, which is a SharedArrayBuffer, run about three times slower than over the JS heap.

/** Columns [from, from + w) of each row of a (B, width) matrix, as a (B, w) array. */
export function block(m: F32, B: number, width: number, from: number, w: number): F32 {
  const out = buf(B * w);
  for (let r = 0; r < B; r++) out.set(m.subarray(r * width + from, r * width + from + w), r * w);
  return out;
}

/** Writes a (B, w) array into columns [from, from + w) of a (B, width) matrix. */
export function setBlock(m: F32, v: F32, B: number, width: number, from: number, w: number): void {
  for (let r = 0; r < B; r++) m.set(v.subarray(r * w, (r + 1) * w), r * width + from);
}

export const mul = (a: F32, b: F32, n: number): F32 => {
  const out = buf(n);
  kernels.mul(out, a, b, n);
  return out;
};

export function paramsOf(...lins: Gates[]): Tensor[] {
  const out: Tensor[] = [];
  for (const l of lins) {
    out.push(l.weight);
    if (l.bias) out.push(l.bias);
  }
  return out;
}

/**
 * The weight and bias gradients of a gate group over a whole sequence, from every step's d(pre)
 * (rows, n_out) and input (rows, n_in): one GEMM and one column sum. A leaf's share is added
 * straight into its .grad (null goes back to autograd); otherwise it comes back as a tensor.
 */
export function sequenceParamGrads(lin: Gates, dpre: F32, inputs: F32, rows: number): (Tensor | null)[] {
  const { inFeatures, outFeatures } = lin;
  const dW = paramGrad(lin.weight, (into, accumulate) => kernels.matmul(into, dpre, inputs, outFeatures, rows, inFeatures, true, false, accumulate));
  if (!lin.bias) return [dW];
  const db = paramGrad(lin.bias, (into, accumulate) => {
    const sums = accumulate ? buf(outFeatures) : into;
    kernels.columnSums(sums, dpre, rows, outFeatures);
    if (accumulate) kernels.add(into, into, sums, outFeatures);
  });
  return [dW, db];
}

function paramGrad(p: Tensor, write: (into: F32, accumulate: boolean) => void): Tensor | null {
  if (!p.requiresGrad) return null;
  const own = leafGradBuffer(p);
  if (own) {
    write(own, true);
    return null;
  }
  const g = Tensor.empty(p.shape);
  write(g.f32(), false);
  return g;
}

/** Step t's rows of a time-major (T, B, width) buffer. */
export function timeStep(a: F32, t: number, B: number, width: number): F32 {
  return a.subarray(t * B * width, (t + 1) * B * width);
}
