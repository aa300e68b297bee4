import { Tensor } from "../tensor.js";
import { formatShape } from "../shape.js";
import { record } from "../autograd.js";
import { K } from "../../backend/index.js";
import { leafGradBuffer } from "./grad-utils.js";

type F32 = Float32Array;

/**
 * Linear over k concatenated embedding rows, without forming the concatenation:
 *   out (N, O) = Σ_j E[idx[:, j]] · W_jᵀ + b,   W_j = columns [jC, (j+1)C) of W (O, k·C).
 * By linearity that is a sum of lookups into P_j = E · W_jᵀ (V × O each): one small GEMM
 * instead of an (N, k·C) × (k·C, O) one, forward and backward. makemore's MLP and the
 * WaveNet start with exactly this layer. The composite (embedding, view, linear) is its oracle.
 */
export function embeddingLinear(idx: Tensor, E: Tensor, W: Tensor, bias: Tensor | null): Tensor {
  const [N, k] = idx.shape;
  const [V, C] = E.shape;
  const O = W.shape[0];
  if (idx.ndim !== 2 || idx.isFloatingPoint) throw new Error(`embeddingLinear: expected (N, k) integer indices, got ${formatShape(idx.shape)} ${idx.dtype}`);
  if (W.ndim !== 2 || W.shape[1] !== k * C)
    throw new Error(`embeddingLinear: weight ${formatShape(W.shape)} does not take ${k} embeddings of width ${C}`);
  const ids = idx.flat() as Int32Array;
  for (let i = 0; i < ids.length; i++)
    if (ids[i] < 0 || ids[i] >= V) throw new Error(`embedding: index ${ids[i]} is out of range for a table of ${V} rows (index out of range in self)`);
  const Ev = E.flat() as F32;
  const Wv = W.flat() as F32;
  // Q (V, O·k) = E · Wrᵀ where Wr is W read as (O·k, C): Q[v, o·k + j] = P_j[v, o]
  const Q = Tensor.output([V, O, k]);
  K.matmul(Q.storage as F32, Ev, Wv, V, C, O * k, false, true, false);
  const P = Q.permute([2, 0, 1]).contiguous(); // (k, V, O)
  const Pv = P.storage as F32;
  if (bias) {
    // the bias rides in table 0: every row adds exactly one of its rows
    const b = bias.flat() as F32;
    for (let v = 0; v < V; v++) K.add(Pv.subarray(v * O, (v + 1) * O), Pv.subarray(v * O, (v + 1) * O), b, O);
  }
  const out = Tensor.output([N, O]);
  K.embeddingSum(out.storage as F32, Pv, ids, N, k, V, O);
  const inputs = bias ? [E, W, bias] : [E, W];
  return record(out, "EmbeddingLinearBackward", inputs, (g) => {
    const dP = Tensor.empty([k, V, O]);
    const dPv = dP.storage as F32;
    K.embeddingSumBackward(dPv, g.flat() as F32, ids, N, k, V, O);
    const dQ = dP.permute([1, 2, 0]).contiguous().storage as F32; // (V, O, k)
    const grads: (Tensor | null)[] = [];
    // dE (V, C) = dQ (V, O·k) · Wr (O·k, C);  dWr (O·k, C) = dQᵀ · E
    const eInto = leafGradBuffer(E);
    const dE = E.requiresGrad && !eInto ? Tensor.empty([V, C]) : null;
    if (E.requiresGrad) K.matmul(eInto ?? (dE!.storage as F32), dQ, Wv, V, O * k, C, false, false, true);
    grads.push(dE);
    const wInto = leafGradBuffer(W);
    const dW = W.requiresGrad && !wInto ? Tensor.empty(W.shape) : null;
    if (W.requiresGrad) K.matmul(wInto ?? (dW!.storage as F32), dQ, Ev, O * k, V, C, true, false, true);
    grads.push(dW);
    if (bias) {
      // every row's gradient passed through table 0 once: db = Σ_v dP_0[v]
      const bInto = leafGradBuffer(bias);
      const db = bias.requiresGrad ? Tensor.output([O]) : null;
      if (db) K.columnSums(db.storage as F32, dPv.subarray(0, V * O), V, O);
      if (db && bInto) {
        K.add(bInto, bInto, db.storage as F32, O); // the parameter's own gradient buffer takes it in place
        grads.push(null);
      } else grads.push(db);
    }
    return grads;
  });
}
