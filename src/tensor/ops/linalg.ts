import { Tensor } from "../tensor.js";
import { broadcastShapes, formatShape, numelOf } from "../shape.js";
import { record } from "../autograd.js";
import { kernels } from "../../backend/index.js";
import { leafGradBuffer } from "./grad-utils.js";

type F32 = Float32Array;

function asFloat32(t: Tensor, op: string): F32 {
  if (t.dtype !== "float32") throw new Error(`${op}: expected float32 tensors, got ${t.dtype} (use .float())`);
  return t.f32();
}

function cannotMultiply(a: Tensor, b: Tensor, k1: number, k2: number): Error {
  return new Error(`matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be multiplied (${k1} != ${k2})`);
}

/** torch.matmul: dot, matrix-vector, matrix-matrix and broadcast batched products. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0)
    throw new Error(`matmul: both arguments need at least 1 dimension, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  if (a.ndim === 1 && b.ndim === 1) {
    if (a.shape[0] !== b.shape[0]) throw cannotMultiply(a, b, a.shape[0], b.shape[0]);
    return matmul(a.reshape([1, -1]), b.reshape([-1, 1])).reshape([]);
  }
  if (a.ndim === 1) return matmul(a.unsqueeze(0), b).squeeze(-2);
  if (b.ndim === 1) return matmul(a, b.unsqueeze(-1)).squeeze(-1);
  const M = a.shape[a.ndim - 2];
  const Kd = a.shape[a.ndim - 1];
  if (b.shape[b.ndim - 2] !== Kd) throw cannotMultiply(a, b, Kd, b.shape[b.ndim - 2]);
  const N = b.shape[b.ndim - 1];
  if (b.ndim === 2) return matmulShared(a, b, M, Kd, N);
  return matmulBatched(a, b, M, Kd, N);
}

/** (..., M, K) @ (K, N): the rows of every batch form one (R, K) matrix, so one GEMM does it. */
function matmulShared(a: Tensor, b: Tensor, M: number, Kd: number, N: number): Tensor {
  const R = numelOf(a.shape) / Kd;
  const out = Tensor.empty([...a.shape.slice(0, -1), N], "float32");
  const A = asFloat32(a, "matmul");
  const B = asFloat32(b, "matmul");
  kernels.matmul(out.f32(), A, B, R, Kd, N, false, false, false);
  // dA = G Bᵀ, dB = Aᵀ G
  return record(out, "MmBackward0", [a, b], (g) => {
    const G = g.f32();
    let ga: Tensor | null = null;
    let gb: Tensor | null = null;
    if (a.requiresGrad) {
      ga = Tensor.empty(a.shape, "float32");
      kernels.matmul(ga.f32(), G, B, R, N, Kd, false, true, false);
    }
    if (b.requiresGrad) {
      gb = Tensor.empty(b.shape, "float32");
      kernels.matmul(gb.f32(), A, G, Kd, R, N, true, false, false);
    }
    return [ga, gb];
  });
}

/** `nb` GEMMs of M×K by K×N over consecutive matrices of out, a and b (each stored as its own layout). */
function matmulEach(nb: number, out: Float32Array, a: Float32Array, b: Float32Array, M: number, K: number, N: number, transA: boolean, transB: boolean): void {
  for (let i = 0; i < nb; i++)
    kernels.matmul(
      out.subarray(i * M * N, (i + 1) * M * N),
      a.subarray(i * M * K, (i + 1) * M * K),
      b.subarray(i * K * N, (i + 1) * K * N),
      M,
      K,
      N,
      transA,
      transB,
      false,
    );
}

function matmulBatched(a: Tensor, b: Tensor, M: number, Kd: number, N: number): Tensor {
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), "matmul");
  const ae = a.expand([...batch, M, Kd]);
  const be = b.expand([...batch, Kd, N]);
  const nb = numelOf(batch);
  const A = asFloat32(ae, "matmul");
  const B = asFloat32(be, "matmul");
  const out = Tensor.empty([...batch, M, N], "float32");
  matmulEach(nb, out.f32(), A, B, M, Kd, N, false, false);
  // per batch: dA = G Bᵀ, dB = Aᵀ G; the engine sums over broadcast batch dims
  return record(out, "BmmBackward0", [a, b], (g) => {
    const G = g.f32();
    let ga: Tensor | null = null;
    let gb: Tensor | null = null;
    if (a.requiresGrad) {
      ga = Tensor.empty([...batch, M, Kd], "float32");
      matmulEach(nb, ga.f32(), G, B, M, N, Kd, false, true);
    }
    if (b.requiresGrad) {
      gb = Tensor.empty([...batch, Kd, N], "float32");
      matmulEach(nb, gb.f32(), A, G, Kd, M, N, true, false);
    }
    return [ga, gb];
  });
}

/** F.linear: x (..., C) @ weightᵀ (weight (OC, C)) + bias, as one fused kernel with a fused backward. */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const C = x.shape[x.ndim - 1];
  if (weight.ndim !== 2 || weight.shape[1] !== C)
    throw new Error(`linear: input ${formatShape(x.shape)} and weight ${formatShape(weight.shape)} cannot be multiplied (${C} != ${weight.shape[1]})`);
  const OC = weight.shape[0];
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== OC))
    throw new Error(`linear: bias ${formatShape(bias.shape)} does not match weight ${formatShape(weight.shape)}`);
  const BT = numelOf(x.shape) / C;
  const X = asFloat32(x, "linear");
  const W = asFloat32(weight, "linear");
  const Bv = bias ? asFloat32(bias, "linear") : null;
  const out = Tensor.empty([...x.shape.slice(0, -1), OC], "float32");
  kernels.linear(out.f32(), X, W, Bv, BT, C, OC);
  const inputs = bias ? [x, weight, bias] : [x, weight];
  return record(out, "LinearBackward", inputs, (g) => {
    const dx = x.requiresGrad ? Tensor.empty(x.shape, "float32") : null;
    // parameters accumulate straight into their gradient buffers (the kernel adds into them)
    const wInto = leafGradBuffer(weight);
    const bInto = leafGradBuffer(bias);
    const dw = weight.requiresGrad && !wInto ? Tensor.zeros(weight.shape, "float32") : null;
    const db = bias?.requiresGrad && !bInto ? Tensor.zeros(bias.shape, "float32") : null;
    kernels.linearBackward(dx && dx.f32(), wInto ?? (dw && dw.f32()), bInto ?? (db && db.f32()), g.f32(), X, W, BT, C, OC);
    return [dx, dw, db];
  });
}
