import { Tensor } from "../tensor.js";
import { formatShape } from "../shape.js";
import { record } from "../autograd.js";
import { kernels } from "../../backend/index.js";
import { leafGradBuffer } from "./grad-utils.js";
import { embedding } from "./indexing.js";
import { linear } from "./linalg.js";

/**
 * Linear over k concatenated embedding rows, without forming the concatenation:
 *   out (N, O) = Σ_j E[idx[:, j]] · W_jᵀ + b,   W_j = columns [jC, (j+1)C) of W (O, k·C).
 * By linearity that is a sum of lookups into P_j = E · W_jᵀ (V × O each): one small GEMM
 * instead of an (N, k·C) × (k·C, O) one, forward and backward. makemore's MLP and the
 * WaveNet start with exactly this layer. The composite (embedding, view, linear) is its oracle,
 * and the path taken when the tables would cost more than the concatenation (see usesTables).
 */
export function embeddingLinear(idx: Tensor, E: Tensor, W: Tensor, bias: Tensor | null): Tensor {
  const [N, k] = idx.shape;
  const [V, C] = E.shape;
  const O = W.shape[0];
  if (idx.ndim !== 2 || idx.isFloatingPoint) throw new Error(`embeddingLinear: expected (N, k) integer indices, got ${formatShape(idx.shape)} ${idx.dtype}`);
  if (W.ndim !== 2 || W.shape[1] !== k * C) throw new Error(`embeddingLinear: weight ${formatShape(W.shape)} does not take ${k} embeddings of width ${C}`);
  if (!usesTables(N, V, C, O)) return linear(embedding(idx, E).reshape([N, k * C]), W, bias);
  const ids = idx.i32();
  for (let i = 0; i < ids.length; i++)
    if (ids[i] < 0 || ids[i] >= V) throw new Error(`embedding: index ${ids[i]} is out of range for a table of ${V} rows (index out of range in self)`);
  const Ev = E.f32();
  const Wv = W.f32();
  // Q (V, O·k) = E · Wrᵀ where Wr is W read as (O·k, C): Q[v, o·k + j] = P_j[v, o]
  const Q = Tensor.empty([V, O, k]);
  kernels.matmul(Q.f32(), Ev, Wv, V, C, O * k, false, true, false);
  const P = Q.permute([2, 0, 1]).contiguous(); // (k, V, O)
  const Pv = P.f32();
  if (bias) {
    // the bias rides in table 0: every row adds exactly one of its rows
    const b = bias.f32();
    for (let v = 0; v < V; v++) kernels.add(Pv.subarray(v * O, (v + 1) * O), Pv.subarray(v * O, (v + 1) * O), b, O);
  }
  const out = Tensor.empty([N, O]);
  kernels.embeddingSum(out.f32(), Pv, ids, N, k, V, O);
  const inputs = bias ? [E, W, bias] : [E, W];
  return record(out, "EmbeddingLinearBackward", inputs, (g) => {
    const dP = Tensor.zeros([k, V, O]);
    const dPv = dP.f32();
    kernels.embeddingSumBackward(dPv, g.f32(), ids, N, k, V, O);
    const dQ = dP.permute([1, 2, 0]).contiguous().f32(); // (V, O, k)
    const grads: (Tensor | null)[] = [];
    // dE (V, C) = dQ (V, O·k) · Wr (O·k, C);  dWr (O·k, C) = dQᵀ · E
    const eInto = leafGradBuffer(E);
    const dE = E.requiresGrad && !eInto ? Tensor.zeros([V, C]) : null;
    if (E.requiresGrad) kernels.matmul(eInto ?? dE!.f32(), dQ, Wv, V, O * k, C, false, false, true);
    grads.push(dE);
    const wInto = leafGradBuffer(W);
    const dW = W.requiresGrad && !wInto ? Tensor.zeros(W.shape) : null;
    if (W.requiresGrad) kernels.matmul(wInto ?? dW!.f32(), dQ, Ev, O * k, V, C, true, false, true);
    grads.push(dW);
    if (bias) {
      // every row's gradient passed through table 0 once: db = Σ_v dP_0[v]
      const bInto = leafGradBuffer(bias);
      const db = bias.requiresGrad ? Tensor.empty([O]) : null;
      if (db) kernels.columnSums(db.f32(), dPv.subarray(0, V * O), V, O);
      if (db && bInto) {
        kernels.add(bInto, bInto, db.f32(), O); // the parameter's own gradient buffer takes it in place
        grads.push(null);
      } else grads.push(db);
    }
    return grads;
  });
}

/**
 * Whether the lookup tables are the cheaper way for N rows of k indices into a (V, C) table
 * and an O-wide output. The tables' GEMM costs V·C·O·k multiply-adds and their buffers V·O·k
 * floats; the concatenation's GEMM N·k·C·O and its matrix N·k·C floats. So they win when
 * V ≤ N and V·O ≤ N·C: for makemore's MLP on names.txt (V 28, N 512) by ~20×; with a large
 * vocabulary they would cost every step in proportion to V, so the concatenation takes over.
 */
export const usesTables = (N: number, V: number, C: number, O: number): boolean => V <= N && V * O <= N * C;
